/**
 * The futures life cycle: OVERLAY.TRANCHES (staging a trade), CONTRACTDATES (a contract's key dates), ROLLS
 * (the positions that need rolling and their roll trades), ROLLCOST (a calendar spread's implied financing)
 * and COSTCOMPARE (futures against physical). The bodies (areas/futures.ts) load on first use, as a chunk of their own, so the functions bundle Excel loads
 * with the workbook stays small; what Excel sees (the JSDoc) and the registry entries are here.
 * Each function has a typed half (`...Result`) returning the engine's result, and the layout built from it.
 */
import type * as Area from "../areas/futures";
import { lazyArea } from "../excel";
import { FunctionDef, entry } from "../def";

const area = lazyArea("futures life cycle", () => import(/* webpackChunkName: "futures" */ "../areas/futures"));

/**
 * Staged tranche schedule. Sizes add up exactly to total; a whole-number total gives whole-number sizes (the units left over go to the earliest tranches: 10 in 3 = 4, 3, 3). Shape "front" declines linearly: tranche k of n gets (n - k + 1) / (n(n+1)/2) of the total (4 tranches: 40%, 30%, 20%, 10%). With a contract, dates move to the exchange's next business day and a tranche past the contract's last trading day trades the next contract month.
 * @customfunction TRANCHES
 * @param {any} total Total size to put on (contracts or base currency; negative to sell).
 * @param {any} count Number of tranches, a whole number from 1 to 10000.
 * @param {any} [start] Date of the first tranche, an Excel date serial. Default: none, and Date shows the day offset from the first tranche (0, 7, 14, ...).
 * @param {any} [intervalDays] Calendar days between tranches, a whole number >= 0. Default 7 (weekly).
 * @param {any} [shape] "equal" (default) or "front" (front-loaded, linearly declining).
 * @param {any} [contract] The futures contract traded ("ESH6", "ES Mar26"): business days of its exchange, and no tranche after its last trading day (later tranches trade the next contract). Needs start.
 * @returns {any[][]} Table: Tranche, Date, Size, Cumulative (with a contract also Contract and Last trading day).
 */
export async function tranches(total: any, count: any, start?: any, intervalDays?: any, shape?: any, contract?: any) {
  return (await area()).tranches(total, count, start, intervalDays, shape, contract);
}

/**
 * Key dates of a futures contract from its exchange's rules and holiday calendar: last trading day, final settlement or last delivery, first position, first notice and first delivery days (physically delivered contracts), and the conventional roll date.
 * @customfunction CONTRACTDATES
 * @param {any} contract Root and month code ("ESH6", "TYM26", "FGBLU2026") or "ES Mar26"; a bare root ("ES") with asOf is the front contract.
 * @param {any} [asOf] Excel date serial: resolves a one-digit year to the first contract of that letter not yet expired, and a bare root to the front contract. Default: one-digit years are 2020-2029.
 * @returns {any[][]} Table: Field, Value (Contract, Name, Exchange, Calendar, Multiplier, Last trading day, Final settlement / Last delivery day, First position day, First notice day, First delivery day, Roll date, Next contract).
 */
export async function contractdates(contract: any, asOf?: any) {
  return (await area()).contractdates(contract, asOf);
}

/**
 * The futures positions to roll within a window, each as a calendar spread on its contract's conventional roll date, and with a calendar-spread quote the roll's implied financing against the cash rate.
 * @customfunction ROLLS
 * @param {any[][]} positions Positions: the book's table (its futures rows) or Contract, Quantity, optional Id, Multiplier. A bare root ("ES") is the front contract on asOf.
 * @param {any} asOf Excel date serial of today.
 * @param {any} [windowDays] Roll dates within this many calendar days are due. Default 30.
 * @param {any[][]} [spreads] Calendar-spread quotes: Contract (the held one), Price (front), Spread (back minus front, points), optional Dividends (index points between the two settlements).
 * @param {any} [cashRate] Cash rate, decimal, Act/360 simple (required with spreads).
 * @returns {any[][]} Table: Id, Held, Quantity, Roll date, Last trading day, Status, Spread trade, Into, Days, Implied financing, Over cash (bp), Financing cost.
 */
export async function rolls(positions: any[][], asOf: any, windowDays?: any, spreads?: any[][], cashRate?: any) {
  return (await area()).rolls(positions, asOf, windowDays, spreads, cashRate);
}

/**
 * The financing a calendar spread implies: r = ((front + spread + dividends) / front - 1) x 360 / days between the two final settlements, against the cash rate (Act/360), and the roll's cost per contract over cash financing.
 * @customfunction ROLLCOST
 * @param {any} contract The held (front) contract, "ESH6" or "ES Mar26".
 * @param {any} front Price of the front contract.
 * @param {any} spread The calendar spread, back minus front, index points.
 * @param {any} cashRate Cash rate, decimal, Act/360 simple.
 * @param {any} [dividends] Dividends paid between the two settlements, index points. Default 0.
 * @param {any} [asOf] Excel date serial: resolves a one-digit year. Default: 2020-2029.
 * @returns {any[][]} Table: Held, Into, Days, Implied financing, Cash rate, Over cash (bp a year), Cost per contract.
 */
export async function rollcost(contract: any, front: any, spread: any, cashRate: any, dividends?: any, asOf?: any) {
  return (await area()).rollcost(contract, front, spread, cashRate, dividends, asOf);
}

/**
 * Implementation cost of an exposure through futures against buying it physically. Trading cost = notional x bps / 10000 (round trip). Holding cost: 0 for physical (costs common to both routes are left out); for futures the roll trades (notional x rollBps / 10000 x years) plus the implied financing over cash (notional x financingBps / 10000 x years). Capital required: the notional for physical, notional x marginRate for futures. A Difference row gives futures minus physical.
 * @customfunction COSTCOMPARE
 * @param {any} notional Exposure, base currency (>= 0).
 * @param {any} physicalBps Round-trip cost of trading the physical assets, bp of notional.
 * @param {any} futuresBps Round-trip cost of trading the futures, bp of notional.
 * @param {any} [marginRate] Initial margin as a fraction of notional. Default 0.05.
 * @param {any} [years] Holding period in years. Default 1.
 * @param {any} [rollBps] Cost of the roll trades, bp of notional a year. Default rollsPerYear x futuresBps.
 * @param {any} [financingBps] The futures' implied financing over the cash rate, bp a year (OVERLAY.ROLLCOST's Over cash); negative when rolling earns. Default 0.
 * @param {any} [rollsPerYear] Rolls a year for the default rollBps. Default 4 (quarterly).
 * @returns {any[][]} Table: Route (Physical, Futures, Difference), Trading cost, Roll trades, Financing over cash, Holding cost, Total cost, Capital required.
 */
export async function costcompare(
  notional: any,
  physicalBps: any,
  futuresBps: any,
  marginRate?: any,
  years?: any,
  rollBps?: any,
  financingBps?: any,
  rollsPerYear?: any,
) {
  return (await area()).costcompare(notional, physicalBps, futuresBps, marginRate, years, rollBps, financingBps, rollsPerYear);
}

export const FUTURES_FUNCTIONS: FunctionDef[] = [
  entry(
    "TRANCHES",
    tranches,
    "total, count, [start], [intervalDays], [shape], [contract]",
    async (...a: Parameters<typeof Area.tranchesResult>) => (await area()).tranchesResult(...a),
  ),
  entry("CONTRACTDATES", contractdates, "contract, [asOf]", async (...a: Parameters<typeof Area.contractDatesResult>) =>
    (await area()).contractDatesResult(...a),
  ),
  entry("ROLLS", rolls, "positions#, asOf, [windowDays], [spreads#], [cashRate]", async (...a: Parameters<typeof Area.rollsResult>) =>
    (await area()).rollsResult(...a),
  ),
  entry(
    "ROLLCOST",
    rollcost,
    "contract, front, spread, cashRate, [dividends], [asOf]",
    async (...a: Parameters<typeof Area.rollCostResult>) => (await area()).rollCostResult(...a),
  ),
  entry(
    "COSTCOMPARE",
    costcompare,
    "notional, physicalBps, futuresBps, [marginRate], [years], [rollBps], [financingBps], [rollsPerYear]",
    async (...a: Parameters<typeof Area.costCompareResult>) => (await area()).costCompareResult(...a),
  ),
];
