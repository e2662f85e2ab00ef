import { days360EU, days360US, toBasis } from "../../../src/engine/rates/dayCount";

const d = (y: number, m: number, day: number) => ({ y, m, d: day });

describe("30/360 day counts", () => {
  // Microsoft, "DAYS360 function": DAYS360(1/30/2011, 2/1/2011) = 1.
  it("counts 30-Jan to 1-Feb as 1 day (Microsoft's DAYS360 example)", () => {
    expect(days360US(d(2011, 1, 30), d(2011, 2, 1))).toBe(1);
    expect(days360EU(d(2011, 1, 30), d(2011, 2, 1))).toBe(1);
  });

  it("applies the US rules: day 31 ends at 30 only after a start on the 30th or 31st", () => {
    expect(days360US(d(2011, 1, 15), d(2011, 3, 31))).toBe(76);
    expect(days360US(d(2011, 1, 30), d(2011, 3, 31))).toBe(60);
    expect(days360US(d(2011, 1, 31), d(2011, 3, 31))).toBe(60);
    expect(days360EU(d(2011, 1, 15), d(2011, 3, 31))).toBe(75);
  });

  // fsprojects/ExcelFinancialFunctions coupdaysbs.test: COUPDAYBS(10/31/2007, 2/29/2008, 1, 0) = 241 and
  // basis 4 = 242: the previous coupon is 28-Feb-2007 (the last day of February counts as the 30th on basis 0).
  it("counts from the last day of February as from the 30th on basis 0 (Excel's COUPDAYBS)", () => {
    expect(days360US(d(2007, 2, 28), d(2007, 10, 31))).toBe(241);
    expect(days360EU(d(2007, 2, 28), d(2007, 10, 31))).toBe(242);
  });

  it("ends a whole period on the last day of February as the 30th when both ends are adjusted", () => {
    expect(days360US(d(2007, 8, 31), d(2008, 2, 29), true)).toBe(180);
    expect(days360US(d(2007, 8, 31), d(2008, 2, 29))).toBe(179);
  });

  it("reads the basis as Excel does: truncated, 0 to 4", () => {
    expect(toBasis(1.9)).toBe(1);
    expect(() => toBasis(5)).toThrow(/basis must be 0 \(US 30\/360\)/);
    expect(() => toBasis(-1)).toThrow(/got -1/);
  });
});
