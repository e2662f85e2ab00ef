/**
 * Tactical tilts and plan-level risk: OVERLAY.TILT, LEVERAGE, TRACKINGERROR. Thin: parse the arguments, call the engine, lay out the spill.
 */
import { argChoice, argMatrix, argNumber, argOptionalNumber } from "../../engine/core/cells";
import { valueError } from "../../engine/core/errors";
import { readFutures } from "../../engine/futures/futures";
import { LeverageReport, leverage as leverageEngine } from "../../engine/leverage/leverage";
import { readCovariance, readWeights, trackingError, validateCovariance } from "../../engine/portfolio/trackingError";
import { TILT_MODES, TiltResult, bindingText, readTilts, tilt as tiltEngine } from "../../engine/tilts/tilt";
import { run, spill } from "../excel";
import { FunctionDef, entry } from "../def";
import { readPlanArgs } from "./book";
import { legSpillRows } from "../legs";

/**
 * Tactical tilt through futures, scaled by ONE factor in [0, 1] (Applied / Requested) so every post-tilt weight stays inside its Min-Max range (or no further outside than it already is) and the gross futures notional stays under maxGross. Contracts are whole, rounded toward zero, so the limits hold after rounding. Funded mode: the tilts must net to zero (within 1e-6; a Cash leg is allowed) and the Cash row absorbs the rounding residual. Levered mode: the net tilt adds exposure.
 * @customfunction TILT
 * @param {any[][]} portfolio Portfolio table: Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay. Weights as decimals.
 * @param {any[][]} futures Futures table: Asset class, Contract, Price, Multiplier; optional Beta, FX, Margin, DV01, Weight (several futures for a class: a basket, Weights adding to 1).
 * @param {any[][]} tilts Tilts table: Asset class, Tilt (a weight, 0.02 = +2% of NAV; negative = underweight).
 * @param {any} [mode] "funded" (default: the legs must net to zero, no leverage) or "levered".
 * @param {any} [maxGross] Cap on the gross futures notional of the tilt (sum of |Notional|), base currency. Default: no cap.
 * @param {any[][]} [positions] Positions table (the book): the synthetic exposure and its funding leg are derived from it.
 * @returns {any[][]} Table: Asset class, Requested, Applied, Binding limit, Contract, Contracts, Notional, Post weight (a class with a basket of futures: one row per future), and a Total row whose Binding limit names the limit that sets the scale ("Equity max", "maxGross" or "none").
 */
export function tilt(portfolio: any[][], futures: any[][], tilts: any[][], mode?: any, maxGross?: any, positions?: any[][]) {
  return run(() => {
    const r = tiltResult(portfolio, futures, tilts, mode, maxGross, positions);
    return spill(
      ["Asset class", "Requested", "Applied", "Binding limit", "Contract", "Contracts", "Notional", "Post weight"],
      [
        ...r.lines.flatMap((l) =>
          legSpillRows(
            [l.assetClass, l.requested, l.applied, l.binding, l.contract, l.contracts ?? "", l.notional ?? "", l.postWeight],
            l.legs,
            { 4: (g) => g.contract, 5: (g) => g.contracts, 6: (g) => g.notional },
          ),
        ),
        ["Total", r.total.requested, r.total.applied, bindingText(r.binding), "", "", r.total.notional, r.total.postWeight],
      ],
    );
  });
}

/** The typed half of TILT: the engine's result and the plan's NAV. */
export function tiltResult(
  portfolio: any[][],
  futures: any[][],
  tilts: any[][],
  mode?: any,
  maxGross?: any,
  positions?: any[][],
): TiltResult & { nav: number } {
  const { plan } = readPlanArgs(portfolio, positions);
  const fut = readFutures(argMatrix(futures, "futures"), plan);
  const requested = readTilts(argMatrix(tilts, "tilts"), plan);
  const r = tiltEngine(plan, fut, requested, {
    mode: argChoice(mode, "mode", TILT_MODES, "funded"),
    maxGross: argOptionalNumber(maxGross, "maxGross", { min: 0, max: 1e15 }),
  });
  return { ...r, nav: plan.nav };
}

/**
 * Plan-level leverage: NAV (all physical market values, Cash included), Physical (non-cash), Synthetic long and short (Overlay of the non-cash classes; the Cash row's Overlay is the futures' funding leg and is left out), Gross exposure (|physical| + |synthetic|), Net exposure (physical + synthetic), Gross and Net leverage (exposure / NAV). A plan fully invested through futures has net leverage 1.0. Status compares the net leverage with [min, max].
 * @customfunction LEVERAGE
 * @param {any[][]} portfolio Portfolio table: Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay (synthetic exposure, base currency).
 * @param {any} [min] Lowest allowed net leverage. Default 0.
 * @param {any} [max] Highest allowed net leverage. Default 1 (no leverage).
 * @param {any} [target] Net leverage to trade to; must lie in [min, max]. Default: trade only back to the nearest bound.
 * @param {any[][]} [positions] Positions table (the book): synthetic long and short per position, delta-adjusted options, DV01-equivalent rate positions, and the 18f-4 adjusted gross notional.
 * @param {any} [valuationDate] Excel date serial, for options given by Expiry.
 * @returns {any[][]} Table Metric, Value: NAV, Physical, Synthetic long, Synthetic short (negative), Gross exposure, Net exposure, Gross leverage, Net leverage, Min, Max, Status (within/over/under), Trade to range (exposure to add, negative to remove, base currency), Funding leg, Unfunded exposure; with positions, Adjusted gross notional (18f-4) and its ratio to NAV.
 */
export function leverage(portfolio: any[][], min?: any, max?: any, target?: any, positions?: any[][], valuationDate?: any) {
  return run(() => {
    const r = leverageResult(portfolio, min, max, target, positions, valuationDate);
    const rows: unknown[][] = [
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
      ["Funding leg", r.funding],
      ["Unfunded exposure", r.unfunded],
    ];
    if (r.grossNotional !== undefined) {
      rows.push(["Adjusted gross notional (18f-4)", r.grossNotional], ["Adjusted gross notional / NAV", r.grossNotionalLeverage ?? 0]);
    }
    return spill(["Metric", "Value"], rows);
  });
}

/** The typed half of LEVERAGE: the engine's report over the effective plan (Portfolio + Positions). */
export function leverageResult(
  portfolio: any[][],
  min?: any,
  max?: any,
  target?: any,
  positions?: any[][],
  valuationDate?: any,
): LeverageReport {
  const { plan, book } = readPlanArgs(portfolio, positions, valuationDate);
  const lo = argNumber(min, "min", { default: 0, min: -100, max: 100 });
  const hi = argNumber(max, "max", { default: 1, min: -100, max: 100 });
  if (lo > hi) valueError(`min must be <= max, got min ${lo} and max ${hi}`, "min");
  const goal = argOptionalNumber(target, "target", { min: -100, max: 100 });
  if (goal !== undefined && (goal < lo || goal > hi))
    valueError(`target must lie within [min, max] = [${lo}, ${hi}], got ${goal}`, "target");
  return leverageEngine(plan, { min: lo, max: hi, target: goal }, book);
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
  return run(() => trackingErrorResult(weights, benchmark, covariance));
}

/** The typed half of TRACKINGERROR: the tracking error. */
export function trackingErrorResult(weights: any[][], benchmark: any[][], covariance: any[][]): number {
  const w = readWeights(argMatrix(weights, "weights"), "weights");
  const b = readWeights(argMatrix(benchmark, "benchmark"), "benchmark");
  const S = validateCovariance(readCovariance(argMatrix(covariance, "covariance")));
  return trackingError(w, b, S);
}

export const TILTS_FUNCTIONS: FunctionDef[] = [
  entry("TILT", tilt, "portfolio#, futures#, tilts#, [mode], [maxGross], [positions#]", tiltResult),
  entry("LEVERAGE", leverage, "portfolio#, [min], [max], [target], [positions#], [valuationDate]", leverageResult),
  entry("TRACKINGERROR", trackingerror, "weights#, benchmark#, covariance#", trackingErrorResult),
];
