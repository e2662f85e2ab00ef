import fc from "fast-check";
import { presentValue, pv01 } from "../../../src/engine/rates/cashflows";
import { Compounding, makeCurve, shiftCurve } from "../../../src/engine/rates/curve";
import { toSerial } from "../../../src/engine/rates/excelDate";
import { SwapTerms, parSwapRate, swapCashFlows, swapMeasure, swapPv, swapPv01, swapSchedule } from "../../../src/engine/rates/swap";
import { findConvention, toDayCount } from "../../../src/engine/rates/swapConventions";

const simple = (tenor: number, frequency = 1): SwapTerms => ({ tenor, frequency, dayCount: "years" });
const d = (y: number, m: number, day: number) => toSerial({ y, m, d: day });

describe("swaps on a zero curve", () => {
  // On a flat curve the par rate is the flat rate at the matching compounding (Hull, "Options, Futures, and
  // Other Derivatives", swap rates and zero rates): flat 4% annual -> 4% annual-pay; flat 4% semiannual ->
  // 4% semiannual-pay; flat 4% continuous -> e^0.04 - 1 annual-pay.
  it("par rate on flat curves (plain year fractions)", () => {
    expect(parSwapRate(makeCurve([1], [0.04], "annual"), simple(10))).toBeCloseTo(0.04, 14);
    expect(parSwapRate(makeCurve([1], [0.04], "semiannual"), simple(10, 2))).toBeCloseTo(0.04, 14);
    expect(parSwapRate(makeCurve([1], [0.04], "continuous"), simple(7))).toBeCloseTo(Math.exp(0.04) - 1, 14);
    expect(parSwapRate(makeCurve([1], [0.04], "continuous"), simple(7, 4))).toBeCloseTo(4 * (Math.exp(0.01) - 1), 14);
  });

  it("builds the fixed schedule back from the tenor with a short first period", () => {
    expect(swapSchedule(simple(2, 2))).toEqual({ times: [0.5, 1, 1.5, 2], accruals: [0.5, 0.5, 0.5, 0.5], start: 0, end: 2 });
    const s = swapSchedule(simple(1.25, 2));
    expect(s.times.map((t) => +t.toFixed(12))).toEqual([0.25, 0.75, 1.25]);
    expect(s.accruals.map((t) => +t.toFixed(12))).toEqual([0.25, 0.5, 0.5]);
  });

  // USD SOFR OIS (annual, Act/360), by hand: on a flat 4% annual curve, each annual period of 365.25 days accrues
  // 365.25/360 = 1.0145833, so par = (1 - 1.04^-30) / (1.0145833 x sum_{i=1..30} 1.04^-i) = 0.04 / 1.0145833
  // = 3.942505%. With dates: 30 years from 15-Jan-2026, each period's actual days / 360.
  it("SOFR par rate, Act/360, against a hand computation", () => {
    const flat = makeCurve([1], [0.04]);
    const sofr = findConvention("SOFR");
    expect([sofr.frequency, sofr.dayCount]).toEqual([1, "act/360"]);
    const par = parSwapRate(flat, { tenor: 30, frequency: 1, dayCount: "act/360" });
    let annuity = 0;
    for (let i = 1; i <= 30; i++) annuity += (365.25 / 360) * Math.pow(1.04, -i);
    const hand = (1 - Math.pow(1.04, -30)) / annuity;
    expect(hand).toBeCloseTo(0.04 / (365.25 / 360), 15);
    expect(par).toBeCloseTo(hand, 14);
    expect(par).toBeCloseTo(0.03942505, 8);
    // Dated: 2-year swap from 15-Jan-2026, periods of 365 and 365 days; times in days / 365.25.
    const v = d(2026, 1, 15);
    const dated = { tenor: 2, frequency: 1, dayCount: "act/360" as const, valuation: v };
    const s = swapSchedule(dated);
    expect(s.accruals).toEqual([365 / 360, 365 / 360]);
    expect(s.times).toEqual([365 / 365.25, 730 / 365.25]);
    const df = (t: number) => Math.pow(1.04, -t);
    const handDated = (1 - df(730 / 365.25)) / ((365 / 360) * df(365 / 365.25) + (365 / 360) * df(730 / 365.25));
    expect(parSwapRate(flat, dated)).toBeCloseTo(handDated, 15);
  });

  it("reads index conventions and day counts, and refuses unknown ones", () => {
    expect(findConvention("sonia").dayCount).toBe("act/365");
    expect(findConvention("EURIBOR 6M").dayCount).toBe("30/360");
    expect(findConvention("€STR").index).toBe("ESTR");
    expect(toDayCount("ACT/365F")).toBe("act/365");
    expect(() => findConvention("LIBOR3M")).toThrow(/index must be one of SOFR, ESTR, SONIA, TONA, SARON, EURIBOR6M, SIMPLE/);
    expect(() => toDayCount("act/act")).toThrow(/dayCount must be/);
  });

  it("values a seasoned swap on its valuation date: past periods dropped, floating leg at par", () => {
    const curve = makeCurve([1, 5, 10], [0.03, 0.035, 0.04]);
    const seasoned: SwapTerms = { tenor: 5, frequency: 1, dayCount: "act/360", valuation: d(2026, 7, 15), effective: d(2024, 1, 15) };
    const s = swapSchedule(seasoned);
    // Payments on 15-Jan-2027, 2028, 2029; the 2025 and 2026 ones are paid.
    expect(s.times.length).toBe(3);
    expect(s.times[0]).toBeCloseTo((d(2027, 1, 15) - d(2026, 7, 15)) / 365.25, 14);
    expect(s.accruals[0]).toBeCloseTo((d(2027, 1, 15) - d(2026, 1, 15)) / 360, 14);
    expect(s.start).toBe(0);
    // PV from the flows equals the formula, and a swap struck at 5% is worth (5% - par) x annuity.
    const k = 0.05;
    const par = parSwapRate(curve, seasoned);
    const annuity = swapPv(curve, seasoned, 1) - swapPv(curve, seasoned, 0);
    expect(swapPv(curve, seasoned, k)).toBeCloseTo((k - par) * annuity, 14);
    expect(presentValue(swapCashFlows(seasoned, k), curve)).toBeCloseTo(swapPv(curve, seasoned, k), 14);
    expect(() => swapSchedule({ ...seasoned, valuation: d(2030, 1, 1) })).toThrow(/matured before the valuation date/);
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
  const specs = fc.record({
    tenor: fc.double({ min: 0.1, max: 50, noNaN: true }),
    frequency: fc.constantFrom(1, 2, 4, 12),
    dayCount: fc.constantFrom("act/360" as const, "act/365" as const, "30/360" as const, "years" as const),
  });

  it("a par swap prices to zero, its receive-fixed PV01 is positive, and its flows give the same PV and PV01 (property)", () => {
    fc.assert(
      fc.property(curves, specs, (curve, s) => {
        const par = parSwapRate(curve, s);
        expect(Math.abs(swapPv(curve, s, par))).toBeLessThan(1e-14);
        expect(swapMeasure(curve, "pv", s)).toBeCloseTo(0, 14);
        expect(swapPv01(curve, s, par)).toBeGreaterThan(0);
        const flows = swapCashFlows(s, par);
        expect(presentValue(flows, curve)).toBeCloseTo(0, 13);
        expect(pv01(flows, curve)).toBeCloseTo(swapPv01(curve, s, par), 13);
      }),
      { numRuns: 300 },
    );
  });

  it("PV01 = PV(curve - 1bp) - PV(curve) at the same fixed rate", () => {
    const curve = makeCurve([1, 5, 10, 30], [0.03, 0.033, 0.036, 0.04]);
    const k = 0.035;
    const t = simple(10);
    expect(swapPv01(curve, t, k)).toBeCloseTo(swapPv(shiftCurve(curve, -1e-4), t, k) - swapPv(curve, t, k), 15);
    expect(swapMeasure(curve, "pv01", t, k)).toBeCloseTo(swapPv01(curve, t, k), 15);
    const par = parSwapRate(curve, t);
    const annuity = swapPv(curve, t, 1) + swapPv(curve, t, 0) * -1;
    expect(swapPv(curve, t, k)).toBeCloseTo((k - par) * annuity, 14);
  });

  it("rejects tenors and frequencies it cannot schedule", () => {
    const curve = makeCurve([1], [0.03]);
    expect(() => parSwapRate(curve, simple(0))).toThrow(/tenor must be > 0/);
    expect(() => parSwapRate(curve, simple(150))).toThrow(/<= 100 years/);
    expect(() => parSwapRate(curve, simple(5, 3))).toThrow(/frequency must be 1, 2, 4 or 12/);
  });
});
