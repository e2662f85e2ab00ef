/**
 * Excel's five day-count bases, as its bond functions (PRICE, YIELD, DURATION, the COUP functions) use them.
 *
 *   0  US (NASD) 30/360   days by Excel's 30/360 US rules (last day of February counts as the 30th)
 *   1  actual/actual      actual days; a coupon period is as long as it actually is
 *   2  actual/360         actual days over a 360-day year
 *   3  actual/365         actual days over a 365-day year
 *   4  European 30E/360   day 31 counts as day 30 on either end
 *
 * The rules follow fsprojects/ExcelFinancialFunctions (src/ExcelFinancialFunctions/daycountbasis.fs), which
 * replicates Excel and is tested against Excel's own results, and Microsoft's DAYS360 documentation.
 */
import { numError, quote } from "../core/errors";
import { Ymd, daysInMonth } from "./excelDate";

export type Basis = 0 | 1 | 2 | 3 | 4;

/** A basis argument as Excel reads it: truncated to a whole number, 0 to 4. */
export function toBasis(x: number, arg = "basis"): Basis {
  const b = Math.trunc(x);
  if (!(b >= 0 && b <= 4)) {
    numError(`${arg} must be 0 (US 30/360), 1 (actual/actual), 2 (actual/360), 3 (actual/365) or 4 (European 30/360), got ${quote(x)}`);
  }
  return b as Basis;
}

function isLastDayOfFebruary(date: Ymd): boolean {
  return date.m === 2 && date.d === daysInMonth(date.y, 2);
}

function diff360(sy: number, sm: number, sd: number, ey: number, em: number, ed: number): number {
  return (ey - sy) * 360 + (em - sm) * 30 + (ed - sd);
}

/**
 * US (NASD) 30/360 days from start to end, Excel's bond rules:
 *   end is the last day of February and (start is too, or both ends are adjusted)  -> end day 30;
 *   end day 31 and (start day >= 30, or both ends are adjusted)                    -> end day 30;
 *   start day 31, or start the last day of February                                -> start day 30.
 * `bothEnds` is the variant Excel uses for the length of a whole coupon period (COUPDAYSNC on basis 0).
 */
export function days360US(start: Ymd, end: Ymd, bothEnds = false): number {
  let sd = start.d;
  let ed = end.d;
  if (isLastDayOfFebruary(end) && (isLastDayOfFebruary(start) || bothEnds)) ed = 30;
  if (ed === 31 && (sd >= 30 || bothEnds)) ed = 30;
  if (sd === 31) sd = 30;
  if (isLastDayOfFebruary(start)) sd = 30;
  return diff360(start.y, start.m, sd, end.y, end.m, ed);
}

/** European 30E/360: day 31 is day 30 on both ends. */
export function days360EU(start: Ymd, end: Ymd): number {
  return diff360(start.y, start.m, Math.min(start.d, 30), end.y, end.m, Math.min(end.d, 30));
}

/** A date with its serial: day counts need both. */
export interface DatePoint {
  serial: number;
  ymd: Ymd;
}

/**
 * Days from `start` to `end` as the basis counts them for accrual (Excel's A and DCS): 30/360 on bases 0 and 4,
 * actual days (serial difference) otherwise.
 */
export function accrualDays(basis: Basis, start: DatePoint, end: DatePoint): number {
  if (basis === 0) return days360US(start.ymd, end.ymd);
  if (basis === 4) return days360EU(start.ymd, end.ymd);
  return end.serial - start.serial;
}

/** Days in the coupon period containing settlement (Excel's E, COUPDAYS). */
export function couponPeriodDays(basis: Basis, pcd: DatePoint, ncd: DatePoint, frequency: number): number {
  if (basis === 1) return ncd.serial - pcd.serial;
  return (basis === 3 ? 365 : 360) / frequency;
}

/** Days from settlement to the next coupon date (Excel's COUPDAYSNC). */
export function daysToNextCoupon(basis: Basis, pcd: DatePoint, settlement: DatePoint, ncd: DatePoint): number {
  if (basis === 0) return days360US(pcd.ymd, ncd.ymd, true) - days360US(pcd.ymd, settlement.ymd);
  if (basis === 4) return days360EU(settlement.ymd, ncd.ymd);
  return ncd.serial - settlement.serial;
}
