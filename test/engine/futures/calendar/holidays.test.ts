/**
 * Exchange holiday calendars against the exchanges' and governments' published lists.
 */
import fc from "fast-check";
import { fromSerial, toSerial } from "../../../../src/engine/rates/excelDate";
import {
  addBusinessDays,
  easterSunday,
  holidaysOf,
  isBusinessDay,
  lastBusinessDay,
  rollToBusinessDay,
  weekdayOf,
} from "../../../../src/engine/futures/calendar/holidays";

const iso = (s: number) => {
  const d = fromSerial(s);
  return `${d.y}-${String(d.m).padStart(2, "0")}-${String(d.d).padStart(2, "0")}`;
};

describe("US exchanges (NYSE holidays, which CME Group follows for equity index and Treasury futures)", () => {
  test("2026: NYSE's published holiday list (Independence Day observed Friday 3 July)", () => {
    expect(holidaysOf("US", 2026).map(iso)).toEqual([
      "2026-01-01",
      "2026-01-19",
      "2026-02-16",
      "2026-04-03",
      "2026-05-25",
      "2026-06-19",
      "2026-07-03",
      "2026-09-07",
      "2026-11-26",
      "2026-12-25",
    ]);
  });
  test("2027: Juneteenth on a Saturday is observed Friday 18 June, Christmas on a Saturday Friday 24 December", () => {
    expect(holidaysOf("US", 2027).map(iso)).toEqual([
      "2027-01-01",
      "2027-01-18",
      "2027-02-15",
      "2027-03-26",
      "2027-05-31",
      "2027-06-18",
      "2027-07-05",
      "2027-09-06",
      "2027-11-25",
      "2027-12-24",
    ]);
  });
  test("New Year's Day on a Saturday (2022) is not observed: NYSE traded on Friday 31 December 2021", () => {
    expect(isBusinessDay("US", toSerial({ y: 2021, m: 12, d: 31 }))).toBe(true);
    expect(holidaysOf("US", 2022).map(iso)[0]).toBe("2022-01-17");
  });
  test("the national day of mourning for President Carter, 9 January 2025, was a closure", () => {
    expect(isBusinessDay("US", toSerial({ y: 2025, m: 1, d: 9 }))).toBe(false);
  });
});

describe("Eurex and ICE Futures Europe", () => {
  test("Eurex 2026 trading calendar: New Year, Good Friday, Easter Monday, 1 May, 24-26 and 31 December", () => {
    expect(holidaysOf("EUREX", 2026).map(iso)).toEqual([
      "2026-01-01",
      "2026-04-03",
      "2026-04-06",
      "2026-05-01",
      "2026-12-24",
      "2026-12-25",
      "2026-12-31",
    ]); // 26 December 2026 is a Saturday
  });
  test("England and Wales bank holidays 2026 (GOV.UK): Boxing Day on a Saturday is substituted on Monday 28 December", () => {
    expect(holidaysOf("UK", 2026).map(iso)).toEqual([
      "2026-01-01",
      "2026-04-03",
      "2026-04-06",
      "2026-05-04",
      "2026-05-25",
      "2026-08-31",
      "2026-12-25",
      "2026-12-28",
    ]);
  });
  test("GOV.UK 2022: the Platinum Jubilee (2 and 3 June), the state funeral (19 September), Christmas on a Sunday (27 December)", () => {
    expect(holidaysOf("UK", 2022).map(iso)).toEqual([
      "2022-01-03",
      "2022-04-15",
      "2022-04-18",
      "2022-05-02",
      "2022-06-02",
      "2022-06-03",
      "2022-08-29",
      "2022-09-19",
      "2022-12-26",
      "2022-12-27",
    ]);
  });
});

describe("date arithmetic", () => {
  test("Easter Sunday (Meeus): 2024-03-31, 2025-04-20, 2026-04-05, 2038-04-25", () => {
    expect([2024, 2025, 2026, 2038].map((y) => iso(easterSunday(y)))).toEqual(["2024-03-31", "2025-04-20", "2026-04-05", "2038-04-25"]);
  });
  test("weekdays: 1 Jan 2024 was a Monday, 20 Mar 2026 a Friday", () => {
    expect(weekdayOf(toSerial({ y: 2024, m: 1, d: 1 }))).toBe(2);
    expect(weekdayOf(toSerial({ y: 2026, m: 3, d: 20 }))).toBe(6);
  });
  test("business days: the last of June 2025 is Monday 30; 7 before it skips Juneteenth", () => {
    const last = lastBusinessDay("US", 2025, 6);
    expect(iso(last)).toBe("2025-06-30");
    expect(iso(addBusinessDays("US", last, -7))).toBe("2025-06-18");
  });
  test("properties: a rolled date is a business day, no earlier (forward) or later (backward), and adding n then -n returns (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 43831, max: 51136 }),
        fc.constantFrom("US" as const, "EUREX" as const, "UK" as const),
        fc.integer({ min: 1, max: 30 }),
        (s, cal, n) => {
          const f = rollToBusinessDay(cal, s, 1);
          const b = rollToBusinessDay(cal, s, -1);
          expect(isBusinessDay(cal, f) && isBusinessDay(cal, b)).toBe(true);
          expect(f >= s && b <= s).toBe(true);
          for (let x = s; x < f; x++) expect(isBusinessDay(cal, x)).toBe(false);
          expect(addBusinessDays(cal, addBusinessDays(cal, f, n), -n)).toBe(f);
        },
      ),
      { numRuns: 200 },
    );
  });
});
