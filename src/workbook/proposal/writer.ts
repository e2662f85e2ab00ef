/**
 * The proposal sheet: one NEW sheet, "Proposal 2026-11-24 14.32" (" (2)" and so on when taken), holding
 * the header (workflow, time, the add-in's version, the headline), the options, the trade table (an Excel
 * table, with expiries), the checks, the figures (Greeks in desk units), the chart's data and a native chart
 * over it (a bullet chart for categories: chartForm.ts), the notes, the function results with
 * the formulas that give them, and copies of the inputs it used. It never writes to an existing sheet.
 *
 * The sheet is laid out in memory and written in one range write, so Excel needs few round trips.
 */
import { PortValue, ChartSpec, PortMatrix, SeriesMark, WorkbookPort, rectangular } from "../WorkbookPort";
import { Block, uniqueSheetName, uniqueTableName } from "../address";
import { Axis, bulletForm, bulletValues, niceAxis } from "./chartForm";
import { ChartModel, Proposal, ValueFormat } from "./model";

export const PERCENT_FORMAT = "0.00%";
export const MONEY_FORMAT = "#,##0";
export const NUMBER_FORMAT = "#,##0.00";
export const RATIO_FORMAT = "0.000";
export const CONTRACTS_FORMAT = "#,##0";

export function excelFormat(f: ValueFormat): string {
  return f === "percent" ? PERCENT_FORMAT : f === "money" ? MONEY_FORMAT : f === "ratio" ? RATIO_FORMAT : "General";
}

/** The value axis's number format: as many decimals as its step needs ("0%", "0.0%", "#,##0", "0.0"). */
export function axisFormat(f: ValueFormat, step: number): string {
  const digits = decimalsOf;
  const dec = (n: number) => (n > 0 ? `.${"0".repeat(n)}` : "");
  if (f === "percent") return `0${dec(digits(step * 100))}%`;
  if (f === "money") return MONEY_FORMAT;
  return `#,##0${dec(digits(step))}`;
}

/** A figure's format: as excelFormat, with decimals for plain numbers (a delta of 0.42 is not 0). */
function figureFormat(f: ValueFormat): string {
  return f === "number" ? NUMBER_FORMAT : excelFormat(f);
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** "2026-11-24 14.32": the proposal's time stamp as a sheet name allows it (no colon). */
export function stamp(now: Date, timeSeparator = "."): string {
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())} ${pad2(now.getHours())}${timeSeparator}${pad2(now.getMinutes())}`;
}

export const TRADE_HEADERS = ["Side", "Instrument", "Quantity", "Unit", "Asset class", "Notional", "Expiry", "Note"];
export const CHECK_HEADERS = ["Check", "Result", "Detail"];
export const FIGURE_HEADERS = ["Figure", "Value", "Unit"];
export const CHECK_WORDS = { pass: "Passed", warn: "Warning", fail: "Failed" } as const;

/** Where each part of the proposal sheet is (0-based), for the writer's callers and tests. */
export interface SheetLayout {
  sheet: string;
  tradeTable?: { name: string; area: Block };
  checks: Block;
  chart?: ChartSpec;
  rows: number;
  cols: number;
}

interface Grid {
  values: PortMatrix;
  formats: (string | null)[][];
  bold: number[];
}

function put(g: Grid, rows: PortMatrix, formats?: (string | null)[][], boldFirst = false): Block {
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
export function chartBlock(c: ChartModel): PortMatrix {
  return [[c.xTitle, ...c.series.map((s) => s.name)], ...c.categories.map((x, i) => [x, ...c.series.map((s) => s.values[i] ?? "")])];
}

export const RANGE_FROM = "Range from";
export const RANGE_SPAN = "Range (max - min)";

/**
 * A categorical chart's data in its bullet form (chartForm.ts), as the native chart draws it: the category,
 * the range as its start and span (stacked: the start without fill), the bars, the marker, the tick, the
 * threshold; with each column's mark. A missing value is an empty cell (Excel leaves a gap).
 */
export function bulletBlock(c: ChartModel): { block: PortMatrix; marks: SeriesMark[]; axis: Axis } {
  const f = bulletForm(c);
  const band = f.rows.some((r) => r.min !== undefined);
  const head: PortValue[] = [c.xTitle];
  const marks: SeriesMark[] = [];
  if (band) (head.push(RANGE_FROM, RANGE_SPAN), marks.push("bandBase", "band"));
  f.barNames.forEach((n) => (head.push(n), marks.push(band ? "bar" : "column")));
  if (f.markerName) (head.push(f.markerName), marks.push("marker"));
  if (f.tickName) (head.push(f.tickName), marks.push("tick"));
  if (f.threshold) (head.push(f.threshold.name), marks.push("line"));
  const rows = f.rows.map((r) => {
    const row: PortValue[] = [r.category];
    if (band) row.push(r.min ?? "", r.min !== undefined && r.max !== undefined ? r.max - r.min : "");
    row.push(...r.bars);
    if (f.markerName) row.push(r.marker ?? "");
    if (f.tickName) row.push(r.tick ?? "");
    if (f.threshold) row.push(f.threshold.value);
    return row;
  });
  return { block: [head, ...rows], marks, axis: niceAxis(bulletValues(f), 7) };
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
    const rows: PortMatrix = p.trades.map((t) => [
      t.side,
      t.instrument,
      t.quantity,
      t.unit,
      t.assetClass,
      t.notional ?? "",
      t.expiry ?? "",
      t.note ?? "",
    ]);
    const formats = p.trades.map((t) => [
      null,
      null,
      t.unit === "weight" ? PERCENT_FORMAT : t.unit === "contracts" || t.unit === "exposure" ? CONTRACTS_FORMAT : NUMBER_FORMAT,
      null,
      null,
      MONEY_FORMAT,
      null,
      null,
    ]);
    const area = put(g, [TRADE_HEADERS, ...rows], [TRADE_HEADERS.map(() => null), ...formats], true);
    tradeTable = { name: "", area };
  }
  blank(g);

  title(g, "Checks");
  const checks = put(g, [CHECK_HEADERS, ...p.checks.map((c) => [c.name, CHECK_WORDS[c.status], c.detail])], undefined, true);
  blank(g);

  for (const group of p.figures ?? []) {
    title(g, group.title);
    const rows: PortMatrix = group.rows.map((r) => [r.label, r.value, r.unit ?? ""]);
    put(
      g,
      [FIGURE_HEADERS, ...rows],
      [FIGURE_HEADERS.map(() => null), ...group.rows.map((r) => [null, figureFormat(r.format), null])],
      true,
    );
    blank(g);
  }

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
    // Categories: the bullet form (a band, a bar, a marker, a tick per category; no line joins two categories).
    const line = p.chart.kind === "line";
    const bullet = line ? undefined : bulletBlock(p.chart);
    const block = bullet?.block ?? chartBlock(p.chart);
    const axis = bullet?.axis ?? niceAxis(p.chart.series.flatMap((s) => s.values));
    const f = excelFormat(p.chart.format);
    const area = put(g, block, [block[0].map(() => null), ...block.slice(1).map((r) => r.map((_, j) => (j === 0 ? null : f)))], true);
    chart = {
      type: line ? "scatter" : "column",
      title: p.chart.title,
      source: area,
      seriesTypes: bullet
        ? bullet.marks.map((m) => (m === "line" || m === "marker" || m === "tick" ? "line" : "column"))
        : p.chart.series.map(() => "line"),
      marks: bullet?.marks,
      valueAxis: { min: axis.min, max: axis.max, major: axis.step },
      anchor: { row: 1, col: 0 },
      size: { rows: 20, cols: 8 },
      xTitle: p.chart.xTitle,
      yTitle: p.chart.yTitle,
      valueFormat: axisFormat(p.chart.format, axis.step),
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

export type { PortValue };

/** The decimals a step needs to be written exactly (0.5 -> 1, 2.5 -> 1, 20 -> 0), at most 6. */
export function decimalsOf(step: number): number {
  for (let d = 0; d < 6; d++) {
    const x = Math.abs(step) * 10 ** d;
    if (Math.abs(x - Math.round(x)) < 1e-9 * Math.max(1, x)) return d;
  }
  return 6;
}
