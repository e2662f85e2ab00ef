/**
 * Excel tables with a totals row, and notes under the data, as client workbooks have them. Headless, the table
 * part says which row is the totals row (ECMA-376 18.5.1.2 table: totalsRowCount); Table[#All] and whole-column
 * references include it, and the table parser skips a last row keyed "Total" (Excel's totals-row label).
 */
import ExcelJS from "exceljs";
import { loadBook } from "../../../src/cli/xlsx/load";
import { recalc } from "../../../src/cli/xlsx/recalc";
import { proposeBytes } from "../../../src/cli/commands/propose";
import { findWorkflow } from "../../../src/workbook/proposal";
import { ExcelError } from "../../../src/functions/excel";

const ROWS = [
  ["Equity", 600e6, 0.55, 0.5, 0.6],
  ["Bonds", 330e6, 0.4, 0.35, 0.45],
  ["Cash", 70e6, 0.05, 0, 0.1],
];

async function book(opts: { totals: boolean; note?: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Plan");
  ws.addTable({
    name: "Portfolio",
    ref: "A1",
    headerRow: true,
    totalsRow: opts.totals,
    columns: [
      { name: "Asset class", totalsRowLabel: "Total" },
      { name: "Market value", totalsRowFunction: opts.totals ? "sum" : "none" },
      { name: "Target", totalsRowFunction: opts.totals ? "sum" : "none" },
      { name: "Min" },
      { name: "Max" },
    ],
    rows: ROWS,
  });
  if (opts.note) ws.getCell("A7").value = opts.note;
  const fut = wb.addWorksheet("Futures");
  fut.addTable({
    name: "Futures",
    ref: "A1",
    headerRow: true,
    columns: ["Asset class", "Contract", "Price", "Multiplier"].map((name) => ({ name })),
    rows: [
      ["Equity", "ES", 5000, 50],
      ["Bonds", "TY", 110, 1000],
    ],
  });
  const out = wb.addWorksheet("Out");
  out.getCell("A1").value = {
    formula: '_xldudf_OVERLAY_REBALANCE(Portfolio[#All],Futures[#All],"target","always")',
    result: 0,
  } as ExcelJS.CellFormulaValue;
  out.getCell("A20").value = {
    formula: '_xldudf_OVERLAY_REBALANCE(Plan!A:E,Futures[#All],"target","always")',
    result: 0,
  } as ExcelJS.CellFormulaValue;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function results(data: Buffer) {
  const loaded = await loadBook(data);
  const { formulas } = await recalc(loaded.model);
  const at = (a: string) => formulas.find((o) => o.address.endsWith(`!${a}`))!;
  return { table: at("A1"), column: at("A20") };
}

describe("totals rows and notes under the data", () => {
  test("Portfolio[#All] and Plan!A:E over a table with a totals row give the trades of the same table without one", async () => {
    const [withTotals, plain] = await Promise.all([results(await book({ totals: true })), results(await book({ totals: false }))]);
    expect(withTotals.table.status).toBe("evaluated");
    expect(withTotals.table.value).toEqual(plain.table.value);
    expect(withTotals.column.status).toBe("evaluated");
    expect(withTotals.column.value).toEqual(plain.column.value);
    // The spill's classes: the plan's three and its Total row, never a class called Total.
    const classes = (withTotals.table.value as unknown[][]).slice(1).map((r) => r[0]);
    expect(classes).toEqual(["Equity", "Bonds", "Cash", "Total"]);
  });

  test("overlay propose runs on a table with a totals row and proposes what it proposes without one", async () => {
    const wf = findWorkflow("rebalance")!;
    const at = new Date(Date.UTC(2026, 11, 1));
    const [a, b] = await Promise.all([
      proposeBytes(await book({ totals: true }), wf, { trigger: "always" }, {}, at),
      proposeBytes(await book({ totals: false }), wf, { trigger: "always" }, {}, at),
    ]);
    expect(a.proposal.trades.length).toBeGreaterThan(0);
    expect(a.proposal.trades).toEqual(b.proposal.trades);
  });

  test("a note typed under the data breaks the whole-column reference with a message that names it and the fix", async () => {
    const r = await results(await book({ totals: false, note: "Source: custodian, 30 Nov" }));
    expect(r.table.status).toBe("evaluated"); // the structured reference does not reach the note
    expect(r.column.status).toBe("error");
    expect((r.column.value as ExcelError).message).toMatch(
      /^Portfolio row 6 \(Source: custodian, 30 Nov\): not a data row .*Portfolio\[\[#Headers\],\[#Data\]\] or Portfolio\[#All\]/,
    );
  });
});
