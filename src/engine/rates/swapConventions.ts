/**
 * Swap conventions by index: the fixed leg's payment frequency and day count as the market quotes the swap.
 *
 *   index      currency  fixed leg              floating leg
 *   SOFR       USD       annual, Act/360        SOFR compounded in arrears, annual, Act/360
 *   ESTR       EUR       annual, Act/360        €STR compounded, annual, Act/360
 *   SONIA      GBP       annual, Act/365F       SONIA compounded, annual, Act/365F
 *   TONA       JPY       annual, Act/365F       TONA compounded, annual, Act/365F
 *   SARON      CHF       annual, Act/360        SARON compounded, annual, Act/360
 *   EURIBOR6M  EUR       annual, 30/360         EURIBOR 6M, semiannual, Act/360
 *   SIMPLE     -         `frequency` a year, accrual in plain year fractions (1/frequency): the textbook swap
 *
 * Source: OpenGamma Strata, StandardFixedOvernightSwapConventions (USD_FIXED_1Y_SOFR_OIS, EUR_FIXED_1Y_ESTR_OIS,
 * GBP_FIXED_1Y_SONIA_OIS, JPY_FIXED_1Y_TONA_OIS, CHF_FIXED_1Y_SARON_OIS) and StandardFixedIborSwapConventions
 * (EUR_FIXED_1Y_EURIBOR_6M, fixed leg 30/360 bond basis), which follow the ISDA definitions and the clearing
 * houses' (LCH SwapClear, CME) standard terms. Business-day adjustment and payment lags are not applied: dates are
 * unadjusted (a few days' difference in accrual, under 0.1bp of par rate).
 *
 * Accrual of a period:
 *   with dates:     Act/360 = days / 360, Act/365F = days / 365, 30/360 = US 30/360 days / 360
 *   without dates:  a period of 1/f years is taken as 365.25/f days, so Act/360 accrues 365.25 / 360 / f,
 *                   Act/365F 365.25 / 365 / f and 30/360 exactly 1/f (SIMPLE: 1/f)
 * Times for discounting are days / 365.25 from the valuation date, the curve's year (both cases agree).
 */
import { normaliseName } from "../core/cells";
import { valueError, quote } from "../core/errors";

export const DAY_COUNTS = ["act/360", "act/365", "30/360", "years"] as const;
export type SwapDayCount = (typeof DAY_COUNTS)[number];

export interface SwapConvention {
  index: string;
  currency: string;
  frequency: 1 | 2 | 4 | 12;
  dayCount: SwapDayCount;
  description: string;
}

export const SWAP_CONVENTIONS: readonly SwapConvention[] = [
  { index: "SOFR", currency: "USD", frequency: 1, dayCount: "act/360", description: "USD SOFR OIS: annual, Act/360" },
  { index: "ESTR", currency: "EUR", frequency: 1, dayCount: "act/360", description: "EUR €STR OIS: annual, Act/360" },
  { index: "SONIA", currency: "GBP", frequency: 1, dayCount: "act/365", description: "GBP SONIA OIS: annual, Act/365F" },
  { index: "TONA", currency: "JPY", frequency: 1, dayCount: "act/365", description: "JPY TONA OIS: annual, Act/365F" },
  { index: "SARON", currency: "CHF", frequency: 1, dayCount: "act/360", description: "CHF SARON OIS: annual, Act/360" },
  { index: "EURIBOR6M", currency: "EUR", frequency: 1, dayCount: "30/360", description: "EUR fixed vs EURIBOR 6M: fixed annual, 30/360" },
  { index: "SIMPLE", currency: "", frequency: 1, dayCount: "years", description: "plain year fractions (1/frequency)" },
];

const ALIASES: Record<string, string> = {
  usdsofr: "SOFR",
  sofrois: "SOFR",
  usdsofrois: "SOFR",
  "€str": "ESTR",
  str: "ESTR",
  eurestr: "ESTR",
  gbpsonia: "SONIA",
  jpytona: "TONA",
  chfsaron: "SARON",
  euribor: "EURIBOR6M",
  eureuribor6m: "EURIBOR6M",
  years: "SIMPLE",
  textbook: "SIMPLE",
};

export function findConvention(name: string, arg = "index"): SwapConvention {
  const key = normaliseName(name);
  const code = ALIASES[key] ?? SWAP_CONVENTIONS.find((c) => normaliseName(c.index) === key)?.index;
  const hit = SWAP_CONVENTIONS.find((c) => c.index === code);
  if (!hit) valueError(`${arg} must be one of ${SWAP_CONVENTIONS.map((c) => c.index).join(", ")}, got ${quote(name)}`, arg);
  return hit;
}

export function toDayCount(name: string, arg = "dayCount"): SwapDayCount {
  const key = normaliseName(name);
  const map: Record<string, SwapDayCount> = {
    act360: "act/360",
    actual360: "act/360",
    a360: "act/360",
    act365: "act/365",
    act365f: "act/365",
    actual365: "act/365",
    actual365fixed: "act/365",
    "30360": "30/360",
    bondbasis: "30/360",
    years: "years",
    simple: "years",
  };
  const hit = map[key];
  if (!hit) valueError(`${arg} must be "act/360", "act/365", "30/360" or "years", got ${quote(name)}`, arg);
  return hit;
}

/** Days in a year of the curve's time axis. */
export const DAYS_PER_YEAR = 365.25;

/** Accrual of a period of `years` (no dates): see the header. */
export function accrualOfYears(years: number, dayCount: SwapDayCount): number {
  if (dayCount === "act/360") return (years * DAYS_PER_YEAR) / 360;
  if (dayCount === "act/365") return (years * DAYS_PER_YEAR) / 365;
  return years;
}
