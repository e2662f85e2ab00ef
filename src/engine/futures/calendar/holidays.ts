/**
 * Exchange holiday calendars: the days an exchange is closed for trading, as rules with their sources.
 *
 * The npm holiday libraries (date-holidays and the like) give national public holidays, not exchange
 * calendars: NYSE does not observe a Saturday New Year's Day on the Friday before, Good Friday is no US
 * federal holiday but the US exchanges close, Eurex closes on Christmas Eve and New Year's Eve, which are
 * no public holidays in Germany. So the three calendars an overlay needs are encoded here:
 *
 *   US (CME Group equity index and Treasury futures, ICE Futures US index futures; the NYSE holidays, NYSE
 *       Rule 7.2 and its published holiday list; CME Group's holiday calendar follows them for these products):
 *       New Year's Day, Martin Luther King Jr. Day (3rd Monday of January, from 1998), Washington's Birthday
 *       (3rd Monday of February), Good Friday, Memorial Day (last Monday of May), Juneteenth (19 June, from
 *       2022), Independence Day (4 July), Labor Day (1st Monday of September), Thanksgiving (4th Thursday of
 *       November), Christmas (25 December). A Saturday holiday is observed on the Friday before, a Sunday one
 *       on the Monday after, except New Year's Day on a Saturday, which is not observed (NYSE Rule 7.2).
 *       Unscheduled closures: 11-14 Sep 2001, 11 Jun 2004 (Reagan), 2 Jan 2007 (Ford), 29-30 Oct 2012
 *       (Hurricane Sandy), 5 Dec 2018 (G. H. W. Bush), 9 Jan 2025 (Carter).
 *       (CME's Treasury futures sometimes trade an abbreviated Good Friday session when US payrolls are
 *       published that day; it is not a settlement day and is treated as closed.)
 *   EUREX (Eurex Frankfurt trading calendar): New Year's Day, Good Friday, Easter Monday, Labour Day (1 May),
 *       Christmas Eve, Christmas Day, Boxing Day (26 December), New Year's Eve. No substitutes.
 *   UK (ICE Futures Europe, London: the bank holidays of England and Wales, GOV.UK "Bank holidays"):
 *       New Year's Day, Good Friday, Easter Monday, early May (1st Monday of May), spring (last Monday of May),
 *       summer (last Monday of August), Christmas Day, Boxing Day; a weekend holiday is substituted by the
 *       next weekday not already a holiday. Moved and extra days: 8 May 1995 and 8 May 2020 (VE Day, in place
 *       of the early May Monday), 31 Dec 1999, spring 2002 on 4 Jun with 3 Jun (Golden Jubilee), 29 Apr 2011,
 *       spring 2012 on 4 Jun with 5 Jun (Diamond Jubilee), spring 2022 on 2 Jun with 3 Jun (Platinum
 *       Jubilee), 19 Sep 2022 (state funeral), 8 May 2023 (coronation).
 * Easter Sunday: the anonymous Gregorian algorithm (Meeus, "Astronomical Algorithms", ch. 8).
 *
 * Dates are Excel serials (1900 date system; Saturday = serial mod 7 = 0, Sunday = 1).
 */
import { toSerial } from "../../rates/excelDate";

export const CALENDARS = ["US", "EUREX", "UK"] as const;
export type CalendarId = (typeof CALENDARS)[number];

export const CALENDAR_NAMES: Record<CalendarId, string> = {
  US: "US exchanges (CME Group, ICE Futures US; NYSE holidays)",
  EUREX: "Eurex Frankfurt",
  UK: "ICE Futures Europe (England and Wales bank holidays)",
};

/** 0 Saturday, 1 Sunday, 2 Monday ... 6 Friday (Excel serials after 1 Mar 1900). */
export function weekdayOf(serial: number): number {
  return ((serial % 7) + 7) % 7;
}

export const FRIDAY = 6;
export const WEDNESDAY = 4;
export const THURSDAY = 5;
export const MONDAY = 2;

export function isWeekend(serial: number): boolean {
  return weekdayOf(serial) < 2;
}

/** Easter Sunday of a Gregorian year (Meeus's anonymous algorithm). */
export function easterSunday(y: number): number {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return toSerial({ y, m: month, d: day });
}

/** The n-th (1-based) given weekday of a month; n = -1 for the last. */
export function nthWeekday(y: number, m: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = toSerial({ y, m, d: 1 });
    return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1);
  }
  const last = toSerial({ y: m === 12 ? y + 1 : y, m: m === 12 ? 1 : m + 1, d: 1 }) - 1;
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}

function usObserved(s: number): number {
  const w = weekdayOf(s);
  return w === 0 ? s - 1 : w === 1 ? s + 1 : s;
}

const US_CLOSURES: readonly [number, number, number][] = [
  [2001, 9, 11],
  [2001, 9, 12],
  [2001, 9, 13],
  [2001, 9, 14],
  [2004, 6, 11],
  [2007, 1, 2],
  [2012, 10, 29],
  [2012, 10, 30],
  [2018, 12, 5],
  [2025, 1, 9],
];

function usHolidays(y: number): number[] {
  const d = (m: number, day: number) => toSerial({ y, m, d: day });
  const out: number[] = [];
  const newYear = d(1, 1);
  if (weekdayOf(newYear) !== 0) out.push(usObserved(newYear));
  if (y >= 1998) out.push(nthWeekday(y, 1, MONDAY, 3));
  out.push(nthWeekday(y, 2, MONDAY, 3));
  out.push(easterSunday(y) - 2);
  out.push(nthWeekday(y, 5, MONDAY, -1));
  if (y >= 2022) out.push(usObserved(d(6, 19)));
  out.push(usObserved(d(7, 4)));
  out.push(nthWeekday(y, 9, MONDAY, 1));
  out.push(nthWeekday(y, 11, THURSDAY, 4));
  out.push(usObserved(d(12, 25)));
  for (const [cy, m, day] of US_CLOSURES) if (cy === y) out.push(d(m, day));
  return out;
}

function eurexHolidays(y: number): number[] {
  const d = (m: number, day: number) => toSerial({ y, m, d: day });
  const easter = easterSunday(y);
  return [d(1, 1), easter - 2, easter + 1, d(5, 1), d(12, 24), d(12, 25), d(12, 26), d(12, 31)];
}

function ukHolidays(y: number): number[] {
  const d = (m: number, day: number) => toSerial({ y, m, d: day });
  const out = new Set<number>();
  const substitute = (s: number) => {
    let x = s;
    while (isWeekend(x) || out.has(x)) x++;
    out.add(x);
  };
  substitute(d(1, 1));
  const easter = easterSunday(y);
  out.add(easter - 2);
  out.add(easter + 1);
  out.add(y === 1995 || y === 2020 ? d(5, 8) : nthWeekday(y, 5, MONDAY, 1));
  if (y === 2002) [d(6, 3), d(6, 4)].forEach((s) => out.add(s));
  else if (y === 2012) [d(6, 4), d(6, 5)].forEach((s) => out.add(s));
  else if (y === 2022) [d(6, 2), d(6, 3)].forEach((s) => out.add(s));
  else out.add(nthWeekday(y, 5, MONDAY, -1));
  out.add(nthWeekday(y, 8, MONDAY, -1));
  // Christmas first, then Boxing Day: a Saturday Christmas moves to Monday 27, Boxing Day to Tuesday 28;
  // a Sunday Christmas moves to Tuesday 27 (Boxing Day keeps Monday 26).
  const christmas = d(12, 25);
  const boxing = d(12, 26);
  if (weekdayOf(christmas) === 1) {
    out.add(boxing);
    substitute(christmas);
  } else {
    substitute(christmas);
    substitute(boxing);
  }
  const extra: Record<number, [number, number][]> = { 1999: [[12, 31]], 2011: [[4, 29]], 2022: [[9, 19]], 2023: [[5, 8]] };
  for (const [m, day] of extra[y] ?? []) out.add(d(m, day));
  return [...out];
}

/** The exchange holidays of a year (weekdays the exchange is closed; weekends are closed anyway). */
export function holidaysOf(calendar: CalendarId, year: number): number[] {
  const all = calendar === "US" ? usHolidays(year) : calendar === "EUREX" ? eurexHolidays(year) : ukHolidays(year);
  return [...new Set(all)].filter((s) => !isWeekend(s)).sort((a, b) => a - b);
}

/** Year of an Excel serial (fast enough: via the holidays' own date arithmetic). */
function yearOf(serial: number): number {
  let y = Math.floor((serial - 1) / 365.2425) + 1900;
  while (toSerial({ y: y + 1, m: 1, d: 1 }) <= serial) y++;
  while (toSerial({ y, m: 1, d: 1 }) > serial) y--;
  return y;
}

export function isBusinessDay(calendar: CalendarId, serial: number): boolean {
  if (isWeekend(serial)) return false;
  return !holidaysOf(calendar, yearOf(serial)).includes(serial);
}

/** The first business day on or after (direction +1) or on or before (-1) a date. */
export function rollToBusinessDay(calendar: CalendarId, serial: number, direction: 1 | -1): number {
  let s = serial;
  while (!isBusinessDay(calendar, s)) s += direction;
  return s;
}

/** The business day n business days after (n > 0) or before (n < 0) a date; n = 0: the date itself rolled forward. */
export function addBusinessDays(calendar: CalendarId, serial: number, n: number): number {
  if (n === 0) return rollToBusinessDay(calendar, serial, 1);
  const step = n > 0 ? 1 : -1;
  let s = serial;
  for (let k = 0; k < Math.abs(n); k++) {
    s += step;
    while (!isBusinessDay(calendar, s)) s += step;
  }
  return s;
}

/** First and last business days of a month. */
export function firstBusinessDay(calendar: CalendarId, y: number, m: number): number {
  return rollToBusinessDay(calendar, toSerial({ y, m, d: 1 }), 1);
}

export function lastBusinessDay(calendar: CalendarId, y: number, m: number): number {
  const next = toSerial({ y: m === 12 ? y + 1 : y, m: m === 12 ? 1 : m + 1, d: 1 });
  return rollToBusinessDay(calendar, next - 1, -1);
}
