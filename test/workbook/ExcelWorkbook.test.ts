// office-addin-mock imports office-addin-manifest only for its OfficeApp names; the rest of that package is ESM
// that jest (CommonJS) cannot load, so it stands in here with the same names.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));

import { ExcelWorkbook } from "../../src/workbook/ExcelWorkbook";
import { ReadOnlySheetError } from "../../src/workbook/WorkbookPort";
import { writeProposal } from "../../src/workbook/proposal/writer";
import { Proposal } from "../../src/workbook/proposal/model";
import { excelMock } from "./excelMock";

const PORTFOLIO = [
  ["Asset class", "Market value", "Target", "Min", "Max"],
  ["Equity", 600, 0.6, 0.5, 0.7],
  ["Cash", 400, 0.4, 0.3, 0.5],
];

function setup() {
  return excelMock({
    sheets: ["Plan", "Notes"],
    tables: { Portfolio: { sheet: "Plan", address: "A1:E3", values: PORTFOLIO } },
    names: {
      Curve: {
        sheet: "Notes",
        address: "B2:C4",
        values: [
          ["Tenor", "Rate"],
          [1, 0.04],
          [5, 0.045],
        ],
      },
    },
    selection: {
      address: "Plan!A1:B2",
      values: [
        ["Asset class", "Market value"],
        ["Equity", 600],
      ],
    },
  });
}

describe("ExcelWorkbook on office-addin-mock", () => {
  test("the mock refuses reads before load and sync (so the tests below can fail)", async () => {
    const m = setup();
    const range = m.context.workbook.getSelectedRange();
    expect(range.values).not.toEqual([
      ["Asset class", "Market value"],
      ["Equity", 600],
    ]);
    range.load("values");
    expect(range.values).not.toEqual([
      ["Asset class", "Market value"],
      ["Equity", 600],
    ]);
    await m.context.sync();
    expect(range.values).toEqual([
      ["Asset class", "Market value"],
      ["Equity", 600],
    ]);
    expect(() => m.context.workbook.tables.items).toThrow(/before load/);
  });

  test("reads a named table's range (header row included) after loading its values and syncing", async () => {
    const m = setup();
    const wb = new ExcelWorkbook(m.run);
    expect(await wb.readTable("Portfolio")).toEqual(PORTFOLIO);
    expect(m.log).toContain("getItemOrNullObject table Portfolio");
    expect(m.syncs()).toBe(2);
  });

  test("leaves out a table's totals row (showTotals), loaded with the values in the same sync", async () => {
    const m = excelMock({
      sheets: ["Plan"],
      tables: { Portfolio: { sheet: "Plan", address: "A1:E4", values: [...PORTFOLIO, ["Total", 1000, 1, "", ""]], showTotals: true } },
      selection: { address: "Plan!A1", values: [[""]] },
    });
    expect(await new ExcelWorkbook(m.run).readTable("Portfolio")).toEqual(PORTFOLIO);
    expect(m.syncs()).toBe(2);
  });

  test("falls back to a workbook-level named range, and names a missing table", async () => {
    const m = setup();
    const wb = new ExcelWorkbook(m.run);
    expect(await wb.readTable("curve")).toEqual([
      ["Tenor", "Rate"],
      [1, 0.04],
      [5, 0.045],
    ]);
    await expect(wb.readTable("Futures")).rejects.toThrow(/no table named 'Futures'/);
  });

  test("reads the selection's address and values", async () => {
    const m = setup();
    expect(await new ExcelWorkbook(m.run).readSelection()).toEqual({
      address: "Plan!A1:B2",
      values: [
        ["Asset class", "Market value"],
        ["Equity", 600],
      ],
    });
  });

  test("lists sheets, tables and named ranges after loading them", async () => {
    const m = setup();
    const wb = new ExcelWorkbook(m.run);
    expect(await wb.listSheets()).toEqual(["Plan", "Notes"]);
    expect(await wb.listTables()).toEqual([
      { name: "Portfolio", sheet: "Plan", kind: "table" },
      { name: "Curve", sheet: "Notes", kind: "name" },
    ]);
    expect(m.log.filter((l) => l.startsWith("load"))).toEqual(
      expect.arrayContaining(['load worksheets "items/name"', 'load tables "items/name, items/worksheet/name"']),
    );
  });

  test("adds a sheet and writes to it; never writes to an existing sheet", async () => {
    const m = setup();
    const wb = new ExcelWorkbook(m.run);
    await expect(wb.writeRange("Plan", { row: 0, col: 0, values: [["x"]] })).rejects.toBeInstanceOf(ReadOnlySheetError);
    await expect(wb.addSheet("plan")).rejects.toThrow(/already exists/);
    expect(m.added).toEqual([]);

    await wb.addSheet("Proposal 2026-11-24 14.32");
    expect(m.added).toEqual(["Proposal 2026-11-24 14.32"]);
    expect(m.log).toContain("activate Proposal 2026-11-24 14.32");
    const before = m.syncs();
    await wb.writeRange("Proposal 2026-11-24 14.32", {
      row: 1,
      col: 1,
      values: [
        ["Formula", "=OVERLAY.EXPOSURE(Portfolio[#All])"],
        ["Sell", -5],
        ["0012", "+1"],
      ],
      numberFormats: [
        [null, null],
        [null, "#,##0"],
      ],
      boldRows: [0],
    });
    expect(m.syncs()).toBe(before + 1);
    expect(m.writes.every((w) => w.sheet === "Proposal 2026-11-24 14.32")).toBe(true);
    const values = m.writes.find((w) => w.what === "range B2:C4.values");
    // Text that Excel would turn into a formula or a number keeps Excel's quote prefix.
    expect(values?.value).toEqual([
      ["Formula", "'=OVERLAY.EXPOSURE(Portfolio[#All])"],
      ["Sell", -5],
      ["'0012", "'+1"],
    ]);
    expect(m.writes.find((w) => w.what === "range B2:C4.numberFormat")?.value).toEqual([
      ["General", "General"],
      ["General", "#,##0"],
      ["General", "General"],
    ]);
    expect(m.writes.some((w) => w.target === "range B2:C2" && w.what === "range B2:C2.format.font.bold" && w.value === true)).toBe(true);
  });

  test("a whole proposal: one new sheet, its table and chart, nothing written elsewhere", async () => {
    const m = setup();
    const wb = new ExcelWorkbook(m.run);
    const p: Proposal = {
      workflow: "rebalance",
      label: "Rebalance",
      headline: "1 trade; all checks passed",
      inputs: [{ name: "Portfolio", ref: "Portfolio[#All]", values: PORTFOLIO }],
      options: [{ label: "Rule", value: "Target" }],
      trades: [{ assetClass: "Equity", instrument: "ES", side: "Buy", quantity: 3, unit: "contracts", notional: 900000 }],
      exposures: {
        title: "Weights",
        format: "percent",
        lines: [{ name: "Equity", before: 0.6, after: 0.61, target: 0.6, min: 0.5, max: 0.7 }],
      },
      checks: [{ name: "Whole contracts", status: "pass", detail: "ok" }],
      chart: {
        kind: "bands",
        title: "Weights",
        xTitle: "Asset class",
        yTitle: "Weight",
        format: "percent",
        categories: ["Equity"],
        series: [
          { name: "Before", values: [0.6] },
          { name: "Target", values: [0.6], line: true },
        ],
      },
      results: [],
      notes: [],
    };
    const layout = await writeProposal(wb, p, { now: new Date(2026, 10, 24, 14, 32), version: "9.9.9" });
    expect(layout.sheet).toBe("Proposal 2026-11-24 14.32");
    expect(m.added).toEqual(["Proposal 2026-11-24 14.32"]);
    expect(new Set(m.writes.map((w) => w.sheet))).toEqual(new Set(["Proposal 2026-11-24 14.32"]));
    expect(m.log).toContain(`table Proposal 2026-11-24 14.32!${"A10:H11"} true`);
    expect(m.writes.find((w) => w.target === "table A10:H11" && w.what === "table A10:H11.name")?.value).toBe("OverlayTrades");
    expect(m.log).toContain("chart Proposal 2026-11-24 14.32 ColumnClustered Columns");
    expect(m.writes.find((w) => w.what === "chart ColumnClustered.title.text")?.value).toBe("Weights");
    // The bullet form: before and target are markers without a line (a diamond, a dash), never a line across classes.
    const series = (end: string) =>
      m.writes.filter((w) => w.what.startsWith("chart ColumnClustered.series.getItemAt()") && w.what.endsWith(end)).map((w) => w.value);
    expect(series("chartType")).toEqual(["LineMarkers", "LineMarkers"]);
    expect(series("markerStyle")).toEqual(["Diamond", "Dash"]);
    expect(series("lineStyle")).toEqual(["None", "None"]);
  });
});
