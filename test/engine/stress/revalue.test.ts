/**
 * Full revaluation against independent references:
 * - Microsoft's PRICE example (settlement 15-Feb-2008, maturity 15-Nov-2017, 5.75%, yield 6.5%, semiannual,
 *   30/360: 94.63436162) reached by revaluing the bond from a 4.0% yield under a +250bp shock;
 * - the 25-year 4.75% bond at a 5% yield, +250bp: linear 35.8% vs full 28.3% (+27%; +44% at +400bp),
 *   recomputed from the closed-form annuity price and Macaulay duration (Fabozzi, "Bond Markets, Analysis and
 *   Strategies": P = 100 [c/y (1 - v^n) + v^n]; D = (1+i)/i - (1+i+n(c-i)) / (c((1+i)^n - 1) + i) periods);
 * - CME's Treasury futures DV01 = CTD DV01 / conversion factor (rates/treasuryFutures.ts, from bond.ts);
 * - a receiver swap on a flat curve: Hull's valuation in terms of bonds, K x annuity - (1 - DF(T)), computed here;
 * - Hull, "Options, Futures, and Other Derivatives", Example 15.6: S 42, K 40, r 10%, vol 20%, 6 months:
 *   call 4.76, put 0.81.
 */
import fc from "fast-check";
import { bondAnalytics } from "../../../src/engine/rates/bond";
import { futuresDv01 } from "../../../src/engine/rates/treasuryFutures";
import {
  Instrument,
  bondFlows,
  bondFlowsExcel,
  factorSpace,
  linearLoss,
  positionLoss,
  prepareBook,
  swapFlows,
  unitValue,
} from "../../../src/engine/stress/revalue";

const RATES = factorSpace([{ name: "Rates", kind: "rate" }]);

/** Abramowitz and Stegun 7.1.26 is too coarse for 1e-6; the series and continued fraction of erf instead. */
function erf(x: number): number {
  // Taylor series: erf x = 2/sqrt(pi) sum (-1)^n x^(2n+1) / (n! (2n+1)), converges fast for |x| < 3.
  let sum = 0;
  let term = x;
  for (let n = 0; n < 60; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
const shock = (...x: number[]) => Float64Array.from(x);

describe("bonds", () => {
  test("Microsoft's PRICE example: from 4.0% to 6.5% by a +250bp shock gives PRICE 94.63436", () => {
    const { flows, accrued } = bondFlowsExcel(39493, 43054, 0.0575, 2, 0);
    const ins: Instrument = { kind: "bond", flows, yld: 0.04, rate: 0, spread: -1, multiplier: 100 };
    expect(unitValue(ins, RATES, shock(250)) - accrued).toBeCloseTo(94.63436162, 7);
    // And today's value is Excel's PRICE at 4.0% (bond.ts, Excel's formula), accrued added.
    const terms = { settlement: 39493, maturity: 43054, rate: 0.0575, redemption: 100, frequency: 2 as const, basis: 0 as const };
    expect(unitValue(ins, RATES, shock(0))).toBeCloseTo(bondAnalytics(terms, 0.04).dirty, 10);
  });

  // Closed forms (on a coupon date): price per 100 and Macaulay duration in periods.
  const price = (c: number, y: number, years: number) => {
    const i = y / 2;
    const n = years * 2;
    const v = Math.pow(1 + i, -n);
    return 100 * ((c / y) * (1 - v) + v);
  };
  const mduration = (c: number, y: number, years: number) => {
    const i = y / 2;
    const cp = c / 2;
    const n = years * 2;
    const periods = (1 + i) / i - (1 + i + n * (cp - i)) / (cp * (Math.pow(1 + i, n) - 1) + i);
    return periods / 2 / (1 + i);
  };

  test("the issue's 25-year 4.75% bond at 5%: +250bp loses 28.3% fully revalued, 35.8% linearly (+27%); +400bp +44%", () => {
    const ins: Instrument = { kind: "bond", flows: bondFlows(25, 0.0475, 2), yld: 0.05, rate: 0, spread: -1, multiplier: 100 };
    const book = prepareBook(RATES, [{ id: "Gilt", quantity: 1, instrument: ins, margin: 0, fxRate: 1, fx: -1, channel: "csa" }]);
    const p0 = price(0.0475, 0.05, 25);
    expect(book.base[0]).toBeCloseTo(p0, 9);
    const full = positionLoss(book, 0, shock(250)) / p0;
    const linear = linearLoss(book, 0, shock(250)) / p0;
    expect(full).toBeCloseTo(1 - price(0.0475, 0.075, 25) / p0, 10);
    expect(linear).toBeCloseTo(mduration(0.0475, 0.05, 25) * 0.025, 6);
    expect(full).toBeCloseTo(0.283, 3);
    expect(linear).toBeCloseTo(0.358, 3);
    expect(linear / full - 1).toBeCloseTo(0.27, 2);
    const full4 = positionLoss(book, 0, shock(400));
    const linear4 = linearLoss(book, 0, shock(400));
    expect(linear4 / full4 - 1).toBeCloseTo(0.44, 2);
  });

  test("a long bond loses less than linearly when rates rise and gains more when they fall (positive convexity)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        fc.double({ min: 0.005, max: 0.08, noNaN: true }),
        fc.double({ min: -300, max: 600, noNaN: true }).filter((x) => Math.abs(x) > 1),
        (c, years, y, s) => {
          const ins: Instrument = { kind: "bond", flows: bondFlows(years, c, 2), yld: y, rate: 0, spread: -1, multiplier: 1 };
          const book = prepareBook(RATES, [{ id: "B", quantity: 1e6, instrument: ins, margin: 0, fxRate: 1, fx: -1, channel: "csa" }]);
          expect(positionLoss(book, 0, shock(s))).toBeLessThanOrEqual(linearLoss(book, 0, shock(s)) + 1e-6 * book.base[0] * 1e6);
        },
      ),
    );
  });

  test("key-tenor shocks that are all equal are the parallel shock", () => {
    const keyed = factorSpace([{ name: "Rates", kind: "rate", tenors: [2, 10, 30] }]);
    const ins: Instrument = { kind: "bond", flows: bondFlows(17.3, 0.04, 2), yld: 0.045, rate: 0, spread: -1, multiplier: 100 };
    expect(unitValue(ins, keyed, shock(120, 120, 120))).toBeCloseTo(unitValue(ins, RATES, shock(120)), 10);
    // A shock at the 30y key only moves flows beyond 10y: less than the parallel move, more than none.
    const v30 = unitValue(ins, keyed, shock(0, 0, 120));
    expect(v30).toBeLessThan(unitValue(ins, keyed, shock(0, 0, 0)));
    expect(v30).toBeGreaterThan(unitValue(ins, RATES, shock(120)));
  });
});

describe("Treasury futures through the CTD", () => {
  test("the future's DV01 is the CTD's DV01 over its conversion factor (CME), from bond.ts's analytic DV01", () => {
    // TY Mar26's CTD in the sample: 4.25% 15-Nov-2032 at 4.05%, factor 0.9069, settled 31-Dec-2025.
    const settle = 46022;
    const maturity = 48533;
    const { flows } = bondFlowsExcel(settle, maturity, 0.0425, 2, 1);
    const ins: Instrument = { kind: "tfuture", flows, yld: 0.0405, rate: 0, conversionFactor: 0.9069, contractSize: 100000 };
    const book = prepareBook(RATES, [{ id: "TY", quantity: 400, instrument: ins, margin: 2600, fxRate: 1, fx: -1, channel: "cash" }]);
    const ctd = bondAnalytics({ settlement: settle, maturity, rate: 0.0425, redemption: 100, frequency: 2, basis: 1 }, 0.0405);
    expect(-book.gradient[0][0].dv).toBeCloseTo(futuresDv01(ctd.dv01, 0.9069), 4);
    // Full revaluation: +100bp moves the future by the CTD's price change over the factor.
    const up = bondAnalytics({ settlement: settle, maturity, rate: 0.0425, redemption: 100, frequency: 2, basis: 1 }, 0.0505);
    expect(positionLoss(book, 0, shock(100))).toBeCloseTo((400 * (ctd.dirty - up.dirty) * 1000) / 0.9069, 4);
  });
});

describe("swaps", () => {
  test("a receiver swap revalued on a flat curve is K x annuity - (1 - DF(T)) at the shifted rate (Hull)", () => {
    for (const [years, k, s] of [
      [30, 0.04, 250],
      [10, 0.035, -100],
      [7.5, 0.045, 400],
    ]) {
      const r = 0.04 + s * 1e-4;
      const n = Math.ceil(years);
      let annuity = 0;
      let prev = 0;
      for (let i = 1; i <= n; i++) {
        const t = years - (n - i);
        annuity += (t - prev) * Math.pow(1 + r, -t);
        prev = t;
      }
      const ins: Instrument = { kind: "swap", flows: swapFlows(years, k, 1), yld: 0.04, rate: 0, spread: -1 };
      expect(unitValue(ins, RATES, shock(s))).toBeCloseTo(k * annuity - (1 - Math.pow(1 + r, -years)), 12);
    }
    // At par (K = the curve's rate) it is worth nothing today.
    expect(unitValue({ kind: "swap", flows: swapFlows(30, 0.04, 1), yld: 0.04, rate: 0, spread: -1 }, RATES, shock(0))).toBeCloseTo(0, 12);
  });
});

describe("options", () => {
  const opt = (sign: 1 | -1): Instrument => ({
    kind: "option",
    sign,
    price: 42,
    strike: 40,
    years: 0.5,
    riskFree: 0.1,
    dividendYield: 0,
    vol: 0.2,
    multiplier: 1,
    factor: 0,
    volFactor: 1,
  });
  const EQ = factorSpace([
    { name: "Equity", kind: "return" },
    { name: "Vol", kind: "vol" },
  ]);

  test("Hull's Example 15.6: call 4.76, put 0.81", () => {
    expect(unitValue(opt(1), EQ, shock(0, 0))).toBeCloseTo(4.76, 2);
    expect(unitValue(opt(-1), EQ, shock(0, 0))).toBeCloseTo(0.81, 2);
  });

  test("a vol shock reprices with the shocked vol: +10 points is Black-Scholes at 30% (closed form here)", () => {
    const N = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
    const d1 = (Math.log(42 / 40) + (0.1 + 0.045) * 0.5) / (0.3 * Math.sqrt(0.5));
    const d2 = d1 - 0.3 * Math.sqrt(0.5);
    expect(unitValue(opt(1), EQ, shock(0, 0.1))).toBeCloseTo(42 * N(d1) - 40 * Math.exp(-0.05) * N(d2), 6);
    // A fall of vol below the floor prices at the 1% floor, never at a negative vol.
    expect(Number.isFinite(unitValue(opt(1), EQ, shock(0, -0.5)))).toBe(true);
  });

  test("put-call parity holds at every shocked level: C - P = S (1 + r) - K e^(-rT)", () => {
    fc.assert(
      fc.property(fc.double({ min: -0.9, max: 2, noNaN: true }), (r) => {
        const c = unitValue(opt(1), EQ, shock(r, 0.05));
        const p = unitValue(opt(-1), EQ, shock(r, 0.05));
        expect(c - p).toBeCloseTo(42 * (1 + r) - 40 * Math.exp(-0.05), 9);
      }),
    );
  });
});

describe("several factors per position", () => {
  test("a euro equity future: the equity move in euros, converted at the stressed rate; IM in euros too", () => {
    const space = factorSpace([
      { name: "Euro equity", kind: "return" },
      { name: "EUR", kind: "fx" },
    ]);
    const ins: Instrument = { kind: "future", price: 5000, multiplier: 10, factor: 0 };
    const book = prepareBook(space, [{ id: "FESX", quantity: 100, instrument: ins, margin: 3000, fxRate: 1.1, fx: 1, channel: "cash" }]);
    // Equity -20%, euro -10%: loss 100 x 5,000 x 10 x 0.2 = 1m euros, at 1.1 x 0.9 = 0.99: 990,000.
    expect(positionLoss(book, 0, shock(-0.2, -0.1))).toBeCloseTo(990_000, 6);
    // The linear figure ignores the cross term: 1m x 1.1.
    expect(linearLoss(book, 0, shock(-0.2, -0.1))).toBeCloseTo(1_100_000, 6);
  });

  test("an FX forward: long 10m euros loses 10m x 1.1 x 5% when the euro falls 5%", () => {
    const space = factorSpace([{ name: "EUR", kind: "fx" }]);
    const book = prepareBook(space, [
      { id: "EURUSD fwd", quantity: 10e6, instrument: { kind: "forward", factor: 0 }, margin: 0, fxRate: 1.1, fx: 0, channel: "csa" },
    ]);
    expect(positionLoss(book, 0, shock(-0.05))).toBeCloseTo(550_000, 6);
  });
});
