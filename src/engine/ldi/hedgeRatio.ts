/**
 * Interest-rate hedge ratios of a defined-benefit plan: asset PV01 / liability PV01, in total and per key
 * tenor (asset KR01 / liability KR01), with PV01 and KR01 as the README's Conventions define them
 * (rates/cashflows.ts, rates/keyRates.ts). A ratio of 1 means the assets' value moves with the liabilities'
 * for that rate move; 0.8 is an 80% hedge.
 */
import { Matrix, cellToNumber, checkNumber } from "../core/cells";
import { OverlayError, numError, quote } from "../core/errors";
import { CashFlows, pv01, readCashFlows } from "../rates/cashflows";
import { ZeroCurve } from "../rates/curve";
import { keyRate01s } from "../rates/keyRates";

/** assets / liabilities; #DIV/0! when the liability PV01 is zero. */
export function hedgeRatio(assetPv01: number, liabilityPv01: number): number {
  if (liabilityPv01 === 0)
    throw new OverlayError("div0", `liabilities: the liability PV01 is zero, so there is no hedge ratio (assets PV01 ${quote(assetPv01)})`);
  const ratio = assetPv01 / liabilityPv01;
  // A tiny liability PV01 (a denormal, or one far below the assets') gives a ratio no mandate can mean.
  if (!Number.isFinite(ratio) || Math.abs(ratio) > MAX_RATIO) {
    numError(
      `liabilities: the liability PV01 (${quote(liabilityPv01)}) is too small against the assets' (${quote(assetPv01)}) ` +
        `for a hedge ratio: it would exceed ${MAX_RATIO.toExponential(0)} in size`,
      "liabilities",
    );
  }
  return ratio;
}

/** Largest hedge ratio reported in size: beyond it the liability side is numerically nothing. */
export const MAX_RATIO = 1e6;

/** A ratio, or undefined where the liability exposure is (numerically) zero. */
export function ratioOrUndefined(asset: number, liability: number, scale: number): number | undefined {
  return Math.abs(liability) <= 1e-12 * scale || liability === 0 ? undefined : asset / liability;
}

export interface KeyRateHedgeRow {
  tenor: number;
  asset: number;
  liability: number;
  /** Asset KR01 / liability KR01; undefined where the liability has no exposure at that key. */
  ratio: number | undefined;
}

export interface KeyRateHedge {
  rows: KeyRateHedgeRow[];
  assetPv01: number;
  liabilityPv01: number;
  ratio: number | undefined;
}

export function keyRateHedgeRatios(assets: CashFlows, liabilities: CashFlows, curve: ZeroCurve, keys: readonly number[]): KeyRateHedge {
  const a = keyRate01s(assets, curve, keys);
  const l = keyRate01s(liabilities, curve, keys);
  const scale = Math.max(...l.map(Math.abs), 0);
  const assetPv01 = pv01(assets, curve);
  const liabilityPv01 = pv01(liabilities, curve);
  return {
    rows: keys.map((tenor, k) => ({ tenor, asset: a[k], liability: l[k], ratio: ratioOrUndefined(a[k], l[k], scale) })),
    assetPv01,
    liabilityPv01,
    ratio: ratioOrUndefined(assetPv01, liabilityPv01, Math.abs(liabilityPv01)),
  };
}

/**
 * A side of the hedge ratio: a single number (a PV01, base currency) given as a value or a 1x1 range, or a
 * `Time | Amount` cash-flow table.
 */
export function readPv01OrCashFlows(matrix: Matrix, arg: string): { pv01: number } | { cashflows: CashFlows } {
  if (matrix.length === 1 && matrix[0].length === 1) {
    const x = cellToNumber(matrix[0][0]);
    if (x !== undefined) return { pv01: checkNumber(x, arg, { min: -1e15, max: 1e15 }) };
  }
  return { cashflows: readCashFlows(matrix, arg) };
}
