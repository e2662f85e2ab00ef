/**
 * Excel date serials (1900 date system) and calendar arithmetic on them.
 *
 * Serial 1 is 1-Jan-1900 and serial 2958465 is 31-Dec-9999. Excel keeps Lotus 1-2-3's fictitious
 * 29-Feb-1900 (serial 60), so for Excel's calendar 1900 is a leap year: serials 1..59 are 1-Jan..28-Feb-1900,
 * 60 is 29-Feb-1900, 61 is 1-Mar-1900 and from there on the serial is the day count from 30-Dec-1899.
 * Day differences between serials are Excel's "actual" day counts (they include the fictitious day, as Excel's do).
 * Calendar conversion: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil / civil_from_days).
 */
import { numError, quote } from "../core/errors";

export interface Ymd {
  y: number;
  m: number; // 1..12
  d: number; // 1..31
}

export const MIN_SERIAL = 1;
export const MAX_SERIAL = 2958465;

/** Leap year in Excel's calendar: Gregorian rules, and 1900 (Excel's fictitious 29-Feb-1900). */
export function isLeapYear(y: number): boolean {
  return y === 1900 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1];
}

export function isLastDayOfMonth(date: Ymd): boolean {
  return date.d === daysInMonth(date.y, date.m);
}

/** Days from 1970-01-01 in the proleptic Gregorian calendar (Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Proleptic Gregorian date of a day count from 1970-01-01 (Hinnant's civil_from_days). */
function civilFromDays(z: number): Ymd {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const EPOCH = daysFromCivil(1899, 12, 30);

/** Excel serial of a calendar date (29-Feb-1900 is serial 60). */
export function toSerial(date: Ymd): number {
  if (date.y === 1900 && date.m === 2 && date.d === 29) return 60;
  const n = daysFromCivil(date.y, date.m, date.d) - EPOCH;
  return n <= 60 ? n - 1 : n;
}

/** Calendar date of a whole Excel serial. */
export function fromSerial(serial: number): Ymd {
  if (serial === 60) return { y: 1900, m: 2, d: 29 };
  return civilFromDays(EPOCH + (serial < 60 ? serial + 1 : serial));
}

/**
 * A date argument as Excel reads it: the serial truncated to a whole day (Excel ignores the time of day),
 * between 1 (1-Jan-1900) and 2958465 (31-Dec-9999).
 */
export function wholeSerial(x: number, arg: string): number {
  const s = Math.trunc(x);
  if (!(s >= MIN_SERIAL && s <= MAX_SERIAL)) {
    numError(`${arg} must be an Excel date serial between ${MIN_SERIAL} (1-Jan-1900) and ${MAX_SERIAL} (31-Dec-9999), got ${quote(x)}`);
  }
  return s;
}

/**
 * The date `months` months after `date` (negative: before), as Excel's EDATE: the day is kept, or clamped to
 * the last day of a shorter month. With `endOfMonth` the result is the last day of its month (EOMONTH).
 */
export function addMonths(date: Ymd, months: number, endOfMonth = false): Ymd {
  const total = date.y * 12 + (date.m - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const last = daysInMonth(y, m);
  return { y, m, d: endOfMonth ? last : Math.min(date.d, last) };
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "15-Feb-2030", for messages. */
export function formatDate(date: Ymd): string {
  return `${date.d}-${MONTH_NAMES[date.m - 1]}-${date.y}`;
}
