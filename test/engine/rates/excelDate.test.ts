import { addMonths, formatDate, fromSerial, isLastDayOfMonth, toSerial, wholeSerial } from "../../../src/engine/rates/excelDate";
import { OverlayError } from "../../../src/engine/core/errors";

describe("Excel date serials (1900 date system)", () => {
  // Microsoft, "DATE function" and "DATEVALUE function": 1-Jan-1900 is serial 1, 1-Jan-2008 is 39448;
  // Microsoft, "Excel incorrectly assumes that the year 1900 is a leap year" (KB 214326): 29-Feb-1900 is serial 60.
  it.each([
    [1, 1900, 1, 1],
    [59, 1900, 2, 28],
    [60, 1900, 2, 29],
    [61, 1900, 3, 1],
    [39448, 2008, 1, 1],
    [39493, 2008, 2, 15], // DATE(2008,2,15), the settlement in Microsoft's PRICE example
    [2958465, 9999, 12, 31], // the last date Excel accepts
  ])("serial %i is %i-%i-%i", (serial, y, m, d) => {
    expect(fromSerial(serial)).toEqual({ y, m, d });
    expect(toSerial({ y, m, d })).toBe(serial);
  });

  it("round-trips every serial from 1 to 2958465", () => {
    for (let s = 1; s <= 2958465; s += 97) expect(toSerial(fromSerial(s))).toBe(s);
  });

  it("counts actual days through the fictitious 29-Feb-1900, as Excel does", () => {
    expect(toSerial({ y: 1900, m: 3, d: 1 }) - toSerial({ y: 1900, m: 2, d: 28 })).toBe(2);
  });

  it("adds months like EDATE (clamped) and EOMONTH", () => {
    expect(addMonths({ y: 2011, m: 1, d: 31 }, 1)).toEqual({ y: 2011, m: 2, d: 28 });
    expect(addMonths({ y: 2012, m: 1, d: 31 }, 1)).toEqual({ y: 2012, m: 2, d: 29 });
    expect(addMonths({ y: 2011, m: 3, d: 31 }, -1)).toEqual({ y: 2011, m: 2, d: 28 });
    expect(addMonths({ y: 2011, m: 2, d: 28 }, 6, true)).toEqual({ y: 2011, m: 8, d: 31 });
    expect(addMonths({ y: 2011, m: 2, d: 10 }, -14)).toEqual({ y: 2009, m: 12, d: 10 });
    expect(isLastDayOfMonth({ y: 2008, m: 2, d: 29 })).toBe(true);
    expect(isLastDayOfMonth({ y: 2000, m: 2, d: 28 })).toBe(false);
    expect(formatDate({ y: 2030, m: 2, d: 15 })).toBe("15-Feb-2030");
  });

  it("truncates a serial to a whole day and rejects serials outside Excel's range", () => {
    expect(wholeSerial(39493.75, "settlement")).toBe(39493);
    expect(() => wholeSerial(0, "settlement")).toThrow(OverlayError);
    expect(() => wholeSerial(2958466, "maturity")).toThrow(/maturity must be an Excel date serial/);
    expect(() => wholeSerial(-5, "maturity")).toThrow(/between 1/);
  });
});
