/**
 * The WorkbookPort on Office.js. Every call is one Excel.run batch: queue, load what will be read,
 * context.sync(), then read. Writes go only to sheets this instance added (a proposal sheet); the client's
 * sheets are only ever read.
 *
 * Strings that Excel would reinterpret when written as values (a leading = + - @ makes a formula, "0012"
 * a number) are written with Excel's quote prefix (a leading apostrophe), so they stay the text they are.
 */
import {
  ChartSpec,
  SeriesMark,
  PortMatrix,
  RangeWrite,
  ReadOnlySheetError,
  Selection,
  TableInfo,
  WorkbookPort,
  rectangular,
} from "./WorkbookPort";
import { Block, blockAddress, cellAddress } from "./address";

/** Runs a batch against a request context: Excel.run in the add-in, a mock in tests. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

const CHART_TYPES: Record<ChartSpec["type"], string> = {
  column: "ColumnClustered",
  bar: "BarClustered",
  line: "Line",
  scatter: "XYScatterLines",
};

const defaultRunner: ExcelRunner = (batch) => Excel.run(batch);

export class ExcelWorkbook implements WorkbookPort {
  /** Sheets this instance added: the only ones it writes to. */
  private readonly added = new Set<string>();

  constructor(private readonly run: ExcelRunner = defaultRunner) {}

  listSheets(): Promise<string[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
  }

  listTables(): Promise<TableInfo[]> {
    return this.run(async (context) => {
      const tables = context.workbook.tables;
      tables.load("items/name, items/worksheet/name");
      const names = context.workbook.names;
      names.load("items/name, items/type, items/visible");
      await context.sync();
      const rangeNames = names.items.filter((n) => n.type === "Range" && n.visible !== false);
      const ranges = rangeNames.map((n) => {
        const r = n.getRange();
        r.load("worksheet/name");
        return r;
      });
      await context.sync();
      return [
        ...tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name, kind: "table" as const })),
        ...rangeNames.map((n, i) => ({ name: n.name, sheet: ranges[i].worksheet.name, kind: "name" as const })),
      ];
    });
  }

  readTable(name: string): Promise<PortMatrix> {
    return this.run(async (context) => {
      const table = context.workbook.tables.getItemOrNullObject(name);
      const named = context.workbook.names.getItemOrNullObject(name);
      await context.sync();
      let range: Excel.Range;
      if (!table.isNullObject) {
        range = table.getRange();
        table.load("showTotals");
      } else if (!named.isNullObject) range = named.getRange();
      else throw new Error(`The workbook has no table named '${name}'`);
      range.load("values");
      await context.sync();
      const values = range.values as PortMatrix;
      // The port's contract is the header row and the data: a table's totals row is not a data row.
      return !table.isNullObject && table.showTotals === true ? values.slice(0, -1) : values;
    });
  }

  readSelection(): Promise<Selection> {
    return this.run(async (context) => {
      const range = context.workbook.getSelectedRange();
      range.load("address, values");
      await context.sync();
      return { address: range.address, values: range.values as PortMatrix };
    });
  }

  addSheet(name: string): Promise<void> {
    return this.run(async (context) => {
      const existing = context.workbook.worksheets.getItemOrNullObject(name);
      await context.sync();
      if (!existing.isNullObject) throw new Error(`A sheet named '${name}' already exists`);
      const sheet = context.workbook.worksheets.add(name);
      sheet.activate();
      await context.sync();
      this.added.add(name.toLowerCase());
    });
  }

  async writeRange(sheet: string, w: RangeWrite): Promise<void> {
    this.guard(sheet);
    const values = rectangular(w.values);
    if (values.length === 0 || values[0].length === 0) return;
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const target = ws.getRange(blockAddress({ row: w.row, col: w.col, rows: values.length, cols: values[0].length }));
      target.values = values.map((row) => row.map(literal)) as unknown as typeof target.values;
      if (w.numberFormats) {
        target.numberFormat = values.map((row, i) =>
          row.map((_, j) => w.numberFormats?.[i]?.[j] ?? "General"),
        ) as unknown as typeof target.numberFormat;
      }
      const width = values[0].length;
      for (const i of w.boldRows ?? []) {
        if (i < 0 || i >= values.length) continue;
        ws.getRange(blockAddress({ row: w.row + i, col: w.col, rows: 1, cols: width })).format.font.bold = true;
      }
      target.format.autofitColumns();
      await context.sync();
    });
  }

  async addTable(sheet: string, area: Block, name: string): Promise<void> {
    this.guard(sheet);
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const table = ws.tables.add(blockAddress(area), true);
      table.name = name;
      await context.sync();
    });
  }

  async addChart(sheet: string, spec: ChartSpec): Promise<void> {
    this.guard(sheet);
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const source = ws.getRange(blockAddress(spec.source));
      const chart = ws.charts.add(CHART_TYPES[spec.type] as Excel.ChartType, source, "Columns" as Excel.ChartSeriesBy);
      chart.title.text = spec.title;
      chart.setPosition(
        cellAddress(spec.anchor.row + 1, spec.anchor.col + 1),
        cellAddress(spec.anchor.row + spec.size.rows, spec.anchor.col + spec.size.cols),
      );
      if (spec.marks) spec.marks.forEach((m, i) => styleSeries(chart.series.getItemAt(i), m));
      else
        (spec.seriesTypes ?? []).forEach((t, i) => {
          if (t === "line" && spec.type !== "line") chart.series.getItemAt(i).chartType = "Line" as Excel.ChartType;
        });
      if (spec.valueAxis) {
        const axes = [chart.axes.valueAxis];
        if (spec.marks?.includes("bar")) {
          const secondary = chart.axes.getItem("Value" as Excel.ChartAxisType, "Secondary" as Excel.ChartAxisGroup);
          secondary.visible = false;
          axes.push(secondary);
        }
        for (const a of axes) {
          a.minimum = spec.valueAxis.min;
          a.maximum = spec.valueAxis.max;
          if (spec.valueAxis.major > 0) a.majorUnit = spec.valueAxis.major;
        }
      }
      if (spec.type !== "scatter") chart.axes.categoryAxis.tickLabelSpacing = 1;
      if (spec.valueFormat) chart.axes.valueAxis.numberFormat = spec.valueFormat;
      if (spec.yTitle) chart.axes.valueAxis.title.text = spec.yTitle;
      if (spec.xTitle) chart.axes.categoryAxis.title.text = spec.xTitle;
      chart.legend.position = "Bottom" as Excel.ChartLegendPosition;
      await context.sync();
    });
  }

  private guard(sheet: string): void {
    if (!this.added.has(sheet.toLowerCase())) throw new ReadOnlySheetError(sheet);
  }
}

/**
 * One series of a bullet chart (WorkbookPort's SeriesMark; chart.ts draws the same in the headless file): the
 * range stacked (its start without fill), the value after as a narrow column on the secondary axis, before and
 * target as markers without a line, a threshold as a dashed line. ExcelApi 1.8 (axisGroup, gapWidth).
 */
function styleSeries(s: Excel.ChartSeries, mark: SeriesMark): void {
  switch (mark) {
    case "bandBase":
      s.chartType = "ColumnStacked" as Excel.ChartType;
      s.format.fill.clear();
      s.format.line.lineStyle = "None" as Excel.ChartLineStyle;
      break;
    case "band":
      s.chartType = "ColumnStacked" as Excel.ChartType;
      s.format.fill.setSolidColor("#D6D6D6");
      s.gapWidth = 40;
      break;
    case "bar":
      s.chartType = "ColumnClustered" as Excel.ChartType;
      s.axisGroup = "Secondary" as Excel.ChartAxisGroup;
      s.format.fill.setSolidColor("#0F6CBD");
      s.gapWidth = 300;
      break;
    case "column":
      s.format.fill.setSolidColor("#0F6CBD");
      break;
    case "marker":
    case "tick":
      s.chartType = "LineMarkers" as Excel.ChartType;
      s.format.line.lineStyle = "None" as Excel.ChartLineStyle;
      s.markerStyle = (mark === "marker" ? "Diamond" : "Dash") as Excel.ChartMarkerStyle;
      s.markerSize = mark === "marker" ? 9 : 20;
      s.markerBackgroundColor = mark === "marker" ? "#FFFFFF" : "#242424";
      s.markerForegroundColor = mark === "marker" ? "#616161" : "#242424";
      break;
    case "line":
      s.chartType = "Line" as Excel.ChartType;
      s.format.line.color = "#C50F1F";
      s.format.line.lineStyle = "Dash" as Excel.ChartLineStyle;
      break;
  }
}

/** A value as Excel must receive it to store it literally. */
function literal(v: unknown): unknown {
  if (typeof v !== "string") return v;
  if (/^[=+\-@]/.test(v) || (v.trim() !== "" && Number.isFinite(Number(v)))) return `'${v}`;
  return v;
}
