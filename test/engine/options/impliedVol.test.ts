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
import { black76 } from "../../../src/engine/options/black76";
import { black76ImpliedVol, impliedVol, priceBounds } from "../../../src/engine/options/impliedVol";
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
    const v = impliedVol({ ...base, kind: "call", price: upper * (1 - 1e-6) });
    expect(v).toBeGreaterThan(9);
    expect(Math.abs(bsm({ ...base, kind: "call", vol: v }).price / (upper * (1 - 1e-6)) - 1)).toBeLessThan(1e-12);
    const tiny = impliedVol({ ...base, kind: "put", strike: 20, price: 1e-200 });
    expect(Math.abs(bsm({ ...base, kind: "put", strike: 20, vol: tiny }).price / 1e-200 - 1)).toBeLessThan(1e-12);
  });
});

describe("the vol stays inside OPTION's domain (0, 10] (issue 20)", () => {
  test("a price that needs more than 1000% vol is refused with the vol it would need, in words", () => {
    // Issue 20's case: OVERLAY.IMPLIEDVOL("call", 1.875, 21, 20, 1e-12, 0, 0) returned 160,989.
    const call = () => impliedVol({ kind: "call", price: 1.875, spot: 21, strike: 20, years: 1e-12, rate: 0, yield: 0 });
    expect(call).toThrow(/needs a volatility of 16\d{4}\.\d*, above 10 \(1000%\), the top of OVERLAY.OPTION's vol domain \(0, 10\]/);
    expect(call).not.toThrow(/Infinity|NaN|undefined/);
  });
  test("just inside the bound: 1e-7 below the call's upper bound needs 10.6 (refused), 1e-6 below needs 9.76 (given)", () => {
    const base = { spot: 100, strike: 90, years: 1, rate: 0.05, yield: 0.02 };
    const upper = 100 * Math.exp(-0.02);
    expect(() => impliedVol({ ...base, kind: "call", price: upper * (1 - 1e-7) })).toThrow(/needs a volatility of 10\.6/);
    const v = impliedVol({ ...base, kind: "call", price: upper * (1 - 1e-6) });
    expect(bsm({ ...base, kind: "call", vol: v }).price).toBeCloseTo(upper * (1 - 1e-6), 9);
  });
});

describe("Black-76 implied vol", () => {
  test("Hull's Black's-model put (F = K = 20, r 9%, 4 months, 25%, 1.1166...) inverts to 25%", () => {
    const price = black76({ kind: "put", forward: 20, strike: 20, years: 4 / 12, rate: 0.09, vol: 0.25 }).price;
    expect(price).toBeCloseTo(1.12, 2);
    expect(black76ImpliedVol({ kind: "put", price, forward: 20, strike: 20, years: 4 / 12, rate: 0.09 })).toBeCloseTo(0.25, 13);
  });
  test("round trips over strikes, expiries and vols, calls and puts (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<"call" | "put">("call", "put"),
        fc.double({ min: 0.6, max: 1.6, noNaN: true }),
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        fc.double({ min: 0.05, max: 1.5, noNaN: true }),
        fc.double({ min: -0.01, max: 0.08, noNaN: true }),
        (kind, moneyness, years, vol, rate) => {
          const q = { kind, forward: 5000, strike: 5000 * moneyness, years, rate };
          const { price, vega } = black76({ ...q, vol });
          const intrinsic = Math.max((kind === "call" ? 1 : -1) * (5000 - q.strike), 0) * Math.exp(-rate * years);
          fc.pre(price - intrinsic > 1e-6 * 5000);
          const v = black76ImpliedVol({ ...q, price });
          // What limits the vol is how well the price determines it: its last-place rounding over vega.
          expect(Math.abs(v - vol)).toBeLessThan(1e-10 + (8 * Number.EPSILON * (5000 + q.strike)) / vega);
        },
      ),
    );
  });
  test("bounds name the forward: a call at or above e^(-rT) F", () => {
    const upper = 20 * Math.exp(-0.09 / 3);
    expect(() => black76ImpliedVol({ kind: "call", price: upper, forward: 20, strike: 20, years: 1 / 3, rate: 0.09 })).toThrow(
      /forward x e\^\(-rate x years\)/,
    );
  });
});
