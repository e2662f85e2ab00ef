/**
 * Fixed-for-floating interest-rate swaps priced on one zero curve (the curve both projects and discounts, so the
 * floating leg from its start s to maturity T is worth DF(s) - DF(T) per 1 of notional: Hull, "Options, Futures,
 * and Other Derivatives", valuation of swaps in terms of bonds).
 *
 * Fixed leg (conventions by index in swapConventions.ts): payment times t_i with accruals alpha_i,
 *   without dates: t_i = T - (n - i)/f, i = 1..n, n = ceil(T f) (a short first period when T f is not whole),
 *                  alpha_i = the day count's accrual of (t_i - t_(i-1)) years;
 *   with dates:    every 12/f months from the effective date (unadjusted; end-of-month kept), maturity the
 *                  effective date plus the tenor; periods paid on or before the valuation date are dropped;
 *                  alpha_i by the day count on the dates, t_i = days from the valuation date / 365.25.
 *
 *   annuity A     = sum_i alpha_i DF(t_i)
 *   par rate      = (DF(s) - DF(T)) / A
 *   receive-fixed PV at K, per 1 notional = K A - (DF(s) - DF(T))
 *   PV01 (receive fixed, per 1 notional)  = PV(curve - 1bp) - PV(curve) at the same K: positive
 *
 * As cash flows (for key rates under the liabilities' own bump): K alpha_i at t_i, +1 at T, -1 at s. A seasoned
 * swap (effective before the valuation date) has s = 0: its current floating period is valued at par, DF(0) = 1
 * (the floating interest accrued so far does not move with the curve and is left out of the PV).
 */
import { numError } from "../core/errors";
import { ONE_BP, ZeroCurve, discount } from "./curve";
import { CashFlows } from "./cashflows";
import { days360US } from "./dayCount";
import { addMonths, fromSerial, isLastDayOfMonth, toSerial } from "./excelDate";
import { DAYS_PER_YEAR, SwapDayCount, accrualOfYears } from "./swapConventions";

export const SWAP_MEASURES = ["rate", "pv", "pv01"] as const;
export type SwapMeasure = (typeof SWAP_MEASURES)[number];
export const SWAP_FREQUENCIES = [1, 2, 4, 12] as const;
export const MAX_SWAP_YEARS = 100;

export interface SwapTerms {
  tenor: number;
  frequency: number;
  dayCount: SwapDayCount;
  /** Valuation and effective dates (Excel serials); omitted: no dates, the swap starts now. */
  valuation?: number;
  effective?: number;
}

export interface SwapSchedule {
  /** Fixed payment times in years from the valuation date. */
  times: number[];
  /** Fixed-leg accrual of each period under the day count. */
  accruals: number[];
  /** Floating leg start (years; 0 when spot or seasoned) and end. */
  start: number;
  end: number;
}

function checkTerms(t: SwapTerms): void {
  if (!(t.tenor > 0 && t.tenor <= MAX_SWAP_YEARS)) numError(`tenor must be > 0 and <= ${MAX_SWAP_YEARS} years, got ${t.tenor}`, "tenor");
  if (!(SWAP_FREQUENCIES as readonly number[]).includes(t.frequency)) {
    numError(`frequency must be 1, 2, 4 or 12 fixed payments a year, got ${t.frequency}`, "frequency");
  }
}

export function swapSchedule(terms: SwapTerms): SwapSchedule {
  checkTerms(terms);
  return terms.valuation === undefined ? undatedSchedule(terms) : datedSchedule(terms, terms.valuation, terms.effective ?? terms.valuation);
}

function undatedSchedule({ tenor, frequency, dayCount }: SwapTerms): SwapSchedule {
  const n = Math.max(1, Math.ceil(tenor * frequency - 1e-9));
  const times: number[] = [];
  const accruals: number[] = [];
  let prev = 0;
  for (let i = 1; i <= n; i++) {
    const t = i === n ? tenor : tenor - (n - i) / frequency;
    times.push(t);
    accruals.push(accrualOfYears(t - prev, dayCount));
    prev = t;
  }
  return { times, accruals, start: 0, end: tenor };
}

function dayAccrual(a: number, b: number, dayCount: SwapDayCount): number {
  if (dayCount === "act/360") return (b - a) / 360;
  if (dayCount === "act/365") return (b - a) / 365;
  if (dayCount === "30/360") return days360US(fromSerial(a), fromSerial(b)) / 360;
  return (b - a) / DAYS_PER_YEAR;
}

function datedSchedule({ tenor, frequency, dayCount }: SwapTerms, valuation: number, effective: number): SwapSchedule {
  const months = Math.round(tenor * 12);
  if (months < 1) numError(`tenor must be at least one month with dates, got ${tenor} years`, "tenor");
  const eff = fromSerial(effective);
  const eom = isLastDayOfMonth(eff);
  const step = 12 / frequency;
  const maturity = toSerial(addMonths(eff, months, eom));
  if (!(maturity > valuation))
    numError(`the swap matured before the valuation date (maturity ${maturity}, valuation ${valuation})`, "effectiveDate");
  const dates: number[] = [effective];
  for (let k = 1; k * step < months; k++) dates.push(toSerial(addMonths(eff, k * step, eom)));
  dates.push(maturity);
  const times: number[] = [];
  const accruals: number[] = [];
  for (let i = 1; i < dates.length; i++) {
    if (dates[i] <= valuation) continue;
    times.push((dates[i] - valuation) / DAYS_PER_YEAR);
    accruals.push(dayAccrual(dates[i - 1], dates[i], dayCount));
  }
  return { times, accruals, start: Math.max(0, (effective - valuation) / DAYS_PER_YEAR), end: (maturity - valuation) / DAYS_PER_YEAR };
}

function annuityAndFloat(curve: ZeroCurve, s: SwapSchedule, shift: number): { annuity: number; floating: number } {
  let annuity = 0;
  for (let i = 0; i < s.times.length; i++) annuity += s.accruals[i] * discount(curve, s.times[i], shift);
  const floating = discount(curve, s.start, shift) - discount(curve, s.end, shift);
  return { annuity, floating };
}

/** Par swap rate. */
export function parSwapRate(curve: ZeroCurve, terms: SwapTerms): number {
  const { annuity, floating } = annuityAndFloat(curve, swapSchedule(terms), 0);
  return floating / annuity;
}

/** Receive-fixed PV per 1 of notional at fixed rate K, on the curve shifted by `shift`. */
export function swapPv(curve: ZeroCurve, terms: SwapTerms, fixedRate: number, shift = 0): number {
  const { annuity, floating } = annuityAndFloat(curve, swapSchedule(terms), shift);
  return fixedRate * annuity - floating;
}

/** Receive-fixed PV01 per 1 of notional: PV(curve - 1bp) - PV(curve) at fixed rate K. */
export function swapPv01(curve: ZeroCurve, terms: SwapTerms, fixedRate: number): number {
  return swapPv(curve, terms, fixedRate, -ONE_BP) - swapPv(curve, terms, fixedRate);
}

/** The receive-fixed swap per 1 of notional as cash flows: K alpha_i at t_i, +1 at T, -1 at the floating start. */
export function swapCashFlows(terms: SwapTerms, fixedRate: number): CashFlows {
  const s = swapSchedule(terms);
  const times = [...s.times, s.end, s.start];
  const amounts = [...s.accruals.map((a) => fixedRate * a), 1, -1];
  return { times, amounts };
}

export function swapMeasure(curve: ZeroCurve, measure: SwapMeasure, terms: SwapTerms, fixedRate?: number): number {
  const par = parSwapRate(curve, terms);
  if (measure === "rate") return par;
  const k = fixedRate ?? par;
  return measure === "pv" ? swapPv(curve, terms, k) : swapPv01(curve, terms, k);
}
