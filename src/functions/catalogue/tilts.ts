/**
 * Tactical tilts, leverage and liquidity: OVERLAY.TILT, TRANCHES, LEVERAGE, LIQUIDITY, COSTCOMPARE,
 * TRACKINGERROR. Thin: parse the arguments, call the engine, lay out the spill.
 */
import { argChoice, argMatrix, argNumber, argOptionalNumber } from "../../engine/core/cells";
import { valueError } from "../../engine/core/errors";
import { readFutures } from "../../engine/futures/futures";
import { costCompare } from "../../engine/leverage/implementationCost";
import { leverage as leverageEngine } from "../../engine/leverage/leverage";
import {
  ExhaustingShock,
  liquidity as liquidityEngine,
  readCollateral,
  readPositions,
  readScenarios,
} from "../../engine/leverage/liquidity";
import { readPortfolio } from "../../engine/portfolio/portfolio";
import { readCovariance, readWeights, trackingError, validateCovariance } from "../../engine/portfolio/trackingError";
import { TILT_MODES, bindingText, readTilts, tilt as tiltEngine } from "../../engine/tilts/tilt";
import { MAX_DATE_SERIAL, MAX_TRANCHES, TRANCHE_SHAPES, tranches as tranchesEngine } from "../../engine/tilts/tranches";
import { run, spill } from "../excel";
import { FunctionDef, entry } from "../def";

/**
 * Tactical tilt through futures, scaled by ONE factor in [0, 1] (Applied / Requested) so every post-tilt weight stays inside its Min-Max range (or no further outside than it already is) and the gross futures notional stays under maxGross. Contracts are whole, rounded toward zero, so the limits hold after rounding. Funded mode: the tilts must net to zero (within 1e-6; a Cash leg is allowed) and the Cash row absorbs the rounding residual. Levered mode: the net tilt adds exposure.
 * @customfunction TILT
 * @param {any[][]} portfolio Portfolio table: Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay. Weights as decimals.
 * @param {any[][]} futures Futures table: Asset class, Contract, Price, Multiplier; optional Beta, FX, Margin.
 * @param {any[][]} tilts Tilts table: Asset class, Tilt (a weight, 0.02 = +2% of NAV; negative = underweight).
 * @param {any} [mode] "funded" (default: the legs must net to zero, no leverage) or "levered".
 * @param {any} [maxGross] Cap on the gross futures notional of the tilt (sum of |Notional|), base currency. Default: no cap.
 * @returns {any[][]} Table: Asset class, Requested, Applied, Binding limit, Contracts, Notional, Post weight, and a Total row whose Binding limit names the limit that sets the scale ("Equity max", "maxGross" or "none").
 */
export function tilt(portfolio: any[][], futures: any[][], tilts: any[][], mode?: any, maxGross?: any) {
  return run(() => {
    const plan = readPortfolio(argMatrix(portfolio, "portfolio"));
    const fut = readFutures(argMatrix(futures, "futures"), plan);
    const requested = readTilts(argMatrix(tilts, "tilts"), plan);
    const r = tiltEngine(plan, fut, requested, {
      mode: argChoice(mode, "mode", TILT_MODES, "funded"),
      maxGross: argOptionalNumber(maxGross, "maxGross", { min: 0, max: 1e15 }),
    });
    return spill(
      ["Asset class", "Requested", "Applied", "Binding limit", "Contracts", "Notional", "Post weight"],
      [
        ...r.lines.map((l) => [l.assetClass, l.requested, l.applied, l.binding, l.contracts ?? "", l.notional ?? "", l.postWeight]),
        ["Total", r.total.requested, r.total.applied, bindingText(r.binding), "", r.total.notional, r.total.postWeight],
      ],
    );
  });
}

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
 * Plan-level leverage: NAV (all physical market values, Cash included), Physical (non-cash), Synthetic long and short (Overlay of the non-cash classes; the Cash row's Overlay is the futures' funding leg and is left out), Gross exposure (|physical| + |synthetic|), Net exposure (physical + synthetic), Gross and Net leverage (exposure / NAV). A plan fully invested through futures has net leverage 1.0. Status compares the net leverage with [min, max].
 * @customfunction LEVERAGE
 * @param {any[][]} portfolio Portfolio table: Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay (synthetic exposure, base currency).
 * @param {any} [min] Lowest allowed net leverage. Default 0.
 * @param {any} [max] Highest allowed net leverage. Default 1 (no leverage).
 * @param {any} [target] Net leverage to trade to; must lie in [min, max]. Default: trade only back to the nearest bound.
 * @returns {any[][]} Table Metric, Value: NAV, Physical, Synthetic long, Synthetic short (negative), Gross exposure, Net exposure, Gross leverage, Net leverage, Min, Max, Status (within/over/under), Trade to range (exposure to add, negative to remove, base currency).
 */
export function leverage(portfolio: any[][], min?: any, max?: any, target?: any) {
  return run(() => {
    const plan = readPortfolio(argMatrix(portfolio, "portfolio"));
    const lo = argNumber(min, "min", { default: 0, min: -100, max: 100 });
    const hi = argNumber(max, "max", { default: 1, min: -100, max: 100 });
    if (lo > hi) valueError(`min must be <= max, got min ${lo} and max ${hi}`);
    const goal = argOptionalNumber(target, "target", { min: -100, max: 100 });
    if (goal !== undefined && (goal < lo || goal > hi)) valueError(`target must lie within [min, max] = [${lo}, ${hi}], got ${goal}`);
    const r = leverageEngine(plan, { min: lo, max: hi, target: goal });
    return spill(
      ["Metric", "Value"],
      [
        ["NAV", r.nav],
        ["Physical", r.physical],
        ["Synthetic long", r.syntheticLong],
        ["Synthetic short", r.syntheticShort],
        ["Gross exposure", r.grossExposure],
        ["Net exposure", r.netExposure],
        ["Gross leverage", r.grossLeverage],
        ["Net leverage", r.netLeverage],
        ["Min", r.min],
        ["Max", r.max],
        ["Status", r.status],
        ["Trade to range", r.tradeToRange],
      ],
    );
  });
}

function exhaustRow(label: string, x: ExhaustingShock, available: number) {
  const c = x.call;
  const coverage = c && c.need > 0 ? available / c.need : undefined;
  return [
    label,
    c ? c.variationMargin : "",
    c ? c.initialMargin : "",
    c ? c.need : "",
    available,
    coverage !== undefined && Number.isFinite(coverage) ? coverage : "",
    x.status,
    x.lastTier ?? "",
    x.shock ?? "",
  ];
}

/**
 * Liquidity stress: margin calls under each scenario against the collateral, tier by tier after haircuts. Loss of a position: Quantity x DV01 x shock (bp) for a rate factor (rows with DV01), -Quantity x Price x Multiplier x shock (a return) otherwise. Variation margin = net loss; Initial margin = |Quantity| x Margin (x the scenario's optional IM multiplier); Need = IM + max(0, VM); Available = Value x (1 - Haircut) summed; Coverage = Available / Need. Two rows at the end give the parallel rate rise (bp) and the equity fall (decimal, 0.35 = 35%, applied to every return factor) that would exhaust the collateral, in the Shock column.
 * @customfunction LIQUIDITY
 * @param {any[][]} positions Positions table: Contract, Quantity (negative = short), Price, Multiplier, Margin (initial margin per unit), Factor (the scenario column that drives it); optional DV01 (per unit per bp, positive for long duration).
 * @param {any[][]} collateral Collateral table: Asset, Value (>= 0); optional Haircut (decimal, default 0), Tier (1 drawn first; default 1).
 * @param {any[][]} scenarios Scenarios table: Scenario, then one column per factor (rate factors in bp, +250 = rates up 2.5%; return factors as returns, -0.3 = a 30% fall); optional IM multiplier (default 1).
 * @returns {any[][]} Table: Scenario, Variation margin, Initial margin, Need, Available, Coverage, Status (covered/short), Last tier (the tier the need reaches), Shock; then the rows "Rate rise to exhaust (bp)" and "Equity fall to exhaust".
 */
export function liquidity(positions: any[][], collateral: any[][], scenarios: any[][]) {
  return run(() => {
    const book = readPositions(argMatrix(positions, "positions"));
    const coll = readCollateral(argMatrix(collateral, "collateral"));
    const sc = readScenarios(argMatrix(scenarios, "scenarios"), book);
    const r = liquidityEngine(book, coll, sc);
    return spill(
      ["Scenario", "Variation margin", "Initial margin", "Need", "Available", "Coverage", "Status", "Last tier", "Shock"],
      [
        ...r.scenarios.map((s) => [
          s.scenario,
          s.variationMargin,
          s.initialMargin,
          s.need,
          s.available,
          s.coverage ?? "",
          s.status,
          s.lastTier ?? "",
          "",
        ]),
        exhaustRow("Rate rise to exhaust (bp)", r.rateRise, r.available),
        exhaustRow("Equity fall to exhaust", r.equityFall, r.available),
      ],
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

/**
 * Ex-ante tracking error sqrt((w - b)' S (w - b)), in the units of the covariance (an annual covariance of returns gives an annual tracking error). The covariance must be square, symmetric (within 1e-8 of its largest entry) and positive semi-definite.
 * @customfunction TRACKINGERROR
 * @param {any[][]} weights Allocation weights, a single row or column (a text header first is skipped).
 * @param {any[][]} benchmark Policy (benchmark) weights, in the same order.
 * @param {any[][]} covariance Covariance matrix of the assets' returns, n x n, optionally with a row and a column of asset names.
 * @returns {any} The tracking error (a standard deviation, e.g. 0.021 = 2.1%).
 */
export function trackingerror(weights: any[][], benchmark: any[][], covariance: any[][]) {
  return run(() => {
    const w = readWeights(argMatrix(weights, "weights"), "weights");
    const b = readWeights(argMatrix(benchmark, "benchmark"), "benchmark");
    const S = validateCovariance(readCovariance(argMatrix(covariance, "covariance")));
    return trackingError(w, b, S);
  });
}

export const TILTS_FUNCTIONS: FunctionDef[] = [
  entry("TILT", tilt, "portfolio#, futures#, tilts#, [mode], [maxGross]"),
  entry("TRANCHES", tranches, "total, count, [start], [intervalDays], [shape]"),
  entry("LEVERAGE", leverage, "portfolio#, [min], [max], [target]"),
  entry("LIQUIDITY", liquidity, "positions#, collateral#, scenarios#"),
  entry("COSTCOMPARE", costcompare, "notional, physicalBps, futuresBps, [marginRate], [years], [rollBps]"),
  entry("TRACKINGERROR", trackingerror, "weights#, benchmark#, covariance#"),
];
