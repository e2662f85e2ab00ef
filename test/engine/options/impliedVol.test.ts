/**
 * Implied volatility: published examples, inversion of Haug's published prices, round trips over a wide
 * grid (deep in and out of the money, maturities from an hour to 30 years, vols from 0.5% to 400%), and the
 * no-arbitrage bounds.
 *
 * How well a price determines its vol: the price is known to about one unit in its last place, so sigma is
 * known to about eps x (S e^{-qT} + K e^{-rT}) / vega (the rounding of the price and of its intrinsic part,
 * divided by vega). Round trips must land within 1e-13 relative plus a few of those units. An
 * out-of-the-money option (the quotes implied vols are taken from) has no intrinsic part: there the
 * error must stay below 1e-12 plus the vol one unit in the last place of its price is worth.
 */
import fc from "fast-check";
import { bsm } from "../../../src/engine/options/blackScholes";
import { impliedVol, impliedVolBatch, priceBounds } from "../../../src/engine/options/impliedVol";
import { OptionKind } from "../../../src/engine/options/optionType";

const EPS = Number.EPSILON;

interface Case {
  kind: OptionKind;
  spot: number;
  strike: number;
  years: number;
  rate: number;
  yield: number;
  vol: number;
}

/** Round trip: the implied vol of the model price, its error, and the error the price's rounding allows. */
function roundTrip(c: Case): { err: number; allowed: number; otm: boolean; ulpVol: number } | undefined {
  const g = bsm(c);
  const { lower, upper } = priceBounds(c.kind, c.spot, c.strike, c.years, c.rate, c.yield);
  // A price that is its bound to double precision (no time value left) has no vol to find.
  if (!(g.price > lower * (1 + 4 * EPS) && g.price < upper * (1 - 4 * EPS)) || !(g.price > 1e-290 * c.spot) || !(g.vega > 0))
    return undefined;
  const v = impliedVol({ ...c, price: g.price });
  const fwdPV = c.spot * Math.exp(-c.yield * c.years);
  const kPV = c.strike * Math.exp(-c.rate * c.years);
  const kappa = (EPS * (fwdPV + kPV)) / g.vega;
  const otm = c.kind === "call" ? kPV >= fwdPV : kPV <= fwdPV;
  return { err: Math.abs(v - c.vol), allowed: 1e-13 * c.vol + 4 * kappa, otm, ulpVol: (EPS * g.price) / g.vega };
}

describe("published values", () => {
  test("Hull, Options, Futures, and Other Derivatives, 'Implied volatilities': a call worth 1.875 with S 21, K 20, r 10%, T 0.25 has implied vol 0.235", () => {
    expect(impliedVol({ kind: "call", price: 1.875, spot: 21, strike: 20, years: 0.25, rate: 0.1, yield: 0 })).toBeCloseTo(0.235, 3);
  });

  // Haug's published prices (4 decimals; QuantLib europeanoption.cpp testValues, which accepts 1e-4 in
  // price) give back Haug's vols within the vol that 1e-4 of price is worth (1e-4 / vega).
  const HAUG: [OptionKind, number, number, number, number, number, number, number][] = [
    ["call", 65, 60, 0, 0.08, 0.25, 0.3, 2.1334],
    ["put", 95, 100, 0.05, 0.1, 0.5, 0.2, 2.4648],
    ["put", 19, 19, 0.1, 0.1, 0.75, 0.28, 1.7011],
    ["call", 1.6, 1.56, 0.08, 0.06, 0.5, 0.12, 0.0291],
    ["put", 70, 75, 0.05, 0.1, 0.5, 0.35, 4.087],
    ["call", 100, 100, 0.1, 0.1, 0.1, 0.15, 1.8734],
    ["call", 100, 90, 0.1, 0.1, 0.5, 0.25, 2.7026],
    ["call", 100, 110, 0.1, 0.1, 0.5, 0.35, 15.3086],
    ["put", 100, 110, 0.1, 0.1, 0.5, 0.15, 1.0646],
    ["put", 100, 90, 0.1, 0.1, 0.5, 0.35, 14.4452],
    ["call", 40, 42, 0.08, 0.04, 0.75, 0.35, 5.0975],
  ];
  test.each(HAUG)("Haug %s K=%p S=%p q=%p r=%p t=%p: vol %p from price %p", (kind, strike, spot, q, r, t, vol, price) => {
    const v = impliedVol({ kind, price, spot, strike, years: t, rate: r, yield: q });
    const vega = bsm({ kind, spot, strike, years: t, rate: r, yield: q, vol }).vega;
    expect(Math.abs(v - vol)).toBeLessThanOrEqual(1e-4 / vega + 1e-12);
  });
});

describe("round trips", () => {
  test("a wide grid: |log-moneyness| to 3, T from 1e-4 to 30 years, vol 0.5% to 400%, calls and puts", () => {
    const moneyness = [-3, -1, -0.3, -0.05, -0.001, 0, 0.001, 0.05, 0.3, 1, 3];
    const years = [1e-4, 1 / 365, 1 / 12, 1, 10, 30];
    const vols = [0.005, 0.05, 0.2, 0.6, 1.5, 4];
    let checked = 0;
    let worstOtm = 0;
    let worstRatio = 0;
    for (const kind of ["call", "put"] as const)
      for (const m of moneyness)
        for (const t of years)
          for (const vol of vols) {
            const rate = 0.03;
            const q = 0.01;
            const forward = 100 * Math.exp((rate - q) * t);
            const r = roundTrip({ kind, spot: 100, strike: forward * Math.exp(m), years: t, rate, yield: q, vol });
            if (!r) continue;
            checked++;
            worstRatio = Math.max(worstRatio, r.err / r.allowed);
            if (r.otm) worstOtm = Math.max(worstOtm, r.err - 4 * r.ulpVol);
          }
    expect(checked).toBeGreaterThan(500);
    expect(worstRatio).toBeLessThanOrEqual(1);
    expect(worstOtm).toBeLessThanOrEqual(1e-12);
  });

  test("random options (fast-check): within the bound the price's rounding allows", () => {
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom<OptionKind>("call", "put"),
          spot: fc.double({ min: 0.01, max: 1e6, noNaN: true }),
          moneyness: fc.double({ min: -4, max: 4, noNaN: true }),
          logYears: fc.double({ min: -4, max: Math.log10(50), noNaN: true }),
          rate: fc.double({ min: -0.05, max: 0.15, noNaN: true }),
          yield: fc.double({ min: 0, max: 0.1, noNaN: true }),
          logVol: fc.double({ min: -2.3, max: 0.6, noNaN: true }),
        }),
        (p) => {
          const c: Case = {
            kind: p.kind,
            spot: p.spot,
            strike: p.spot * Math.exp(p.moneyness),
            years: 10 ** p.logYears,
            rate: p.rate,
            yield: p.yield,
            vol: 10 ** p.logVol,
          };
          const r = roundTrip(c);
          if (r) expect(r.err).toBeLessThanOrEqual(r.allowed);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test("the batch API agrees with the scalar function and marks prices outside the bounds NaN", () => {
    const n = 4;
    const inp = {
      type: new Float64Array([1, -1, 1, -1]),
      spot: new Float64Array(n).fill(100),
      strike: new Float64Array([90, 110, 120, 80]),
      years: new Float64Array(n).fill(0.5),
      rate: new Float64Array(n).fill(0.03),
      yield: new Float64Array(n).fill(0.01),
      vol: new Float64Array(n),
    };
    const price = new Float64Array([
      bsm({ kind: "call", spot: 100, strike: 90, years: 0.5, rate: 0.03, yield: 0.01, vol: 0.25 }).price,
      bsm({ kind: "put", spot: 100, strike: 110, years: 0.5, rate: 0.03, yield: 0.01, vol: 0.3 }).price,
      200,
      0,
    ]);
    const out = new Float64Array(n);
    impliedVolBatch(inp, price, out);
    expect(out[0]).toBe(impliedVol({ kind: "call", price: price[0], spot: 100, strike: 90, years: 0.5, rate: 0.03, yield: 0.01 }));
    expect(Math.abs(out[1] - 0.3)).toBeLessThan(1e-14);
    expect(out[2]).toBeNaN();
    expect(out[3]).toBeNaN();
  });
});

describe("no-arbitrage bounds", () => {
  const base = { spot: 100, strike: 90, years: 1, rate: 0.05, yield: 0.02 };
  test("a call below its discounted intrinsic value: #NUM! naming the lower bound", () => {
    const intrinsic = 100 * Math.exp(-0.02) - 90 * Math.exp(-0.05);
    expect(() => impliedVol({ ...base, kind: "call", price: intrinsic - 0.01 })).toThrow(
      /below the call's discounted intrinsic value 12\.409/,
    );
    expect(() => impliedVol({ ...base, kind: "call", price: intrinsic })).toThrow(/lower no-arbitrage bound/);
  });
  test("a call at or above S e^{-qT}, a put at or above K e^{-rT}: #NUM! naming the upper bound", () => {
    expect(() => impliedVol({ ...base, kind: "call", price: 98.02 })).toThrow(/upper no-arbitrage bound 98\.019/);
    expect(() => impliedVol({ ...base, kind: "put", price: 90 })).toThrow(/put's upper no-arbitrage bound 85\.61/);
  });
  test("an out-of-the-money option priced at 0", () => {
    expect(() => impliedVol({ ...base, kind: "put", price: 0 })).toThrow(/must be > 0/);
  });
  test("just inside the bounds the vol exists and reprices", () => {
    const upper = 100 * Math.exp(-0.02);
    const v = impliedVol({ ...base, kind: "call", price: upper * (1 - 1e-9) });
    expect(v).toBeGreaterThan(5);
    expect(Math.abs(bsm({ ...base, kind: "call", vol: v }).price / (upper * (1 - 1e-9)) - 1)).toBeLessThan(1e-12);
    const tiny = impliedVol({ ...base, kind: "put", strike: 20, price: 1e-200 });
    expect(Math.abs(bsm({ ...base, kind: "put", strike: 20, vol: tiny }).price / 1e-200 - 1)).toBeLessThan(1e-12);
  });
});
