/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read -- exceljs cells here, not Office.js ranges */
/**
 * `overlay propose`: the task pane's workflows on the sample workbook, headless. The proposal sheet in the
 * output file must be the one the task pane writes: the same workflow and writer run on a MemoryWorkbook
 * holding the same tables give the same cells.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { JSDOM } from "jsdom";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { main } from "../../../src/cli/overlay";
import { parseProposeArgs, proposeBytes } from "../../../src/cli/commands/propose";
import { addCharts } from "../../../src/cli/xlsx/chart";
import { loadBook, sheetPaths } from "../../../src/cli/xlsx/load";
import { XlsxWorkbook } from "../../../src/cli/xlsx/XlsxWorkbook";
import { recalc } from "../../../src/cli/xlsx/recalc";
import { runLoaded } from "../../../src/cli/commands/run";
import { applyToModel } from "../../../src/cli/xlsx/write";
import { MemoryWorkbook } from "../../../src/workbook/MemoryWorkbook";
import { ReadOnlySheetError } from "../../../src/workbook/WorkbookPort";
import { WORKFLOWS, Workflow, WorkflowOptions, defaultSources, findWorkflow, runWorkflow } from "../../../src/workbook/proposal";
import { writeProposal } from "../../../src/workbook/proposal/writer";
import { appendAudit } from "../../../src/workbook/proposal/audit";
import { capture, sha256, tempDir } from "../helpers";

const ROOT = resolve(__dirname, "../../..");
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

/** The task pane's path: the workbook's tables in a MemoryWorkbook, the same workflow and writer. */
async function paneProposal(input: Buffer, workflow: Workflow, options: WorkflowOptions) {
  const loaded = await loadBook(input);
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
  // The audit log entry the command writes below the proposal (the pane appends the same through audit.ts).
  await appendAudit(
    mem,
    { proposal, time: AT, sheet: written.sheet, ticket: "not asked" },
    { sheet: written.sheet, row: written.rows + 1 },
  );
  return { mem, proposal, written };
}

describe("the proposal sheet is the task pane's", () => {
  test.each(WORKFLOWS.map((w) => w.id))("%s: same cells as the task pane's writer on a MemoryWorkbook with the same tables", async (id) => {
    const workflow = findWorkflow(id)!;
    const options = id === "options" ? OPTION_ARGS : {};
    const r = await proposeBytes(readFileSync(SAMPLE), workflow, options, {}, AT);
    expect(r.writer).toBe("package");

    // The task pane's path: the same tables in a MemoryWorkbook, the same workflow and writer.
    const { mem, proposal, written } = await paneProposal(readFileSync(SAMPLE), workflow, options);

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
      expect(tables.map((t) => t.table.name).sort()).toEqual(["OverlayAudit_1", "OverlayTrades"]);
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

describe("one policy: the demo's daily proposal is the workbook's own OVERLAY.DAILY", () => {
  test("with the options of the Plan sheet's DAILY formula (46022, 140m cash needs, leverage 0.95 to 1.1), the same contracts", async () => {
    const loaded = await loadBook(readFileSync(SAMPLE));
    const { formulas } = await recalc(loaded.model);
    const daily = formulas.find((f) => f.overlay && /DAILY\(/.test(f.formula));
    expect(daily?.formula).toMatch(/ValuationDate,Positions\[#All\],Tilts\[#All\],,140000000,5,1000000,,,0\.95,1\.1\)$/);
    const spill = daily!.value as unknown[][];
    const col = (name: string) => spill[0].indexOf(name);
    const fromSheet = new Map<string, number>();
    for (const row of spill.slice(1)) {
      const n = row[col("Contracts")];
      if (typeof n === "number" && n !== 0) fromSheet.set(String(row[col("Asset class")]), n);
    }
    const options = { asOf: "46022", cashNeeds: "140000000", minLeverage: "0.95", maxLeverage: "1.1" };
    const r = await proposeBytes(readFileSync(SAMPLE), findWorkflow("daily")!, options, {}, AT);
    const fromTicket = new Map(r.proposal.trades.map((t) => [t.assetClass, (t.side === "Buy" ? 1 : -1) * t.quantity]));
    expect(fromTicket).toEqual(fromSheet);
    // The figures the README and the demo give: 196 ES bought, 524 UB sized by DV01, 1,748 BCOM sold.
    expect(fromTicket.get("US large cap equity")).toBe(196);
    expect(fromTicket.get("Long duration fixed income")).toBe(524);
    expect(fromTicket.get("Commodities")).toBe(-1748);
    const lev = r.proposal.checks.find((c) => c.name === "Net leverage within bounds");
    expect(lev?.status).toBe("warn");
    expect(lev?.detail).toMatch(/^net leverage 0\.8809 before, 0\.9010 after, outside \[0\.95, 1\.1\]/);
  });
});

describe("the command", () => {
  test("writes model.proposal.xlsx and the ticket; the input's bytes are unchanged", async () => {
    const input = join(dir, "plan.xlsx");
    require("node:fs").copyFileSync(SAMPLE, input);
    const before = sha256(input);
    const csv = join(dir, "ticket.csv");
    // Rebalancing the sample to target passes every check (one warning): the ticket is written as it is.
    const { result, out } = await capture(() =>
      main(["propose", input, "--workflow", "rebalance", "--rule", "target", "--csv", csv, "--at", "2026-01-05T09:30"]),
    );
    expect(sha256(input)).toBe(before);
    expect(existsSync(join(dir, "plan.proposal.xlsx"))).toBe(true);
    expect(out).toMatch(/sheet 'Proposal 2026-01-05 09\.30'/);
    expect(out).toMatch(/Rebalance: \d+ trades; all checks passed/);
    const ticket = readFileSync(csv, "utf8").split("\r\n");
    expect(ticket[0]).toBe("Proposal,Workflow,Line,Side,Instrument,Quantity,Unit,Asset class,Notional,Expiry,Note");
    expect(ticket[1]).toMatch(/^Proposal 2026-01-05 09\.30,Rebalance,1,(Buy|Sell),/);
    expect(ticket.join("\n")).not.toMatch(/OVERRIDDEN/);
    expect(out).toMatch(/Audit log: entry 1 \(SHA-256 [0-9a-f]{16}\.\.\.\)/);
    expect(result).toBe(0);
  });

  test("a failed check gives status 1; the proposal is still written", async () => {
    const out = join(dir, "p.xlsx");
    // A gross notional limit below what the sample's overlay holds fails that check.
    const { result } = await capture(() => main(["propose", SAMPLE, "--workflow", "rebalance", "--notional-limit", "1%", "-o", out]));
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

// ---------------------------------------------------------------------------------------------------------
// The client's package: what exceljs cannot carry (custom XML, a VBA project, custom document properties, a
// chart on a client sheet) is in the output byte for byte; only the parts that register the new sheet change.

const NS_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const VBA = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 1, 2, 3, 254, 255]);
/** Parts the fixture adds to the sample, none of which exceljs keeps. */
const CLIENT_PARTS = [
  "customXml/item1.xml",
  "customXml/itemProps1.xml",
  "customXml/_rels/item1.xml.rels",
  "docProps/custom.xml",
  "xl/vbaProject.bin",
  "xl/charts/chart1.xml",
  "xl/drawings/drawing1.xml",
  "xl/drawings/_rels/drawing1.xml.rels",
];
/** The parts the proposal may change: they register the new sheet (and the styles it brings). */
const REGISTERING = ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"];

async function edit(zip: JSZip, path: string, f: (xml: string) => string): Promise<void> {
  zip.file(path, f(await zip.file(path)!.async("string")));
}

/**
 * The sample as a client's macro-enabled workbook: a custom XML part (with its properties part), custom
 * document properties, a VBA project, a native chart on the Plan sheet, a table id out of sequence (40), and
 * a default font that is not exceljs's (Arial 10). `strict`: the workbook part in the Strict Open XML namespace,
 * which the package writer does not take on (exceljs reads it).
 */
async function clientWorkbook(strict = false): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(SAMPLE));
  zip.file(
    "customXml/item1.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<mandate xmlns="urn:example:client"><plan>DB plan</plan><owner>Investment committee</owner></mandate>',
  );
  zip.file(
    "customXml/itemProps1.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="{6B1A7E44-1F0C-4D5B-9C39-2D8E3A0E5F11}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="urn:example:client"/></ds:schemaRefs></ds:datastoreItem>',
  );
  zip.file(
    "customXml/_rels/item1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS_PKG_RELS}"><Relationship Id="rId1" Type="${REL}/customXmlProps" Target="itemProps1.xml"/></Relationships>`,
  );
  zip.file(
    "docProps/custom.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Client"><vt:lpwstr>Example DB plan</vt:lpwstr></property></Properties>',
  );
  zip.file("xl/vbaProject.bin", VBA);
  await edit(zip, "_rels/.rels", (x) =>
    x.replace(
      "</Relationships>",
      `<Relationship Id="rIdCustom" Type="${REL}/custom-properties" Target="docProps/custom.xml"/></Relationships>`,
    ),
  );
  await edit(zip, "xl/_rels/workbook.xml.rels", (x) =>
    x.replace(
      "</Relationships>",
      `<Relationship Id="rIdXml1" Type="${REL}/customXml" Target="../customXml/item1.xml"/>` +
        `<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`,
    ),
  );
  await edit(zip, "[Content_Types].xml", (x) =>
    x
      .replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
      )
      .replace(
        "</Types>",
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' +
          '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>' +
          '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
      ),
  );
  // A chart of the client's on the Plan sheet (a sheet overlay run patches), over the Portfolio table.
  await addCharts(
    zip,
    [
      {
        sheet: "Plan",
        chart: {
          type: "column",
          title: "Client chart",
          source: { row: 4, col: 0, rows: 4, cols: 2 },
          anchor: { row: 1, col: 30 },
          size: { rows: 15, cols: 8 },
        },
        data: [
          ["Asset class", "Market value"],
          ["a", 1],
          ["b", 2],
          ["c", 3],
        ],
      },
    ],
    (await sheetPaths(zip)).sheets,
  );
  await edit(zip, "xl/tables/table15.xml", (x) => x.replace(/(<table\b[^>]*\sid=")\d+"/, '$140"'));
  await edit(zip, "xl/styles.xml", (x) =>
    x.replace(/<fonts\b([^>]*)><font>[\s\S]*?<\/font>/, '<fonts$1><font><sz val="10"/><name val="Arial"/><family val="2"/></font>'),
  );
  if (strict) {
    await edit(zip, "xl/workbook.xml", (x) =>
      x
        .replace(
          `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`,
          `xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"`,
        )
        .replace(`xmlns:r="${REL}"`, 'xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships"'),
    );
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

async function parts(zip: JSZip): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files).sort())
    if (!zip.files[name].dir) out.set(name, Buffer.from(await zip.file(name)!.async("uint8array")));
  return out;
}

const attrOf = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** Relationships whose target is missing, parts without a content type, overrides of parts that are not there. */
async function packageProblems(zip: JSZip): Promise<string[]> {
  const problems: string[] = [];
  const names = new Set(Object.keys(zip.files).filter((n) => !zip.files[n].dir));
  const types = await zip.file("[Content_Types].xml")!.async("string");
  const defaults = new Set([...types.matchAll(/<Default\b([^>]*)\/>/g)].map((m) => attrOf(m[1], "Extension")!.toLowerCase()));
  const overrides = [...types.matchAll(/<Override\b([^>]*)\/>/g)].map((m) => attrOf(m[1], "PartName")!.slice(1));
  if (new Set(overrides.map((o) => o.toLowerCase())).size !== overrides.length) problems.push("an override is declared twice");
  for (const o of overrides) if (!names.has(o)) problems.push(`override of a missing part ${o}`);
  for (const n of names) {
    if (n === "[Content_Types].xml") continue;
    if (!overrides.includes(n) && !defaults.has(n.split(".").pop()!.toLowerCase())) problems.push(`no content type for ${n}`);
    const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(n);
    if (!m) continue;
    const ids = new Set<string>();
    for (const r of (await zip.file(n)!.async("string")).matchAll(/<Relationship\b([^>]*)\/>/g)) {
      const id = attrOf(r[1], "Id")!;
      if (ids.has(id)) problems.push(`${n}: relationship id ${id} twice`);
      ids.add(id);
      if (attrOf(r[1], "TargetMode") === "External") continue;
      const target = attrOf(r[1], "Target")!;
      const base = m[1].split("/").filter(Boolean);
      for (const seg of target.split("/")) seg === ".." ? base.pop() : base.push(seg);
      const path = target.startsWith("/") ? target.slice(1) : base.join("/");
      if (!names.has(path)) problems.push(`${n}: ${id} points at a missing part ${path}`);
    }
  }
  return problems;
}

describe("controls on every proposal (issue 16)", () => {
  // A gross notional limit of 1% of NAV, below what the sample's overlay holds: the check fails, whatever else moves.
  const EDGE = ["--workflow", "rebalance", "--rule", "edge", "--notional-limit", "1%"];

  test("a rebalance of the sample whose check fails writes no ticket without --override; with it, every line says OVERRIDDEN", async () => {
    const input = join(dir, "plan.xlsx");
    require("node:fs").copyFileSync(SAMPLE, input);
    const before = sha256(input);
    const csv = join(dir, "ticket.csv");
    const blocked = await capture(() => main(["propose", input, ...EDGE, "-o", join(dir, "p1.xlsx"), "--csv", csv]));
    expect(blocked.result).toBe(1);
    expect(blocked.out).toMatch(/FAILED +Gross notional within limit/);
    expect(blocked.err).toMatch(
      /no trade ticket written: Ticket blocked: 1 check failed: Gross notional within limit \(.*the limit is 1\.00%\)\. Override with a reason to write it anyway\./,
    );
    expect(existsSync(csv)).toBe(false);
    expect(existsSync(join(dir, "p1.xlsx"))).toBe(true); // the proposal itself is written, as the record

    const reason = "PE valuation is a quarter old; trustees approved on 5 Jan";
    const overridden = await capture(() =>
      main(["propose", input, ...EDGE, "-o", join(dir, "p2.xlsx"), "--csv", csv, "--override", reason, "--by", "jdoe"]),
    );
    expect(overridden.result).toBe(1);
    expect(overridden.out).toContain("Trade ticket: " + csv + " (OVERRIDDEN on every line)");
    const lines = readFileSync(csv, "utf8").trimEnd().split("\r\n");
    expect(lines[0]).toBe("Proposal,Workflow,Line,Side,Instrument,Quantity,Unit,Asset class,Notional,Expiry,Note,Control");
    expect(lines.length).toBeGreaterThan(1);
    const trades = JSON.parse((await capture(() => main(["propose", input, ...EDGE, "--json", "--dry-run"]))).out)[0].trades;
    expect(lines.length).toBe(trades.length + 1); // one line per trade, each marked
    for (const line of lines.slice(1))
      expect(line.endsWith(`,OVERRIDDEN by jdoe: ${reason} (failed: Gross notional within limit)`)).toBe(true);
    expect(sha256(input)).toBe(before);
  });

  test("--override needs a reason and a ticket", () => {
    expect(parseProposeArgs(["m.xlsx", "-w", "rebalance", "--csv", "t.csv", "--override", "  "])).toMatch(/--override needs a reason/);
    expect(parseProposeArgs(["m.xlsx", "-w", "rebalance", "--override", "ok"])).toBe("--override is for the trade ticket: give --csv too");
  });

  test("the audit log of three proposals verifies, and an edited entry is detected and named", async () => {
    const p1 = join(dir, "p1.xlsx");
    const p2 = join(dir, "p2.xlsx");
    const p3 = join(dir, "p3.xlsx");
    await capture(() =>
      main(["propose", SAMPLE, ...EDGE, "-o", p1, "--csv", join(dir, "t1.csv"), "--by", "jdoe", "--at", "2026-01-05T09:30"]),
    );
    await capture(() =>
      main([
        "propose",
        p1,
        ...EDGE,
        "-o",
        p2,
        "--csv",
        join(dir, "t2.csv"),
        "--override",
        "trustees approved",
        "--by",
        "asmith",
        "--at",
        "2026-01-05T09:40",
      ]),
    );
    await capture(() =>
      main(["propose", p2, "--workflow", "rebalance", "--rule", "target", "-o", p3, "--by", "jdoe", "--at", "2026-01-05T09:50"]),
    );
    const ok = await capture(() => main(["audit", p3]));
    expect(ok.result).toBe(0);
    expect(ok.out).toMatch(/audit log of 3 entries/);
    expect(ok.out).toMatch(/1\. 2026-01-05T\d\d:30:00\.000Z +Rebalance, sheet 'Proposal 2026-01-05 09\.30', by jdoe/);
    expect(ok.out).toMatch(/Ticket: blocked\n/);
    expect(ok.out).toMatch(/Ticket: written under override; override reason: trustees approved/);
    expect(ok.out).toMatch(/Ticket: not asked/);
    expect(ok.out).toMatch(/Verified: every entry matches its SHA-256 and the chain from entry 1 to entry 3 is unbroken\./);
    const json = await capture(() => main(["audit", p3, "--json"]));
    const [log] = JSON.parse(json.out) as { ok: boolean; entries: { seq: number; hash: string; previousHash: string }[] }[];
    expect(log.ok).toBe(true);
    expect(log.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(log.entries[2].previousHash).toBe(log.entries[1].hash);

    // Edit entry 2's override reason inside the file (whatever part holds the text), as someone would in Excel.
    const zip = await JSZip.loadAsync(readFileSync(p3));
    let edited = 0;
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith(".xml"))) {
      const xml = await zip.file(name)!.async("string");
      if (xml.includes(">trustees approved<")) {
        zip.file(name, xml.replace(">trustees approved<", ">approved by phone<"));
        edited++;
      }
    }
    expect(edited).toBe(1);
    const tampered = join(dir, "tampered.xlsx");
    writeFileSync(tampered, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const bad = await capture(() => main(["audit", tampered]));
    expect(bad.result).toBe(1);
    expect(bad.out).toMatch(
      /NOT VERIFIED: 1 problem:\n +Entry 2 \(2026-01-05T\d\d:40:00\.000Z, Rebalance\): its contents do not match its SHA-256 \(it was edited after it was written\)/,
    );
  });

  test("overlay audit of a workbook without a log, and of a file that is not one", async () => {
    const none = await capture(() => main(["audit", SAMPLE]));
    expect(none.result).toBe(0);
    expect(none.out).toMatch(/no audit log/);
    writeFileSync(join(dir, "x.xlsx"), "not a zip");
    const bad = await capture(() => main(["audit", join(dir, "x.xlsx")]));
    expect(bad.result).toBe(2);
    expect(bad.err).toMatch(/x\.xlsx: could not be read: is not an \.xlsx package/);
  });
});

describe("the client's package is kept", () => {
  test("fixture: a round trip through exceljs drops the client's parts (what the proposal must not do)", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await clientWorkbook()) as unknown as ExcelJS.Buffer);
    const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    for (const p of CLIENT_PARTS.filter((x) => !x.startsWith("xl/drawings")))
      expect({ p, kept: zip.file(p) !== null }).toEqual({ p, kept: false });
  });

  test("the output is overlay run's output plus the proposal sheet; every other part byte-identical", async () => {
    const input = await clientWorkbook();
    const r = await proposeBytes(input, findWorkflow("rebalance")!, { rule: "edge" }, {}, AT);
    expect(r.writer).toBe("package");
    expect(r.fallback).toBeUndefined();
    const before = await parts(await JSZip.loadAsync(input));
    const run = await parts(await JSZip.loadAsync((await runLoaded(await loadBook(input), input)).bytes));
    const outZip = await JSZip.loadAsync(r.bytes);
    const out = await parts(outZip);

    // The client's own parts exceljs would drop, byte for byte as in the input.
    for (const p of CLIENT_PARTS) expect({ p, same: out.get(p)?.equals(before.get(p)!) }).toEqual({ p, same: true });
    // Every part of overlay run's output is there unchanged, except the four that register the sheet.
    const changed = [...run.keys()].filter((p) => !out.get(p)?.equals(run.get(p)!));
    expect(changed.sort()).toEqual([...REGISTERING].sort());
    const identical = [...run.keys()].length - changed.length;
    expect(identical).toBeGreaterThanOrEqual(40);
    // ... and input parts run does not patch are the input's (the client sheets without OVERLAY formulas, tables, ...).
    for (const [p, bytes] of before)
      if (run.get(p)?.equals(bytes) && !REGISTERING.includes(p)) expect(out.get(p)!.equals(bytes)).toBe(true);

    // What was added: the sheet and its rels, its table, its drawing (with rels) and chart, under free names.
    const added = [...out.keys()].filter((p) => !run.has(p)).sort();
    expect(added).toEqual([
      "xl/charts/chart2.xml",
      "xl/drawings/_rels/drawing2.xml.rels",
      "xl/drawings/drawing2.xml",
      "xl/tables/table17.xml",
      "xl/tables/table18.xml", // the audit log entry's table
      "xl/worksheets/_rels/sheet8.xml.rels",
      "xl/worksheets/sheet8.xml",
    ]);
    expect(await packageProblems(outZip)).toEqual([]);

    // The registering parts are the run's with additions only.
    const text = (m: Map<string, Buffer>, p: string) => m.get(p)!.toString("utf8");
    const types = text(out, "[Content_Types].xml");
    expect(types.startsWith(text(run, "[Content_Types].xml").replace("</Types>", ""))).toBe(true);
    expect(types.slice(text(run, "[Content_Types].xml").length - "</Types>".length)).toMatch(/^(<Override [^>]*\/>)+<\/Types>$/);
    const rels = text(out, "xl/_rels/workbook.xml.rels");
    expect(rels.startsWith(text(run, "xl/_rels/workbook.xml.rels").replace("</Relationships>", ""))).toBe(true);
    const sheetTag = /<sheet name="Proposal 2026-01-05 09\.30" sheetId="(\d+)" r:id="(rId\d+)"\/><\/sheets>/.exec(
      text(out, "xl/workbook.xml"),
    );
    expect(sheetTag).not.toBeNull();
    expect(text(out, "xl/workbook.xml")).toBe(text(run, "xl/workbook.xml").replace("</sheets>", `${sheetTag![0]}`));
    const ids = [...text(out, "xl/workbook.xml").matchAll(/<sheet\b[^>]*\ssheetId="(\d+)"/g)].map((m) => Number(m[1]));
    expect(new Set(ids).size).toBe(ids.length);
    expect(Number(sheetTag![1])).toBe(8);
    const rel = new RegExp(`<Relationship Id="${sheetTag![2]}" Type="${REL}/worksheet" Target="worksheets/sheet8.xml"/>`);
    expect(rels).toMatch(rel);
    expect(rels.match(new RegExp(`Id="${sheetTag![2]}"`, "g"))).toHaveLength(1);
    // Styles: every existing font and cell format in its place, the proposal's appended.
    const items = (xml: string, list: string, item: string) =>
      [
        ...(new RegExp(`<${list}\\b[^>]*>([\\s\\S]*?)</${list}>`).exec(xml)?.[1] ?? "").matchAll(
          new RegExp(`<${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</${item}>)`, "g"),
        ),
      ].map((m) => m[0]);
    for (const [list, item] of [
      ["fonts", "font"],
      ["fills", "fill"],
      ["borders", "border"],
      ["cellXfs", "xf"],
      ["numFmts", "numFmt"],
    ]) {
      const old = items(text(run, "xl/styles.xml"), list, item);
      expect(items(text(out, "xl/styles.xml"), list, item).slice(0, old.length)).toEqual(old);
    }
    // The bold of titles and headers is the client's font (Arial 10), bold.
    expect(text(out, "xl/styles.xml")).toContain('<font><sz val="10"/><name val="Arial"/><family val="2"/><b/></font>');

    // Tables: ids and names unique in the workbook; the proposal's after the largest id (40).
    const tables = [...out.keys()].filter((p) => p.startsWith("xl/tables/")).map((p) => /<table\b[^>]*>/.exec(text(out, p))![0]);
    const tableIds = tables.map((t) => Number(attrOf(t, "id")));
    const tableNames = tables.map((t) => attrOf(t, "name")!.toLowerCase());
    expect(new Set(tableIds).size).toBe(tables.length);
    expect(new Set(tableNames).size).toBe(tables.length);
    expect(attrOf(/<table\b[^>]*>/.exec(text(out, "xl/tables/table17.xml"))![0], "id")).toBe("41");
    expect(attrOf(/<table\b[^>]*>/.exec(text(out, "xl/tables/table17.xml"))![0], "name")).toBe("OverlayTrades");
    // The new sheet: text inline (the client's shared strings untouched), not selected, its chart on itself.
    const sheet = text(out, "xl/worksheets/sheet8.xml");
    expect(sheet).not.toMatch(/\st="s"/);
    expect(sheet).not.toMatch(/tabSelected/);
    expect(text(out, "xl/charts/chart2.xml")).toContain("<c:f>'Proposal 2026-01-05 09.30'!$A$");

    // exceljs reads the output; the proposal sheet is the task pane's: values, number formats, bold.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ExcelJS.Buffer);
    const { mem, written } = await paneProposal(input, findWorkflow("rebalance")!, { rule: "edge" });
    expect(written.sheet).toBe(r.layout.sheet);
    expect(trimmed(await sheetValues(r.bytes, r.layout.sheet))).toEqual(trimmed(mem.sheetValues(written.sheet)));
    const ws = wb.getWorksheet(r.layout.sheet)!;
    let formatted = 0;
    let bold = 0;
    for (let i = 0; i < r.layout.rows; i++) {
      for (let j = 0; j < r.layout.cols; j++) {
        const cell = ws.getCell(i + 1, j + 1);
        const fmt = mem.numberFormat(written.sheet, i, j);
        expect({ at: cell.address, fmt: cell.numFmt ?? undefined }).toEqual({ at: cell.address, fmt: fmt ?? undefined });
        expect({ at: cell.address, bold: !!cell.font?.bold }).toEqual({ at: cell.address, bold: mem.isBold(written.sheet, i, j) });
        if (fmt) formatted++;
        if (cell.font?.bold) expect(cell.font.name).toBe("Arial");
        if (cell.font?.bold) bold++;
      }
    }
    expect(formatted).toBeGreaterThan(20);
    expect(bold).toBeGreaterThan(20);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Read me",
      "Plan",
      "Options",
      "LDI",
      "Risk",
      "Completion",
      "Covariance",
      r.layout.sheet,
    ]);
  });

  test("every workflow's sheet moves into the package; the output is well-formed XML throughout", async () => {
    const input = await clientWorkbook();
    const parser = new new JSDOM("").window.DOMParser();
    for (const w of WORKFLOWS) {
      const r = await proposeBytes(input, w, w.id === "options" ? OPTION_ARGS : {}, {}, AT);
      expect({ w: w.id, writer: r.writer }).toEqual({ w: w.id, writer: "package" });
      const zip = await JSZip.loadAsync(r.bytes);
      expect(await packageProblems(zip)).toEqual([]);
      for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) {
        const doc = parser.parseFromString(await zip.file(name)!.async("string"), "application/xml");
        expect({ w: w.id, name, error: doc.getElementsByTagName("parsererror").length }).toEqual({ w: w.id, name, error: 0 });
      }
      expect(Buffer.from(await zip.file("xl/vbaProject.bin")!.async("uint8array")).equals(VBA)).toBe(true);
    }
  });

  test("a second proposal on the output adds a second sheet: names, ids and parts stay unique", async () => {
    const first = await proposeBytes(await clientWorkbook(), findWorkflow("rebalance")!, {}, {}, AT);
    const second = await proposeBytes(first.bytes, findWorkflow("rebalance")!, {}, {}, AT);
    expect(second.writer).toBe("package");
    expect(second.layout.sheet).toBe("Proposal 2026-01-05 09.30 (2)");
    expect(second.layout.tradeTable?.name).toBe("OverlayTrades_2");
    const zip = await JSZip.loadAsync(second.bytes);
    expect(await packageProblems(zip)).toEqual([]);
    const book = await zip.file("xl/workbook.xml")!.async("string");
    const ids = [...book.matchAll(/\ssheetId="(\d+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(second.bytes as unknown as ExcelJS.Buffer);
    expect(trimmed(await sheetValues(second.bytes, "Proposal 2026-01-05 09.30 (2)"))[12]).toEqual(
      trimmed(await sheetValues(first.bytes, "Proposal 2026-01-05 09.30"))[12],
    );
  });

  test("the command writes an .xlsm proposal with its macros", async () => {
    const input = join(dir, "client.xlsm");
    writeFileSync(input, await clientWorkbook());
    const { result, out, err } = await capture(() =>
      main(["propose", input, "--workflow", "rebalance", "--rule", "target", "--at", "2026-01-05T09:30"]),
    );
    expect(err).toBe("");
    expect(result).toBe(0);
    expect(out).toMatch(/client\.proposal\.xlsm, sheet 'Proposal 2026-01-05 09\.30'/);
    const zip = await JSZip.loadAsync(readFileSync(join(dir, "client.proposal.xlsm")));
    expect(Buffer.from(await zip.file("xl/vbaProject.bin")!.async("uint8array")).equals(VBA)).toBe(true);
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
  });

  test("a package the writer does not take on: exceljs re-writes it, and a warning names what is lost", async () => {
    const input = await clientWorkbook(true);
    const r = await proposeBytes(input, findWorkflow("rebalance")!, { rule: "edge" }, {}, AT);
    expect(r.writer).toBe("exceljs");
    expect(r.fallback?.reason).toMatch(/not transitional SpreadsheetML/);
    for (const p of ["customXml/item1.xml", "docProps/custom.xml", "xl/vbaProject.bin", "xl/charts/chart1.xml"])
      expect(r.fallback?.lost).toContain(p);
    // The proposal sheet is still the pane's.
    const { mem, written } = await paneProposal(input, findWorkflow("rebalance")!, { rule: "edge" });
    expect(trimmed(await sheetValues(r.bytes, r.layout.sheet))).toEqual(trimmed(mem.sheetValues(written.sheet)));

    // The command says so on stderr (an .xlsx is written; an .xlsm is not, its macros would be lost).
    const xlsx = join(dir, "strict.xlsx");
    writeFileSync(xlsx, input);
    const a = await capture(() => main(["propose", xlsx, "--workflow", "rebalance", "--rule", "target"]));
    expect(a.result).toBe(0);
    expect(a.err).toMatch(
      /^warning: .*strict\.xlsx: the proposal sheet could not be added to a copy of the package \(the workbook part is not transitional SpreadsheetML\); the workbook was re-written by exceljs/,
    );
    expect(a.err).toMatch(/Not in the output as in the input: .*customXml\/item1\.xml.*xl\/vbaProject\.bin/);
    expect(existsSync(join(dir, "strict.proposal.xlsx"))).toBe(true);
    const xlsm = join(dir, "strict.xlsm");
    writeFileSync(xlsm, input);
    const b = await capture(() => main(["propose", xlsm, "--workflow", "rebalance", "--rule", "edge"]));
    expect(b.result).toBe(2);
    expect(b.err).toMatch(/no proposal written: .*without losing its macros/);
    expect(existsSync(join(dir, "strict.proposal.xlsm"))).toBe(false);
  });
});
