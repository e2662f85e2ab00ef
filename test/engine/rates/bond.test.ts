import fc from "fast-check";
import { BondTerms, bondAnalytics, bondPrice, bondYield } from "../../../src/engine/rates/bond";
import { toSerial } from "../../../src/engine/rates/excelDate";
import { DURATION_ROWS, MDURATION_ROWS, PRICE_ROWS, basisOf, frequencyOf, mdy, rowsOf } from "./excelTruthTables";

const s = (text: string) => toSerial(mdy(text));
const date = (y: number, m: number, d: number) => toSerial({ y, m, d });
/** Excel's truth tables hold 13 significant digits. */
const close = (x: number, expected: number) => expect(Math.abs(x - expected)).toBeLessThanOrEqual(5e-10 * Math.max(1, Math.abs(expected)));

describe("PRICE, DURATION, MDURATION against Excel's truth tables (fsprojects/ExcelFinancialFunctions testdata)", () => {
  it.each(rowsOf(PRICE_ROWS))("PRICE(%s, %s, %s, %s, %s, %s, %s) = %s (price.test)", (st, mt, rate, yld, red, f, b, expected) => {
    const terms: BondTerms = {
      settlement: s(st),
      maturity: s(mt),
      rate: +rate,
      redemption: +red,
      frequency: frequencyOf(f),
      basis: basisOf(b),
    };
    close(bondPrice(terms, +yld), +expected);
  });
  it.each(rowsOf(DURATION_ROWS))("DURATION(%s, %s, %s, %s, %s, %s) = %s (duration.test)", (st, mt, cpn, yld, f, b, expected) => {
    const terms: BondTerms = {
      settlement: s(st),
      maturity: s(mt),
      rate: +cpn,
      redemption: 100,
      frequency: frequencyOf(f),
      basis: basisOf(b),
    };
    close(bondAnalytics(terms, +yld).duration, +expected);
  });
  it.each(rowsOf(MDURATION_ROWS))("MDURATION(%s, %s, %s, %s, %s, %s) = %s (mduration.test)", (st, mt, cpn, yld, f, b, expected) => {
    const terms: BondTerms = {
      settlement: s(st),
      maturity: s(mt),
      rate: +cpn,
      redemption: 100,
      frequency: frequencyOf(f),
      basis: basisOf(b),
    };
    close(bondAnalytics(terms, +yld).mduration, +expected);
  });
});

describe("Microsoft's documented examples", () => {
  // support.microsoft.com "PRICE function": 15-Feb-2008, 15-Nov-2017, 5.75%, 6.50%, 100, 2, 0 -> $94.63 (94.6343616).
  it("PRICE example: 94.6343616", () => {
    const p = bondPrice(
      { settlement: date(2008, 2, 15), maturity: date(2017, 11, 15), rate: 0.0575, redemption: 100, frequency: 2, basis: 0 },
      0.065,
    );
    expect(p).toBeCloseTo(94.6343616, 7);
  });
  // support.microsoft.com "YIELD function": 15-Feb-2008, 15-Nov-2016, 5.75%, price 95.04287, 100, 2, 0 -> 6.5%.
  it("YIELD example: 0.065", () => {
    const y = bondYield(
      { settlement: date(2008, 2, 15), maturity: date(2016, 11, 15), rate: 0.0575, redemption: 100, frequency: 2, basis: 0 },
      95.04287,
    );
    expect(y).toBeCloseTo(0.065, 7);
  });
  // support.microsoft.com "DURATION function": 1-Jul-2018, 1-Jan-2048, 8%, 9%, 2, 1 -> 10.9191453.
  it("DURATION example: 10.9191453", () => {
    const a = bondAnalytics(
      { settlement: date(2018, 7, 1), maturity: date(2048, 1, 1), rate: 0.08, redemption: 100, frequency: 2, basis: 1 },
      0.09,
    );
    expect(a.duration).toBeCloseTo(10.9191453, 7);
  });
  // support.microsoft.com "MDURATION function": 1-Jan-2008, 1-Jan-2016, 8%, 9%, 2, 1 -> 5.73567.
  it("MDURATION example: 5.73567", () => {
    const a = bondAnalytics(
      { settlement: date(2008, 1, 1), maturity: date(2016, 1, 1), rate: 0.08, redemption: 100, frequency: 2, basis: 1 },
      0.09,
    );
    expect(a.mduration).toBeCloseTo(5.73567, 5);
  });
});

describe("QuantLib cached values (test-suite/bonds.cpp, testCached: act/act ISMA, semiannual, settlement 23-Nov-2004)", () => {
  // bond1: 2.5% 31-Oct-2006; cachedPrice1a = 99.204505 at 2.925%, cachedYield1a = 0.029257 at price 99.203125.
  // bond2: 3.5% 15-Nov-2009; cachedPrice2a = 99.687192 at 3.569%, cachedYield2a = 0.035689 at price 99.6875.
  // QuantLib's tolerance there is 1e-6.
  const b1: BondTerms = {
    settlement: date(2004, 11, 23),
    maturity: date(2006, 10, 31),
    rate: 0.025,
    redemption: 100,
    frequency: 2,
    basis: 1,
  };
  const b2: BondTerms = {
    settlement: date(2004, 11, 23),
    maturity: date(2009, 11, 15),
    rate: 0.035,
    redemption: 100,
    frequency: 2,
    basis: 1,
  };
  it("prices", () => {
    expect(Math.abs(bondPrice(b1, 0.02925) - 99.204505)).toBeLessThan(1e-6);
    expect(Math.abs(bondPrice(b2, 0.03569) - 99.687192)).toBeLessThan(1e-6);
  });
  it("yields", () => {
    expect(Math.abs(bondYield(b1, 99.203125) - 0.029257)).toBeLessThan(1e-6);
    expect(Math.abs(bondYield(b2, 99.6875) - 0.035689)).toBeLessThan(1e-6);
  });
});

describe("accrued, dirty, DV01, convexity", () => {
  const terms: BondTerms = {
    settlement: date(2008, 2, 15),
    maturity: date(2017, 11, 15),
    rate: 0.0575,
    redemption: 100,
    frequency: 2,
    basis: 0,
  };
  it("accrued = coupon x A / E: 90 of 180 days of a 2.875 coupon", () => {
    const a = bondAnalytics(terms, 0.065);
    expect(a.accrued).toBeCloseTo(1.4375, 12);
    expect(a.dirty - a.price).toBeCloseTo(1.4375, 12);
  });
  it("DV01 = MDURATION x dirty / 10000 (more than one coupon left)", () => {
    const a = bondAnalytics(terms, 0.065);
    expect(a.dv01).toBeCloseTo((a.mduration * a.dirty) / 1e4, 12);
  });

  const bonds = fc.record({
    settlement: fc.integer({ min: 30000, max: 50000 }),
    years: fc.integer({ min: 1, max: 10950 }),
    rate: fc.double({ min: 0, max: 0.15, noNaN: true }),
    yld: fc.double({ min: 0.001, max: 0.15, noNaN: true }),
    redemption: fc.double({ min: 50, max: 150, noNaN: true }),
    frequency: fc.constantFrom(1, 2, 4),
    basis: fc.constantFrom(0, 1, 2, 3, 4),
  });
  it("DV01 and convexity match central finite differences of Excel's PRICE (property)", () => {
    fc.assert(
      fc.property(bonds, (b) => {
        const t: BondTerms = {
          settlement: b.settlement,
          maturity: b.settlement + b.years,
          rate: b.rate,
          redemption: b.redemption,
          frequency: b.frequency as 1,
          basis: b.basis as 0,
        };
        const h = 1e-5;
        const a = bondAnalytics(t, b.yld);
        const up = bondPrice(t, b.yld + h);
        const down = bondPrice(t, b.yld - h);
        const dv01 = ((down - up) / (2 * h)) * 1e-4;
        const conv = (up + down - 2 * a.price) / (h * h) / a.dirty;
        expect(Math.abs(a.dv01 - dv01)).toBeLessThan(1e-7 * Math.max(1, a.dv01));
        expect(Math.abs(a.convexity - conv)).toBeLessThan(1e-3 * Math.max(1, a.convexity));
      }),
      { numRuns: 300 },
    );
  });
  it("YIELD inverts PRICE where the price at the lowest yields overflows (a 26-year zero, quarterly)", () => {
    // Found by the property below: the bracket started at -3.996, where the price is not finite.
    const t: BondTerms = { settlement: 30000, maturity: 39473, rate: 0, redemption: 50, frequency: 4, basis: 0 };
    expect(bondYield(t, bondPrice(t, 0.001))).toBeCloseTo(0.001, 10);
  });

  it("YIELD inverts PRICE (property)", () => {
    fc.assert(
      fc.property(bonds, (b) => {
        const t: BondTerms = {
          settlement: b.settlement,
          maturity: b.settlement + b.years,
          rate: b.rate,
          redemption: b.redemption,
          frequency: b.frequency as 1,
          basis: b.basis as 0,
        };
        if (bondAnalytics(t, b.yld).dv01 === 0) expect(() => bondYield(t, bondPrice(t, b.yld))).toThrow(/does not depend on the yield/);
        else expect(bondYield(t, bondPrice(t, b.yld))).toBeCloseTo(b.yld, 8);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("bad input", () => {
  const base: BondTerms = {
    settlement: date(2020, 1, 15),
    maturity: date(2030, 1, 15),
    rate: 0.05,
    redemption: 100,
    frequency: 2,
    basis: 0,
  };
  it("maturity before settlement is #NUM!", () => {
    expect(() => bondPrice({ ...base, maturity: date(2019, 1, 15) }, 0.05)).toThrow(
      /maturity \(15-Jan-2019\) must be after settlement \(15-Jan-2020\)/,
    );
  });
  it("a yield at or below -frequency is #NUM!; negative yields above it price", () => {
    expect(() => bondPrice(base, -2)).toThrow(/yld must be greater than -frequency/);
    expect(bondPrice(base, -0.005)).toBeGreaterThan(150);
  });
});
