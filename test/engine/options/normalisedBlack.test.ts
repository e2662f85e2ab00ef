/**
 * The normalised Black function b(x, s) = e^{x/2} N(x/s + s/2) - e^{-x/2} N(x/s - s/2) (Jäckel, "Let's Be
 * Rational", 2015) against the same expression in exact arithmetic (highPrecision.ts), and its inverse:
 * round trips to ~1e-13 relative in s, in a handful of iterations, from the money to |x| = 50.
 */
import { otmCall, otmCallComplement, otmImpliedStdDev, otmImpliedStdDevSolve, otmVega } from "../../../src/engine/options/normalisedBlack";
import { SCALE, expNeg, rational, refPhiFixedQ, toDouble } from "../core/highPrecision";

/** b(x, s) for doubles x <= 0, s > 0, exactly (then rounded once). */
function refB(x: number, s: number): number {
  const [px, qx] = rational(x);
  const [ps, qs] = rational(s);
  // h = x/s, t = s/2: h + t = (2 px qs^2 + ps^2 qx) / (2 qx ps qs) ... as one fraction with denominator 2 qx qs ps.
  const den = 2n * qx * qs * ps;
  const hNum = 2n * px * qs * qs;
  const tNum = ps * ps * qx;
  const ePlus = expNeg(-px, 2n * qx); // e^{x/2} x SCALE (x <= 0)
  const eMinus = (SCALE * SCALE) / ePlus; // e^{-x/2} x SCALE
  const v = ePlus * refPhiFixedQ(hNum + tNum, den) - eMinus * refPhiFixedQ(hNum - tNum, den);
  return toDouble(v / SCALE);
}

describe("b(x, s) against exact arithmetic", () => {
  const points: [number, number][] = [
    [0, 0.01],
    [0, 1],
    [-0.001, 0.05],
    [-0.1, 0.2],
    [-0.5, 0.3],
    [-1, 0.1],
    [-1, 1.5],
    [-2, 5],
    [-5, 0.5],
    [-10, 1],
    [-20, 2],
    [-30, 8],
  ];
  test.each(points)("b(%p, %p)", (x, s) => {
    const ref = refB(x, s);
    expect(ref).toBeGreaterThan(0);
    // The rounding of the two terms is amplified by their ratio to b (~ |x| / s^2 deep out of the money).
    const amplification = 1 + Math.abs(x) / (s * s);
    expect(Math.abs(otmCall(x, s) - ref) / ref).toBeLessThanOrEqual(4e-16 * amplification + 1e-15);
    expect(Math.abs(otmCall(x, s) + otmCallComplement(x, s) - Math.exp(x / 2))).toBeLessThanOrEqual(4 * Number.EPSILON);
  });

  test("the normalised vega is the derivative in s", () => {
    for (const [x, s] of points) {
      const h = 1e-6 * s;
      const fd = (otmCall(x, s + h) - otmCall(x, s - h)) / (2 * h);
      expect(Math.abs(otmVega(x, s) - fd)).toBeLessThanOrEqual(1e-7 * otmVega(x, s) + (1e-9 * otmCall(x, s)) / s + 1e-300);
    }
  });
});

describe("the inverse", () => {
  test("round trips from the money to |x| = 50 and s from 1e-3 to 45: 1e-12 relative, at most 6 iterations", () => {
    const xs = [0, -1e-6, -1e-3, -0.01, -0.05, -0.1, -0.3, -0.5, -1, -2, -3, -5, -10, -20, -50];
    let worst = 0;
    let most = 0;
    let n = 0;
    for (const x of xs)
      for (let e = -3; e <= 1.65; e += 0.02) {
        const s = 10 ** e;
        const beta = otmCall(x, s);
        const betaC = otmCallComplement(x, s);
        if (!(beta > 1e-300) || !(betaC > 1e-300)) continue;
        const { stdDev: r, iterations } = otmImpliedStdDevSolve(beta, betaC, x);
        most = Math.max(most, iterations);
        worst = Math.max(worst, Math.abs(r - s) / s);
        n++;
      }
    expect(n).toBeGreaterThan(2500);
    expect(worst).toBeLessThanOrEqual(1e-12);
    expect(most).toBeLessThanOrEqual(6);
  });

  test("tiny s near the money: limited only by the rounding of b itself", () => {
    for (const x of [0, -1e-8, -1e-5])
      for (const s of [1e-6, 1e-5, 1e-4]) {
        const r = otmImpliedStdDev(otmCall(x, s), otmCallComplement(x, s), x);
        // b ~ s / sqrt(2 pi) is a difference of two terms ~ 1/2: its rounding ~ 1e-16 absolute.
        expect(Math.abs(r - s) / s).toBeLessThanOrEqual(1e-15 / s);
      }
  });

  test("outside 0 < beta < e^{x/2}: NaN", () => {
    expect(otmImpliedStdDev(0, 1, -1)).toBeNaN();
    expect(otmImpliedStdDev(0.7, 0, -1)).toBeNaN();
    expect(otmImpliedStdDev(0.1, 0.5, 0.5)).toBeNaN();
  });
});
