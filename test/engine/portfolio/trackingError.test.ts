/**
 * Ex-ante tracking error sqrt((w - b)' S (w - b)) and the covariance checks.
 *
 * References:
 *  - Quantitative Finance Stack Exchange, "Ex-Ante Tracking Error: Active Strategies and the Size of the
 *    Covariance Matrix" (answer by Matthew Gunn): TE = sqrt((w_p - w_b)' Var(R) (w_p - w_b)); for a portfolio
 *    of 100% asset A against a benchmark of 100% asset B, TE = sqrt(Var(A) + Var(B) - 2 Cov(A, B)).
 *  - Course Hero, "You put the rest of your money in a risky bond portfolio..." (study answer, Spring '13):
 *    50/50 in a stock portfolio (sd 24%) and a bond portfolio (sd 12%), correlation 0.55:
 *    variance 0.02592, sd 16.099% (a tracking error against a zero benchmark is that volatility).
 */
import fc from "fast-check";
import { checkPsd, readCovariance, readWeights, trackingError, validateCovariance } from "../../../src/engine/portfolio/trackingError";
import { expectEngineError } from "../../helpers/engineErrors";

// Property tests: room for a loaded machine (nothing is timed here).
jest.setTimeout(120_000);

const S2 = [
  [0.24 * 0.24, 0.55 * 0.24 * 0.12],
  [0.55 * 0.24 * 0.12, 0.12 * 0.12],
];

describe("trackingError: references", () => {
  test("50/50 stocks (24%) and bonds (12%), correlation 0.55: 16.099% (Course Hero worked answer)", () => {
    // 0.25 x 0.0576 + 0.25 x 0.0144 + 2 x 0.25 x 0.24 x 0.12 x 0.55 = 0.0144 + 0.0036 + 0.00792 = 0.02592
    const te = trackingError([0.5, 0.5], [0, 0], validateCovariance(S2));
    expect(te * te).toBeCloseTo(0.02592, 15);
    // the source prints 16.099% (truncated): 0.16099 <= te < 0.16100
    expect(te).toBeGreaterThanOrEqual(0.16099);
    expect(te).toBeLessThan(0.161);
  });

  test("100% A against 100% B: sqrt(Var A + Var B - 2 Cov) (Quant SE, Matthew Gunn)", () => {
    // 0.0576 + 0.0144 - 2 x 0.01584 = 0.04032 -> 0.200798
    expect(trackingError([1, 0], [0, 1], validateCovariance(S2))).toBeCloseTo(Math.sqrt(0.04032), 15);
  });

  test("a three-class policy: 2% over equities, 2% under bonds", () => {
    // a = (0.02, -0.02, 0); S_eq = 0.16^2 = 0.0256, S_bd = 0.06^2 = 0.0036, cov = 0.2 x 0.16 x 0.06 = 0.00192
    // a'Sa = 0.0004 x 0.0256 + 0.0004 x 0.0036 - 2 x 0.0004 x 0.00192 = 1.0144e-5 -> TE 0.3185%
    const S = [
      [0.0256, 0.00192, 0.001],
      [0.00192, 0.0036, 0.0002],
      [0.001, 0.0002, 0.0004],
    ];
    const te = trackingError([0.62, 0.28, 0.1], [0.6, 0.3, 0.1], validateCovariance(S));
    expect(te).toBeCloseTo(Math.sqrt(1.0144e-5), 14);
  });
});

describe("reading the vectors and the covariance", () => {
  test("a column with a header, a row, trailing empty cells", () => {
    expect(readWeights([["Weight"], [0.5], [0.5], [""]], "weights")).toEqual([0.5, 0.5]);
    expect(readWeights([[0.2, 0.3, 0.5, ""]], "weights")).toEqual([0.2, 0.3, 0.5]);
  });
  test("an empty cell inside a vector is an error (no silent misalignment)", () => {
    expectEngineError(() => readWeights([[0.5], [""], [0.5]], "benchmark"), "value", /benchmark row 2 is empty/);
  });
  test("a labelled covariance: header row and label column are dropped", () => {
    const S = readCovariance([
      ["", "Equity", "Bonds"],
      ["Equity", 0.0576, 0.01584],
      ["Bonds", 0.01584, 0.0144],
    ]);
    expect(S).toEqual([
      [0.0576, 0.01584],
      [0.01584, 0.0144],
    ]);
  });
  test("labels that do not match", () => {
    expectEngineError(
      () =>
        readCovariance([
          ["", "Equity", "Bonds"],
          ["Bonds", 0.0576, 0.01584],
          ["Equity", 0.01584, 0.0144],
        ]),
      "value",
      /row label 1 'Bonds' does not match column label 1 'Equity'/,
    );
  });
});

describe("covariance checks", () => {
  test("not square", () => {
    expectEngineError(
      () =>
        readCovariance([
          [1, 0, 0],
          [0, 1, 0],
        ]),
      "value",
      /covariance must be square.*2 rows x 3 columns/,
    );
  });
  test("not symmetric", () => {
    expectEngineError(
      () =>
        validateCovariance([
          [0.04, 0.01],
          [0.02, 0.09],
        ]),
      "value",
      /not symmetric: row 1 column 2 is 0\.01 but row 2 column 1 is 0\.02/,
    );
  });
  test("not positive semi-definite: a correlation of 2", () => {
    expectEngineError(
      () =>
        validateCovariance([
          [1, 2],
          [2, 1],
        ]),
      "value",
      /not positive semi-definite/,
    );
  });
  test("not PSD although every pairwise correlation is within [-1, 1]: corr(1,2) = corr(1,3) = 0.9, corr(2,3) = -0.9", () => {
    // det = 1 - 3(0.81) + 2(0.9)(0.9)(-0.9) = -2.888 < 0
    expectEngineError(
      () =>
        validateCovariance([
          [1, 0.9, 0.9],
          [0.9, 1, -0.9],
          [0.9, -0.9, 1],
        ]),
      "value",
      /not positive semi-definite/,
    );
  });
  test("a negative variance", () => {
    expectEngineError(
      () =>
        validateCovariance([
          [0.04, 0],
          [0, -0.01],
        ]),
      "value",
      /row 2 column 2 is a variance and must be >= 0/,
    );
  });
  test("sizes must match", () => {
    expectEngineError(() => trackingError([0.5, 0.5, 0], [0.5, 0.5], S2), "value", /weights has 3, benchmark 2, covariance 2 x 2/);
  });
  test("singular PSD matrices pass: perfectly correlated assets, and the zero matrix", () => {
    expect(
      checkPsd([
        [0.04, 0.06],
        [0.06, 0.09],
      ]).psd,
    ).toBe(true); // corr 1: 0.2 and 0.3 vols
    expect(
      checkPsd([
        [0, 0],
        [0, 0],
      ]).psd,
    ).toBe(true);
    expect(
      checkPsd([
        [0, 0.1],
        [0.1, 0],
      ]).psd,
    ).toBe(false);
  });
});

/** Q diag(lambda) Q' with Q a product of random Givens rotations: eigenvalues known exactly. */
function withEigenvalues(lambda: number[], angles: number[]): number[][] {
  const n = lambda.length;
  let Q: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  angles.forEach((a, k) => {
    const i = k % n;
    const j = (k + 1 + Math.floor(k / n)) % n;
    if (i === j) return;
    const c = Math.cos(a);
    const s = Math.sin(a);
    Q = Q.map((row) => {
      const r = row.slice();
      r[i] = c * row[i] - s * row[j];
      r[j] = s * row[i] + c * row[j];
      return r;
    });
  });
  const S = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => lambda.reduce((acc, l, k) => acc + Q[i][k] * l * Q[j][k], 0)),
  );
  return S.map((r, i) => r.map((x, j) => (i <= j ? x : S[j][i])));
}

describe("properties", () => {
  const arbS = fc.integer({ min: 1, max: 6 }).chain((n) =>
    fc.record({
      lambda: fc.array(fc.double({ min: 0, max: 0.1, noNaN: true }), { minLength: n, maxLength: n }),
      angles: fc.array(fc.double({ min: 0, max: 6.28, noNaN: true }), { minLength: 2 * n, maxLength: 2 * n }),
      w: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      b: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      k: fc.double({ min: -5, max: 5, noNaN: true }),
    }),
  );

  test("zero when the allocation equals the policy; linear in the active weights", () => {
    fc.assert(
      fc.property(arbS, ({ lambda, angles, w, b, k }) => {
        const S = validateCovariance(withEigenvalues(lambda, angles));
        expect(trackingError(w, w, S)).toBe(0);
        const te = trackingError(w, b, S);
        const scaled = b.map((x, i) => x + k * (w[i] - b[i]));
        expect(trackingError(scaled, b, S)).toBeCloseTo(Math.abs(k) * te, 9);
      }),
      { numRuns: 300 },
    );
  });

  test("PSD matrices (some eigenvalues 0) pass; one clearly negative eigenvalue fails", () => {
    fc.assert(
      fc.property(arbS, fc.nat(), fc.boolean(), ({ lambda, angles }, pick, zeros) => {
        const lam = lambda.map((l, i) => (zeros && i % 2 === 1 ? 0 : l));
        expect(checkPsd(withEigenvalues(lam, angles)).psd).toBe(true);
        const top = Math.max(...lam.map(Math.abs), 0.01);
        const neg = lam.slice();
        neg[pick % neg.length] = -0.05 * top;
        expect(checkPsd(withEigenvalues(neg, angles)).psd).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
