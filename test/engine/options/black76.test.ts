/**
 * Black-76 against published examples, and its relation to Black-Scholes-Merton.
 */
import fc from "fast-check";
import { black76 } from "../../../src/engine/options/black76";
import { bsm } from "../../../src/engine/options/blackScholes";

describe("published values", () => {
  test("Hull, Options, Futures, and Other Derivatives, futures-options chapter, Black's-model example (Example 18.6 or 18.7 by edition): European put on crude oil futures F 20, K 20, r 9%, vol 25%, 4 months -> 1.12", () => {
    const p = black76({ kind: "put", forward: 20, strike: 20, years: 4 / 12, rate: 0.09, vol: 0.25 }).price;
    expect(p).toBeCloseTo(1.12, 2);
  });

  test("Haug (1998) pag 2-8, option on a futures price F 19, K 19, t 0.75, r 0.10, vol 0.28 -> call = put = 1.7011 (QuantLib europeanoption.cpp testValues, rows with q = r)", () => {
    for (const kind of ["call", "put"] as const) {
      expect(Math.abs(black76({ kind, forward: 19, strike: 19, years: 0.75, rate: 0.1, vol: 0.28 }).price - 1.7011)).toBeLessThanOrEqual(
        1e-4,
      );
    }
  });
});

const inputs = fc.record({
  kind: fc.constantFrom("call" as const, "put" as const),
  forward: fc.double({ min: 1, max: 5000, noNaN: true }),
  moneyness: fc.double({ min: -1, max: 1, noNaN: true }),
  years: fc.double({ min: 0.05, max: 5, noNaN: true }),
  rate: fc.double({ min: -0.02, max: 0.1, noNaN: true }),
  vol: fc.double({ min: 0.05, max: 1, noNaN: true }),
});

describe("properties", () => {
  test("put-call parity on the futures price: C - P = e^{-rT} (F - K)", () => {
    fc.assert(
      fc.property(inputs, (p) => {
        const strike = p.forward * Math.exp(p.moneyness);
        const c = black76({ ...p, kind: "call", strike }).price;
        const q = black76({ ...p, kind: "put", strike }).price;
        expect(Math.abs(c - q - Math.exp(-p.rate * p.years) * (p.forward - strike))).toBeLessThanOrEqual(1e-12 * (p.forward + strike));
      }),
    );
  });

  test("price, delta, gamma, vega and theta are BSM's with S = F and q = r; rho = -T x price", () => {
    fc.assert(
      fc.property(inputs, (p) => {
        const strike = p.forward * Math.exp(p.moneyness);
        const b = black76({ ...p, strike });
        const m = bsm({ kind: p.kind, spot: p.forward, strike, years: p.years, rate: p.rate, yield: p.rate, vol: p.vol });
        expect(b.price).toBe(m.price);
        expect(b.delta).toBe(m.delta);
        expect(b.gamma).toBe(m.gamma);
        expect(b.vega).toBe(m.vega);
        expect(b.theta).toBe(m.theta);
        expect(b.rho).toBe(-p.years * b.price);
      }),
    );
  });

  test("Greeks against finite differences with the futures price held fixed", () => {
    fc.assert(
      fc.property(inputs, (p) => {
        const strike = p.forward * Math.exp(p.moneyness);
        const base = { ...p, strike };
        const g = black76(base);
        const v = (o: Partial<typeof base>) => black76({ ...base, ...o }).price;
        const hf = 1e-5 * p.forward;
        const h = 1e-5;
        const scale = p.forward + strike;
        expect(Math.abs(g.delta - (v({ forward: p.forward + hf }) - v({ forward: p.forward - hf })) / (2 * hf))).toBeLessThanOrEqual(1e-6);
        const hg = 1e-4 * p.forward;
        const fdGamma = (v({ forward: p.forward + hg }) - 2 * g.price + v({ forward: p.forward - hg })) / (hg * hg);
        expect(Math.abs(g.gamma - fdGamma)).toBeLessThanOrEqual(1e-4 / p.forward + 1e-3 * g.gamma);
        expect(Math.abs(g.vega - (v({ vol: p.vol + h }) - v({ vol: p.vol - h })) / (2 * h))).toBeLessThanOrEqual(1e-6 * scale);
        expect(Math.abs(g.theta + (v({ years: p.years + h }) - v({ years: p.years - h })) / (2 * h))).toBeLessThanOrEqual(1e-6 * scale);
        expect(Math.abs(g.rho - (v({ rate: p.rate + h }) - v({ rate: p.rate - h })) / (2 * h))).toBeLessThanOrEqual(1e-6 * scale);
      }),
    );
  });
});

describe("vol = 0 (issue 15): the discounted intrinsic value, as QuantLib's BlackCalculator gives it", () => {
  // QuantLib ql/pricingengines/blackcalculator.cpp, stdDev < QL_EPSILON: N(d1) = N(d2) = 1 in the money,
  // 0 out of it, 1/2 at the money; the value is discount x (F alpha - K beta).
  const disc = Math.exp(-0.05 * 0.5);
  test("in the money: e^{-rT} (F - K), delta e^{-rT}; out of the money: 0", () => {
    const call = black76({ kind: "call", forward: 110, strike: 100, years: 0.5, rate: 0.05, vol: 0 });
    expect(call.price).toBeCloseTo(disc * 10, 12);
    expect(call.delta).toBeCloseTo(disc, 14);
    expect([call.gamma, call.vega]).toEqual([0, 0]);
    expect(call.theta).toBeCloseTo(0.05 * disc * 10, 12);
    expect(call.rho).toBeCloseTo(-0.5 * disc * 10, 12);
    const put = black76({ kind: "put", forward: 110, strike: 100, years: 0.5, rate: 0.05, vol: 0 });
    expect([put.price, put.delta]).toEqual([0, -0]);
    expect(black76({ kind: "put", forward: 90, strike: 100, years: 0.5, rate: 0.05, vol: 0 }).price).toBeCloseTo(disc * 10, 12);
  });
  test("at the money: price 0, delta e^{-rT} / 2, vega F e^{-rT} sqrt(T) / sqrt(2 pi); gamma is infinite: #NUM!", () => {
    const p = { kind: "call" as const, forward: 100, strike: 100, years: 0.5, rate: 0.05, vol: 0 };
    expect(black76(p, "price").price).toBe(0);
    expect(black76(p, "delta").delta).toBeCloseTo(disc / 2, 14);
    expect(black76(p, "vega").vega).toBeCloseTo((100 * disc * Math.sqrt(0.5)) / Math.sqrt(2 * Math.PI), 12);
    expect(() => black76(p, "gamma")).toThrow(/gamma is infinite/);
  });
  test("the limit vol -> 0+ of the priced formula is the vol-0 value (fast-check, away from the money)", () => {
    fc.assert(
      fc.property(inputs, (p) => {
        fc.pre(Math.abs(p.moneyness) > 0.01);
        const strike = p.forward * Math.exp(p.moneyness);
        const at0 = black76({ ...p, strike, vol: 0 });
        const near = black76({ ...p, strike, vol: 1e-6 });
        expect(Math.abs(near.price - at0.price)).toBeLessThanOrEqual(1e-9 * (p.forward + strike));
        expect(Math.abs(near.delta - at0.delta)).toBeLessThanOrEqual(1e-9);
      }),
    );
  });
});
