import {
  coupDays,
  coupDaysBs,
  coupDaysNc,
  coupNcd,
  coupNum,
  coupPcd,
  couponPeriod,
  toFrequency,
} from "../../../src/engine/rates/couponDates";
import { Basis } from "../../../src/engine/rates/dayCount";
import { fromSerial, toSerial } from "../../../src/engine/rates/excelDate";
import {
  COUPDAYBS_ROWS,
  COUPDAYSNC_ROWS,
  COUPDAYS_ROWS,
  COUPNCD_ROWS,
  COUPNUM_ROWS,
  COUPPCD_ROWS,
  basisOf,
  frequencyOf,
  mdy,
  rowsOf,
  ticksToSerial,
} from "./excelTruthTables";

const s = (text: string) => toSerial(mdy(text));
const date = (y: number, m: number, d: number) => toSerial({ y, m, d });

describe("Excel's coupon dates against Excel's truth tables (fsprojects/ExcelFinancialFunctions testdata)", () => {
  it.each(rowsOf(COUPDAYBS_ROWS))("COUPDAYBS(%s, %s, %s, %s) = %s (coupdaysbs.test)", (st, mt, f, b, expected) => {
    expect(coupDaysBs(couponPeriod(s(st), s(mt), frequencyOf(f)), basisOf(b))).toBe(Number(expected));
  });
  it.each(rowsOf(COUPDAYSNC_ROWS))("COUPDAYSNC(%s, %s, %s, %s) = %s (coupdaysnc.test)", (st, mt, f, b, expected) => {
    expect(coupDaysNc(couponPeriod(s(st), s(mt), frequencyOf(f)), basisOf(b))).toBe(Number(expected));
  });
  it.each(rowsOf(COUPDAYS_ROWS))("COUPDAYS(%s, %s, %s, %s) = %s (coupdays.test)", (st, mt, f, b, expected) => {
    expect(coupDays(couponPeriod(s(st), s(mt), frequencyOf(f)), basisOf(b))).toBe(Number(expected));
  });
  it.each(rowsOf(COUPNUM_ROWS))("COUPNUM(%s, %s, %s) = %s (coupnum.test)", (st, mt, f, expected) => {
    expect(coupNum(couponPeriod(s(st), s(mt), frequencyOf(f)))).toBe(Number(expected));
  });
  it.each(rowsOf(COUPPCD_ROWS))("COUPPCD(%s, %s, %s) = ticks %s (couppcd.test)", (st, mt, f, ticks) => {
    expect(coupPcd(couponPeriod(s(st), s(mt), frequencyOf(f)))).toBe(ticksToSerial(Number(ticks)));
  });
  it.each(rowsOf(COUPNCD_ROWS))("COUPNCD(%s, %s, %s) = ticks %s (coupncd.test)", (st, mt, f, ticks) => {
    expect(coupNcd(couponPeriod(s(st), s(mt), frequencyOf(f)))).toBe(ticksToSerial(Number(ticks)));
  });
});

describe("Microsoft's documented COUP examples", () => {
  // support.microsoft.com COUPDAYBS / COUPDAYS / COUPDAYSNC / COUPNCD / COUPPCD: settlement 25-Jan-2011,
  // maturity 15-Nov-2011, semiannual, actual/actual: 71, 181, 110, 15-May-2011, 15-Nov-2010.
  const p = couponPeriod(date(2011, 1, 25), date(2011, 11, 15), 2);
  it("settlement 25-Jan-2011, maturity 15-Nov-2011, semiannual, basis 1", () => {
    expect(coupDaysBs(p, 1)).toBe(71);
    expect(coupDays(p, 1)).toBe(181);
    expect(coupDaysNc(p, 1)).toBe(110);
    expect(coupNcd(p)).toBe(40678);
    expect(fromSerial(coupPcd(p))).toEqual({ y: 2010, m: 11, d: 15 });
  });
  // support.microsoft.com COUPNUM: settlement 25-Jan-2007, maturity 15-Nov-2008, semiannual, basis 1 -> 4.
  it("COUPNUM(25-Jan-2007, 15-Nov-2008, 2, 1) = 4", () => {
    expect(coupNum(couponPeriod(date(2007, 1, 25), date(2008, 11, 15), 2))).toBe(4);
  });
});

describe("end-of-month and clamped maturities", () => {
  // PHPOffice/PHPExcel issue 1184: Excel's COUPNCD(18-Oct-2016, 30-Sep-2019, 2, 4) = 42825 (31-Mar-2017):
  // a maturity on the last day of its month pays on the last day of every coupon month.
  it("a 30-Sep maturity pays on 31-Mar (end-of-month rule)", () => {
    expect(coupNcd(couponPeriod(date(2016, 10, 18), date(2019, 9, 30), 2))).toBe(42825);
  });
  // PHPOffice/PhpSpreadsheet issue 2116: COUPNCD(30-Sep-2021, 31-Mar-2022, 2, 0) is 31-Mar-2022 (Google Sheets,
  // as Excel): settlement on a coupon date starts the next period.
  it("settlement on a coupon date: that date is the previous coupon date", () => {
    const p = couponPeriod(date(2021, 9, 30), date(2022, 3, 31), 2);
    expect(fromSerial(coupNcd(p))).toEqual({ y: 2022, m: 3, d: 31 });
    expect(fromSerial(coupPcd(p))).toEqual({ y: 2021, m: 9, d: 30 });
    expect(coupDaysBs(p, 0 as Basis)).toBe(0);
  });
  // PHPOffice/PhpSpreadsheet issue 1265 (Excel 2016): a maturity day missing from a coupon month is clamped to
  // that month's last day; other coupon dates keep the maturity's day (no drift after February).
  it("a 30-May maturity pays quarterly on 28/29-Feb and again on 30-Aug and 30-Nov", () => {
    const feb = couponPeriod(date(2021, 1, 15), date(2022, 5, 30), 4);
    expect(fromSerial(coupNcd(feb))).toEqual({ y: 2021, m: 2, d: 28 });
    const aug = couponPeriod(date(2021, 6, 15), date(2022, 5, 30), 4);
    expect(fromSerial(coupNcd(aug))).toEqual({ y: 2021, m: 8, d: 30 });
    expect(fromSerial(coupPcd(aug))).toEqual({ y: 2021, m: 5, d: 30 });
    const leap = couponPeriod(date(2024, 1, 15), date(2025, 5, 30), 4);
    expect(fromSerial(coupNcd(leap))).toEqual({ y: 2024, m: 2, d: 29 });
  });

  it("rejects maturity on or before settlement (#NUM!, as Excel) and frequencies other than 1, 2, 4", () => {
    expect(() => couponPeriod(date(2020, 1, 1), date(2020, 1, 1), 2)).toThrow(/maturity \(1-Jan-2020\) must be after settlement/);
    expect(() => couponPeriod(date(2021, 1, 1), date(2020, 1, 1), 2)).toThrow(/must be after settlement/);
    expect(toFrequency(2.9)).toBe(2);
    expect(() => toFrequency(3)).toThrow(/frequency must be 1 \(annual\), 2 \(semiannual\) or 4 \(quarterly\)/);
  });
});
