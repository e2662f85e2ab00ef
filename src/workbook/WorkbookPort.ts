/**
 * The workbook as the task pane (and `overlay propose`) sees it: read named tables or the selected range,
 * add a new sheet and write onto it. A port NEVER writes to a cell of a sheet it did not add itself:
 * a proposal is always a new sheet, the client's model is only read.
 *
 * Implementations: ExcelWorkbook (Office.js), MemoryWorkbook (in memory: tests, the playground), and the
 * `overlay` command's exceljs port. Positions are 0-based (row 0, column 0 is A1); values are literal:
 * a string is text even when it starts with "=" (a port must store it as text, never as a formula).
 */

/** A cell as read from or written to a workbook ("" is an empty cell). */
export type CellValue = number | string | boolean;
export type Matrix = CellValue[][];

export interface TableInfo {
  /** The table's (or workbook-level range name's) name, as the workbook spells it. */
  name: string;
  /** The sheet it lives on. */
  sheet: string;
  /** "table" for an Excel table, "name" for a workbook-level named range. */
  kind: "table" | "name";
}

/** A rectangle on a sheet: 0-based top-left corner and size. */
export interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface RangeWrite {
  /** 0-based top-left corner. */
  row: number;
  col: number;
  /** Rectangular values (rows of equal length). */
  values: Matrix;
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
  source: Area;
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
  values: Matrix;
}

export interface WorkbookPort {
  /** Sheet names in workbook order. */
  listSheets(): Promise<string[]>;
  /** Tables and workbook-level named ranges. */
  listTables(): Promise<TableInfo[]>;
  /** A table's values with its header row (or a named range's values); throws when there is no such name. */
  readTable(name: string): Promise<Matrix>;
  /** The selected range's address and values. */
  readSelection(): Promise<Selection>;
  /** Adds a sheet named exactly `name` (throws if the name is taken); the port may write to it afterwards. */
  addSheet(name: string): Promise<void>;
  /** Writes values (and formats) onto a sheet this port added; throws for any other sheet. */
  writeRange(sheet: string, write: RangeWrite): Promise<void>;
  /** Makes an Excel table of an area already written (first row = headers) on a sheet this port added. */
  addTable(sheet: string, area: Area, name: string): Promise<void>;
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

/** Column letters of a 0-based column index: 0 -> A, 26 -> AA. */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address of a 0-based cell. */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** A1 address of an area ("B2:F12", or "B2" for one cell). */
export function areaAddress(a: Area): string {
  const first = cellAddress(a.row, a.col);
  if (a.rows <= 1 && a.cols <= 1) return first;
  return `${first}:${cellAddress(a.row + a.rows - 1, a.col + a.cols - 1)}`;
}

/** Parses "B2", "B2:F12", "Sheet 1!B2:F12", "'My sheet'!$B$2:$F$12" into a sheet (or undefined) and an area. */
export function parseAddress(address: string): { sheet?: string; area: Area } {
  let rest = address.trim();
  let sheet: string | undefined;
  const bang = rest.lastIndexOf("!");
  if (bang >= 0) {
    sheet = rest.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    rest = rest.slice(bang + 1);
  }
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(rest);
  if (!m) throw new Error(`'${address}' is not a cell or range address`);
  const col = (letters: string) =>
    letters
      .toUpperCase()
      .split("")
      .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const r1 = Number(m[2]) - 1;
  const c1 = col(m[1]);
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? col(m[3]) : c1;
  return {
    sheet,
    area: { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 },
  };
}

/** Quotes a sheet name for an address when it needs it: My sheet -> 'My sheet'. */
export function quoteSheet(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * Characters Excel does not allow in a sheet name, and its 31-character limit.
 * A unique name: `base`, else `base (2)`, `base (3)`... (case-insensitive, as Excel compares sheet names).
 */
export function uniqueSheetName(base: string, taken: readonly string[]): string {
  const clean = base.replace(/[:\\/?*[\]]/g, "-").slice(0, 31);
  const used = new Set(taken.map((s) => s.toLowerCase()));
  if (!used.has(clean.toLowerCase())) return clean;
  for (let k = 2; ; k++) {
    const suffix = ` (${k})`;
    const name = clean.slice(0, 31 - suffix.length) + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/** A unique table name (Excel: letters, digits, underscores; unique in the workbook, case-insensitive). */
export function uniqueTableName(base: string, taken: readonly string[]): string {
  const clean = base.replace(/[^A-Za-z0-9_]/g, "_").replace(/^([^A-Za-z_])/, "_$1");
  const used = new Set(taken.map((s) => s.toLowerCase()));
  if (!used.has(clean.toLowerCase())) return clean;
  for (let k = 2; ; k++) {
    const name = `${clean}_${k}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/** Pads a ragged matrix to a rectangle with "" (empty cells). */
export function rectangular(values: Matrix): Matrix {
  const width = values.reduce((w, r) => Math.max(w, r.length), 0);
  return values.map((r) => (r.length === width ? r : [...r, ...new Array<CellValue>(width - r.length).fill("")]));
}
