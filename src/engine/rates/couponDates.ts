/**
 * Excel's coupon dates: COUPPCD, COUPNCD, COUPNUM, COUPDAYS, COUPDAYBS, COUPDAYSNC.
 *
 * Coupon dates run backward from maturity in steps of 12/frequency months. Each one keeps the maturity's day
 * of the month, clamped to the last day of a shorter month (a 30-May maturity pays on 28/29-Feb and 30-Aug);
 * when maturity is the last day of its month, every coupon date is the last day of its month (the
 * end-of-month rule: 30-Sep maturity pays on 31-Mar). Sources: Microsoft's COUP* documentation;
 * fsprojects/ExcelFinancialFunctions (daycountbasis.fs, findCouponDates); PHPOffice/PhpSpreadsheet issue 1265
 * and PHPOffice/PHPExcel issue 1184 (Excel's results for end-of-month and clamped maturities).
 *
 * Settlement on a coupon date starts a new period: that date is the previous coupon date (COUPDAYBS = 0).
 */
import { numError } from "../core/errors";
import { Basis, DatePoint, accrualDays, couponPeriodDays, daysToNextCoupon } from "./dayCount";
import { addMonths, formatDate, fromSerial, isLastDayOfMonth, toSerial } from "./excelDate";

export type Frequency = 1 | 2 | 4;

/** A frequency argument as Excel reads it: truncated; 1 (annual), 2 (semiannual) or 4 (quarterly). */
export function toFrequency(x: number, arg = "frequency"): Frequency {
  const f = Math.trunc(x);
  if (f !== 1 && f !== 2 && f !== 4) numError(`${arg} must be 1 (annual), 2 (semiannual) or 4 (quarterly), got ${x}`);
  return f;
}

export interface CouponPeriod {
  settlement: DatePoint;
  maturity: DatePoint;
  /** Previous coupon date (on or before settlement). */
  pcd: DatePoint;
  /** Next coupon date (after settlement). */
  ncd: DatePoint;
  /** Coupons payable between settlement and maturity (COUPNUM). */
  count: number;
  frequency: Frequency;
}

function point(serial: number): DatePoint {
  return { serial, ymd: fromSerial(serial) };
}

/** The coupon date k periods before maturity. */
function couponDate(maturity: DatePoint, months: number, k: number, eom: boolean): DatePoint {
  const ymd = addMonths(maturity.ymd, -k * months, eom);
  return { serial: toSerial(ymd), ymd };
}

/**
 * The coupon period containing settlement. Settlement and maturity are whole Excel serials with
 * settlement < maturity (otherwise #NUM!, as Excel).
 */
export function couponPeriod(settlementSerial: number, maturitySerial: number, frequency: Frequency): CouponPeriod {
  const settlement = point(settlementSerial);
  const maturity = point(maturitySerial);
  if (!(settlementSerial < maturitySerial)) {
    numError(`maturity (${formatDate(maturity.ymd)}) must be after settlement (${formatDate(settlement.ymd)})`);
  }
  const months = 12 / frequency;
  const eom = isLastDayOfMonth(maturity.ymd);
  const monthsApart = (maturity.ymd.y - settlement.ymd.y) * 12 + (maturity.ymd.m - settlement.ymd.m);
  // k = periods from the previous coupon date to maturity: the smallest k >= 1 with date(k) <= settlement.
  let k = Math.max(1, Math.floor(monthsApart / months));
  let pcd = couponDate(maturity, months, k, eom);
  while (pcd.serial > settlementSerial) pcd = couponDate(maturity, months, ++k, eom);
  while (k > 1) {
    const later = couponDate(maturity, months, k - 1, eom);
    if (later.serial > settlementSerial) break;
    k--;
    pcd = later;
  }
  const ncd = k === 1 ? maturity : couponDate(maturity, months, k - 1, eom);
  return { settlement, maturity, pcd, ncd, count: k, frequency };
}

/** COUPPCD: previous coupon date, as a serial. */
export function coupPcd(p: CouponPeriod): number {
  return p.pcd.serial;
}

/** COUPNCD: next coupon date, as a serial. */
export function coupNcd(p: CouponPeriod): number {
  return p.ncd.serial;
}

/** COUPNUM: coupons payable between settlement and maturity. */
export function coupNum(p: CouponPeriod): number {
  return p.count;
}

/** COUPDAYS: days in the coupon period containing settlement (E). */
export function coupDays(p: CouponPeriod, basis: Basis): number {
  return couponPeriodDays(basis, p.pcd, p.ncd, p.frequency);
}

/** COUPDAYBS: days from the start of the coupon period to settlement (A). */
export function coupDaysBs(p: CouponPeriod, basis: Basis): number {
  return accrualDays(basis, p.pcd, p.settlement);
}

/** COUPDAYSNC: days from settlement to the next coupon date. */
export function coupDaysNc(p: CouponPeriod, basis: Basis): number {
  return daysToNextCoupon(basis, p.pcd, p.settlement, p.ncd);
}
