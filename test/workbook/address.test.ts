import fc from "fast-check";
import {
  blockAddress,
  cellAddress,
  colToLetters,
  parseBlockAddress,
  quoteSheet,
  uniqueSheetName,
  uniqueTableName,
} from "../../src/workbook/address";

describe("A1 addresses", () => {
  test("column letters as Excel numbers its columns", () => {
    // Excel: A..Z, then AA (27th column), AZ (52nd), BA (53rd), ZZ (702nd), AAA (703rd), XFD (16384th, the last).
    expect(colToLetters(1)).toBe("A");
    expect(colToLetters(26)).toBe("Z");
    expect(colToLetters(27)).toBe("AA");
    expect(colToLetters(52)).toBe("AZ");
    expect(colToLetters(53)).toBe("BA");
    expect(colToLetters(702)).toBe("ZZ");
    expect(colToLetters(703)).toBe("AAA");
    expect(colToLetters(16384)).toBe("XFD");
  });

  test("cells and areas: an Area counts as Excel does (1-based), a Block as arrays do (0-based)", () => {
    expect(cellAddress(1, 1)).toBe("A1");
    expect(blockAddress({ row: 1, col: 1, rows: 11, cols: 5 })).toBe("B2:F12");
    expect(blockAddress({ row: 4, col: 2, rows: 1, cols: 1 })).toBe("C5");
  });

  test("parses addresses with sheets, quotes and dollars", () => {
    expect(parseBlockAddress("B2:F12")).toEqual({ sheet: undefined, block: { row: 1, col: 1, rows: 11, cols: 5 } });
    expect(parseBlockAddress("'My sheet'!$B$2:$F$12")).toEqual({ sheet: "My sheet", block: { row: 1, col: 1, rows: 11, cols: 5 } });
    expect(parseBlockAddress("'Bob''s'!A1").sheet).toBe("Bob's");
    expect(parseBlockAddress("Plan!C3")).toEqual({ sheet: "Plan", block: { row: 2, col: 2, rows: 1, cols: 1 } });
    expect(() => parseBlockAddress("not an address")).toThrow(/not a cell or range address/);
    expect(() => parseBlockAddress("B:D")).toThrow(/not a cell or range address/);
  });

  test("parse inverts format for any area", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 30 }),
        (row, col, rows, cols) => {
          const a = { row, col, rows, cols };
          expect(parseBlockAddress(blockAddress(a)).block).toEqual(a);
        },
      ),
    );
  });

  test("quotes sheet names that need it", () => {
    expect(quoteSheet("Plan")).toBe("Plan");
    expect(quoteSheet("Proposal 2026-11-24 14.32")).toBe("'Proposal 2026-11-24 14.32'");
    expect(quoteSheet("Bob's")).toBe("'Bob''s'");
    // Excel quotes a sheet name that reads as a cell or an R1C1 reference: =SUM('FY24'!A1), ='R2C3'!A1.
    expect(quoteSheet("FY24")).toBe("'FY24'");
    expect(quoteSheet("R2C3")).toBe("'R2C3'");
    expect(quoteSheet("FY_2024")).toBe("FY_2024");
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
