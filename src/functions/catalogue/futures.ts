/**
 * The futures life cycle: OVERLAY.TRANCHES (staging a trade) and COSTCOMPARE (futures against physical).
 * Thin: parse the arguments, call the engine, lay out the spill.
 */
import { argChoice, argNumber, argOptionalNumber } from "../../engine/core/cells";
import { costCompare } from "../../engine/leverage/implementationCost";
import { MAX_DATE_SERIAL, MAX_TRANCHES, TRANCHE_SHAPES, tranches as tranchesEngine } from "../../engine/tilts/tranches";
import { run, spill } from "../excel";
import { FunctionDef, entry } from "../def";

/**
 * Staged tranche schedule. Sizes add up exactly to total; a whole-number total gives whole-number sizes (the units left over go to the earliest tranches: 10 in 3 = 4, 3, 3). Shape "front" declines linearly: tranche k of n gets (n - k + 1) / (n(n+1)/2) of the total (4 tranches: 40%, 30%, 20%, 10%).
 * @customfunction TRANCHES
 * @param {any} total Total size to put on (contracts or base currency; negative to sell).
 * @param {any} count Number of tranches, a whole number from 1 to 10000.
 * @param {any} [start] Date of the first tranche, an Excel date serial. Default: none, and Date shows the day offset from the first tranche (0, 7, 14, ...).
 * @param {any} [intervalDays] Calendar days between tranches, a whole number >= 0. Default 7 (weekly).
 * @param {any} [shape] "equal" (default) or "front" (front-loaded, linearly declining).
 * @returns {any[][]} Table: Tranche, Date, Size, Cumulative.
 */
export function tranches(total: any, count: any, start?: any, intervalDays?: any, shape?: any) {
  return run(() => {
    const t = argNumber(total, "total", { min: -1e15, max: 1e15 });
    const n = argNumber(count, "count", { min: 1, max: MAX_TRANCHES, integer: true });
    const s = argOptionalNumber(start, "start", { min: 0, max: MAX_DATE_SERIAL });
    const d = argNumber(intervalDays, "intervalDays", { default: 7, min: 0, max: 36500, integer: true });
    const rows = tranchesEngine(t, n, argChoice(shape, "shape", TRANCHE_SHAPES, "equal"), s, d);
    return spill(
      ["Tranche", "Date", "Size", "Cumulative"],
      rows.map((r) => [r.tranche, r.date, r.size, r.cumulative]),
    );
  });
}

/**
 * Implementation cost of an exposure through futures against buying it physically. Trading cost = notional x bps / 10000 (round trip). Holding cost: 0 for physical (costs common to both routes are left out); for futures notional x rollBps / 10000 x years. Capital required: the notional for physical, notional x marginRate for futures. A Difference row gives futures minus physical.
 * @customfunction COSTCOMPARE
 * @param {any} notional Exposure, base currency (>= 0).
 * @param {any} physicalBps Round-trip cost of trading the physical assets, bp of notional.
 * @param {any} futuresBps Round-trip cost of trading the futures, bp of notional.
 * @param {any} [marginRate] Initial margin as a fraction of notional. Default 0.05.
 * @param {any} [years] Holding period in years. Default 1.
 * @param {any} [rollBps] Cost of rolling the futures, bp of notional a year (roll trades plus the futures' richness to fair value; negative when rolling earns). Default 4 x futuresBps (quarterly rolls).
 * @returns {any[][]} Table: Route (Physical, Futures, Difference), Trading cost, Holding cost, Total cost, Capital required.
 */
export function costcompare(notional: any, physicalBps: any, futuresBps: any, marginRate?: any, years?: any, rollBps?: any) {
  return run(() => {
    const rows = costCompare({
      notional: argNumber(notional, "notional", { min: 0, max: 1e15 }),
      physicalBps: argNumber(physicalBps, "physicalBps", { min: 0, max: 10000 }),
      futuresBps: argNumber(futuresBps, "futuresBps", { min: 0, max: 10000 }),
      marginRate: argNumber(marginRate, "marginRate", { default: 0.05, min: 0, max: 1 }),
      years: argNumber(years, "years", { default: 1, min: 0, max: 100 }),
      rollBps: argOptionalNumber(rollBps, "rollBps", { min: -10000, max: 10000 }),
    });
    return spill(
      ["Route", "Trading cost", "Holding cost", "Total cost", "Capital required"],
      rows.map((r) => [r.route, r.tradingCost, r.holdingCost, r.totalCost, r.capitalRequired]),
    );
  });
}

export const FUTURES_FUNCTIONS: FunctionDef[] = [
  entry("TRANCHES", tranches, "total, count, [start], [intervalDays], [shape]"),
  entry("COSTCOMPARE", costcompare, "notional, physicalBps, futuresBps, [marginRate], [years], [rollBps]"),
];
