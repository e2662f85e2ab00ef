/**
 * The WorkbookPort on an .xlsx file (exceljs), for `overlay propose`: the task pane's workflows and proposal
 * writer run on it unchanged. It reads the tables and named ranges from the recalculated workbook model
 * (what Excel would show), and, like ExcelWorkbook, writes only to sheets it added. exceljs cannot make
 * charts; the port records them and `saveWorkbook` writes them into the file (chart.ts).
 *
 * The sheets it adds go into the client's exceljs workbook, or into a separate (scratch) workbook when one is
 * given: `overlay propose` saves that one alone and moves its sheet into the client's package (transplant.ts),
 * so nothing of the client's file passes through exceljs. Sheet and table names stay unique against both.
 */
import ExcelJS from "exceljs";
import { ExcelError } from "../../functions/excel";
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
} from "../../workbook/WorkbookPort";
import { Block } from "../../workbook/address";
import { Area, areaAddress, parseArea, splitSheet } from "../../workbook/address";
import { BookModel, SheetModel } from "./model";

export interface RecordedChart {
  sheet: string;
  chart: ChartSpec;
  /** The source area's values, for the chart's caches. */
  data: PortMatrix;
}

function toRect(a: Block): Area {
  return { top: a.row + 1, left: a.col + 1, bottom: a.row + a.rows, right: a.col + a.cols };
}

/** The values of an area of the model as Excel's range.values gives them: "" for empty, an error as its code. */
export function areaValues(sheet: SheetModel, a: Area): PortMatrix {
  const out: PortMatrix = [];
  for (let r = a.top; r <= a.bottom; r++) {
    const row: PortValue[] = [];
    for (let c = a.left; c <= a.right; c++) {
      const v = sheet.get(r, c)?.value ?? null;
      row.push(v === null ? "" : v instanceof ExcelError ? v.code : v);
    }
    out.push(row);
  }
  return out;
}

/** A workbook-level name that is one area of one sheet: its sheet and area. */
export function namedArea(book: BookModel, text: string): { sheet: SheetModel; area: Area } | undefined {
  const { sheet, rest } = splitSheet(text.trim().replace(/^=/, ""));
  const s = sheet === undefined ? undefined : book.sheet(sheet);
  const area = parseArea(rest);
  return s && area ? { sheet: s, area } : undefined;
}

export class XlsxWorkbook implements WorkbookPort {
  private readonly added = new Set<string>();
  readonly charts: RecordedChart[] = [];
  /** Widest text per column of each added sheet, for the column widths. */
  private readonly widths = new Map<string, number[]>();

  /** Where added sheets go: the client's workbook, or the scratch workbook given. */
  private readonly target: ExcelJS.Workbook;

  constructor(
    private readonly wb: ExcelJS.Workbook,
    private readonly book: BookModel,
    target?: ExcelJS.Workbook,
  ) {
    this.target = target ?? wb;
  }

  async listSheets(): Promise<string[]> {
    const names = this.wb.worksheets.map((ws) => ws.name);
    if (this.target !== this.wb) names.push(...this.target.worksheets.map((ws) => ws.name));
    return names;
  }

  async listTables(): Promise<TableInfo[]> {
    const tables: TableInfo[] = this.book.tables.map((t) => ({ name: t.name, sheet: t.sheet.name, kind: "table" }));
    for (const ws of this.target.worksheets) {
      if (!this.added.has(ws.name.toLowerCase())) continue;
      for (const t of ws.getTables() as unknown as { table?: { name: string }; name?: string }[]) {
        const name = t.table?.name ?? t.name;
        if (name && !tables.some((x) => x.name.toLowerCase() === name.toLowerCase())) tables.push({ name, sheet: ws.name, kind: "table" });
      }
    }
    for (const n of this.book.names) {
      if (n.sheet) continue;
      const a = namedArea(this.book, n.text);
      if (a) tables.push({ name: n.name, sheet: a.sheet.name, kind: "name" });
    }
    return tables;
  }

  async readTable(name: string): Promise<PortMatrix> {
    const t = this.book.table(name);
    // The header row and the data: a table's totals row (known from the table part) is not a data row.
    if (t) return areaValues(t.sheet, t.totalsRow ? { ...t.area, bottom: t.area.bottom - 1 } : t.area);
    const n = this.book.name(name);
    const a = n && namedArea(this.book, n.text);
    if (a) return areaValues(a.sheet, a.area);
    throw new Error(`The workbook has no table or named range '${name}'`);
  }

  async readSelection(): Promise<Selection> {
    throw new Error("A workbook file has no selection: name the table, or give its range (--input Portfolio=Plan!A5:H15)");
  }

  /** A range of the workbook by address ("Plan!A5:H15"), as a selection would give it. */
  readRange(address: string): Selection {
    const a = namedArea(this.book, address);
    if (!a) throw new Error(`'${address}' is not a range of this workbook (give it as Sheet!A1:F12)`);
    return { address, values: areaValues(a.sheet, a.area) };
  }

  async addSheet(name: string): Promise<void> {
    if ((await this.listSheets()).some((s) => s.toLowerCase() === name.toLowerCase()))
      throw new Error(`A sheet named '${name}' already exists`);
    this.target.addWorksheet(name);
    this.added.add(name.toLowerCase());
  }

  private sheet(name: string): ExcelJS.Worksheet {
    if (!this.added.has(name.toLowerCase())) throw new ReadOnlySheetError(name);
    return this.target.getWorksheet(name)!;
  }

  async writeRange(sheet: string, w: RangeWrite): Promise<void> {
    const ws = this.sheet(sheet);
    const widths = this.widths.get(sheet.toLowerCase()) ?? [];
    rectangular(w.values).forEach((row, i) => {
      row.forEach((v, j) => {
        const cell = ws.getCell(w.row + i + 1, w.col + j + 1);
        // Values are literal: a string is stored as text even when it starts with "=" (exceljs makes formulas
        // only of formula objects).
        cell.value = v === "" ? null : v;
        const f = w.numberFormats?.[i]?.[j];
        if (f) cell.numFmt = f;
        if (w.boldRows?.includes(i)) cell.font = { bold: true };
        const len = typeof v === "string" ? v.length : typeof v === "number" ? Math.min(14, String(Math.round(v)).length + 4) : 5;
        // A title or note alone on its row runs over the next cells; it does not widen its column.
        if (row.length > 1 && row.slice(1).some((x) => x !== ""))
          widths[w.col + j] = Math.max(widths[w.col + j] ?? 8, Math.min(50, len + 2));
      });
    });
    this.widths.set(sheet.toLowerCase(), widths);
    widths.forEach((wd, j) => {
      if (wd) ws.getColumn(j + 1).width = wd;
    });
  }

  async addTable(sheet: string, area: Block, name: string): Promise<void> {
    const ws = this.sheet(sheet);
    const r = toRect(area);
    const values = areaValuesOf(ws, r);
    const formats = values.map((row, i) => row.map((_, j) => ws.getCell(r.top + i, r.left + j).numFmt));
    const headers = values[0].map((h, j) => (h === "" || h === null ? `Column${j + 1}` : String(h)));
    ws.addTable({
      name,
      ref: areaAddress({ top: r.top, left: r.left, bottom: r.top, right: r.left }),
      headerRow: true,
      totalsRow: false,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: headers.map((h) => ({ name: h, filterButton: true })),
      rows: values.slice(1).map((row) => row.map((v) => (v === null ? "" : v))),
    });
    // exceljs rewrote the cells: keep their number formats and empty cells empty.
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        const cell = ws.getCell(r.top + i, r.left + j);
        if (v === null || v === "") cell.value = null;
        if (formats[i][j]) cell.numFmt = formats[i][j];
        if (i === 0) cell.font = { bold: true };
      }),
    );
  }

  async addChart(sheet: string, chart: ChartSpec): Promise<void> {
    const ws = this.sheet(sheet);
    const data = areaValuesOf(ws, toRect(chart.source)).map((row) => row.map((v) => (v === null ? "" : v)));
    this.charts.push({ sheet, chart, data });
  }
}

function areaValuesOf(ws: ExcelJS.Worksheet, r: Area): (number | string | boolean | null)[][] {
  const out: (number | string | boolean | null)[][] = [];
  for (let i = r.top; i <= r.bottom; i++) {
    const row: (number | string | boolean | null)[] = [];
    for (let j = r.left; j <= r.right; j++) {
      const v = ws.getCell(i, j).value;
      row.push(v === null || v === undefined ? null : typeof v === "object" ? String(v) : (v as number | string | boolean));
    }
    out.push(row);
  }
  return out;
}
