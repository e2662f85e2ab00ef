import { MemoryWorkbook } from "../../src/workbook/MemoryWorkbook";
import { ReadOnlySheetError } from "../../src/workbook/WorkbookPort";

function client(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  wb.putTable("Plan", "Portfolio", "B2", [
    ["Asset class", "Market value"],
    ["Equity", 60],
    ["Cash", 40],
  ]);
  wb.putValues("Plan", "E2", [["note"]]);
  return wb;
}

describe("MemoryWorkbook", () => {
  test("lists sheets and tables, reads a table with its header row", async () => {
    const wb = client();
    expect(await wb.listSheets()).toEqual(["Plan"]);
    expect(await wb.listTables()).toEqual([{ name: "Portfolio", sheet: "Plan", kind: "table" }]);
    expect(await wb.readTable("portfolio")).toEqual([
      ["Asset class", "Market value"],
      ["Equity", 60],
      ["Cash", 40],
    ]);
    await expect(wb.readTable("Futures")).rejects.toThrow(/no table named 'Futures'/);
  });

  test("reads the selection with its address, empty cells as empty strings", async () => {
    const wb = client();
    wb.select("Plan!B3:E4");
    expect(await wb.readSelection()).toEqual({
      address: "Plan!B3:E4",
      values: [
        ["Equity", 60, "", ""],
        ["Cash", 40, "", ""],
      ],
    });
  });

  test("writes only to the sheets it added", async () => {
    const wb = client();
    await expect(wb.writeRange("Plan", { row: 0, col: 0, values: [["x"]] })).rejects.toBeInstanceOf(ReadOnlySheetError);
    await expect(wb.addTable("Plan", { row: 0, col: 0, rows: 1, cols: 1 }, "T")).rejects.toBeInstanceOf(ReadOnlySheetError);
    await expect(wb.addSheet("plan")).rejects.toThrow(/already exists/);
    await wb.addSheet("Proposal");
    await wb.writeRange("Proposal", { row: 1, col: 1, values: [["a", 1], ["b"]], numberFormats: [[null, "0%"]], boldRows: [0] });
    expect(wb.sheetValues("Proposal")).toEqual([
      ["", "", ""],
      ["", "a", 1],
      ["", "b", ""],
    ]);
    expect(wb.numberFormat("Proposal", 1, 2)).toBe("0%");
    expect(wb.isBold("Proposal", 1, 1)).toBe(true);
    expect(wb.isBold("Proposal", 2, 1)).toBe(false);
    // The client's sheet is as it was.
    expect(wb.sheetValues("Plan")[1]).toEqual(["", "Asset class", "Market value", "", "note"]);
  });

  test("records tables and charts on its sheets and notifies subscribers", async () => {
    const wb = client();
    let changes = 0;
    const off = wb.subscribe(() => changes++);
    await wb.addSheet("P");
    await wb.writeRange("P", { row: 0, col: 0, values: [["h"], [1]] });
    await wb.addTable("P", { row: 0, col: 0, rows: 2, cols: 1 }, "T1");
    await expect(wb.addTable("P", { row: 0, col: 0, rows: 2, cols: 1 }, "t1")).rejects.toThrow(/already exists/);
    await wb.addChart("P", { type: "column", title: "c", source: { row: 0, col: 0, rows: 2, cols: 1 }, anchor: { row: 0, col: 3 }, size: { rows: 10, cols: 5 } });
    off();
    await wb.writeRange("P", { row: 5, col: 0, values: [["later"]] });
    expect(changes).toBe(4);
    expect(wb.tablesOn("P").map((t) => t.name)).toEqual(["T1"]);
    expect(wb.charts).toHaveLength(1);
    expect(wb.charts[0].sheet).toBe("P");
    expect(wb.addedSheets()).toEqual(["P"]);
  });
});
