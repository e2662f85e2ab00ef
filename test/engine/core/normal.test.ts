/**
 * The standard normal distribution against the independent high-precision reference of highPrecision.ts
 * (exact BigInt series, 800 digits), and against published values (cited beside them).
 */
import fc from "fast-check";
import { erf, erfc, erfcx, normCdf, normInv, normPdf } from "../../../src/engine/core/normal";
import { refErfc, refPdf, refPhi } from "./highPrecision";

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("normCdf against the high-precision reference", () => {
  // Deep lower tail to the centre and the upper side, both sides of Cody's breaks (|x|/sqrt2 = 0.46875 and 4).
  const points = [
    -37.5, -37, -35, -30, -26.5, -25, -20, -15, -12, -10, -9, -8, -7, -6, -5.65, -5.5, -5, -4, -3.5, -3, -2.5, -2, -1.5, -1, -0.75, -0.67,
    -0.66, -0.5, -0.25, -0.125, -0.001, 0, 0.001, 0.3, 0.66, 0.67, 1, 2, 3, 5, 5.7, 8,
  ];
  test.each(points)("Phi(%p) to 1e-15 relative", (x) => {
    const ref = refPhi(x);
    expect(ref).toBeGreaterThan(0);
    expect(relErr(normCdf(x), ref)).toBeLessThanOrEqual(1e-15);
  });

  test("Phi(-38) is subnormal: the reference to within one subnormal unit, and the published 2.885428351e-316", () => {
    const ref = refPhi(-38);
    expect(ref).toBeLessThan(2.2250738585072014e-308);
    expect(Math.abs(normCdf(-38) - ref)).toBeLessThanOrEqual(Number.MIN_VALUE);
    // Published: Phi(-38) = 2.885428351e-316 (R's pnorm(-38), also quoted in the issue).
    expect(relErr(normCdf(-38), 2.885428351e-316)).toBeLessThan(1e-9);
  });

  test("published values: 2 Phi(n) - 1 for n = 1..6 (the 68-95-99.7 rule table, Wikipedia 'Normal distribution')", () => {
    const published = [0.682689492137086, 0.954499736103642, 0.99730020393674, 0.999936657516334, 0.999999426696856, 0.999999998026825];
    published.forEach((v, i) => expect(Math.abs(2 * normCdf(i + 1) - 1 - v)).toBeLessThan(1e-15));
  });

  test("random points in [-37, 8] to 2e-15 relative", () => {
    fc.assert(
      fc.property(fc.double({ min: -37, max: 8, noNaN: true }), (x) => {
        const xr = Math.round(x * 2 ** 20) / 2 ** 20; // a short fraction keeps the reference quick
        expect(relErr(normCdf(xr), refPhi(xr))).toBeLessThanOrEqual(2e-15);
      }),
      { numRuns: 25 },
    );
  });
});

describe("normPdf, erfc, erf, erfcx", () => {
  test.each([-38, -30, -10, -3, -1, -0.5, 0, 0.25, 2, 7])("phi(%p) to 1e-15 relative", (x) => {
    expect(relErr(normPdf(x), refPdf(x))).toBeLessThanOrEqual(1e-15);
  });

  test.each([0.125, 0.46875, 0.5, 1, 2, 3.5, 4, 4.5, 6, 10, 20, 26])("erfc(%p) to 1e-15 relative", (y) => {
    expect(relErr(erfc(y), refErfc(y))).toBeLessThanOrEqual(1e-15);
  });

  test("published erf values (Abramowitz & Stegun, Table 7.1): erf(0.5), erf(1), erf(2)", () => {
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 15);
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 15);
    expect(erf(2)).toBeCloseTo(0.9953222650189527, 15);
    expect(erf(-1)).toBeCloseTo(-0.8427007929497149, 15);
    expect(erfc(-1)).toBeCloseTo(1 + 0.8427007929497149, 15);
  });

  test("erfcx(x) = exp(x^2) erfc(x) on both sides, and its large-x asymptote 1/(x sqrt(pi))", () => {
    for (const x of [-3, -1, -0.2, 0, 0.3, 1, 3]) expect(relErr(erfcx(x), Math.exp(x * x) * refErfcSigned(x))).toBeLessThan(2e-15);
    expect(relErr(erfcx(1e8), 1 / (1e8 * Math.sqrt(Math.PI)))).toBeLessThan(1e-15);
  });

  function refErfcSigned(x: number): number {
    return x >= 0 ? refErfc(x) : 2 - refErfc(-x);
  }
});

describe("normInv", () => {
  test.each([1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 1e-3, 0.01, 0.025, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 0.999, 1 - 1e-10])(
    "Phi(normInv(%p)) = p up to the rounding of the quantile",
    (p) => {
      const x = normInv(p);
      const ulpX = Math.max(Math.abs(x), 1e-300) * Number.EPSILON;
      const back = p < 0.5 ? refPhi(x) : 1 - refPhi(-x);
      // |Phi(x) - p| <= phi(x) x 2 ulps of x, plus the rounding of p itself.
      expect(Math.abs(back - p)).toBeLessThanOrEqual(2 * refPdf(x) * ulpX + p * Number.EPSILON);
    },
  );

  test("published quantiles: 1.959963984540054 (97.5%) and 2.5758293035489 (99.5%) (NIST/SEMATECH e-Handbook, 1.3.6.7.1)", () => {
    expect(normInv(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normInv(0.995)).toBeCloseTo(2.5758293035489, 12);
    expect(normInv(0.5)).toBe(0);
  });

  test("edges: 0 and 1 give the infinities, outside (0, 1) NaN", () => {
    expect(normInv(0)).toBe(-Infinity);
    expect(normInv(1)).toBe(Infinity);
    expect(normInv(-0.1)).toBeNaN();
    expect(normInv(1.5)).toBeNaN();
  });
});

describe("properties", () => {
  test("symmetry Phi(x) + Phi(-x) = 1 and monotonicity", () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, d) => {
        expect(Math.abs(normCdf(x) + normCdf(-x) - 1)).toBeLessThanOrEqual(2 * Number.EPSILON);
        expect(normCdf(x + d)).toBeGreaterThanOrEqual(normCdf(x));
      }),
    );
  });

  test("the extremes are finite and ordered", () => {
    expect(normCdf(-Infinity)).toBe(0);
    expect(normCdf(Infinity)).toBe(1);
    expect(normCdf(-1e300)).toBe(0);
    expect(normPdf(1e300)).toBe(0);
    expect(normCdf(NaN)).toBeNaN();
    expect(normCdf(-38.4)).toBeGreaterThan(0); // still representable (subnormal)
  });
});
