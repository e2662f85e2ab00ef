/**
 * Zero curves: zero rates at tenors (years, decimals), linear in the zero rate between tenors and flat outside
 * them (README, Conventions); curveTable.ts reads them from a table of zero rates or of par quotes. Discount factors by compounding:
 *
 *   annual      DF(t) = (1 + r)^-t
 *   semiannual  DF(t) = (1 + r/2)^(-2t)
 *   continuous  DF(t) = exp(-r t)
 *
 * A parallel shift s (PV01 uses s = -1bp) moves every zero rate by s before discounting.
 */
import { numError, valueError } from "../core/errors";

export const COMPOUNDINGS = ["annual", "semiannual", "continuous"] as const;
export type Compounding = (typeof COMPOUNDINGS)[number];

export const ONE_BP = 1e-4;
/** Longest tenor a curve or a cash flow may have, in years. */
export const MAX_YEARS = 500;
/** Bounds on a zero rate: below -50% or above 200% is taken as a typing error (5 for 5%). */
export const MIN_RATE = -0.5;
export const MAX_RATE = 2;

export interface ZeroCurve {
  tenors: number[];
  rates: number[];
  compounding: Compounding;
}

/** A curve from plain numbers (tenors strictly increasing, >= 0). */
export function makeCurve(tenors: number[], rates: number[], compounding: Compounding = "annual", arg = "curve"): ZeroCurve {
  if (tenors.length === 0) valueError(`${arg} has no tenors`);
  if (tenors.length !== rates.length) valueError(`${arg}: ${tenors.length} tenors but ${rates.length} rates`);
  for (let i = 0; i < tenors.length; i++) {
    if (!(tenors[i] >= 0 && tenors[i] <= MAX_YEARS))
      numError(`${arg} tenor ${i + 1} must be between 0 and ${MAX_YEARS} years, got ${tenors[i]}`);
    if (!(rates[i] >= MIN_RATE && rates[i] <= MAX_RATE))
      numError(`${arg} rate ${i + 1} must be between ${MIN_RATE} and ${MAX_RATE}, got ${rates[i]}`);
    if (i > 0 && !(tenors[i] > tenors[i - 1])) {
      valueError(`${arg}: tenors must be strictly increasing, but tenor ${i + 1} (${tenors[i]}) follows ${tenors[i - 1]}`);
    }
  }
  return { tenors: tenors.slice(), rates: rates.slice(), compounding };
}

/** Index i of the segment [tenors[i], tenors[i+1]] containing t (binary search); -1 below, n-1 above. */
export function segmentOf(tenors: readonly number[], t: number): number {
  const n = tenors.length;
  if (t <= tenors[0]) return -1;
  if (t >= tenors[n - 1]) return n - 1;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (tenors[mid] <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Zero rate at t: linear between tenors, flat before the first and after the last (flat extrapolation). */
export function zeroRate(curve: ZeroCurve, t: number): number {
  const { tenors, rates } = curve;
  const i = segmentOf(tenors, t);
  if (i < 0) return rates[0];
  if (i >= tenors.length - 1) return rates[rates.length - 1];
  const w = (t - tenors[i]) / (tenors[i + 1] - tenors[i]);
  return rates[i] + w * (rates[i + 1] - rates[i]);
}

/** Discount factor for t years at zero rate r under a compounding convention. */
export function discountAt(r: number, t: number, compounding: Compounding): number {
  if (compounding === "continuous") return Math.exp(-r * t);
  if (compounding === "semiannual") return Math.pow(1 + r / 2, -2 * t);
  return Math.pow(1 + r, -t);
}

/** Discount factor at t on the curve shifted in parallel by `shift` (decimal). */
export function discount(curve: ZeroCurve, t: number, shift = 0): number {
  return discountAt(zeroRate(curve, t) + shift, t, curve.compounding);
}

/** A curve shifted in parallel by `shift` (decimal). */
export function shiftCurve(curve: ZeroCurve, shift: number): ZeroCurve {
  return { ...curve, rates: curve.rates.map((r) => r + shift) };
}
