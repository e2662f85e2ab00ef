/** Factor exposures of holdings (holdings-weighted loadings) and the completion tables' readers. */
import { Matrix } from "../../../src/engine/core/cells";
import { factorExposures } from "../../../src/engine/completion/exposure";
import { readHoldings, readLoadings, readSpecificRisk } from "../../../src/engine/completion/factorModel";

const LOADINGS: Matrix = [
  ["Ticker", "Value", "Size", "Momentum"],
  ["AAA", 1.2, -0.5, 0.3],
  ["BBB", -0.4, 0.8, 0],
  ["CCC", 0.1, 0.2, -1.1],
];

describe("factorExposures", () => {
  test("weighted sums of the loadings, by hand", () => {
    const L = readLoadings(LOADINGS);
    const H = readHoldings(
      [
        ["Security", "Weight"],
        ["aaa", 0.5],
        ["CCC", 0.25],
      ],
      L,
    );
    // Value 0.5 x 1.2 + 0.25 x 0.1 = 0.625; Size 0.5 x -0.5 + 0.25 x 0.2 = -0.2; Momentum 0.15 - 0.275 = -0.125
    const e = factorExposures(H, L);
    expect(e.map((x) => x.factor)).toEqual(["Value", "Size", "Momentum"]);
    expect(e[0].exposure).toBeCloseTo(0.625, 15);
    expect(e[1].exposure).toBeCloseTo(-0.2, 15);
    expect(e[2].exposure).toBeCloseTo(-0.125, 15);
  });

  test("weights are not rescaled: half the holdings, half the exposure", () => {
    const L = readLoadings(LOADINGS);
    const full = factorExposures(
      readHoldings(
        [
          ["Security", "Weight"],
          ["BBB", 1],
        ],
        L,
      ),
      L,
    );
    const half = factorExposures(
      readHoldings(
        [
          ["Security", "Weight"],
          ["BBB", 0.5],
        ],
        L,
      ),
      L,
    );
    half.forEach((x, k) => expect(x.exposure).toBeCloseTo(full[k].exposure / 2, 15));
  });
});

describe("readers", () => {
  test("loadings need a factor column and bounded numbers", () => {
    expect(() => readLoadings([["Security"], ["A"]])).toThrow(/Loadings: no factor columns/);
    expect(() =>
      readLoadings([
        ["Security", "Value"],
        ["A", 1e308],
      ]),
    ).toThrow(/Loadings row 1 \(A\): Value must be between -1000000 and 1000000, got 1e\+308/);
    expect(() =>
      readLoadings([
        ["Security", "Value"],
        ["A", "n/a"],
      ]),
    ).toThrow(/Loadings row 1 \(A\): Value must be a number, got 'n\/a'/);
  });

  test("specific risk: one number for all, or a table covering every security", () => {
    const L = readLoadings(LOADINGS);
    expect(Array.from(readSpecificRisk([[0.2]], L))).toEqual([0.2, 0.2, 0.2]);
    const t = readSpecificRisk(
      [
        ["Security", "Specific risk"],
        ["CCC", 0.3],
        ["AAA", 0.1],
        ["BBB", 0.2],
      ],
      L,
    );
    expect(Array.from(t)).toEqual([0.1, 0.2, 0.3]);
    expect(() =>
      readSpecificRisk(
        [
          ["Security", "Vol"],
          ["AAA", 0.1],
        ],
        L,
      ),
    ).toThrow(/Specific risk: no row for 2 securities of Loadings \('BBB', 'CCC'\)/);
    expect(() =>
      readSpecificRisk(
        [
          ["Security", "Vol"],
          ["ZZZ", 0.1],
        ],
        L,
      ),
    ).toThrow(/Specific risk row 1 \(ZZZ\): security 'ZZZ' has no row in Loadings/);
    expect(() => readSpecificRisk([[-0.1]], L)).toThrow(/Specific risk must be between 0 and 10/);
  });
});
