/** Staged tranche schedules: hand-worked splits and dates, and properties. */
import fc from "fast-check";
import { OverlayError } from "../../../src/engine/core/errors";
import { keyDates, parseContract } from "../../../src/engine/futures/calendar/contracts";
import { isBusinessDay } from "../../../src/engine/futures/calendar/holidays";
import { toSerial } from "../../../src/engine/rates/excelDate";
import { splitTotal, trancheWeights, tranches } from "../../../src/engine/tilts/tranches";

describe("tranches: hand-worked", () => {
  test("10 contracts in 3 equal tranches: 4, 3, 3 (the spare unit goes first)", () => {
    // floor(10/3) = 3 each, 10 - 9 = 1 left over -> tranche 1.
    const t = tranches(10, 3, "equal", undefined, 7);
    expect(t.map((x) => x.size)).toEqual([4, 3, 3]);
    expect(t.map((x) => x.cumulative)).toEqual([4, 7, 10]);
    // no start: Date is the day offset
    expect(t.map((x) => x.date)).toEqual([0, 7, 14]);
  });

  test("front-loaded 100 in 4: weights 4, 3, 2, 1 of 10 -> 40, 30, 20, 10, weekly from 1 Jan 2024", () => {
    // Excel DATE(2024,1,1) = 45292 (1900 date system).
    const t = tranches(100, 4, "front", 45292, 7);
    expect(t).toEqual([
      { tranche: 1, date: 45292, size: 40, cumulative: 40 },
      { tranche: 2, date: 45299, size: 30, cumulative: 70 },
      { tranche: 3, date: 45306, size: 20, cumulative: 90 },
      { tranche: 4, date: 45313, size: 10, cumulative: 100 },
    ]);
  });

  test("front-loaded 11 in 4: 4.4, 3.3, 2.2, 1.1 -> floors 4, 3, 2, 1 and the spare unit first: 5, 3, 2, 1", () => {
    expect(tranches(11, 4, "front", undefined, 1).map((x) => x.size)).toEqual([5, 3, 2, 1]);
  });

  test("a sale: -10 in 3 gives -4, -3, -3", () => {
    expect(tranches(-10, 3, "equal", undefined, 7).map((x) => x.size)).toEqual([-4, -3, -3]);
  });

  test("a fractional total is split exactly: 1.5 in 3 = 0.5 each; 1.25m + 0.5 in 2 front = 2/3 and 1/3", () => {
    expect(tranches(1.5, 3, "equal", undefined, 7).map((x) => x.size)).toEqual([0.5, 0.5, 0.5]);
    const t = tranches(1_250_000.5, 2, "front", undefined, 7);
    expect(t[0].size).toBeCloseTo((1_250_000.5 * 2) / 3, 6);
    expect(t[1].cumulative).toBe(1_250_000.5);
  });

  test("one tranche and a zero interval", () => {
    expect(tranches(7, 1, "front", 45000, 0)).toEqual([{ tranche: 1, date: 45000, size: 7, cumulative: 7 }]);
    expect(tranches(6, 3, "equal", 45000, 0).map((x) => x.date)).toEqual([45000, 45000, 45000]);
  });

  test("a whole total beyond 2^53 / weight is still split exactly (BigInt shares)", () => {
    const total = 9_007_199_254_740_991; // 2^53 - 1
    const s = splitTotal(total, trancheWeights(7, "front")).sizes;
    expect(s.reduce((a, b) => a + b, 0)).toBe(total);
    expect(s.every((x) => Number.isInteger(x))).toBe(true);
  });

  test("a last date after 9999-12-31 is an error naming intervalDays", () => {
    expect(() => tranches(10, 3, "equal", 2958465, 7)).toThrow(OverlayError);
    expect(() => tranches(10, 3, "equal", 2958465, 7)).toThrow(/intervalDays: the last tranche would fall after 31 Dec 9999/);
  });
});

describe("tranches: properties", () => {
  test("whole totals: whole sizes that add up exactly; equal sizes differ by at most 1; front sizes never increase", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom("equal", "front") as fc.Arbitrary<"equal" | "front">,
        (total, n, shape) => {
          const t = tranches(total, n, shape, undefined, 7);
          const sizes = t.map((x) => x.size);
          expect(sizes.every(Number.isInteger)).toBe(true);
          expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
          expect(t[n - 1].cumulative).toBe(total);
          const mags = sizes.map(Math.abs);
          if (shape === "equal") expect(Math.max(...mags) - Math.min(...mags)).toBeLessThanOrEqual(1);
          else for (let k = 1; k < n; k++) expect(mags[k]).toBeLessThanOrEqual(mags[k - 1]);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("fractional totals: the last cumulative is the total exactly, sizes add up within rounding", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }).filter((x) => !Number.isInteger(x)),
        fc.integer({ min: 1, max: 60 }),
        (total, n) => {
          const t = tranches(total, n, "front", undefined, 7);
          expect(t[n - 1].cumulative).toBe(total);
          const sum = t.reduce((a, x) => a + x.size, 0);
          expect(Math.abs(sum - total)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(total)) * n);
          // linear decline: size k proportional to n - k + 1
          const W = (n * (n + 1)) / 2;
          t.forEach((x, k) => expect(x.size).toBeCloseTo((total * (n - k)) / W, 4));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("tranches on a contract's calendar (issue 17)", () => {
  const esh6 = parseContract("ESH6", "contract");
  test("TRANCHES(-119, 4, 46086, 7) on ESH6: no tranche after its last trading day, 20 Mar 2026; tranche 4 trades ESM6", () => {
    // 46086 = Thursday 5 Mar 2026. Weekly: 5, 12, 19 and 26 Mar; 26 Mar is past ES Mar26's expiry.
    expect(toSerial({ y: 2026, m: 3, d: 5 })).toBe(46086);
    const rows = tranches(-119, 4, "equal", 46086, 7, esh6);
    expect(rows.map((r) => [r.date, r.size, r.contract])).toEqual([
      [46086, -30, "ESH6"],
      [46093, -30, "ESH6"],
      [46100, -30, "ESH6"],
      [46107, -29, "ESM6"],
    ]);
    for (const r of rows) expect(r.date).toBeLessThanOrEqual(r.lastTrade!);
    expect(rows[0].lastTrade).toBe(toSerial({ y: 2026, m: 3, d: 20 }));
  });
  test("dates move to the exchange's next business day: from Good Friday 3 Apr 2026 to Monday 6 Apr", () => {
    const rows = tranches(10, 2, "equal", toSerial({ y: 2026, m: 3, d: 27 }), 7, parseContract("ESM6", "contract"));
    expect(rows.map((r) => r.date)).toEqual([toSerial({ y: 2026, m: 3, d: 27 }), toSerial({ y: 2026, m: 4, d: 6 })]);
  });
  test("property: every tranche is a business day on or before its contract's last trading day, sizes still add up (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 45000, max: 48000 }),
        fc.integer({ min: 0, max: 40 }),
        (n, start, every) => {
          const c = parseContract("TYH6", "c", start);
          const rows = tranches(1000, n, "front", start, every, c);
          expect(rows[n - 1].cumulative).toBe(1000);
          for (const r of rows) {
            expect(isBusinessDay("US", r.date)).toBe(true);
            expect(r.date).toBeLessThanOrEqual(keyDates(parseContract(r.contract!, "c", start)).lastTrade);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
