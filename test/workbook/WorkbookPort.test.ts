import fc from "fast-check";
import { areaAddress, cellAddress, columnLetters, parseAddress, quoteSheet, uniqueSheetName, uniqueTableName } from "../../src/workbook/WorkbookPort";

describe("A1 addresses", () => {
  test("column letters as Excel numbers its columns", () => {
    // Excel: A..Z, then AA (27th column), AZ (52nd), BA (53rd), ZZ (702nd), AAA (703rd), XFD (16384th, the last).
    expect(columnLetters(0)).toBe("A");
    expect(columnLetters(25)).toBe("Z");
    expect(columnLetters(26)).toBe("AA");
    expect(columnLetters(51)).toBe("AZ");
    expect(columnLetters(52)).toBe("BA");
    expect(columnLetters(701)).toBe("ZZ");
    expect(columnLetters(702)).toBe("AAA");
    expect(columnLetters(16383)).toBe("XFD");
  });

  test("cells and areas", () => {
    expect(cellAddress(0, 0)).toBe("A1");
    expect(areaAddress({ row: 1, col: 1, rows: 11, cols: 5 })).toBe("B2:F12");
    expect(areaAddress({ row: 4, col: 2, rows: 1, cols: 1 })).toBe("C5");
  });

  test("parses addresses with sheets, quotes and dollars", () => {
    expect(parseAddress("B2:F12")).toEqual({ sheet: undefined, area: { row: 1, col: 1, rows: 11, cols: 5 } });
    expect(parseAddress("'My sheet'!$B$2:$F$12")).toEqual({ sheet: "My sheet", area: { row: 1, col: 1, rows: 11, cols: 5 } });
    expect(parseAddress("'Bob''s'!A1").sheet).toBe("Bob's");
    expect(parseAddress("Plan!C3")).toEqual({ sheet: "Plan", area: { row: 2, col: 2, rows: 1, cols: 1 } });
    expect(() => parseAddress("not an address")).toThrow(/not a cell or range address/);
  });

  test("parse inverts format for any area", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 800 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 30 }), (row, col, rows, cols) => {
        const a = { row, col, rows, cols };
        expect(parseAddress(areaAddress(a)).area).toEqual(a);
      }),
    );
  });

  test("quotes sheet names that need it", () => {
    expect(quoteSheet("Plan")).toBe("Plan");
    expect(quoteSheet("Proposal 2026-11-24 14.32")).toBe("'Proposal 2026-11-24 14.32'");
    expect(quoteSheet("Bob's")).toBe("'Bob''s'");
  });
});

describe("unique names", () => {
  test("sheet names get (2), (3)... and compare without case", () => {
    expect(uniqueSheetName("Proposal 2026-11-24 14.32", ["Plan"])).toBe("Proposal 2026-11-24 14.32");
    expect(uniqueSheetName("Proposal 2026-11-24 14.32", ["proposal 2026-11-24 14.32"])).toBe("Proposal 2026-11-24 14.32 (2)");
    expect(uniqueSheetName("P", ["P", "P (2)"])).toBe("P (3)");
  });

  test("sheet names stay within Excel's 31 characters and its allowed characters", () => {
    const long = "Proposal for a very long workflow name";
    const n = uniqueSheetName(long, [long.slice(0, 31)]);
    expect(n.length).toBeLessThanOrEqual(31);
    expect(n.endsWith(" (2)")).toBe(true);
    expect(uniqueSheetName("a/b:c?d*e[f]g\\h", [])).toBe("a-b-c-d-e-f-g-h");
  });

  test("table names: letters, digits and underscores, unique", () => {
    expect(uniqueTableName("OverlayTrades", [])).toBe("OverlayTrades");
    expect(uniqueTableName("OverlayTrades", ["overlaytrades", "OverlayTrades_2"])).toBe("OverlayTrades_3");
    expect(uniqueTableName("2 trades", [])).toBe("_2_trades");
  });
});
