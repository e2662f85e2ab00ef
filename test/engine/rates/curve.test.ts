import { discount, discountAt, makeCurve, shiftCurve, zeroRate } from "../../../src/engine/rates/curve";
import { readCurve } from "../../../src/engine/rates/curveTable";
import { OverlayError } from "../../../src/engine/core/errors";

describe("zero curves", () => {
  const curve = readCurve([
    ["Tenor", "Rate"],
    [1, 0.02],
    [5, 0.03],
    [10, 0.04],
  ]);
  it("interpolates linearly in the zero rate and is flat outside the tenors", () => {
    expect(zeroRate(curve, 3)).toBeCloseTo(0.025, 15);
    expect(zeroRate(curve, 7.5)).toBeCloseTo(0.035, 15);
    expect(zeroRate(curve, 0.25)).toBe(0.02);
    expect(zeroRate(curve, 40)).toBe(0.04);
    expect(zeroRate(curve, 5)).toBe(0.03);
  });
  // Hull, "Options, Futures, and Other Derivatives", ch. 4: with annual compounding DF = (1 + r)^-t,
  // semiannual (1 + r/2)^-2t, continuous e^-rt.
  it("discounts by compounding convention", () => {
    expect(discountAt(0.05, 10, "annual")).toBeCloseTo(1 / Math.pow(1.05, 10), 15);
    expect(discountAt(0.05, 10, "semiannual")).toBeCloseTo(1 / Math.pow(1.025, 20), 15);
    expect(discountAt(0.05, 10, "continuous")).toBeCloseTo(Math.exp(-0.5), 15);
    expect(discount(curve, 10)).toBeCloseTo(Math.pow(1.04, -10), 15);
    expect(discount(curve, 10, -1e-4)).toBeCloseTo(Math.pow(1.0399, -10), 15);
    expect(zeroRate(shiftCurve(curve, 0.01), 3)).toBeCloseTo(0.035, 15);
  });
  it("reads header synonyms and ignores trailing empty rows", () => {
    const c = readCurve(
      [
        ["Years", "Zero rate"],
        [2, 0.03],
        ["", ""],
      ],
      "continuous",
    );
    expect(c).toEqual({ tenors: [2], rates: [0.03], compounding: "continuous" });
  });
  it("rejects empty curves, negative and unsorted tenors, with the row in the message", () => {
    expect(() => readCurve([["Tenor", "Rate"]])).toThrow(/curve needs at least 1 data row/);
    expect(() =>
      readCurve([
        ["Tenor", "Rate"],
        [-1, 0.02],
      ]),
    ).toThrow(/curve row 1: Tenor must be >= 0, got -1/);
    expect(() =>
      readCurve([
        ["Tenor", "Rate"],
        [5, 0.02],
        [2, 0.03],
      ]),
    ).toThrow(/curve row 2: tenors must be strictly increasing, but 2 follows 5/);
    expect(() =>
      readCurve([
        ["Tenor", "Rate"],
        [5, 0.02],
        [5, 0.03],
      ]),
    ).toThrow(OverlayError);
    expect(() =>
      readCurve([
        ["Tenor", "Rate"],
        [5, 5],
      ]),
    ).toThrow(/Rate must be <= 2, got 5/);
    expect(() =>
      readCurve([
        ["Tenor", "Yield curve"],
        [5, 0.02],
      ]),
    ).toThrow(/missing column 'Rate'/);
    expect(() => makeCurve([], [])).toThrow(/curve has no tenors/);
  });
});
