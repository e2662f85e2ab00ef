import fc from "fast-check";
import { hedgeRatio, keyRateHedgeRatios, readPv01OrCashFlows } from "../../../src/engine/ldi/hedgeRatio";
import { pv01 } from "../../../src/engine/rates/cashflows";
import { Compounding, makeCurve } from "../../../src/engine/rates/curve";
import { DEFAULT_KEY_TENORS } from "../../../src/engine/rates/keyRates";
import { OverlayError } from "../../../src/engine/core/errors";

describe("hedge ratios", () => {
  it("is asset PV01 over liability PV01", () => {
    expect(hedgeRatio(45000, 60000)).toBe(0.75);
    expect(() => hedgeRatio(1, 0)).toThrow(OverlayError);
    try {
      hedgeRatio(1, 0);
    } catch (e) {
      expect((e as OverlayError).kind).toBe("div0");
    }
  });

  it("a tiny liability PV01 gives a worded #NUM!, never an infinite or last-resort ratio (issue 20)", () => {
    expect(() => hedgeRatio(1e-12, 5e-324)).toThrow(/liability PV01 \(5e-324\) is too small/);
    try {
      hedgeRatio(1e-12, 5e-324);
    } catch (e) {
      expect((e as OverlayError).kind).toBe("num");
      expect((e as OverlayError).arg).toBe("liabilities");
      expect((e as OverlayError).message).not.toMatch(/Infinity|NaN|finite/);
    }
    expect(hedgeRatio(1, 1e-6)).toBe(1e6);
  });

  const curves = fc
    .tuple(
      fc.array(fc.double({ min: 0.5, max: 8, noNaN: true }), { minLength: 1, maxLength: 8 }),
      fc.array(fc.double({ min: 0, max: 0.07, noNaN: true }), { minLength: 8, maxLength: 8 }),
      fc.constantFrom<Compounding>("annual", "semiannual", "continuous"),
    )
    .map(([gaps, rates, comp]) => {
      let t = 0;
      return makeCurve(
        gaps.map((g) => (t += g)),
        rates.slice(0, gaps.length),
        comp,
      );
    });
  const liabilities = fc.array(fc.tuple(fc.double({ min: 0.1, max: 70, noNaN: true }), fc.double({ min: 1, max: 1e7, noNaN: true })), {
    minLength: 1,
    maxLength: 80,
  });

  it("a hedge with the liability's own cash flows has ratio 1 in every bucket (property)", () => {
    fc.assert(
      fc.property(curves, liabilities, (curve, fl) => {
        const cf = { times: fl.map((f) => f[0]), amounts: fl.map((f) => f[1]) };
        const r = keyRateHedgeRatios(cf, cf, curve, DEFAULT_KEY_TENORS);
        r.rows.forEach((row) => {
          if (row.liability !== 0) expect(row.ratio).toBeCloseTo(1, 12);
          else expect(row.ratio).toBeUndefined();
        });
        expect(r.ratio).toBeCloseTo(1, 12);
        expect(r.liabilityPv01).toBeCloseTo(pv01(cf, curve), 6);
      }),
      { numRuns: 200 },
    );
  });

  it("per key: a half-sized asset copy hedges 50% in every bucket; an empty key gives no ratio", () => {
    const curve = makeCurve([1, 30], [0.03, 0.04]);
    const liab = { times: [5, 10, 20], amounts: [100, 200, 300] };
    const half = { times: [5, 10, 20], amounts: [50, 100, 150] };
    const r = keyRateHedgeRatios(half, liab, curve, [2, 5, 10, 20]);
    expect(r.rows.map((x) => x.ratio)).toEqual([undefined, expect.closeTo(0.5, 14), expect.closeTo(0.5, 14), expect.closeTo(0.5, 14)]);
    expect(r.ratio).toBeCloseTo(0.5, 14);
  });

  it("reads a side as a number (1x1) or a cash-flow table", () => {
    expect(readPv01OrCashFlows([[1234]], "assets")).toEqual({ pv01: 1234 });
    expect(readPv01OrCashFlows([["1,234"]], "assets")).toEqual({ pv01: 1234 });
    expect(
      readPv01OrCashFlows(
        [
          ["Time", "Amount"],
          [1, 5],
        ],
        "assets",
      ),
    ).toEqual({ cashflows: { times: [1], amounts: [5] } });
    expect(() => readPv01OrCashFlows([["abc"]], "assets")).toThrow(/assets/);
  });
});
