/**
 * `overlay propose`: the task pane's workflows on the sample workbook, headless. The proposal sheet in the
 * output file must be the one the task pane writes: the same workflow and writer run on a MemoryWorkbook
 * holding the same tables give the same cells.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { JSDOM } from "jsdom";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { main } from "../../src/cli/overlay";
import { parseProposeArgs, proposeBytes } from "../../src/cli/propose";
import { loadBook } from "../../src/cli/workbook/load";
import { XlsxWorkbook } from "../../src/cli/workbook/port";
import { recalc } from "../../src/cli/workbook/recalc";
import { applyToModel } from "../../src/cli/workbook/write";
import { MemoryWorkbook } from "../../src/workbook/MemoryWorkbook";
import { ReadOnlySheetError } from "../../src/workbook/WorkbookPort";
import { WORKFLOWS, defaultSources, findWorkflow, runWorkflow } from "../../src/workbook/proposal";
import { writeProposal } from "../../src/workbook/proposal/writer";
import { capture, sha256, tempDir } from "./workbook/helpers";

const ROOT = resolve(__dirname, "../..");
const SAMPLE = join(ROOT, "examples/pension-plan.xlsx");
const AT = new Date(2026, 0, 5, 9, 30);
const OPTION_ARGS = { spot: "5900", years: "0.5", rate: "0.042", yield: "0.013", vol: "0.175" };

jest.setTimeout(60_000);

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function sheetValues(bytes: Buffer, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(name)!;
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const values: unknown[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => (values[c - 1] = cell.value ?? ""));
    out[r - 1] = values;
  });
  return out;
}

/** A matrix without trailing empty cells, for comparing sheets written by different ports. */
function trimmed(m: unknown[][]): unknown[][] {
  const rows = Array.from({ length: m.length }, (_, i) => {
    const r = (m[i] ?? []).map((v) => (v === undefined || v === null ? "" : v));
    while (r.length && r[r.length - 1] === "") r.pop();
    return r;
  });
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

describe("the proposal sheet is the task pane's", () => {
  test.each(WORKFLOWS.map((w) => w.id))("%s: same cells as the task pane's writer on a MemoryWorkbook with the same tables", async (id) => {
    const workflow = findWorkflow(id)!;
    const options = id === "options" ? OPTION_ARGS : {};
    const r = await proposeBytes(readFileSync(SAMPLE), workflow, options, {}, AT);

    // The task pane's path: the same tables in a MemoryWorkbook, the same workflow and writer.
    const loaded = await loadBook(readFileSync(SAMPLE));
    applyToModel(loaded.model, (await recalc(loaded.model)).formulas);
    const port = new XlsxWorkbook(loaded.workbook, loaded.model);
    const mem = new MemoryWorkbook();
    const next = new Map<string, number>();
    for (const t of await port.listTables()) {
      const values = await port.readTable(t.name);
      const row = next.get(t.sheet) ?? 1;
      if (t.kind === "table") mem.putTable(t.sheet, t.name, `A${row}`, values);
      next.set(t.sheet, row + values.length + 1);
    }
    for (const s of await port.listSheets()) mem.putSheet(s);
    const proposal = await runWorkflow(mem, workflow, defaultSources(workflow, await mem.listTables()), options);
    const written = await writeProposal(mem, proposal, { now: AT, version: "dev" });

    expect(r.layout.sheet).toBe(written.sheet);
    expect(r.proposal.trades).toEqual(proposal.trades);
    expect(r.proposal.checks).toEqual(proposal.checks);
    // Input references and copies name where the tables are; the cells of the proposal are the same.
    const mine = trimmed(await sheetValues(r.bytes, r.layout.sheet));
    const pane = trimmed(mem.sheetValues(written.sheet));
    expect(mine).toEqual(pane);
    expect(r.layout.tradeTable?.area).toEqual(written.tradeTable?.area);
    if (proposal.trades.length) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.bytes as unknown as ExcelJS.Buffer);
      const tables = wb.getWorksheet(r.layout.sheet)!.getTables() as unknown as { table: { name: string; tableRef: string } }[];
      expect(tables.map((t) => t.table.name)).toEqual(["OverlayTrades"]);
    }
    const zip = await JSZip.loadAsync(r.bytes);
    expect(zip.file("xl/charts/chart1.xml") !== null).toBe(proposal.chart !== undefined);
  });
});

describe("the output file", () => {
  test("every XML part is well-formed; the chart's series point at the proposal's chart data", async () => {
    const r = await proposeBytes(readFileSync(SAMPLE), findWorkflow("rebalance")!, {}, {}, AT);
    const zip = await JSZip.loadAsync(r.bytes);
    const parser = new new JSDOM("").window.DOMParser();
    const names = Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n));
    for (const name of names) {
      const doc = parser.parseFromString(await zip.file(name)!.async("string"), "application/xml");
      expect({ name, error: doc.getElementsByTagName("parsererror").length }).toEqual({ name, error: 0 });
    }
    const chart = await zip.file("xl/charts/chart1.xml")!.async("string");
    const sheet = `'${r.layout.sheet}'`;
    const src = r.layout.chart!.source;
    expect(chart).toContain(`<c:f>${sheet}!$A$${src.row + 2}:$A$${src.row + src.rows}</c:f>`);
    const types = await zip.file("[Content_Types].xml")!.async("string");
    expect(types).toContain('PartName="/xl/charts/chart1.xml"');
    expect(types).toContain('PartName="/xl/drawings/drawing1.xml"');
  });

  test("the port reads the recalculated workbook and never writes to the client's sheets", async () => {
    const loaded = await loadBook(readFileSync(SAMPLE));
    applyToModel(loaded.model, (await recalc(loaded.model)).formulas);
    const port = new XlsxWorkbook(loaded.workbook, loaded.model);
    const legs = await port.readTable("Legs");
    expect(legs[0]).toEqual(["Type", "Strike", "Quantity"]);
    expect(legs[2][1]).toBeGreaterThan(5900); // the call strike, an OVERLAY.ZEROCOST result
    await expect(port.writeRange("Plan", { row: 0, col: 0, values: [["x"]] })).rejects.toBeInstanceOf(ReadOnlySheetError);
    await expect(port.addTable("Plan", { row: 0, col: 0, rows: 2, cols: 1 }, "T")).rejects.toBeInstanceOf(ReadOnlySheetError);
    await port.addSheet("Mine");
    await port.writeRange("Mine", { row: 0, col: 0, values: [["=1+1", "0012"]] });
    expect(loaded.workbook.getWorksheet("Mine")!.getCell("A1").value).toBe("=1+1"); // text, not a formula
    await expect(port.addSheet("mine")).rejects.toThrow(/already exists/);
    await expect(port.readSelection()).rejects.toThrow(/no selection/);
  });
});

describe("the command", () => {
  test("writes model.proposal.xlsx and the ticket; the input's bytes are unchanged", async () => {
    const input = join(dir, "plan.xlsx");
    require("node:fs").copyFileSync(SAMPLE, input);
    const before = sha256(input);
    const csv = join(dir, "ticket.csv");
    const { result, out } = await capture(() =>
      main(["propose", input, "--workflow", "rebalance", "--rule", "edge", "--csv", csv, "--at", "2026-01-05T09:30"]),
    );
    expect(sha256(input)).toBe(before);
    expect(existsSync(join(dir, "plan.proposal.xlsx"))).toBe(true);
    expect(out).toMatch(/sheet 'Proposal 2026-01-05 09\.30'/);
    expect(out).toMatch(/Rebalance: \d+ trades/);
    expect(out).toMatch(/Sell +ES Mar26 \(E-mini S&P 500\) +119 +contracts/);
    const ticket = readFileSync(csv, "utf8").split("\r\n");
    expect(ticket[0]).toBe("Proposal,Workflow,Line,Side,Instrument,Quantity,Unit,Asset class,Notional,Note");
    expect(ticket[1]).toMatch(
      /^Proposal 2026-01-05 09\.30,Rebalance,1,Sell,ES Mar26 \(E-mini S&P 500\),119,contracts,US large cap equity,/,
    );
    expect(result).toBe(0); // edge rebalancing: every check passes
  });

  test("a failed check gives status 1; the proposal is still written", async () => {
    const out = join(dir, "p.xlsx");
    const { result } = await capture(() => main(["propose", SAMPLE, "--workflow", "hedge", "-o", out]));
    expect(result).toBe(1);
    expect(existsSync(out)).toBe(true);
  });

  test("inputs from another table, a range, or left out", async () => {
    const hedge = findWorkflow("hedge")!;
    const withAssets = await proposeBytes(readFileSync(SAMPLE), hedge, {}, {}, AT);
    const without = await proposeBytes(readFileSync(SAMPLE), hedge, {}, { Assets: "none" }, AT);
    expect(withAssets.proposal.inputs.map((i) => i.name)).toContain("Assets");
    expect(without.proposal.inputs.map((i) => i.name)).not.toContain("Assets");
    const fromRange = await proposeBytes(readFileSync(SAMPLE), findWorkflow("rebalance")!, {}, { Portfolio: "Plan!A5:H15" }, AT);
    const fromTable = await proposeBytes(readFileSync(SAMPLE), findWorkflow("rebalance")!, {}, {}, AT);
    expect(fromRange.proposal.trades).toEqual(fromTable.proposal.trades);
    expect(fromRange.proposal.inputs[0].ref).toBe("Plan!A5:H15");
    await expect(proposeBytes(readFileSync(SAMPLE), hedge, {}, { Curve: "Nope" }, AT)).rejects.toThrow(/Could not read the table 'Nope'/);
  });

  test.each([
    [["x.xlsx"], /--workflow is required/],
    [["x.xlsx", "--workflow", "sideways"], /unknown workflow 'sideways'/],
    [["x.xlsx", "--workflow", "rebalance", "--rule", "sideways"], /--rule must be one of target, edge, halfway/],
    [
      ["x.xlsx", "--workflow", "rebalance", "--colour", "red"],
      /unknown option --colour for the rebalance workflow \(its options: --rule, --trigger, --rounding, --notional-limit\)/,
    ],
    [["x.xlsx", "--workflow", "hedge", "--input", "Liabs=T"], /--input takes Name=Table/],
    [["--workflow", "rebalance"], /give the workbook/],
  ])("%j is a usage error", (args, message) => {
    expect(parseProposeArgs(args as string[])).toMatch(message);
  });

  test("options by their kebab or camel names, choices by value or label", () => {
    const p = parseProposeArgs(["m.xlsx", "--workflow", "hedge", "--target-ratio", "90%", "--keyTenors=5,10,30"]);
    expect(typeof p === "object" && p.options).toEqual({ targetRatio: "90%", keyTenors: "5,10,30" });
    const q = parseProposeArgs(["m.xlsx", "-w", "rebalance", "--rule", "Edge of the range"]);
    expect(typeof q === "object" && q.options).toEqual({ rule: "edge" });
  });

  test("a workflow that cannot run says why and exits 2", async () => {
    const { result, err } = await capture(() =>
      main(["propose", SAMPLE, "--workflow", "completion", "--input", "Holdings=Nope", "--dry-run"]),
    );
    expect(result).toBe(2);
    expect(err).toMatch(/no proposal: Could not read the table 'Nope'.*\(input Holdings\)/);
  });
});
