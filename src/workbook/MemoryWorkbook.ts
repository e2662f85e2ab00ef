/**
 * A workbook in memory with the WorkbookPort API: the playground's sample plan, tests, and anything that
 * wants the task pane's workflows without Excel. Setting it up (`putTable`, `putValues`, `select`) stands
 * for the client's model; through the port it behaves as ExcelWorkbook does: it only writes on sheets it
 * added, and records the tables and charts it is asked to make.
 */
import {
  PortValue,
  ChartSpec,
  PortMatrix,
  RangeWrite,
  ReadOnlySheetError,
  Selection,
  TableInfo,
  WorkbookPort,
  rectangular,
} from "./WorkbookPort";
import { Block, blockAddress, parseBlockAddress, quoteSheet } from "./address";

export interface MemorySheet {
  name: string;
  /** Added through the port (a proposal sheet), as opposed to the client's own sheets. */
  added: boolean;
  cells: Map<string, PortValue>;
  numberFormats: Map<string, string>;
  bold: Set<string>;
}

export interface MemoryTable extends TableInfo {
  area: Block;
}

export interface MemoryChart extends ChartSpec {
  sheet: string;
}

const key = (r: number, c: number) => `${r},${c}`;

export class MemoryWorkbook implements WorkbookPort {
  private readonly sheets: MemorySheet[] = [];
  private readonly tables: MemoryTable[] = [];
  readonly charts: MemoryChart[] = [];
  private selection: { sheet: string; area: Block } | undefined;
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` after every change (the playground's sheet view follows the proposal being written). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** The selected range's address, if any. */
  selectedAddress(): string | undefined {
    return this.selection ? `${quoteSheet(this.selection.sheet)}!${blockAddress(this.selection.area)}` : undefined;
  }

  // ---- Setting up the client's workbook (not part of the port) ----

  /** Adds a sheet of the client's model (read-only through the port). */
  putSheet(name: string): MemorySheet {
    const found = this.sheet(name);
    if (found) return found;
    const s: MemorySheet = { name, added: false, cells: new Map(), numberFormats: new Map(), bold: new Set() };
    this.sheets.push(s);
    return s;
  }

  /** Puts values on a client sheet at an A1 address ("B2"). */
  putValues(sheet: string, at: string, values: PortMatrix): Block {
    const s = this.putSheet(sheet);
    const { block: area } = parseBlockAddress(at);
    values.forEach((row, i) => row.forEach((v, j) => setCell(s, area.row + i, area.col + j, v)));
    const cols = values.reduce((w, r) => Math.max(w, r.length), 0);
    return { row: area.row, col: area.col, rows: values.length, cols };
  }

  /** Puts a named Excel table (header row first) on a client sheet. */
  putTable(sheet: string, name: string, at: string, values: PortMatrix): void {
    if (this.tables.some((t) => t.name.toLowerCase() === name.toLowerCase())) throw new Error(`A table named '${name}' already exists`);
    const area = this.putValues(sheet, at, values);
    this.tables.push({ name, sheet, kind: "table", area });
  }

  /** Selects a range: "Plan!A1:F12" (or an address on the first sheet). */
  select(address: string): void {
    const { sheet, block: area } = parseBlockAddress(address);
    const name = sheet ?? this.sheets[0]?.name;
    if (!name || !this.sheet(name)) throw new Error(`No sheet '${sheet ?? ""}' to select on`);
    this.selection = { sheet: this.sheet(name)!.name, area };
    this.changed();
  }

  // ---- Inspection (tests, the playground's sheet view) ----

  sheet(name: string): MemorySheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** A sheet's used range from A1 as a matrix ("" for empty cells). */
  sheetValues(name: string): PortMatrix {
    const s = this.sheet(name);
    if (!s) throw new Error(`No sheet '${name}'`);
    let rows = 0;
    let cols = 0;
    for (const k of s.cells.keys()) {
      const [r, c] = k.split(",").map(Number);
      rows = Math.max(rows, r + 1);
      cols = Math.max(cols, c + 1);
    }
    return readArea(s, { row: 0, col: 0, rows, cols });
  }

  numberFormat(sheet: string, row: number, col: number): string | undefined {
    return this.sheet(sheet)?.numberFormats.get(key(row, col));
  }

  isBold(sheet: string, row: number, col: number): boolean {
    return this.sheet(sheet)?.bold.has(key(row, col)) ?? false;
  }

  tablesOn(sheet: string): MemoryTable[] {
    return this.tables.filter((t) => t.sheet.toLowerCase() === sheet.toLowerCase());
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  addedSheets(): string[] {
    return this.sheets.filter((s) => s.added).map((s) => s.name);
  }

  // ---- WorkbookPort ----

  async listSheets(): Promise<string[]> {
    return this.sheets.map((s) => s.name);
  }

  async listTables(): Promise<TableInfo[]> {
    return this.tables.map(({ name, sheet, kind }) => ({ name, sheet, kind }));
  }

  async readTable(name: string): Promise<PortMatrix> {
    const t = this.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!t) throw new Error(`The workbook has no table named '${name}'`);
    return readArea(this.sheet(t.sheet)!, t.area);
  }

  async readSelection(): Promise<Selection> {
    if (!this.selection) throw new Error("Nothing is selected");
    const { sheet, area } = this.selection;
    return { address: `${quoteSheet(sheet)}!${blockAddress(area)}`, values: readArea(this.sheet(sheet)!, area) };
  }

  async addSheet(name: string): Promise<void> {
    if (this.sheet(name)) throw new Error(`A sheet named '${name}' already exists`);
    this.sheets.push({ name, added: true, cells: new Map(), numberFormats: new Map(), bold: new Set() });
    this.changed();
  }

  async writeRange(sheet: string, w: RangeWrite): Promise<void> {
    const s = this.writable(sheet);
    rectangular(w.values).forEach((row, i) =>
      row.forEach((v, j) => {
        const r = w.row + i;
        const c = w.col + j;
        setCell(s, r, c, v);
        const f = w.numberFormats?.[i]?.[j];
        if (f) s.numberFormats.set(key(r, c), f);
        if (w.boldRows?.includes(i)) s.bold.add(key(r, c));
      }),
    );
    this.changed();
  }

  async addTable(sheet: string, area: Block, name: string): Promise<void> {
    this.writable(sheet);
    if (this.tables.some((t) => t.name.toLowerCase() === name.toLowerCase())) throw new Error(`A table named '${name}' already exists`);
    this.tables.push({ name, sheet, kind: "table", area });
    this.changed();
  }

  async addChart(sheet: string, chart: ChartSpec): Promise<void> {
    this.writable(sheet);
    this.charts.push({ ...chart, sheet });
    this.changed();
  }

  private writable(sheet: string): MemorySheet {
    const s = this.sheet(sheet);
    if (!s || !s.added) throw new ReadOnlySheetError(sheet);
    return s;
  }
}

function setCell(s: MemorySheet, r: number, c: number, v: PortValue): void {
  if (v === "" || v === null || v === undefined) s.cells.delete(key(r, c));
  else s.cells.set(key(r, c), v);
}

function readArea(s: MemorySheet, a: Block): PortMatrix {
  const out: PortMatrix = [];
  for (let i = 0; i < a.rows; i++) {
    const row: PortValue[] = [];
    for (let j = 0; j < a.cols; j++) row.push(s.cells.get(key(a.row + i, a.col + j)) ?? "");
    out.push(row);
  }
  return out;
}
