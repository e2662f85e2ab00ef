/**
 * The proposal sheet: one NEW sheet, "Proposal 2026-11-24 14.32" (" (2)" and so on when taken), holding
 * the header (workflow, time, the add-in's version, the headline), the options, the trade table (an Excel
 * table), the checks, the chart's data and a native chart over it, the notes, the function results with
 * the formulas that give them, and copies of the inputs it used. It never writes to an existing sheet.
 *
 * The sheet is laid out in memory and written in one range write, so Excel needs few round trips.
 */
import { Area, CellValue, ChartSpec, Matrix, WorkbookPort, rectangular, uniqueSheetName, uniqueTableName } from "../WorkbookPort";
import { ChartModel, Proposal, ValueFormat } from "./model";

export const PERCENT_FORMAT = "0.00%";
export const MONEY_FORMAT = "#,##0";
export const NUMBER_FORMAT = "#,##0.00";
export const RATIO_FORMAT = "0.000";
export const CONTRACTS_FORMAT = "#,##0";

export function excelFormat(f: ValueFormat): string {
  return f === "percent" ? PERCENT_FORMAT : f === "money" ? MONEY_FORMAT : f === "ratio" ? RATIO_FORMAT : "General";
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** "2026-11-24 14.32": the proposal's time stamp as a sheet name allows it (no colon). */
export function stamp(now: Date, timeSeparator = "."): string {
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())} ${pad2(now.getHours())}${timeSeparator}${pad2(now.getMinutes())}`;
}

export const TRADE_HEADERS = ["Side", "Instrument", "Quantity", "Unit", "Asset class", "Notional", "Note"];
export const CHECK_HEADERS = ["Check", "Result", "Detail"];
export const CHECK_WORDS = { pass: "Passed", warn: "Warning", fail: "Failed" } as const;

/** Where each part of the proposal sheet is (0-based), for the writer's callers and tests. */
export interface SheetLayout {
  sheet: string;
  tradeTable?: { name: string; area: Area };
  checks: Area;
  chart?: ChartSpec;
  rows: number;
  cols: number;
}

interface Grid {
  values: Matrix;
  formats: (string | null)[][];
  bold: number[];
}

function put(g: Grid, rows: Matrix, formats?: (string | null)[][], boldFirst = false): Area {
  const row = g.values.length;
  rows.forEach((r, i) => {
    g.values.push(r.slice());
    g.formats.push(r.map((_, j) => formats?.[i]?.[j] ?? null));
  });
  if (boldFirst && rows.length > 0) g.bold.push(row);
  return { row, col: 0, rows: rows.length, cols: rows.reduce((w, r) => Math.max(w, r.length), 0) };
}

function title(g: Grid, text: string): void {
  g.values.push([text]);
  g.formats.push([null]);
  g.bold.push(g.values.length - 1);
}

function blank(g: Grid): void {
  g.values.push([]);
  g.formats.push([]);
}

/** The chart's data as a block: header row (x title, series names), then one row per category. */
export function chartBlock(c: ChartModel): Matrix {
  return [[c.xTitle, ...c.series.map((s) => s.name)], ...c.categories.map((x, i) => [x, ...c.series.map((s) => s.values[i] ?? "")])];
}

/** The proposal laid out as a grid (values, number formats, bold rows), and where its parts are. */
export function layoutProposal(p: Proposal, opts: { now: Date; version: string }): { grid: Grid; layout: Omit<SheetLayout, "sheet"> } {
  const g: Grid = { values: [], formats: [], bold: [] };
  title(g, `Overlay trade proposal: ${p.label}`);
  put(g, [
    ["Written", stamp(opts.now, ":")],
    ["Overlay version", opts.version],
    ["Summary", p.headline],
  ]);
  blank(g);

  title(g, "Options");
  put(g, p.options.length ? p.options.map((o) => [o.label, o.value]) : [["(none)"]]);
  blank(g);

  title(g, "Trades");
  let tradeTable: SheetLayout["tradeTable"];
  if (p.trades.length === 0) {
    put(g, [["No trades proposed."]]);
  } else {
    const rows: Matrix = p.trades.map((t) => [t.side, t.instrument, t.quantity, t.unit, t.assetClass, t.notional ?? "", t.note ?? ""]);
    const formats = p.trades.map((t) => [
      null,
      null,
      t.unit === "weight" ? PERCENT_FORMAT : t.unit === "contracts" || t.unit === "exposure" ? CONTRACTS_FORMAT : NUMBER_FORMAT,
      null,
      null,
      MONEY_FORMAT,
      null,
    ]);
    const area = put(g, [TRADE_HEADERS, ...rows], [TRADE_HEADERS.map(() => null), ...formats], true);
    tradeTable = { name: "", area };
  }
  blank(g);

  title(g, "Checks");
  const checks = put(g, [CHECK_HEADERS, ...p.checks.map((c) => [c.name, CHECK_WORDS[c.status], c.detail])], undefined, true);
  blank(g);

  if (p.exposures) {
    title(g, p.exposures.title);
    const f = excelFormat(p.exposures.format);
    const head = ["Name", "Before", "After", "Target", "Min", "Max"];
    const rows = p.exposures.lines.map((l) => [l.name, l.before, l.after, l.target ?? "", l.min ?? "", l.max ?? ""]);
    put(g, [head, ...rows], [head.map(() => null), ...rows.map(() => [null, f, f, f, f, f])], true);
    blank(g);
  }

  let chart: ChartSpec | undefined;
  if (p.chart) {
    title(g, `Chart data: ${p.chart.title}`);
    const block = chartBlock(p.chart);
    const f = excelFormat(p.chart.format);
    const area = put(g, block, [block[0].map(() => null), ...block.slice(1).map((r) => r.map((_, j) => (j === 0 ? null : f)))], true);
    chart = {
      type: p.chart.kind === "line" ? "scatter" : "column",
      title: p.chart.title,
      source: area,
      seriesTypes: p.chart.series.map((s) => (s.line ? "line" : "column")),
      anchor: { row: 1, col: 0 },
      size: { rows: 20, cols: 8 },
      xTitle: p.chart.xTitle,
      yTitle: p.chart.yTitle,
      valueFormat: p.chart.format === "percent" ? "0%" : p.chart.format === "money" ? MONEY_FORMAT : undefined,
    };
    blank(g);
  }

  if (p.notes.length) {
    title(g, "Notes");
    put(
      g,
      p.notes.map((n) => [n]),
    );
    blank(g);
  }

  for (const r of p.results) {
    title(g, r.title);
    put(g, [["Formula", r.formula]]);
    const head = r.values[0] ?? [];
    const formats = r.values.map((row, i) => (i === 0 ? row.map(() => null) : row.map((_, j) => r.formats?.[String(head[j])] ?? null)));
    put(g, r.values, formats, true);
    blank(g);
  }

  for (const i of p.inputs) {
    title(g, `Input: ${i.name} (${i.ref})`);
    put(g, i.values, undefined, true);
    blank(g);
  }

  const values = rectangular(g.values.length ? g.values : [[""]]);
  const cols = values[0].length;
  // The chart sits to the right of everything written, so it covers no cell of the proposal.
  if (chart) chart.anchor = { row: 1, col: cols + 1 };
  g.values = values;
  g.formats = g.formats.map((r) => [...r, ...new Array<string | null>(cols - r.length).fill(null)]);
  return { grid: g, layout: { tradeTable, checks, chart, rows: values.length, cols } };
}

/**
 * Writes the proposal on a new sheet and returns where everything went. Names: the sheet
 * "Proposal <date> <hh.mm>" (made unique), the trade table "OverlayTrades" (made unique).
 */
export async function writeProposal(port: WorkbookPort, p: Proposal, opts: { now?: Date; version: string }): Promise<SheetLayout> {
  const now = opts.now ?? new Date();
  const { grid, layout } = layoutProposal(p, { now, version: opts.version });
  const sheet = uniqueSheetName(`Proposal ${stamp(now)}`, await port.listSheets());
  await port.addSheet(sheet);
  await port.writeRange(sheet, { row: 0, col: 0, values: grid.values, numberFormats: grid.formats, boldRows: grid.bold });
  if (layout.tradeTable) {
    const name = uniqueTableName(
      "OverlayTrades",
      (await port.listTables()).map((t) => t.name),
    );
    await port.addTable(sheet, layout.tradeTable.area, name);
    layout.tradeTable.name = name;
  }
  if (layout.chart) await port.addChart(sheet, layout.chart);
  return { sheet, ...layout };
}

export type { CellValue };
