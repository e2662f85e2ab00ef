/**
 * Protection figures, desk units, the listed grid and the book's delta function, each re-derived by hand
 * from the payoffs and formulas they come from (Hull, "Options, Futures, and Other Derivatives": ch. 11
 * protective puts and collars, ch. 19 Greek letters; put-call parity on deltas).
 */
import fc from "fast-check";
import { bsm } from "../../../src/engine/options/blackScholes";
import { optionDelta, optionDeltaExposure } from "../../../src/engine/options/delta";
import { deskGreeks } from "../../../src/engine/options/deskUnits";
import { protection } from "../../../src/engine/options/protection";
import { Leg } from "../../../src/engine/options/strategy";
import { isListed, listedStrike } from "../../../src/engine/options/strikeGrid";

const leg = (kind: Leg["kind"], quantity: number, strike?: number): Leg => ({ kind, quantity, strike, where: kind });

describe("protection", () => {
  test("a protective put (Hull ch. 11): floor K x units - premium at and below K, no cap, breakeven S0 + premium per unit", () => {
    const p = protection([leg("underlying", 100), leg("put", 100, 90)], 100, 300, 101);
    expect(p.floor).toBeCloseTo(9000 - 300, 9);
    expect(p.floorLevel).toBe(90);
    expect(p.cap).toBeUndefined();
    expect(p.maxLoss).toBeCloseTo(10000 - 8700, 9);
    expect(p.breakeven).toBeCloseTo(103, 9);
  });
  test("a naked short call has no floor", () => {
    const p = protection([leg("call", -100, 110)], 100, -200, 101);
    expect(p.floor).toBe(-Infinity);
  });
  test("the overlay in a fall: puts pay (K - S) x q less the premium; a short future pays q x (F0 - S)", () => {
    const p = protection([leg("underlying", 10), leg("put", 10, 95), leg("future", -5)], 100, 20, 102, 0.2);
    expect(p.fallLevel).toBe(80);
    expect(p.overlayInFall).toBeCloseTo(10 * 15 - 20 + -5 * (80 - 102), 9);
  });
  test("property: for any collar on a holding, floor = Kp x q - premium, cap = Kc x q - premium, and V(breakeven) = value today (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 50, max: 99, noNaN: true }),
        fc.double({ min: 101, max: 150, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.integer({ min: 1, max: 10000 }),
        (kp, kc, prem, q) => {
          const p = protection([leg("underlying", q), leg("put", q, kp), leg("call", -q, kc)], 100, prem * q, 100);
          expect(p.floor).toBeCloseTo(kp * q - prem * q, 6);
          expect(p.cap!).toBeCloseTo(kc * q - prem * q, 6);
          expect(p.maxLoss).toBeCloseTo(100 * q - p.floor, 6);
          // Breakeven: V(S) = S q - premium = 100 q on [Kp, Kc], so S = 100 + premium per unit when that is
          // inside; above the cap the value today is never recovered.
          const be = 100 + prem;
          if (be > kp + 1e-9 && be < kc - 1e-9) expect(p.breakeven!).toBeCloseTo(be, 6);
          if (be > kc + 1e-9) expect(p.breakeven).toBeUndefined();
        },
      ),
    );
  });
});

describe("desk units", () => {
  test("vega per vol point = vega / 100, theta per day = theta / 365, dollar gamma per 1% = gamma S^2 / 100, dollar delta = delta S", () => {
    const g = bsm({ kind: "put", spot: 100, strike: 95, years: 0.5, rate: 0.05, yield: 0.02, vol: 0.2 });
    const d = deskGreeks(g, 100);
    expect(d.vegaPerVolPoint).toBe(g.vega / 100);
    expect(d.thetaPerDay).toBe(g.theta / 365);
    expect(d.dollarGammaPer1pct).toBe((g.gamma * 100 * 100) / 100);
    expect(d.dollarDelta).toBe(g.delta * 100);
    // Vega per vol point is the price change for +1 vol point, to first order.
    const up = bsm({ kind: "put", spot: 100, strike: 95, years: 0.5, rate: 0.05, yield: 0.02, vol: 0.21 }).price;
    expect(Math.abs(up - g.price - d.vegaPerVolPoint)).toBeLessThan(2e-3);
    // Dollar gamma per 1%: S x the change in delta for a 1% move of S (central difference).
    const at = (spot: number) => bsm({ kind: "put", spot, strike: 95, years: 0.5, rate: 0.05, yield: 0.02, vol: 0.2 }).delta;
    expect((100 * (at(100.5) - at(99.5))) / d.dollarGammaPer1pct).toBeCloseTo(1, 3);
  });
});

describe("listed strikes", () => {
  test("6,448.397 on a 5-point grid is 6,450; 6,447.4 is 6,445; on a 0.5 grid 6,448.5", () => {
    expect(listedStrike(6448.397, 5)).toBe(6450);
    expect(listedStrike(6447.4, 5)).toBe(6445);
    expect(listedStrike(6448.397, 0.5)).toBe(6448.5);
    expect(isListed(6450, 5)).toBe(true);
    expect(isListed(6448.397, 5)).toBe(false);
  });
  test("property: the listed strike is on the grid and within half a step (fast-check)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 20000, noNaN: true }), fc.constantFrom(0.5, 1, 5, 10, 25), (k, step) => {
        const l = listedStrike(k, step);
        expect(Math.abs(l - k)).toBeLessThanOrEqual(step / 2 + 1e-9);
        expect(isListed(l, step)).toBe(true);
      }),
    );
  });
});

describe("the book's delta function", () => {
  test("put-call parity on deltas: delta(call) - delta(put) = e^{-qT} (fast-check)", () => {
    fc.assert(
      fc.property(fc.double({ min: 50, max: 200, noNaN: true }), fc.double({ min: 0.05, max: 3, noNaN: true }), (k, t) => {
        const terms = { spot: 100, strike: k, years: t, rate: 0.04, yield: 0.015, vol: 0.2 };
        expect(optionDelta({ ...terms, kind: "call" }) - optionDelta({ ...terms, kind: "put" })).toBeCloseTo(Math.exp(-0.015 * t), 12);
      }),
    );
  });
  test("exposure = contracts x multiplier x delta x spot: 10 SPX puts at delta -0.3 on 5,900 is about -1.77m", () => {
    const terms = { kind: "put" as const, spot: 5900, strike: 5600, years: 0.25, rate: 0.04, yield: 0.013, vol: 0.18 };
    expect(optionDeltaExposure(terms, 10, 100)).toBeCloseTo(10 * 100 * optionDelta(terms) * 5900, 6);
  });
});
