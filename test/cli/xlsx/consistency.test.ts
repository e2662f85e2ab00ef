/**
 * Issue 18's "done when": a client model as consultants build it (tables with calculated columns, named inputs,
 * OVERLAY formulas fed by them, ordinary formulas over OVERLAY results), fed new values by a data feed without
 * recalculating (every formula cell still holds December's cached value), gives after `overlay run` the values a
 * full recalculation gives, in every OVERLAY cell and every dependent ordinary formula.
 *
 * The truths are computed here, independently of the command: the calculated columns by plain arithmetic on the
 * fed values, the OVERLAY results by calling the function itself on those fresh inputs (what Excel's full
 * recalculation does), the ordinary formulas over them by arithmetic on those results.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runFile } from "../../../src/cli/commands/run";
import { loadBook } from "../../../src/cli/xlsx/load";
import { callFunction, findFunction } from "../../../src/functions/registry";
import { f, makeBook, tempDir } from "../helpers";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const STALE = -314; // December's cached value in every formula cell

/** January's feed: managers' market values, the futures prices, the inputs. */
const FEED = {
  managers: [
    ["Alpha", "Equity", 420e6],
    ["Beta", "Equity", 260e6],
    ["Gamma", "Bonds", 280e6],
    ["Delta", "Cash", 40e6],
  ] as [string, string, number][],
  targets: [
    ["Equity", 0.6],
    ["Bonds", 0.35],
    ["Cash", 0.05],
  ] as [string, number][],
  prices: [
    ["ES", 5200],
    ["TY", 110.5],
  ] as [string, number][],
  futures: [
    ["Equity", "ES", 50],
    ["Bonds", "TY", 1000],
  ] as [string, string, number][],
  band: 0.02,
  hedge: 26_000_000,
  mult: 50,
};

async function buildModel(path: string): Promise<string> {
  return makeBook(path, (wb) => {
    const ws = wb.addWorksheet("Plan");
    ws.getCell("A2").value = "Hedge";
    ws.getCell("B2").value = FEED.hedge;
    ws.getCell("A3").value = "Band";
    ws.getCell("B3").value = FEED.band;
    ws.getCell("A4").value = "Multiplier";
    ws.getCell("B4").value = FEED.mult;
    wb.definedNames.add("Plan!$B$2", "Hedge");
    wb.definedNames.add("Plan!$B$3", "Band");
    wb.definedNames.add("Plan!$B$4", "Mult");
    ws.addTable({
      name: "Managers",
      ref: "A6",
      columns: [{ name: "Manager" }, { name: "Asset class" }, { name: "Market value" }],
      rows: FEED.managers,
    });
    ws.addTable({
      name: "Portfolio",
      ref: "F6",
      columns: [{ name: "Asset class" }, { name: "Market value" }, { name: "Target" }, { name: "Min" }, { name: "Max" }],
      rows: FEED.targets.map(([cls, target]) => [
        cls,
        f("SUMIFS(Managers[Market value],Managers[Asset class],[@Asset class])", STALE),
        target,
        // As Excel saves [@Target] in the file, and as typed.
        f("MAX(0,Portfolio[[#This Row],[Target]]-Band)", STALE),
        f("[@Target]+Band", STALE),
      ]),
    });
    ws.addTable({ name: "tblPrices", ref: "A14", columns: [{ name: "Contract" }, { name: "Price" }], rows: FEED.prices });
    ws.addTable({
      name: "Futures",
      ref: "F14",
      columns: [{ name: "Asset class" }, { name: "Contract" }, { name: "Price" }, { name: "Multiplier" }],
      rows: FEED.futures.map(([cls, c, m]) => [cls, c, f("VLOOKUP([@Contract],tblPrices,2,FALSE)", STALE), m]),
    });
    // OVERLAY formulas fed by those, and ordinary formulas over their results.
    ws.getCell("H2").value = f("_xldudf_OVERLAY_CONTRACTS(Hedge,INDEX(Futures[Price],1),Mult)", STALE);
    ws.getCell("I2").value = f("H2*2", STALE);
    ws.getCell("J2").value = f("ROUND(H2/3,2)", STALE);
    ws.getCell("A30").value = {
      formula: 'OVERLAY.REBALANCE(Portfolio[#All],Futures[#All],"target","always","nearest")',
      result: STALE,
      shareType: "array",
      ref: "A30",
    } as unknown as ExcelJS.CellValue;
    ws.getCell("O30").value = {
      formula: "INDEX(A30#,0,10)",
      result: STALE,
      shareType: "array",
      ref: "O30",
    } as unknown as ExcelJS.CellValue;
    ws.getCell("O36").value = f("SUM(J31:J33)", STALE);
    ws.getCell("O37").value = f("J31*2", STALE);
    ws.getCell("O38").value = f("IFERROR(O37/O36,0)", STALE);
    ws.getCell("O39").value = f('COUNTIF(A31:A33,"Equity")+XLOOKUP("Bonds",A31:A33,J31:J33)', STALE);
    // Outside every OVERLAY formula's cone: not evaluated, its cached value kept.
    ws.getCell("Z1").value = f("1+1", 5);
  });
}

async function truths() {
  const mv = (cls: string) => FEED.managers.filter((m) => m[1] === cls).reduce((s, m) => s + m[2], 0);
  const price = (c: string) => FEED.prices.find((p) => p[0] === c)![1];
  const portfolio = [
    ["Asset class", "Market value", "Target", "Min", "Max"],
    ...FEED.targets.map(([cls, t]) => [cls, mv(cls), t, Math.max(0, t - FEED.band), t + FEED.band]),
  ];
  const futures = [["Asset class", "Contract", "Price", "Multiplier"], ...FEED.futures.map(([cls, c, m]) => [cls, c, price(c), m])];
  const contracts = await callFunction(findFunction("CONTRACTS")!, [FEED.hedge, price("ES"), FEED.mult]);
  const rebalance = (await callFunction(findFunction("REBALANCE")!, [portfolio, futures, "target", "always", "nearest"])) as (
    number | string | boolean
  )[][];
  return { portfolio, futures, contracts: contracts as number, rebalance };
}

describe("a client model fed new values: overlay run gives what a full recalculation gives", () => {
  test("calculated columns, OVERLAY cells and the ordinary formulas over them hold the fresh values", async () => {
    const input = await buildModel(join(dir, "client.xlsx"));
    const output = join(dir, "client.overlay.xlsx");
    const summary = await runFile(input, output);
    const t = await truths();
    expect(summary.errors).toEqual([]);
    expect(summary.skipped).toEqual([]);
    const out = (await loadBook(readFileSync(output))).model.sheet("Plan")!;
    const at = (r: number, c: number) => out.get(r, c)?.value;
    // Portfolio's calculated columns (F7:J9) and the futures prices (H15:H16).
    for (let i = 0; i < 3; i++) for (let j = 1; j < 5; j++) expect(at(7 + i, 6 + j)).toBeCloseTo(t.portfolio[1 + i][j] as number, 12);
    expect([at(15, 8), at(16, 8)]).toEqual([5200, 110.5]);
    // OVERLAY.CONTRACTS and the formulas over it: 26,000,000 / (5,200 x 50) = 100.
    expect(t.contracts).toBe(100);
    expect([at(2, 8), at(2, 9), at(2, 10)]).toEqual([100, 200, 33.33]);
    // The REBALANCE table, every cell.
    const R = t.rebalance;
    for (let i = 0; i < R.length; i++)
      for (let j = 0; j < R[0].length; j++) {
        const v = at(30 + i, 1 + j) ?? "";
        if (typeof R[i][j] === "number") expect(v).toBeCloseTo(R[i][j] as number, 9);
        else expect(v).toBe(R[i][j]);
      }
    expect(R[0][9]).toBe("Contracts");
    // INDEX(A30#,0,10) spills the Contracts column; SUM, J31*2, IFERROR, COUNTIF + XLOOKUP over it.
    for (let i = 0; i < R.length; i++) expect(at(30 + i, 15) ?? "").toEqual(R[i][9]);
    // A class without futures (Cash) has no contracts: an empty cell, which SUM skips and * reads as 0.
    const contracts = [1, 2, 3].map((i) => (typeof R[i][9] === "number" ? (R[i][9] as number) : 0));
    expect(R[3][9]).toBe("");
    expect(contracts.some((x) => x !== 0)).toBe(true);
    expect(at(36, 15)).toBeCloseTo(contracts[0] + contracts[1] + contracts[2], 9);
    expect(at(37, 15)).toBeCloseTo(2 * contracts[0], 9);
    const sum = contracts[0] + contracts[1] + contracts[2];
    expect(at(38, 15)).toBeCloseTo(sum === 0 ? 0 : (2 * contracts[0]) / sum, 9);
    expect(at(39, 15)).toBeCloseTo(1 + contracts[1], 9);
    // No formula cell kept December's value; the one outside the cone is untouched.
    for (const [, rec] of out.cells) if (rec.formula !== undefined && rec.formula !== "1+1") expect(rec.value).not.toBe(STALE);
    expect(at(1, 26)).toBe(5);
    // The summary: 2 OVERLAY formulas, and the ordinary formulas of their cone.
    expect(summary.formulas).toBe(2);
    expect(summary.ordinary.evaluated).toBe(3 * 3 + 2 + 2 + 5);
    // Excel is asked to recalculate everything on opening.
    const wbXml = await (await JSZip.loadAsync(readFileSync(output))).file("xl/workbook.xml")!.async("string");
    expect(wbXml).toMatch(/<calcPr\b[^>]*fullCalcOnLoad="1"/);
  });

  test("a function the command cannot evaluate: its cell keeps the cached value, and the summary names it and what was computed from it", async () => {
    const input = await makeBook(join(dir, "offset.xlsx"), (wb) => {
      const ws = wb.addWorksheet("S");
      ws.getCell("A1").value = 1000;
      ws.getCell("A2").value = 2000;
      ws.getCell("B1").value = f("OFFSET(A1,1,0)", 1500); // cached: the feed's A2 was 1500 in December
      ws.getCell("C1").value = f("_xldudf_OVERLAY_CONTRACTS(B1,1,1)", STALE);
      ws.getCell("D1").value = f("C1+1", STALE);
      ws.getCell("E1").value = f('IF(C1>0,INDIRECT("A1"),0)', STALE); // reads the OVERLAY result, then a function it cannot evaluate
    });
    const output = join(dir, "offset.overlay.xlsx");
    const summary = await runFile(input, output);
    expect(summary.skipped).toEqual([
      { cell: "S!B1", reason: "uses OFFSET, which overlay run does not evaluate", dependents: ["S!C1", "S!D1"] },
      { cell: "S!E1", reason: "uses INDIRECT, which overlay run does not evaluate" },
    ]);
    const out = (await loadBook(readFileSync(output))).model.sheet("S")!;
    expect([out.get(1, 2)?.value, out.get(1, 3)?.value, out.get(1, 4)?.value, out.get(1, 5)?.value]).toEqual([1500, 1500, 1501, STALE]);
    const { formatSummary } = await import("../../../src/cli/commands/run");
    const text = formatSummary(summary, false).join("\n");
    expect(text).toMatch(
      /^ {2}1 OVERLAY formula: 1 evaluated, 0 errors, 2 skipped; 2 cells written\n {2}1 ordinary formula of their cone recalculated \(1 with a new value\)$/m,
    );
    expect(text).toMatch(
      /Not evaluated \(cached value kept\):\n +S!B1 +uses OFFSET, which overlay run does not evaluate\n +computed from its cached value: S!C1, S!D1/,
    );
  });
});
