/**
 * CME Treasury futures: conversion factors, deliverable grades, and the DV01 of one future.
 *
 * Conversion factor (CME Group, "Calculating U.S. Treasury Futures Conversion Factors"): the price of $1 par
 * of the note or bond at a 6% yield, rounded to 4 decimals,
 *
 *   factor = a [ coupon/2 + c + d ] - b
 *   n = whole years from the first day of the delivery month to maturity
 *   z = whole months between n and maturity, rounded down to the nearest quarter (TY, TN, US, UB)
 *       or kept in whole months (TU, Z3N, FV)
 *   v = z if z < 7; otherwise 3 (quarter contracts) or z - 6 (month contracts)
 *   a = 1 / 1.03^(v/6),  b = (coupon/2)(6 - v)/6,  c = 1 / 1.03^(2n) if z < 7 else 1 / 1.03^(2n + 1),
 *   d = (coupon / 0.06)(1 - c)
 *
 * Deliverable grades (CBOT Rulebook chapters 18-21, 26, 40; remaining term counted from the first day of
 * the delivery month unless noted). Only the remaining term is checked: the original term is not an input.
 *   TU  2-Year        >= 1y 9m, and <= 2y from the last day of the delivery month
 *   Z3N 3-Year        >= 2y 9m, and <= 3y from the last day of the delivery month
 *   FV  5-Year        >= 4y 2m (and <= 5y 3m, the longest original term)
 *   TY  10-Year       >= 6y 6m and <= 10y (CME's contract specifications, CBOT Rulebook Chapter 19)
 *   TN  Ultra 10-Year >= 9y 5m and <= 10y
 *   US  T-Bond        >= 15y and < 25y from the March 2011 contract on; >= 15y before (CME Group, Ultra T-Bond
 *                     futures page: "effective with the March 2011 expiry ... at least 15 years, but less than 25")
 *   UB  Ultra T-Bond  >= 25y (and <= 30y, the longest original term); listed from March 2010
 *
 * Contract sizes and codes (CME Group contract specifications): face value $200,000 for TU and Z3N, $100,000 for
 * FV, TY, TN, US and UB; CME Globex codes ZT, Z3N, ZF, ZN, TN, ZB, UB.
 *
 * Futures DV01 through the cheapest-to-deliver: DV01 = ctdDV01 / 100 x contractSize / conversionFactor,
 * ctdDV01 per 100 face (CME Group, "Understanding Treasury Futures", hedge ratios; Hull, "Options, Futures, and
 * Other Derivatives", ch. 6). The same scaling takes the CTD's price to the future's value per contract
 * (perContract: one function for both, used by FUTURESDV01, the book and the stress revaluation).
 */
import { numError, quote, valueError } from "../core/errors";
import { normaliseName } from "../core/cells";
import { Ymd, addMonths, daysInMonth, formatDate, fromSerial, toSerial } from "./excelDate";

export interface TreasuryContract {
  code: string;
  name: string;
  aliases: readonly string[];
  /** 1: z in whole months; 3: z rounded down to a quarter. */
  roundingMonths: 1 | 3;
  /** Face value of one contract (CME contract specifications). */
  contractSize: number;
  /** CME Globex code. */
  globex: string;
}

export const TREASURY_CONTRACTS: readonly TreasuryContract[] = [
  { code: "TU", name: "2-Year T-Note", aliases: ["ZT", "2Y", "2YR"], roundingMonths: 1, contractSize: 200000, globex: "ZT" },
  { code: "Z3N", name: "3-Year T-Note", aliases: ["Z3", "3Y", "3YR"], roundingMonths: 1, contractSize: 200000, globex: "Z3N" },
  { code: "FV", name: "5-Year T-Note", aliases: ["ZF", "5Y", "5YR"], roundingMonths: 1, contractSize: 100000, globex: "ZF" },
  { code: "TY", name: "10-Year T-Note", aliases: ["ZN", "10Y", "10YR"], roundingMonths: 3, contractSize: 100000, globex: "ZN" },
  { code: "TN", name: "Ultra 10-Year T-Note", aliases: ["UXY", "TWN"], roundingMonths: 3, contractSize: 100000, globex: "TN" },
  { code: "US", name: "U.S. Treasury Bond", aliases: ["ZB", "BOND", "30Y"], roundingMonths: 3, contractSize: 100000, globex: "ZB" },
  { code: "UB", name: "Ultra U.S. Treasury Bond", aliases: ["WN", "ULTRA", "UL"], roundingMonths: 3, contractSize: 100000, globex: "UB" },
];

export function findContract(name: string, arg = "contract"): TreasuryContract {
  const key = normaliseName(name);
  const hit = TREASURY_CONTRACTS.find((c) => normaliseName(c.code) === key || c.aliases.some((a) => normaliseName(a) === key));
  if (!hit) {
    valueError(`${arg} must be one of ${TREASURY_CONTRACTS.map((c) => c.code).join(", ")} (CME Treasury futures), got ${quote(name)}`);
  }
  return hit;
}

interface Limit {
  months: number;
  /** Counted from the last day of the delivery month instead of the first. */
  fromLast?: boolean;
  /** Strict (<) upper limit. */
  exclusive?: boolean;
}

interface Grade {
  min: number;
  max: Limit;
  text: string;
}

function gradeOf(code: string, first: Ymd): Grade {
  switch (code) {
    case "TU":
      return {
        min: 21,
        max: { months: 24, fromLast: true },
        text: "at least 1 year 9 months from the first day, and at most 2 years from the last day, of the delivery month",
      };
    case "Z3N":
      return {
        min: 33,
        max: { months: 36, fromLast: true },
        text: "at least 2 years 9 months from the first day, and at most 3 years from the last day, of the delivery month",
      };
    case "FV":
      return {
        min: 50,
        max: { months: 63 },
        text: "between 4 years 2 months and 5 years 3 months from the first day of the delivery month",
      };
    case "TY":
      // CME Group, 10-Year T-Note futures contract specifications (CBOT Rulebook Chapter 19), Grade and Quality:
      // "U.S. Treasury notes with a remaining term to maturity of at least six and a half years, but not more than
      // 10 years, from the first day of the delivery month". No CME notice of a shorter basket was found.
      return { min: 78, max: { months: 120 }, text: "between 6 years 6 months and 10 years from the first day of the delivery month" };
    case "TN":
      return { min: 113, max: { months: 120 }, text: "between 9 years 5 months and 10 years from the first day of the delivery month" };
    case "US":
      // The 25-year cap came with the Ultra bond: "effective with the March 2011 expiry, the deliverable basket for
      // the T-Bond contract will include bonds with remaining terms to maturity of at least 15 years, but less than
      // 25 years" (CME Group, Ultra T-Bond futures page). Before it: at least 15 years, no cap.
      return first.y * 12 + first.m >= 2011 * 12 + 3
        ? {
            min: 180,
            max: { months: 300, exclusive: true },
            text: "at least 15 years and less than 25 years from the first day of the delivery month (from the March 2011 contract on)",
          }
        : {
            min: 180,
            max: { months: 1200 },
            text: "at least 15 years from the first day of the delivery month (before March 2011, when the 25-year cap came with the Ultra bond)",
          };
    default:
      return { min: 300, max: { months: 360 }, text: "between 25 and 30 years from the first day of the delivery month" };
  }
}

export interface ConversionFactorDetail {
  factor: number;
  /** The unrounded factor. */
  exact: number;
  n: number;
  z: number;
  v: number;
}

/**
 * Conversion factor of a note or bond (coupon as a decimal, maturity an Excel serial) for a contract and a
 * delivery month (any Excel serial in that month). Throws #NUM! when the issue is not deliverable.
 */
export function conversionFactor(
  contract: TreasuryContract,
  coupon: number,
  maturitySerial: number,
  deliverySerial: number,
): ConversionFactorDetail {
  if (!(coupon >= 0 && coupon <= 0.25)) {
    numError(`coupon must be an annual rate as a decimal between 0 and 0.25 (4.125% = 0.04125), got ${quote(coupon)}`);
  }
  const maturity = fromSerial(maturitySerial);
  const month = fromSerial(deliverySerial);
  const first: Ymd = { y: month.y, m: month.m, d: 1 };
  const last: Ymd = { y: month.y, m: month.m, d: daysInMonth(month.y, month.m) };
  if (contract.code === "UB" && first.y * 12 + first.m < 2010 * 12 + 3) {
    numError(
      `UB (${contract.name}) was first listed for the March 2010 delivery month; there is no ${formatDate(first).slice(2)} contract`,
    );
  }
  const grade = gradeOf(contract.code, first);
  const matSerial = toSerial(maturity);
  const minDate = addMonths(first, grade.min);
  const maxDate = addMonths(grade.max.fromLast ? last : first, grade.max.months, grade.max.fromLast);
  const maxSerial = toSerial(maxDate);
  const tooLong = grade.max.exclusive ? matSerial >= maxSerial : matSerial > maxSerial;
  if (matSerial < toSerial(minDate) || tooLong) {
    numError(
      `maturity ${formatDate(maturity)} is not deliverable into ${contract.code} (${contract.name}) for the ` +
        `${formatDate(first).slice(2)} delivery month: the remaining term must be ${grade.text}`,
    );
  }
  const months = (maturity.y - first.y) * 12 + (maturity.m - first.m);
  const n = Math.floor(months / 12);
  const z = Math.floor((months - 12 * n) / contract.roundingMonths) * contract.roundingMonths;
  const v = z < 7 ? z : contract.roundingMonths === 3 ? 3 : z - 6;
  const a = 1 / Math.pow(1.03, v / 6);
  const b = (coupon / 2) * ((6 - v) / 6);
  const c = 1 / Math.pow(1.03, z < 7 ? 2 * n : 2 * n + 1);
  const d = (coupon / 0.06) * (1 - c);
  const exact = a * (coupon / 2 + c + d) - b;
  return { factor: Math.round(exact * 1e4 + 1e-7) / 1e4, exact, n, z, v };
}

/**
 * The CME contract a futures ticker names: its first word, as a CME or Globex code or a ticker alias ("UB Mar26",
 * "TYH6", "ZNH26", "TY1", "UXY Jun26"), with a month code and year, or a generic number, after it. Undefined for
 * anything else: the tenor words of findContract ("10Y", "Bond", "Ultra") name contracts, not tickers.
 */
export function contractOfTicker(instrument: string): TreasuryContract | undefined {
  const word = normaliseName(instrument.trim().split(/[\s,;(/]+/)[0] ?? "");
  const isTicker = (a: string) => /^[A-Z]/.test(a) && !["BOND", "ULTRA"].includes(a);
  const named = (key: string) =>
    TREASURY_CONTRACTS.find((c) => [c.code, c.globex, ...c.aliases].some((a) => isTicker(a) && normaliseName(a) === key));
  if (word === "") return undefined;
  const stems = [word, word.replace(/[fghjkmnquvxz]\d{1,2}$/, ""), word.replace(/\d{1,2}$/, "")];
  for (const stem of stems) {
    const hit = stem === "" ? undefined : named(stem);
    if (hit) return hit;
  }
  return undefined;
}

/** A figure per 100 face of the cheapest-to-deliver (its price, its DV01) per contract: x / 100 x contractSize / CF. */
export function perContract(per100: number, conversionFactor: number, contractSize: number): number {
  return ((per100 / 100) * contractSize) / conversionFactor;
}

/** DV01 of one Treasury future: ctdDV01 / 100 x contractSize / conversionFactor. */
export function futuresDv01(ctdDv01Per100: number, factor: number, contractSize = 100000): number {
  if (!(factor > 0)) numError(`conversionFactor must be > 0, got ${quote(factor)}`);
  if (!(contractSize > 0)) numError(`contractSize must be > 0, got ${quote(contractSize)}`);
  const dv01 = perContract(ctdDv01Per100, factor, contractSize);
  if (!Number.isFinite(dv01))
    numError(
      `The futures DV01 overflows for ctdDV01 ${quote(ctdDv01Per100)}, conversionFactor ${quote(factor)}, contractSize ${quote(contractSize)}`,
    );
  return dv01;
}
