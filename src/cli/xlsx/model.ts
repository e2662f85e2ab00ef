/**
 * A workbook as `overlay run` sees it: per sheet, each non-empty cell's cached value and formula; the Excel
 * tables (for structured references); the defined names. Built from an .xlsx file by load.ts, or directly in
 * tests and benchmarks. Rows and columns are 1-based.
 */
import { ExcelError } from "../../functions/excel";
import { Area, cellKey } from "../../workbook/address";

export type Scalar = number | string | boolean;
/** A stored value: a cell as the file holds it, its cached value with errors (null when empty). */
export type StoredValue = Scalar | ExcelError | null;

export interface CellRecord {
  /** The cached value (for a formula, its last result as saved in the file). */
  value: StoredValue;
  /** The formula without its leading "=", as saved in the file (shared formulas already translated). */
  formula?: string;
  /** For an array formula (a dynamic array's anchor), the area it covers in the file. */
  arrayRef?: Area;
  /** A cell hidden under a merged area (not its top-left cell). */
  merged?: boolean;
}

export class SheetModel {
  readonly cells = new Map<number, CellRecord>();
  maxRow = 0;
  maxCol = 0;

  constructor(
    public readonly name: string,
    public readonly index: number,
  ) {}

  get(row: number, col: number): CellRecord | undefined {
    return this.cells.get(cellKey(row, col));
  }

  set(row: number, col: number, rec: CellRecord): void {
    this.cells.set(cellKey(row, col), rec);
    if (row > this.maxRow) this.maxRow = row;
    if (col > this.maxCol) this.maxCol = col;
  }

  /** Shortcut for tests and generated books: a value, or a formula ("=..."), at an A1 address. */
  put(row: number, col: number, v: Scalar | null, formula?: string): void {
    this.set(row, col, formula === undefined ? { value: v } : { value: v, formula: formula.replace(/^=/, "") });
  }
}

export interface TableModel {
  name: string;
  sheet: SheetModel;
  /** The whole table: header row, data rows and the totals row when present. */
  area: Area;
  headerRow: boolean;
  totalsRow: boolean;
  columns: string[];
}

export interface NameModel {
  name: string;
  /** The sheet a local (sheet-scoped) name belongs to; undefined for a workbook-wide name. */
  sheet?: SheetModel;
  /** What the name refers to, as a formula without "=" ("'My sheet'!$B$2:$B$9", "0.05", "{1,2}"). */
  text: string;
}

export class BookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  readonly names: NameModel[] = [];
  /** The 1904 date system (old Mac workbooks): dates are 1462 days smaller. */
  date1904 = false;

  addSheet(name: string): SheetModel {
    const s = new SheetModel(name, this.sheets.length);
    this.sheets.push(s);
    return s;
  }

  sheet(name: string): SheetModel | undefined {
    const k = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === k);
  }

  table(name: string): TableModel | undefined {
    const k = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === k);
  }

  /** A defined name as Excel looks it up from a formula on `from`: the sheet's own name first, then the workbook's. */
  name(name: string, from?: SheetModel): NameModel | undefined {
    const k = name.toLowerCase();
    return (
      (from && this.names.find((n) => n.sheet === from && n.name.toLowerCase() === k)) ??
      this.names.find((n) => n.sheet === undefined && n.name.toLowerCase() === k)
    );
  }
}
