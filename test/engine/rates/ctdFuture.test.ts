import { bondAnalytics } from "../../../src/engine/rates/bond";
import { CtdFuture, ctdFutureDv01, ctdYield, readCtdFuture } from "../../../src/engine/rates/ctdFuture";
import { couponPeriod, coupDays, coupDaysBs } from "../../../src/engine/rates/couponDates";
import { toSerial } from "../../../src/engine/rates/excelDate";
import { bondFlows, flowsDv01, flowsPrice } from "../../../src/engine/rates/periodicFlows";
import { contractOfTicker, conversionFactor, findContract, futuresDv01 } from "../../../src/engine/rates/treasuryFutures";
import { prepareBook, factorSpace } from "../../../src/engine/stress/revalue";
import { readLiquidity } from "../../../src/engine/leverage/liquidity";
import { expectEngineError } from "../../helpers/engineErrors";

const d = (y: number, m: number, day: number) => toSerial({ y, m, d: day });

/** Excel's periods to maturity (Microsoft's PRICE page: t_k = k - 1 + DSC/E, DSC = E - A) over the frequency: years. */
function excelYears(settlement: number, maturity: number, frequency: 1 | 2 | 4 = 2): number {
  const p = couponPeriod(settlement, maturity, frequency);
  const e = coupDays(p, 0);
  return (p.count - 1 + (e - coupDaysBs(p, 0)) / e) / frequency;
}

/**
 * A bond's dirty price per 100 by the annuity closed form, independent of the engine's sum: n coupons c/f every
 * 1/f back from T, the first at t1: P = v^(f t1) [ (100c/f) (1 - v^n) / (1 - v) + 100 v^(n-1) ], v = 1/(1 + y/f).
 */
function closedForm(coupon: number, years: number, y: number, f = 2): number {
  const n = Math.ceil(years * f - 1e-9);
  const t1 = years - (n - 1) / f;
  const v = 1 / (1 + y / f);
  return Math.pow(v, f * t1) * (((100 * coupon) / f) * ((1 - Math.pow(v, n)) / (1 - v)) + 100 * Math.pow(v, n - 1));
}

describe("periodic flows: price and DV01 at one yield", () => {
  test.each([
    [0.0475, 25.6222, 0.047],
    [0.0425, 6.8722, 0.0405],
    [0.02, 0.3, 0.05],
    [0.06, 30, 0.06],
  ])("coupon %f, %f years at %f: the price is the annuity closed form, the DV01 its central difference", (c, years, y) => {
    const fl = bondFlows(years, c, 2);
    expect(flowsPrice(fl, y)).toBeCloseTo(closedForm(c, years, y), 10);
    const h = 1e-6;
    expect(flowsDv01(fl, y)).toBeCloseTo(((closedForm(c, years, y - h) - closedForm(c, years, y + h)) / (2 * h)) * 1e-4, 9);
  });

  test("with Excel's periods to maturity they are Excel's dirty price and bond.ts's DV01 (4.25% 15-Nov-2032 at 4.05%, 31-Dec-2025)", () => {
    // Microsoft's PRICE page: dirty = sum C v^(k-1+DSC/E) + R v^(N-1+DSC/E); bond.ts differentiates it (Excel truth tables).
    const settle = 46022;
    const maturity = d(2032, 11, 15);
    const years = excelYears(settle, maturity);
    // 30/360: A = 46 days since 15-Nov-2025, E = 180, DSC = 134; N = 14 coupons: (13 + 134/180) / 2 years.
    expect(years).toBeCloseTo((13 + 134 / 180) / 2, 14);
    const excel = bondAnalytics({ settlement: settle, maturity, rate: 0.0425, redemption: 100, frequency: 2, basis: 0 }, 0.0405);
    const fl = bondFlows(years, 0.0425, 2);
    expect(flowsPrice(fl, 0.0405)).toBeCloseTo(excel.dirty, 11);
    expect(flowsDv01(fl, 0.0405)).toBeCloseTo(excel.dv01, 13);
  });
});

describe("a bond future through its cheapest-to-deliver", () => {
  const ub: CtdFuture = {
    coupon: 0.0475,
    years: (51 + 44 / 180) / 2,
    yield: 0.0469,
    frequency: 2,
    conversionFactor: 0.8384,
    contractSize: 100000,
  };

  test("DV01 = CTD DV01 per 100 x face / 100 / CF (Hull ch. 6; CME): OVERLAY.FUTURESDV01 of OVERLAY.BOND's DV01", () => {
    // The 4 3/4s of 15-Aug-2051 settled 31-Dec-2025: 52 coupons left, A = 136 days (30/360), so (51 + 44/180) / 2 years.
    const maturity = d(2051, 8, 15);
    expect(excelYears(46022, maturity)).toBeCloseTo(ub.years, 14);
    // CME's conversion factor into UB Mar26 (the price of 1 at 6%): 0.8384.
    expect(conversionFactor(findContract("UB"), 0.0475, maturity, d(2026, 3, 1)).factor).toBe(0.8384);
    const bond = bondAnalytics({ settlement: 46022, maturity, rate: 0.0475, redemption: 100, frequency: 2, basis: 0 }, 0.0469);
    expect(ctdFutureDv01(ub)).toBeCloseTo(futuresDv01(bond.dv01, 0.8384, 100000), 9);
    // By hand from the closed form: (P(y - 1bp) - P(y + 1bp)) / 2 per 100, x 1,000 / 0.8384.
    const dv01 = ((closedForm(0.0475, ub.years, 0.0469 - 1e-4) - closedForm(0.0475, ub.years, 0.0469 + 1e-4)) / 2) * (1000 / 0.8384);
    expect(ctdFutureDv01(ub)).toBeCloseTo(dv01, 3);
  });

  test("the stress revaluation of the same row moves by that DV01 (one basis): its first-order figure is the book's", () => {
    const { book } = readLiquidity(
      [
        ["Contract", "Kind", "Quantity", "Price", "Multiplier", "Factor", "Coupon", "Years", "Yield", "Conversion factor"],
        ["UB Mar26", "future", 1, 118.5, 1000, "Rates", ub.coupon, ub.years, ub.yield, ub.conversionFactor],
      ],
      [
        ["Asset", "Value"],
        ["Cash", 1],
      ],
    );
    expect(-book.gradient[0][0].dv).toBeCloseTo(ctdFutureDv01(ub), 6);
    const again = prepareBook(factorSpace([{ name: "Rates", kind: "rate" }]), book.positions);
    expect(again.base[0]).toBeCloseTo((closedForm(ub.coupon, ub.years, ub.yield) / 0.8384) * 1000, 6);
  });

  test("the yield that prices the CTD: the closed form's price back to its yield", () => {
    const { yield: y, ...terms } = ub;
    expect(ctdYield(terms, closedForm(ub.coupon, ub.years, y))).toBeCloseTo(y, 12);
  });

  test("the face comes from the CME contract the ticker names (TU 200,000), else Multiplier x 100", () => {
    expect(["UB Mar26", "TYH6", "ZNH26", "TY1", "UXY Jun26", "Z3NH6", "WN"].map((x) => contractOfTicker(x)?.code)).toEqual([
      "UB",
      "TY",
      "TY",
      "TY",
      "TN",
      "Z3N",
      "UB",
    ]);
    expect(["Bund Mar26", "FGBL", "10Y note", "Ultra 10-year", "ES Mar26", ""].map((x) => contractOfTicker(x)?.code)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const cols = { coupon: 0.04, years: 1.9, yld: 0.035, conversionFactor: 0.97 };
    expect(readCtdFuture({ ...cols, instrument: "TUH6", multiplier: 2000 }, "r", "x").contractSize).toBe(200000);
    // Eurex's Bund: 1,000 EUR a point of a price per 100: 100,000 EUR of face.
    expect(readCtdFuture({ ...cols, instrument: "FGBL Mar26", multiplier: 1000 }, "r", "x").contractSize).toBe(100000);
    expectEngineError(
      () => readCtdFuture({ ...cols, instrument: "TUH6", multiplier: 1000 }, "Positions row 1 (TU1)", "x"),
      "value",
      /^Positions row 1 \(TU1\): Multiplier 1000 makes one contract 100,000 of face .* but TU \(2-Year T-Note\) is 200,000 \(CME\): give Multiplier 2,000$/,
    );
  });

  test("a DV01 typed beside the CTD must agree within 2%: the derived one is used; else an error naming both", () => {
    const cols = { instrument: "UB Mar26", coupon: ub.coupon, years: ub.years, yld: ub.yield, conversionFactor: 0.8384, multiplier: 1000 };
    const derived = ctdFutureDv01(ub);
    expect(readCtdFuture({ ...cols, dv01: derived * 1.019 }, "r", "x")).toMatchObject({ contractSize: 100000, yield: 0.0469 });
    // The sample's old typed 255 against its CTD's 177.67: 43.5% apart.
    expectEngineError(
      () => readCtdFuture({ ...cols, dv01: 255 }, "Positions row 3 (UB1)", "x"),
      "value",
      /^Positions row 3 \(UB1\): DV01 255\.00 disagrees with its cheapest-to-deliver's 177\.\d\d a contract \(CTD DV01 0\.14\d\d per 100 x 100,000 \/ 100 \/ CF 0\.8384\), 43\.\d% apart \(more than 2%\): leave DV01 empty/,
    );
  });

  test("a missing term is named with the row", () => {
    expectEngineError(
      () =>
        readCtdFuture(
          { instrument: "UB", coupon: 0.04, years: 25, multiplier: 1000, conversionFactor: 0.8 },
          "Positions row 1 (UB)",
          "tfuture position",
        ),
      "value",
      /^Positions row 1 \(UB\): Yield \(the CTD's\) is needed for a tfuture position$/,
    );
    expectEngineError(
      () =>
        readCtdFuture(
          { instrument: "UB", coupon: 0.04, years: 25, yld: 0.04, frequency: 3, multiplier: 1000, conversionFactor: 0.8 },
          "w",
          "x",
        ),
      "value",
      /^w: Frequency must be 1, 2, 4 or 12, got 3$/,
    );
  });
});
