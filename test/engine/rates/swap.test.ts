import fc from "fast-check";
import { Compounding, makeCurve, shiftCurve } from "../../../src/engine/rates/curve";
import { parSwapRate, swapPv, swapPv01, swapMeasure, swapSchedule } from "../../../src/engine/rates/swap";

describe("swaps on a zero curve", () => {
  // On a flat curve the par rate is the flat rate at the matching compounding (Hull, "Options, Futures, and
  // Other Derivatives", swap rates and zero rates): flat 4% annual -> 4% annual-pay; flat 4% semiannual ->
  // 4% semiannual-pay; flat 4% continuous -> e^0.04 - 1 annual-pay.
  it("par rate on flat curves", () => {
    expect(parSwapRate(makeCurve([1], [0.04], "annual"), 10, 1)).toBeCloseTo(0.04, 14);
    expect(parSwapRate(makeCurve([1], [0.04], "semiannual"), 10, 2)).toBeCloseTo(0.04, 14);
    expect(parSwapRate(makeCurve([1], [0.04], "continuous"), 7, 1)).toBeCloseTo(Math.exp(0.04) - 1, 14);
    expect(parSwapRate(makeCurve([1], [0.04], "continuous"), 7, 4)).toBeCloseTo(4 * (Math.exp(0.01) - 1), 14);
  });

  it("builds the fixed schedule back from the tenor with a short first period", () => {
    expect(swapSchedule(2, 2)).toEqual({ times: [0.5, 1, 1.5, 2], accruals: [0.5, 0.5, 0.5, 0.5] });
    const s = swapSchedule(1.25, 2);
    expect(s.times.map((t) => +t.toFixed(12))).toEqual([0.25, 0.75, 1.25]);
    expect(s.accruals.map((t) => +t.toFixed(12))).toEqual([0.25, 0.5, 0.5]);
  });

  const curves = fc
    .tuple(
      fc.array(fc.double({ min: 0.25, max: 6, noNaN: true }), { minLength: 1, maxLength: 8 }),
      fc.array(fc.double({ min: -0.005, max: 0.08, noNaN: true }), { minLength: 8, maxLength: 8 }),
      fc.constantFrom<Compounding>("annual", "semiannual", "continuous"),
    )
    .map(([gaps, rates, comp]) => {
      let t = 0;
      const tenors = gaps.map((g) => (t += g));
      return makeCurve(tenors, rates.slice(0, tenors.length), comp);
    });
  const specs = fc.record({ tenor: fc.double({ min: 0.1, max: 50, noNaN: true }), frequency: fc.constantFrom(1, 2, 4, 12) });

  it("a par swap prices to zero, and its receive-fixed PV01 is positive (property)", () => {
    fc.assert(
      fc.property(curves, specs, (curve, s) => {
        const par = parSwapRate(curve, s.tenor, s.frequency);
        expect(Math.abs(swapPv(curve, s.tenor, s.frequency, par))).toBeLessThan(1e-14);
        expect(swapMeasure(curve, "pv", s.tenor, s.frequency)).toBeCloseTo(0, 14);
        expect(swapPv01(curve, s.tenor, s.frequency, par)).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("PV01 = PV(curve - 1bp) - PV(curve) at the same fixed rate", () => {
    const curve = makeCurve([1, 5, 10, 30], [0.03, 0.033, 0.036, 0.04]);
    const k = 0.035;
    expect(swapPv01(curve, 10, 1, k)).toBeCloseTo(swapPv(shiftCurve(curve, -1e-4), 10, 1, k) - swapPv(curve, 10, 1, k), 15);
    expect(swapMeasure(curve, "pv01", 10, 1, k)).toBeCloseTo(swapPv01(curve, 10, 1, k), 15);
    // Receive fixed above par is worth (K - par) x annuity.
    const par = parSwapRate(curve, 10, 1);
    const annuity = swapPv(curve, 10, 1, 1) + swapPv(curve, 10, 1, 0) * -1;
    expect(swapPv(curve, 10, 1, k)).toBeCloseTo((k - par) * annuity, 14);
  });

  it("rejects tenors and frequencies it cannot schedule", () => {
    const curve = makeCurve([1], [0.03]);
    expect(() => parSwapRate(curve, 0, 1)).toThrow(/tenor must be > 0/);
    expect(() => parSwapRate(curve, 150, 1)).toThrow(/<= 100 years/);
    expect(() => parSwapRate(curve, 5, 3)).toThrow(/frequency must be 1, 2, 4 or 12/);
  });
});
