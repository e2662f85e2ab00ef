/**
 * Periodic cash flows from a time to maturity in years, per 100 face, and their price and DV01 at one yield:
 * the schedule the stress revaluation (stress/revalue.ts) and the book's bond futures (rates/ctdFuture.ts) share.
 *
 *   coupons of 100 x coupon / f every 1/f years back from the maturity T, the first at t_1 = T - (n - 1)/f,
 *   n = ceil(T f), and the redemption with the last:  t_k = t_1 + (k - 1)/f,  A_k = 100 c / f (+ 100 at t_n)
 *   dirty price  P(y) = sum_k A_k (1 + y/f)^(-f t_k)
 *   DV01         = -dP/dy x 1bp = 1bp x sum_k t_k A_k (1 + y/f)^(-f t_k - 1)     (per 100 face, > 0 for a long bond)
 *
 * With T = (N - 1 + DSC/E) / f, Excel's count of periods to maturity (Microsoft's PRICE page: t_k = k - 1 + DSC/E
 * periods), these are Excel's dirty price and bond.ts's DV01 for N > 1 coupons left, exactly.
 */
import { numError } from "../core/errors";

/** Periodic cash flows per 100 face (or per 1 notional): A_k at t_1 + (k - 1)/f years. */
export interface Flows {
  t1: number;
  frequency: number;
  amounts: Float64Array;
}

/** Flows of a bond of `years` to maturity (coupon dates back from maturity every 1/f), per 100 face. */
export function bondFlows(years: number, coupon: number, frequency: number, redemption = 100): Flows {
  if (!(years > 0 && years <= 200)) numError(`years to maturity must be > 0 and <= 200, got ${years}`);
  const n = Math.max(1, Math.ceil(years * frequency - 1e-9));
  const amounts = new Float64Array(n).fill((100 * coupon) / frequency);
  amounts[n - 1] += redemption;
  return { t1: years - (n - 1) / frequency, frequency, amounts };
}

/** Dirty price of the flows at yield y (compounded f times a year): sum_k A_k (1 + y/f)^(-f t_k). */
export function flowsPrice(fl: Flows, y: number): number {
  const f = fl.frequency;
  const v = 1 / (1 + y / f);
  let df = Math.pow(v, f * fl.t1);
  let pv = 0;
  for (let k = 0; k < fl.amounts.length; k++) {
    pv += fl.amounts[k] * df;
    df *= v;
  }
  return pv;
}

/** DV01 of the flows at yield y: -dP/dy x 1bp = 1bp x sum_k t_k A_k (1 + y/f)^(-f t_k - 1). */
export function flowsDv01(fl: Flows, y: number): number {
  const f = fl.frequency;
  const v = 1 / (1 + y / f);
  let df = Math.pow(v, f * fl.t1 + 1);
  let s = 0;
  for (let k = 0; k < fl.amounts.length; k++) {
    s += (fl.t1 + k / f) * fl.amounts[k] * df;
    df *= v;
  }
  return s * 1e-4;
}
