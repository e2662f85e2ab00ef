import { toSerial } from "../../../src/engine/rates/excelDate";
import { TREASURY_CONTRACTS, conversionFactor, findContract, futuresDv01 } from "../../../src/engine/rates/treasuryFutures";

const d = (y: number, m: number, day: number) => toSerial({ y, m, d: day });
const cf = (code: string, coupon: number, maturity: number, delivery: number) =>
  conversionFactor(findContract(code), coupon, maturity, delivery).factor;

describe("CME Treasury futures conversion factors", () => {
  // Bloomberg conversion-factor screen for TYH2 (March 2002), as reproduced in Martellini, Priaulet & Priaulet,
  // "Fixed-Income Securities" (Wiley, 2003), p. 360: the 6 1/2s of 15-Feb-2010 have a factor of 1.0305.
  it("TY March 2002: 6.5% of 15-Feb-2010 -> 1.0305", () => {
    expect(cf("TY", 0.065, d(2010, 2, 15), d(2002, 3, 1))).toBe(1.0305);
  });

  // MathWorks, Financial Instruments Toolbox, "convfactor" documentation example (10-year note factors).
  it.each([
    [d(2002, 12, 1), d(2012, 11, 15), 0.04, 0.8539],
    [d(2003, 3, 1), d(2012, 8, 15), 0.04375, 0.8858],
    [d(2003, 6, 1), d(2012, 2, 15), 0.04875, 0.9259],
    [d(2003, 9, 1), d(2011, 2, 15), 0.05, 0.9418],
    [d(2003, 12, 1), d(2011, 8, 15), 0.05, 0.9403],
    [d(2003, 9, 1), d(2010, 8, 15), 0.0575, 0.9862],
    [d(2002, 12, 1), d(2009, 8, 15), 0.06, 1.0],
    [d(2003, 6, 1), d(2010, 2, 15), 0.065, 1.0266],
  ])("TY (MathWorks convfactor example): delivery %i, maturity %i, coupon %f -> %f", (delivery, maturity, coupon, expected) => {
    expect(cf("TY", coupon, maturity, delivery)).toBe(expected);
  });

  // MathWorks "tfutpricebyrepo" example: conversion factor 0.9854 for the 5 3/4s of 15-Aug-2010, March 2003 10-year future.
  // MathWorks "bndfutprice" example: conversion factor 1.3136 for the 8 3/4s of 15-Aug-2020, December 2000 bond future.
  // LSEG Workspace notes (CME lookup table): the 4 1/8s of 15-Nov-2032 have a factor of 0.9003 for TYH26.
  it("TY and US factors quoted in MathWorks and LSEG examples", () => {
    expect(cf("TY", 0.0575, d(2010, 8, 15), d(2003, 3, 20))).toBe(0.9854);
    expect(cf("US", 0.0875, d(2020, 8, 15), d(2000, 12, 29))).toBe(1.3136);
    expect(cf("ZN", 0.04125, d(2032, 11, 15), d(2026, 3, 1))).toBe(0.9003);
  });

  // lakshmiDRIP/DROP, src/org/drip/sample/treasuryfutures/UST02Y.java, UST05Y.java, UST30Y.java, USTULTRA.java:
  // the December 2015 delivery baskets with their conversion factors (TU in whole months, FV in whole months,
  // US and UB in quarters). Left out: four rows of the UB/US samples whose CUSIP descriptions contradict each
  // other (912810QU and 912810QZ both "3 1/8 Feb-2043" with different factors; 912810RG and 912810QX listed with
  // coupons other than their own) and 912810QH (sample 0.7939, formula 0.7937).
  const dec2015 = d(2015, 12, 1);
  it.each([
    ["TU", d(2017, 12, 31), 0.0075, 0.9024],
    ["TU", d(2017, 12, 15), 0.01, 0.9071],
    ["TU", d(2017, 11, 30), 0.00625, 0.904],
    ["TU", d(2017, 11, 15), 0.00875, 0.9085],
    ["TU", d(2017, 10, 31), 0.0075, 0.9101],
    ["TU", d(2017, 9, 30), 0.00625, 0.9119],
    ["TU", d(2017, 9, 15), 0.01, 0.9181],
    ["FV", d(2020, 2, 29), 0.01375, 0.8317],
    ["FV", d(2020, 3, 31), 0.01375, 0.8287],
    ["FV", d(2020, 4, 30), 0.01375, 0.8258],
    ["FV", d(2020, 5, 31), 0.015, 0.8276],
    ["FV", d(2020, 6, 30), 0.01625, 0.8297],
    ["FV", d(2020, 7, 31), 0.01625, 0.8269],
    ["FV", d(2020, 8, 31), 0.01375, 0.8141],
    ["FV", d(2020, 9, 30), 0.01375, 0.8113],
    ["FV", d(2020, 10, 31), 0.01375, 0.8084],
    ["US", d(2036, 2, 15), 0.045, 0.8266],
    ["US", d(2037, 5, 15), 0.05, 0.8807],
    ["US", d(2037, 2, 15), 0.0475, 0.8519],
    ["US", d(2038, 5, 15), 0.045, 0.817],
    ["US", d(2038, 2, 15), 0.04375, 0.8029],
    ["US", d(2039, 8, 15), 0.045, 0.8123],
    ["US", d(2040, 2, 15), 0.04625, 0.8263],
    ["US", d(2039, 5, 15), 0.0425, 0.782],
    ["US", d(2039, 11, 15), 0.04375, 0.7956],
    ["US", d(2040, 11, 15), 0.0425, 0.7758],
    ["US", d(2040, 8, 15), 0.03875, 0.729],
    ["US", d(2039, 2, 15), 0.035, 0.6903],
    ["UB", d(2041, 2, 15), 0.0475, 0.8392],
    ["UB", d(2041, 5, 15), 0.04375, 0.79],
    ["UB", d(2041, 8, 15), 0.0375, 0.708],
    ["UB", d(2043, 8, 15), 0.03625, 0.6821],
    ["UB", d(2043, 11, 15), 0.0375, 0.6976],
    ["UB", d(2041, 11, 15), 0.03125, 0.6253],
    ["UB", d(2044, 2, 15), 0.03625, 0.6798],
    ["UB", d(2043, 2, 15), 0.03125, 0.6179],
    ["UB", d(2042, 5, 15), 0.03, 0.6059],
    ["UB", d(2043, 5, 15), 0.02875, 0.5831],
    ["UB", d(2042, 11, 15), 0.0275, 0.5697],
    ["UB", d(2044, 8, 15), 0.03125, 0.6097],
    ["UB", d(2044, 11, 15), 0.03, 0.5913],
    ["UB", d(2045, 5, 15), 0.03, 0.5887],
    ["UB", d(2045, 11, 15), 0.03, 0.5861],
    ["UB", d(2045, 8, 15), 0.02875, 0.5702],
    ["UB", d(2045, 2, 15), 0.025, 0.5217],
  ])("December 2015 %s basket: maturity %i, coupon %f -> %f", (code, maturity, coupon, expected) => {
    expect(cf(code as string, coupon, maturity, dec2015)).toBe(expected);
  });

  // CME Group's published conversion factor for the 4 1/2s of 15-May-2038 into the December 2008 T-Bond contract
  // (CME conversion factor tables, US Treasury bond futures, Dec-2008): 0.7943. 29 years 5 months remain, so the
  // factor needs the rule of that month, before the 25-year cap of March 2011.
  it("US December 2008: 4.5% of 15-May-2038 -> 0.7943 (no 25-year cap before March 2011)", () => {
    expect(cf("US", 0.045, d(2038, 5, 15), d(2008, 12, 1))).toBe(0.7943);
    expect(cf("US", 0.045, d(2038, 5, 15), d(2011, 2, 1))).toBeGreaterThan(0);
    expect(() => cf("US", 0.045, d(2038, 5, 15), d(2011, 3, 1))).toThrow(/less than 25 years .*March 2011/);
    expect(() => cf("UB", 0.045, d(2038, 5, 15), d(2009, 12, 1))).toThrow(/first listed for the March 2010 delivery month/);
    expect(cf("UB", 0.045, d(2038, 5, 15), d(2010, 3, 1))).toBeGreaterThan(0);
  });

  it("rounds months to a quarter for TY/TN/US/UB and keeps whole months for TU/Z3N/FV", () => {
    // 4 years 11 months from 1-Dec-2015: quarter contracts see z = 9 (v = 3), month contracts z = 11 (v = 5).
    const tn = conversionFactor(findContract("TN"), 0.02, d(2025, 11, 15), d(2015, 12, 1));
    const fv = conversionFactor(findContract("FV"), 0.02, d(2020, 11, 15), d(2015, 12, 1));
    expect([fv.n, fv.z, fv.v]).toEqual([4, 11, 5]);
    expect([tn.n, tn.z, tn.v]).toEqual([9, 9, 3]);
    const z3n = conversionFactor(findContract("Z3N"), 0.01, d(2018, 11, 30), d(2015, 12, 1));
    expect([z3n.n, z3n.z, z3n.v]).toEqual([2, 11, 5]);
    expect(TREASURY_CONTRACTS.map((c) => c.code)).toEqual(["TU", "Z3N", "FV", "TY", "TN", "US", "UB"]);
  });

  it("applies each contract's deliverable grade", () => {
    // TU: at least 1y9m from the first day, at most 2y from the last day of the delivery month.
    expect(() => cf("TU", 0.01, d(2017, 8, 31), dec2015)).toThrow(/not deliverable into TU .*Dec-2015.*at least 1 year 9 months/);
    expect(() => cf("TU", 0.01, d(2018, 1, 15), dec2015)).toThrow(/not deliverable into TU/);
    // TY: at least 6y 6m and not more than 10 years (CME's 10-Year T-Note contract specifications, CBOT Chapter 19).
    expect(cf("TY", 0.04, d(2032, 6, 15), d(2024, 6, 1))).toBeGreaterThan(0);
    expect(() => cf("TY", 0.04, d(2034, 9, 15), d(2024, 6, 1))).toThrow(/10 years/);
    expect(cf("TY", 0.04, d(2032, 6, 15), d(2023, 6, 1))).toBeGreaterThan(0);
    expect(() => cf("TY", 0.04, d(2029, 11, 15), d(2023, 6, 1))).toThrow(/6 years 6 months/);
    // US: at least 15 and less than 25 years; UB: at least 25 years.
    expect(() => cf("US", 0.045, d(2040, 12, 1), dec2015)).toThrow(/less than 25 years/);
    expect(() => cf("UB", 0.045, d(2040, 11, 15), dec2015)).toThrow(/between 25 and 30 years/);
    expect(() => cf("TN", 0.045, d(2025, 4, 15), dec2015)).toThrow(/9 years 5 months/);
    expect(() => cf("Z3N", 0.01, d(2018, 8, 15), dec2015)).toThrow(/2 years 9 months/);
    expect(() => cf("FV", 0.01, d(2021, 6, 15), dec2015)).toThrow(/5 years 3 months/);
  });

  it("rejects unknown contracts and coupons given in percent", () => {
    expect(() => findContract("TYZ5")).toThrow(/contract must be one of TU, Z3N, FV, TY, TN, US, UB/);
    expect(findContract("zn").code).toBe("TY");
    expect(findContract("Ultra").code).toBe("UB");
    expect(() => cf("TY", 4.125, d(2032, 11, 15), d(2026, 3, 1))).toThrow(/coupon must be an annual rate as a decimal/);
  });
});

describe("futures DV01", () => {
  // CME Group, "Understanding Treasury Futures": futures DV01 = CTD DV01 / conversion factor (per contract size).
  it("ctdDV01 / 100 x contractSize / conversionFactor", () => {
    expect(futuresDv01(7.5, 0.8, 100000)).toBeCloseTo(9375, 10);
    expect(futuresDv01(1.9, 0.9024, 200000)).toBeCloseTo(((1.9 / 100) * 200000) / 0.9024, 10);
    expect(() => futuresDv01(7.5, 0)).toThrow(/conversionFactor must be > 0/);
    expect(() => futuresDv01(1e6, 1e-308, 1e12)).toThrow(/overflows/);
  });
});
