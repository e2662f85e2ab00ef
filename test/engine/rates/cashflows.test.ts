import fc from "fast-check";
import { presentValue, pv01, readCashFlows } from "../../../src/engine/rates/cashflows";
import { Compounding, ZeroCurve, makeCurve, shiftCurve, zeroRate } from "../../../src/engine/rates/curve";

const flat = (r: number, compounding: Compounding = "annual") => makeCurve([1, 30], [r, r], compounding);

describe("PV and PV01 of cash flows", () => {
  // A 10-year annuity of 1 at a flat 5% annual rate: (1 - 1.05^-10) / 0.05 = 7.721734929 (annuity tables,
  // e.g. Brealey-Myers-Allen, Principles of Corporate Finance, appendix table 3: 7.7217).
  it("values an annuity as the closed form", () => {
    const cf = { times: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], amounts: new Array(10).fill(1) };
    expect(presentValue(cf, flat(0.05))).toBeCloseTo((1 - Math.pow(1.05, -10)) / 0.05, 12);
    expect(presentValue(cf, flat(0.05))).toBeCloseTo(7.7217, 4);
  });
  it("PV01 of a zero-coupon flow: A ((1 + r - 1bp)^-t - (1 + r)^-t), positive", () => {
    const cf = { times: [20], amounts: [1e6] };
    expect(pv01(cf, flat(0.04))).toBeCloseTo(1e6 * (Math.pow(1.0399, -20) - Math.pow(1.04, -20)), 8);
    expect(pv01(cf, flat(0.04))).toBeGreaterThan(0);
  });
  it("discounts a flow beyond the curve at the last rate (flat extrapolation)", () => {
    const c = makeCurve([1, 10], [0.02, 0.03]);
    expect(presentValue({ times: [60], amounts: [100] }, c)).toBeCloseTo(100 * Math.pow(1.03, -60), 12);
  });

  const curves = fc
    .tuple(
      fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), { minLength: 1, maxLength: 8 }),
      fc.array(fc.double({ min: -0.01, max: 0.08, noNaN: true }), { minLength: 8, maxLength: 8 }),
      fc.constantFrom<Compounding>("annual", "semiannual", "continuous"),
    )
    .map(([gaps, rates, comp]) => {
      let t = 0;
      const tenors = gaps.map((g) => (t += g));
      return makeCurve(tenors, rates.slice(0, tenors.length), comp);
    });
  const flows = fc.array(fc.tuple(fc.double({ min: 0, max: 60, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), {
    minLength: 1,
    maxLength: 40,
  });

  it("PV01 is PV(curve - 1bp) - PV(curve), and matches the derivative -dPV/dr x 1bp to second order (property)", () => {
    fc.assert(
      fc.property(curves, flows, (curve: ZeroCurve, fl) => {
        const cf = { times: fl.map((f) => f[0]), amounts: fl.map((f) => f[1]) };
        const p = pv01(cf, curve);
        const bumped = presentValue(cf, shiftCurve(curve, -1e-4)) - presentValue(cf, curve);
        const scale = cf.amounts.reduce((s, a) => s + Math.abs(a), 0) * 1e-4 * 60;
        expect(Math.abs(p - bumped)).toBeLessThanOrEqual(1e-9 * scale + 1e-9);
        // Analytic derivative: d DF/dr = -t DF / (1 + r) (annual), -t DF / (1 + r/2) (semiannual), -t DF (continuous).
        let deriv = 0;
        for (let i = 0; i < cf.times.length; i++) {
          const t = cf.times[i];
          const r = zeroRate(curve, t);
          const df = presentValue({ times: [t], amounts: [1] }, curve);
          const k = curve.compounding === "annual" ? 1 + r : curve.compounding === "semiannual" ? 1 + r / 2 : 1;
          deriv += (cf.amounts[i] * t * df) / k;
        }
        // |PV01 - deriv x 1bp| <= convexity term: sum |A| t^2 DF (1bp)^2 (generous bound).
        const second = cf.times.reduce((s, t, i) => s + Math.abs(cf.amounts[i]) * (t + 1) * (t + 1), 0) * 1e-8;
        expect(Math.abs(p - deriv * 1e-4)).toBeLessThanOrEqual(second + 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it("reads Time | Amount with synonyms and rejects bad rows", () => {
    expect(
      readCashFlows([
        ["Years", "Cash flow"],
        [1, 10],
        [2.5, -3],
      ]),
    ).toEqual({ times: [1, 2.5], amounts: [10, -3] });
    expect(() =>
      readCashFlows([
        ["Time", "Amount"],
        [-1, 10],
      ]),
    ).toThrow(/cashflows row 1: Time must be >= 0/);
    expect(() =>
      readCashFlows([
        ["Time", "Amount"],
        [1, "abc"],
      ]),
    ).toThrow(/cashflows row 1: Amount must be a number, got 'abc'/);
    expect(() => readCashFlows([["Time", "Amount"]], "liabilities")).toThrow(/liabilities needs at least 1 data row/);
  });
});
