/**
 * Vanilla fixed-for-floating interest-rate swaps priced on one zero curve (the curve both projects and
 * discounts, so the floating leg is worth 1 - DF(T) per 1 of notional: Hull, "Options, Futures, and Other
 * Derivatives", valuation of swaps in terms of bonds).
 *
 * Fixed payment dates run backward from the tenor T every 1/f years: t_i = T - (n - i)/f, i = 1..n,
 * n = ceil(T f); accrual tau_i = t_i - t_(i-1) with t_0 = 0 (a short first period when T f is not whole).
 *
 *   annuity A     = sum_i tau_i DF(t_i)
 *   par rate      = (1 - DF(T)) / A
 *   receive-fixed PV at K, per 1 notional = K A - (1 - DF(T))
 *   PV01 (receive fixed, per 1 notional)  = PV(curve - 1bp) - PV(curve) at the same K: positive
 */
import { numError } from "../core/errors";
import { ONE_BP, ZeroCurve, discount } from "./curve";

export const SWAP_MEASURES = ["rate", "pv", "pv01"] as const;
export type SwapMeasure = (typeof SWAP_MEASURES)[number];
export const SWAP_FREQUENCIES = [1, 2, 4, 12] as const;
export const MAX_SWAP_YEARS = 100;

export interface SwapSchedule {
  times: number[];
  accruals: number[];
}

export function swapSchedule(tenor: number, frequency: number): SwapSchedule {
  if (!(tenor > 0 && tenor <= MAX_SWAP_YEARS)) numError(`tenor must be > 0 and <= ${MAX_SWAP_YEARS} years, got ${tenor}`);
  if (!(SWAP_FREQUENCIES as readonly number[]).includes(frequency)) {
    numError(`frequency must be 1, 2, 4 or 12 fixed payments a year, got ${frequency}`);
  }
  const n = Math.max(1, Math.ceil(tenor * frequency - 1e-9));
  const times: number[] = [];
  const accruals: number[] = [];
  let prev = 0;
  for (let i = 1; i <= n; i++) {
    const t = i === n ? tenor : tenor - (n - i) / frequency;
    times.push(t);
    accruals.push(t - prev);
    prev = t;
  }
  return { times, accruals };
}

function annuityAndFloat(curve: ZeroCurve, s: SwapSchedule, shift: number): { annuity: number; floating: number } {
  let annuity = 0;
  for (let i = 0; i < s.times.length; i++) annuity += s.accruals[i] * discount(curve, s.times[i], shift);
  const floating = 1 - discount(curve, s.times[s.times.length - 1], shift);
  return { annuity, floating };
}

/** Par swap rate. */
export function parSwapRate(curve: ZeroCurve, tenor: number, frequency = 1): number {
  const { annuity, floating } = annuityAndFloat(curve, swapSchedule(tenor, frequency), 0);
  return floating / annuity;
}

/** Receive-fixed PV per 1 of notional at fixed rate K, on the curve shifted by `shift`. */
export function swapPv(curve: ZeroCurve, tenor: number, frequency: number, fixedRate: number, shift = 0): number {
  const { annuity, floating } = annuityAndFloat(curve, swapSchedule(tenor, frequency), shift);
  return fixedRate * annuity - floating;
}

/** Receive-fixed PV01 per 1 of notional: PV(curve - 1bp) - PV(curve) at fixed rate K. */
export function swapPv01(curve: ZeroCurve, tenor: number, frequency: number, fixedRate: number): number {
  return swapPv(curve, tenor, frequency, fixedRate, -ONE_BP) - swapPv(curve, tenor, frequency, fixedRate);
}

export function swapMeasure(curve: ZeroCurve, measure: SwapMeasure, tenor: number, frequency = 1, fixedRate?: number): number {
  const par = parSwapRate(curve, tenor, frequency);
  if (measure === "rate") return par;
  const k = fixedRate ?? par;
  return measure === "pv" ? swapPv(curve, tenor, frequency, k) : swapPv01(curve, tenor, frequency, k);
}
