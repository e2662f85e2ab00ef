/**
 * The workbook as the task pane (and `overlay propose`) sees it: read named tables or the selected range,
 * add a new sheet and write onto it. A port NEVER writes to a cell of a sheet it did not add itself:
 * a proposal is always a new sheet, the client's model is only read.
 *
 * Implementations: ExcelWorkbook (Office.js), MemoryWorkbook (in memory: tests, the playground), and the
 * `overlay` command's exceljs port (XlsxWorkbook). Positions are Blocks, 0-based (row 0, column 0 is A1; see
 * address.ts, the one vocabulary for cells and addresses); values are literal:
 * a string is text even when it starts with "=" (a port must store it as text, never as a formula).
 */

import { Block } from "./address";

/** A port value: a cell as a port reads or writes it ("" is an empty cell; never an error, never a formula). */
export type PortValue = number | string | boolean;
/** A port's rows of values, header row first for a table. */
export type PortMatrix = PortValue[][];

export interface TableInfo {
  /** The table's (or workbook-level range name's) name, as the workbook spells it. */
  name: string;
  /** The sheet it lives on. */
  sheet: string;
  /** "table" for an Excel table, "name" for a workbook-level named range. */
  kind: "table" | "name";
}

export interface RangeWrite {
  /** 0-based top-left corner. */
  row: number;
  col: number;
  /** Rectangular values (rows of equal length). */
  values: PortMatrix;
  /** Excel number formats, same shape as values; null or missing = General. */
  numberFormats?: (string | null)[][];
  /** Rows (0-based, relative to the write) set in bold across the write's width: titles, headers. */
  boldRows?: number[];
}

export type ChartType = "column" | "bar" | "line" | "scatter";

/**
 * How one series of a column chart is drawn, for the bullet form (src/workbook/proposal/chartForm.ts):
 * "bandBase" (no fill) and "band" stack into the min-max range; "bar" is the value after, a narrow column in
 * front of the band (secondary axis, same scale); "marker" (before, a diamond) and "tick" (target, a dash) are
 * markers without a line; "column" and "line" as in seriesTypes.
 */
export type SeriesMark = "column" | "line" | "bar" | "bandBase" | "band" | "marker" | "tick";

/**
 * A native chart over data already written on the sheet. The source area's first row holds the series
 * names, its first column the categories (x values for a scatter), each further column one series.
 */
export interface ChartSpec {
  type: ChartType;
  title: string;
  source: Block;
  /** Per series (in column order): draw it as a line over a column chart (targets, bounds). */
  seriesTypes?: ("column" | "line")[];
  /** Top-left cell the chart is placed at (0-based), and its size in cells. */
  anchor: { row: number; col: number };
  size: { rows: number; cols: number };
  xTitle?: string;
  yTitle?: string;
  /** Number format of the value axis ("0%", "#,##0"). */
  valueFormat?: string;
  /** Per series (in column order), its mark in the bullet form; takes the place of seriesTypes. */
  marks?: SeriesMark[];
  /** The value axis's bounds and major unit (round ticks covering every series). */
  valueAxis?: { min: number; max: number; major: number };
}

export interface Selection {
  /** "Sheet1!B2:F12", as the workbook reports it. */
  address: string;
  values: PortMatrix;
}

export interface WorkbookPort {
  /** Sheet names in workbook order. */
  listSheets(): Promise<string[]>;
  /** Tables and workbook-level named ranges. */
  listTables(): Promise<TableInfo[]>;
  /** A table's values with its header row (or a named range's values); throws when there is no such name. */
  readTable(name: string): Promise<PortMatrix>;
  /** The selected range's address and values. */
  readSelection(): Promise<Selection>;
  /** Adds a sheet named exactly `name` (throws if the name is taken); the port may write to it afterwards. */
  addSheet(name: string): Promise<void>;
  /** Writes values (and formats) onto a sheet this port added; throws for any other sheet. */
  writeRange(sheet: string, write: RangeWrite): Promise<void>;
  /** Makes an Excel table of an area already written (first row = headers) on a sheet this port added. */
  addTable(sheet: string, area: Block, name: string): Promise<void>;
  /** Adds a native chart on a sheet this port added. */
  addChart(sheet: string, chart: ChartSpec): Promise<void>;
}

/** The error a port throws when asked to write where it must not. */
export class ReadOnlySheetError extends Error {
  constructor(sheet: string) {
    super(`Overlay never writes to an existing sheet: '${sheet}' was not added by this proposal`);
    this.name = "ReadOnlySheetError";
  }
}

/** Pads a ragged matrix to a rectangle with "" (empty cells). */
export function rectangular(values: PortMatrix): PortMatrix {
  const width = values.reduce((w, r) => Math.max(w, r.length), 0);
  return values.map((r) => (r.length === width ? r : [...r, ...new Array<PortValue>(width - r.length).fill("")]));
}
