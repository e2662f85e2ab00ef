/** Staged tranche schedules: hand-worked splits and dates, and properties. */
import fc from "fast-check";
import { OverlayError } from "../../../src/engine/core/errors";
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
