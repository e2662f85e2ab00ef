/**
 * Black-Scholes-Merton prices and Greeks against E. G. Haug's published tables, as reproduced in QuantLib's
 * test suite (lballabio/QuantLib, test-suite/europeanoption.cpp: EuropeanOptionTest::testValues and
 * testGreekValues, "Option pricing formulas", E.G. Haug, McGraw-Hill 1998), and properties: put-call
 * parity, Greeks against finite differences, deep out-of-the-money prices against the high-precision normal.
 */
import fc from "fast-check";
import { bsm } from "../../../src/engine/options/blackScholes";
import { OptionKind } from "../../../src/engine/options/optionType";
import { rational, refPhiFixedQ, toDouble } from "../core/highPrecision";

type Row = [OptionKind, number, number, number, number, number, number, number];

// QuantLib europeanoption.cpp testValues: type, strike, spot, q, r, t, vol, value (tolerance 1e-4).
const HAUG_VALUES: Row[] = [
  // Haug (1998) pag 2-8
  ["call", 65.0, 60.0, 0.0, 0.08, 0.25, 0.3, 2.1334],
  ["put", 95.0, 100.0, 0.05, 0.1, 0.5, 0.2, 2.4648],
  ["put", 19.0, 19.0, 0.1, 0.1, 0.75, 0.28, 1.7011],
  ["call", 19.0, 19.0, 0.1, 0.1, 0.75, 0.28, 1.7011],
  ["call", 1.6, 1.56, 0.08, 0.06, 0.5, 0.12, 0.0291],
  ["put", 70.0, 75.0, 0.05, 0.1, 0.5, 0.35, 4.087],
  // pag 24
  ["call", 100.0, 90.0, 0.1, 0.1, 0.1, 0.15, 0.0205],
  ["call", 100.0, 100.0, 0.1, 0.1, 0.1, 0.15, 1.8734],
  ["call", 100.0, 110.0, 0.1, 0.1, 0.1, 0.15, 9.9413],
  ["call", 100.0, 90.0, 0.1, 0.1, 0.1, 0.25, 0.315],
  ["call", 100.0, 100.0, 0.1, 0.1, 0.1, 0.25, 3.1217],
  ["call", 100.0, 110.0, 0.1, 0.1, 0.1, 0.25, 10.3556],
  ["call", 100.0, 90.0, 0.1, 0.1, 0.1, 0.35, 0.9474],
  ["call", 100.0, 100.0, 0.1, 0.1, 0.1, 0.35, 4.3693],
  ["call", 100.0, 110.0, 0.1, 0.1, 0.1, 0.35, 11.1381],
  ["call", 100.0, 90.0, 0.1, 0.1, 0.5, 0.15, 0.8069],
  ["call", 100.0, 100.0, 0.1, 0.1, 0.5, 0.15, 4.0232],
  ["call", 100.0, 110.0, 0.1, 0.1, 0.5, 0.15, 10.5769],
  ["call", 100.0, 90.0, 0.1, 0.1, 0.5, 0.25, 2.7026],
  ["call", 100.0, 100.0, 0.1, 0.1, 0.5, 0.25, 6.6997],
  ["call", 100.0, 110.0, 0.1, 0.1, 0.5, 0.25, 12.7857],
  ["call", 100.0, 90.0, 0.1, 0.1, 0.5, 0.35, 4.9329],
  ["call", 100.0, 100.0, 0.1, 0.1, 0.5, 0.35, 9.3679],
  ["call", 100.0, 110.0, 0.1, 0.1, 0.5, 0.35, 15.3086],
  ["put", 100.0, 90.0, 0.1, 0.1, 0.1, 0.15, 9.921],
  ["put", 100.0, 100.0, 0.1, 0.1, 0.1, 0.15, 1.8734],
  ["put", 100.0, 110.0, 0.1, 0.1, 0.1, 0.15, 0.0408],
  ["put", 100.0, 90.0, 0.1, 0.1, 0.1, 0.25, 10.2155],
  ["put", 100.0, 100.0, 0.1, 0.1, 0.1, 0.25, 3.1217],
  ["put", 100.0, 110.0, 0.1, 0.1, 0.1, 0.25, 0.4551],
  ["put", 100.0, 90.0, 0.1, 0.1, 0.1, 0.35, 10.8479],
  ["put", 100.0, 100.0, 0.1, 0.1, 0.1, 0.35, 4.3693],
  ["put", 100.0, 110.0, 0.1, 0.1, 0.1, 0.35, 1.2376],
  ["put", 100.0, 90.0, 0.1, 0.1, 0.5, 0.15, 10.3192],
  ["put", 100.0, 100.0, 0.1, 0.1, 0.5, 0.15, 4.0232],
  ["put", 100.0, 110.0, 0.1, 0.1, 0.5, 0.15, 1.0646],
  ["put", 100.0, 90.0, 0.1, 0.1, 0.5, 0.25, 12.2149],
  ["put", 100.0, 100.0, 0.1, 0.1, 0.5, 0.25, 6.6997],
  ["put", 100.0, 110.0, 0.1, 0.1, 0.5, 0.25, 3.2734],
  ["put", 100.0, 90.0, 0.1, 0.1, 0.5, 0.35, 14.4452],
  ["put", 100.0, 100.0, 0.1, 0.1, 0.5, 0.35, 9.3679],
  ["put", 100.0, 110.0, 0.1, 0.1, 0.5, 0.35, 5.7963],
  // pag 27
  ["call", 40.0, 42.0, 0.08, 0.04, 0.75, 0.35, 5.0975],
];

const price = (kind: OptionKind, strike: number, spot: number, q: number, r: number, t: number, vol: number) =>
  bsm({ kind, spot, strike, years: t, rate: r, yield: q, vol });

describe("Haug's values (QuantLib europeanoption.cpp, testValues)", () => {
  test.each(HAUG_VALUES)("%s K=%p S=%p q=%p r=%p t=%p vol=%p -> %p", (kind, k, s, q, r, t, v, expected) => {
    expect(Math.abs(price(kind, k, s, q, r, t, v).price - expected)).toBeLessThanOrEqual(1e-4);
  });
});

describe("Haug's Greeks (QuantLib europeanoption.cpp, testGreekValues; Haug 1998 pag 11-16)", () => {
  const tol = 1e-4;
  test("delta: call 0.5946, put -0.3566 (K 100, S 105, q 0.10, r 0.10, t 0.5, vol 0.36)", () => {
    expect(Math.abs(price("call", 100, 105, 0.1, 0.1, 0.5, 0.36).delta - 0.5946)).toBeLessThanOrEqual(tol);
    expect(Math.abs(price("put", 100, 105, 0.1, 0.1, 0.5, 0.36).delta - -0.3566)).toBeLessThanOrEqual(tol);
  });
  test("elasticity of the put: delta x S / price = -4.8775", () => {
    const g = price("put", 100, 105, 0.1, 0.1, 0.5, 0.36);
    expect(Math.abs((g.delta * 105) / g.price - -4.8775)).toBeLessThanOrEqual(tol);
  });
  test("gamma 0.0278 and vega 18.9358, call and put (K 60, S 55, q 0, r 0.10, t 0.75, vol 0.30)", () => {
    for (const kind of ["call", "put"] as const) {
      const g = price(kind, 60, 55, 0, 0.1, 0.75, 0.3);
      expect(Math.abs(g.gamma - 0.0278)).toBeLessThanOrEqual(tol);
      expect(Math.abs(g.vega - 18.9358)).toBeLessThanOrEqual(tol);
    }
  });
  test("theta of the put: -31.1924 per year, -0.0855 per day (/365, QuantLib's thetaPerDay) (K 405, S 430, q 0.05, r 0.07, t 1/12, vol 0.20)", () => {
    const g = price("put", 405, 430, 0.05, 0.07, 1 / 12, 0.2);
    expect(Math.abs(g.theta - -31.1924)).toBeLessThanOrEqual(tol);
    expect(Math.abs(g.theta / 365 - -0.0855)).toBeLessThanOrEqual(tol);
  });
  test("rho of the call: 38.7325 (K 75, S 72, q 0, r 0.09, t 1, vol 0.19)", () => {
    expect(Math.abs(price("call", 75, 72, 0, 0.09, 1, 0.19).rho - 38.7325)).toBeLessThanOrEqual(tol);
  });
  test("dividend rho of the put: 42.2254 (K 490, S 500, q 0.05, r 0.08, t 0.25, vol 0.15)", () => {
    expect(Math.abs(price("put", 490, 500, 0.05, 0.08, 0.25, 0.15).dividendRho - 42.2254)).toBeLessThanOrEqual(tol);
  });
});

const kind = fc.constantFrom<OptionKind>("call", "put");
const inputs = fc.record({
  kind,
  spot: fc.double({ min: 1, max: 1000, noNaN: true }),
  moneyness: fc.double({ min: -1, max: 1, noNaN: true }),
  years: fc.double({ min: 0.05, max: 5, noNaN: true }),
  rate: fc.double({ min: -0.02, max: 0.1, noNaN: true }),
  yield: fc.double({ min: 0, max: 0.06, noNaN: true }),
  vol: fc.double({ min: 0.05, max: 1, noNaN: true }),
});

describe("properties", () => {
  test("put-call parity: C - P = S e^{-qT} - K e^{-rT}", () => {
    fc.assert(
      fc.property(inputs, (p) => {
        const strike = p.spot * Math.exp(p.moneyness);
        const c = bsm({ ...p, kind: "call", strike });
        const q = bsm({ ...p, kind: "put", strike });
        const fwd = p.spot * Math.exp(-p.yield * p.years) - strike * Math.exp(-p.rate * p.years);
        expect(Math.abs(c.price - q.price - fwd)).toBeLessThanOrEqual(1e-12 * (p.spot + strike));
        // and for the Greeks: delta_c - delta_p = e^{-qT}; gammas and vegas equal.
        expect(Math.abs(c.delta - q.delta - Math.exp(-p.yield * p.years))).toBeLessThanOrEqual(1e-14);
        expect(Math.abs(c.gamma - q.gamma)).toBeLessThanOrEqual(1e-14 * Math.abs(c.gamma) + 1e-300);
        expect(Math.abs(c.vega - q.vega)).toBeLessThanOrEqual(1e-14 * Math.abs(c.vega) + 1e-300);
      }),
    );
  });

  test("Greeks against central finite differences of the price", () => {
    fc.assert(
      fc.property(inputs, (p) => {
        const strike = p.spot * Math.exp(p.moneyness);
        const base = { ...p, strike };
        const g = bsm(base);
        const v = (o: Partial<typeof base>) => bsm({ ...base, ...o }).price;
        const hd = 1e-5 * p.spot;
        const fdDelta = (v({ spot: p.spot + hd }) - v({ spot: p.spot - hd })) / (2 * hd);
        const hs = 1e-4 * p.spot;
        const fdGamma = (v({ spot: p.spot + hs }) - 2 * g.price + v({ spot: p.spot - hs })) / (hs * hs);
        const h = 1e-5;
        const fdVega = (v({ vol: p.vol + h }) - v({ vol: p.vol - h })) / (2 * h);
        const fdTheta = -(v({ years: p.years + h }) - v({ years: p.years - h })) / (2 * h);
        const fdRho = (v({ rate: p.rate + h }) - v({ rate: p.rate - h })) / (2 * h);
        const fdDivRho = (v({ yield: p.yield + h }) - v({ yield: p.yield - h })) / (2 * h);
        const scale = p.spot + strike;
        expect(Math.abs(g.delta - fdDelta)).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(g.gamma - fdGamma)).toBeLessThanOrEqual(1e-4 / p.spot + 1e-3 * Math.abs(g.gamma));
        expect(Math.abs(g.vega - fdVega)).toBeLessThanOrEqual(1e-6 * scale);
        expect(Math.abs(g.theta - fdTheta)).toBeLessThanOrEqual(1e-6 * scale);
        expect(Math.abs(g.rho - fdRho)).toBeLessThanOrEqual(1e-6 * scale);
        expect(Math.abs(g.dividendRho - fdDivRho)).toBeLessThanOrEqual(1e-6 * scale);
      }),
    );
  });

  test("deep out of the money prices do not collapse to 0: against the high-precision normal", () => {
    // S e^{-qT} Phi(d1) - K e^{-rT} Phi(d2) in exact arithmetic, with Phi from the BigInt series of
    // highPrecision.ts, for the same doubles d1, s, S e^{-qT} and K e^{-rT} the kernel forms, and d2 = d1 - s
    // exactly (the formula's d2; rounding d1 - s would move Phi(d2) by |d2| ulp(d2), amplified ~|x|/s^2 times).
    const cases: [OptionKind, number, number, number, number, number, number][] = [
      ["call", 100, 300, 0.1, 0.01, 0, 0.1],
      ["call", 100, 200, 0.25, 0.03, 0.01, 0.15],
      ["put", 100, 40, 0.5, 0.05, 0.02, 0.2],
      ["put", 100, 10, 1, 0.02, 0, 0.3],
      ["call", 100, 1000, 2, 0.02, 0, 0.25],
    ];
    for (const [k, S, K, T, r, q, vol] of cases) {
      const p = bsm({ kind: k, spot: S, strike: K, years: T, rate: r, yield: q, vol }).price;
      const s = vol * Math.sqrt(T);
      const d1 = (Math.log(S / K) + (r - q) * T) / s + s / 2;
      const w = k === "call" ? 1 : -1;
      const [p1, q1] = rational(w * d1);
      const [ps, qs] = rational(w * s);
      const exact = (a: number, phi: bigint) => {
        const [pa, qa] = rational(a);
        return (pa * phi) / qa;
      };
      const phi1 = refPhiFixedQ(p1, q1);
      const phi2 = refPhiFixedQ(p1 * qs - ps * q1, q1 * qs); // w d2 = w d1 - w s, exactly
      const ref = toDouble(BigInt(w) * (exact(S * Math.exp(-q * T), phi1) - exact(K * Math.exp(-r * T), phi2)));
      expect(p).toBeGreaterThan(0);
      expect(ref).toBeGreaterThan(0);
      expect(Math.abs(p - ref) / ref).toBeLessThan(1e-12);
    }
    // 3x out of the money at 10% vol for 0.1 years: ~1.5e-265, representable, not 0.
    expect(bsm({ kind: "call", spot: 100, strike: 300, years: 0.1, rate: 0, yield: 0, vol: 0.1 }).price).toBeLessThan(1e-260);
  });

  test("inputs the kernel cannot use are #NUM!, never NaN", () => {
    expect(() => bsm({ kind: "call", spot: 100, strike: 100, years: 1e-300, rate: 0, yield: 0, vol: 1e-300 })).toThrow(/too small/);
    expect(() => bsm({ kind: "call", spot: 0, strike: 100, years: 1, rate: 0, yield: 0, vol: 0.2 })).toThrow(/must be > 0/);
  });
});
