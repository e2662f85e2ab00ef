import fc from "fast-check";
import { zeroRate } from "../../../src/engine/rates/curve";
import { bootstrapPar, readCurve } from "../../../src/engine/rates/curveTable";
import { parSwapRate } from "../../../src/engine/rates/swap";

describe("curves from par quotes", () => {
  // By hand: flat SOFR par rates S, annual periods accruing 365.25/360, give DF(k) = (1 + 1.0145833 S)^-k, so the
  // annual zero rate is 1.0145833 S at every whole-year pillar.
  it("flat SOFR par rates bootstrap to a flat zero curve of S x 365.25/360 (annual compounding)", () => {
    const c = readCurve([
      ["Tenor", "Par rate"],
      [1, 0.04],
      [2, 0.04],
      [5, 0.04],
      [10, 0.04],
      [30, 0.04],
    ]);
    c.rates.forEach((z) => expect(z).toBeCloseTo(0.04 * (365.25 / 360), 13));
  });

  // Flat Treasury par yields y (semiannual coupons): DF(k/2) = (1 + y/2)^-k, an annual zero rate of (1 + y/2)^2 - 1.
  it("flat par yields bootstrap to (1 + y/2)^2 - 1 (annual) or y (semiannual compounding)", () => {
    const table = [
      ["Maturity", "Par yield"],
      [0.5, 0.05],
      [2, 0.05],
      [10, 0.05],
    ];
    readCurve(table).rates.forEach((z) => expect(z).toBeCloseTo(Math.pow(1.025, 2) - 1, 13));
    readCurve(table, "semiannual").rates.forEach((z) => expect(z).toBeCloseTo(0.05, 13));
  });

  it("every par swap reprices to its quote on the bootstrapped curve (property, upward and inverted curves)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.08, noNaN: true }),
        fc.array(fc.double({ min: -0.006, max: 0.006, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.constantFrom("annual" as const, "continuous" as const),
        (level, steps, comp) => {
          let r = level;
          const rates = steps.map((d) => (r += d));
          const tenors = [1, 2, 5, 10, 20, 30];
          const c = bootstrapPar({ tenors, rates, frequency: 1, dayCount: "act/360" }, comp);
          tenors.forEach((t, i) => expect(parSwapRate(c, { tenor: t, frequency: 1, dayCount: "act/360" })).toBeCloseTo(rates[i], 12));
          expect(zeroRate(c, 30)).toBe(c.rates[5]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("needs exactly one rate column, named in the message", () => {
    expect(() =>
      readCurve([
        ["Tenor", "Rate", "Par rate"],
        [1, 0.04, 0.04],
      ]),
    ).toThrow(/curve: give one of the columns 'Rate' and 'Par rate', not both/);
    expect(() =>
      readCurve([
        ["Tenor", "Price"],
        [1, 99],
      ]),
    ).toThrow(/curve: missing column 'Rate' \(zero rates\), 'Par rate' \(swap rates\) or 'Par yield'/);
    expect(() =>
      readCurve([
        ["Tenor", "Par rate"],
        [0, 0.04],
      ]),
    ).toThrow(/curve row 1: a par quote needs a tenor > 0/);
  });
});
