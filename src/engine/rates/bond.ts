/**
 * Fixed-coupon bond analytics with Excel's conventions (PRICE, YIELD, DURATION, MDURATION), per 100 face.
 *
 * With N coupons left, A days accrued and E days in the period (couponDates.ts, dayCount.ts), DSC = E - A,
 * C = 100 x rate / frequency, v = 1 / (1 + yld / frequency) and t_k = k - 1 + DSC / E (Microsoft's PRICE page):
 *
 *   N > 1:  dirty = sum_k C v^t_k + R v^t_N                clean (PRICE) = dirty - C A / E
 *   N = 1:  dirty = (R + C) / (1 + DSC/E x yld/frequency)  (money-market discounting of the last period)
 *   accrued = C A / E
 *   DURATION  = sum_k t_k PV_k / sum_k PV_k / frequency      (Macaulay, years; Microsoft's DURATION page)
 *   MDURATION = DURATION / (1 + yld / frequency)
 *   DV01      = -d(dirty)/d(yld) x 0.0001                    (per 100 face, positive for a long bond)
 *   convexity = d2(dirty)/d(yld)2 / dirty                    (per unit of yield squared)
 *
 * Excel's DURATION and MDURATION have no redemption argument and use R = 100; ours use the redemption given
 * (100 by default), so with the default they are Excel's. DV01 and convexity differentiate the same price
 * formula PRICE uses, so for N > 1 DV01 = MDURATION x dirty / 10000 exactly.
 * Reference implementation: fsprojects/ExcelFinancialFunctions, src/ExcelFinancialFunctions/bonds.fs.
 */
import { brent } from "../core/rootFinding";
import { numError, quote } from "../core/errors";
import { Basis } from "./dayCount";
import { CouponPeriod, Frequency, coupDays, coupDaysBs, couponPeriod } from "./couponDates";

export interface BondTerms {
  /** Settlement and maturity, whole Excel date serials. */
  settlement: number;
  maturity: number;
  /** Annual coupon rate (decimal). */
  rate: number;
  /** Redemption per 100 face. */
  redemption: number;
  frequency: Frequency;
  basis: Basis;
}

export const BOND_MEASURES = ["price", "dirty", "accrued", "duration", "mduration", "dv01", "convexity"] as const;
export type BondMeasure = (typeof BOND_MEASURES)[number];

export interface BondAnalytics {
  price: number;
  dirty: number;
  accrued: number;
  duration: number;
  mduration: number;
  dv01: number;
  convexity: number;
}

/** The pieces of Excel's formula: N, A, E, DSC and the coupon per period. */
interface Setup {
  period: CouponPeriod;
  n: number;
  a: number;
  e: number;
  dsc: number;
  coupon: number;
  f: number;
}

function setup(terms: BondTerms): Setup {
  const period = couponPeriod(terms.settlement, terms.maturity, terms.frequency);
  const e = coupDays(period, terms.basis);
  const a = coupDaysBs(period, terms.basis);
  return { period, n: period.count, a, e, dsc: e - a, coupon: (100 * terms.rate) / terms.frequency, f: terms.frequency };
}

function checkYield(yld: number, f: number): void {
  if (!(yld > -f)) numError(`yld must be greater than -frequency (${-f}), got ${quote(yld)}`);
}

/** Dirty price and its first two derivatives in yield, from Excel's formula. */
function dirtyAndDerivatives(s: Setup, redemption: number, yld: number): { dirty: number; d1: number; d2: number; macaulay: number } {
  const { n, e, dsc, coupon, f } = s;
  const tau = dsc / e;
  if (n === 1) {
    // Last period: money-market discounting, dirty = (R + C) / (1 + tau y / f).
    const cash = redemption + coupon;
    const den = 1 + (tau * yld) / f;
    if (!(den > 0)) numError(`yld ${quote(yld)} gives a non-positive discount factor for the last coupon period`);
    const dirty = cash / den;
    const d1 = (-cash * (tau / f)) / (den * den);
    const d2 = (2 * cash * (tau / f) * (tau / f)) / (den * den * den);
    return { dirty, d1, d2, macaulay: macaulayYears(s, redemption, yld) };
  }
  const v = 1 / (1 + yld / f);
  let pv = 0;
  let sumT = 0;
  let sumTT = 0;
  let vt = Math.pow(v, tau); // v^(k - 1 + tau), k = 1
  for (let k = 1; k <= n; k++) {
    const t = k - 1 + tau;
    const cash = k === n ? coupon + redemption : coupon;
    const p = cash * vt;
    pv += p;
    sumT += t * p;
    sumTT += t * (t + 1) * p;
    vt *= v;
  }
  return { dirty: pv, d1: -(sumT * v) / f, d2: (sumTT * v * v) / (f * f), macaulay: pv === 0 ? 0 : sumT / pv / f };
}

/**
 * Excel's DURATION: Macaulay duration in years, sum_k t_k PV_k / sum_k PV_k / frequency with
 * t_k = k - 1 + DSC/E and compound discounting in every period (Excel does not special-case N = 1 here).
 */
function macaulayYears(s: Setup, redemption: number, yld: number): number {
  const { n, e, dsc, coupon, f } = s;
  const tau = dsc / e;
  const v = 1 / (1 + yld / f);
  let pv = 0;
  let sumT = 0;
  let vt = Math.pow(v, tau);
  for (let k = 1; k <= n; k++) {
    const cash = k === n ? coupon + redemption : coupon;
    pv += cash * vt;
    sumT += (k - 1 + tau) * cash * vt;
    vt *= v;
  }
  return pv === 0 ? 0 : sumT / pv / f;
}

function finite(x: number, what: string): number {
  if (!Number.isFinite(x)) numError(`${what} is not a finite number for these inputs`);
  return x;
}

/** All measures of a bond at a yield. */
export function bondAnalytics(terms: BondTerms, yld: number): BondAnalytics {
  checkYield(yld, terms.frequency);
  const s = setup(terms);
  const accrued = (s.coupon * s.a) / s.e;
  const { dirty, d1, d2, macaulay } = dirtyAndDerivatives(s, terms.redemption, yld);
  const duration = macaulay;
  return {
    price: finite(dirty - accrued, "The price"),
    dirty: finite(dirty, "The dirty price"),
    accrued: finite(accrued, "The accrued interest"),
    duration: finite(duration, "The duration"),
    mduration: finite(duration / (1 + yld / terms.frequency), "The modified duration"),
    dv01: finite(-d1 * 1e-4, "The DV01"),
    convexity: dirty === 0 ? 0 : finite(d2 / dirty, "The convexity"),
  };
}

/** Excel's PRICE: clean price per 100 face. */
export function bondPrice(terms: BondTerms, yld: number): number {
  return bondAnalytics(terms, yld).price;
}

/**
 * Excel's YIELD: the yield that reproduces a clean price. With one coupon left it is Excel's closed form
 * ((R/100 + rate/f) - (price/100 + A/E x rate/f)) / (price/100 + A/E x rate/f) x f E / DSC; otherwise the
 * root of PRICE(yld) = price (Brent's method, to 1e-12).
 */
export function bondYield(terms: BondTerms, price: number): number {
  if (!(price > 0)) numError(`price must be > 0, got ${quote(price)}`);
  const s = setup(terms);
  const f = terms.frequency;
  if (s.n === 1) {
    if (s.dsc === 0)
      numError(
        "YIELD: with DSC = E - A = 0 days (settlement at the end of the last period on this basis) the price does not depend on the yield",
      );
    const accruedFrac = (s.a / s.e) * (terms.rate / f);
    const num = terms.redemption / 100 + terms.rate / f - (price / 100 + accruedFrac);
    const den = price / 100 + accruedFrac;
    return ((num / den) * f * s.e) / s.dsc;
  }
  const accrued = (s.coupon * s.a) / s.e;
  const g = (y: number) => dirtyAndDerivatives(s, terms.redemption, y).dirty - accrued - price;
  // The price falls as the yield rises. Near -frequency the price of a long bond overflows; start the bracket at
  // the lowest yield whose price is finite (bisected between there and 0, where the price is finite).
  let lo = -f * 0.999;
  if (!Number.isFinite(g(lo))) {
    let bad = lo;
    let good = 0;
    for (let i = 0; i < 80; i++) {
      const mid = (bad + good) / 2;
      if (Number.isFinite(g(mid))) good = mid;
      else bad = mid;
    }
    lo = good;
  }
  let hi = 1;
  while (g(hi) > 0 && hi < 1e6) hi *= 4;
  return brent(g, lo, hi, { xTol: 1e-13, what: `YIELD: no yield between ${lo} and ${hi} gives the price ${price}` });
}

export function bondMeasure(terms: BondTerms, yld: number, measure: BondMeasure): number {
  return bondAnalytics(terms, yld)[measure];
}
