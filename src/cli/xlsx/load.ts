/**
 * Reads an .xlsx file into a BookModel with exceljs, keeping the exceljs workbook to write the results into.
 *
 * Three things exceljs does not keep are read from the file's XML directly: the defined names as written
 * (exceljs keeps only names that are plain ranges, and loses their sheet scope), which array formulas are
 * dynamic arrays (the `cm` attribute Excel puts on a spilling formula's cell), and every formula cell's cached
 * value exactly as saved (exceljs 4.4 keeps a formula's result only when it is truthy, so a cached 0, FALSE or ""
 * read through it would be empty): `<v>` typed by the cell's `t` (n or none: number, b: boolean, str: text,
 * e: error), and no `<v>` at all: empty.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { ExcelError } from "../../functions/excel";
import { Area, parseArea } from "../../workbook/address";
import { BookModel, StoredValue, SheetModel } from "./model";
import { attr, xmlUnescape } from "./xml";

import { DEFAULT_LIMITS, PackageLimits, checkPackage, readerFailure } from "./unzip";

export interface LoadedBook {
  model: BookModel;
  workbook: ExcelJS.Workbook;
  /** Per sheet name, the addresses of the cells Excel marked as dynamic-array formulas. */
  dynamicArrays: Map<string, Set<string>>;
  /** The file's <definedNames> element as written, to put back what exceljs drops. */
  definedNamesXml?: string;
}

const MS_PER_DAY = 86400000;
/** Days from Excel's 1900 day 0 to 1970-01-01 (Excel counts 1900-02-29, so serial 25569 is 1970-01-01). */
const EPOCH_1900 = 25569;
const OFFSET_1904 = 1462;

/** A JavaScript date exceljs made from a date-formatted cell, back to the Excel serial number in the file. */
export function dateToSerial(d: Date, date1904: boolean): number {
  const serial = d.getTime() / MS_PER_DAY + EPOCH_1900 - (date1904 ? OFFSET_1904 : 0);
  return Math.round(serial * 1e10) / 1e10; // undo the millisecond rounding of exceljs
}

/** A cell value exceljs hands back (number, text, rich text, hyperlink, date, error, formula) as a plain value. */
export function plainValue(v: unknown, date1904: boolean): StoredValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : new ExcelError("#NUM!", "");
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return dateToSerial(v, date1904);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return new ExcelError(o.error, "");
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
    if ("formula" in o || "sharedFormula" in o) return plainValue(o.result, date1904);
    if ("text" in o) return plainValue(o.text, date1904);
  }
  return String(v);
}

interface RawParts {
  definedNamesXml?: string;
  names: { name: string; localSheetId?: number; text: string }[];
  sheetNames: string[];
  dynamicArrays: Map<string, Set<string>>;
  /** Per sheet name, each formula cell's cached value as saved (address -> value). */
  cached: Map<string, Map<string, StoredValue>>;
}

/**
 * The cached values of a sheet's formula cells, from its XML. A cell of shared-string type (t="s") is left out:
 * Excel does not cache formula results that way, and exceljs resolves the string.
 */
export function cachedFormulaValues(xml: string): Map<string, StoredValue> {
  const out = new Map<string, StoredValue>();
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const body = m[2];
    if (!body || !/<f[\s>/]/.test(body)) continue;
    const r = attr(m[1], "r");
    if (!r) continue;
    const t = attr(m[1], "t") ?? "n";
    if (t === "s") continue;
    const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>|<v\s*\/>/.exec(body);
    if (!v) {
      out.set(r, null);
      continue;
    }
    const text = xmlUnescape(v[1] ?? "");
    if (t === "b") out.set(r, text.trim() === "1");
    else if (t === "e") out.set(r, new ExcelError(text.trim(), ""));
    else if (t === "str" || t === "inlineStr") out.set(r, text);
    else {
      const x = Number(text);
      out.set(r, text.trim() === "" ? null : Number.isFinite(x) ? x : new ExcelError("#NUM!", ""));
    }
  }
  return out;
}

/** The path of each sheet's XML in the package, by sheet name (from the workbook's relationships). */
export async function sheetPaths(zip: JSZip): Promise<{ book: string; sheets: { name: string; path?: string; tag: string }[] }> {
  const book = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const targets = new Map(
    [...rels.matchAll(/<Relationship\b([^>]*)\/?>/g)].map((m) => [attr(m[1], "Id") ?? "", attr(m[1], "Target") ?? ""]),
  );
  const sheets = [...book.matchAll(/<sheet\b([^>]*)\/?>/g)].map((m) => {
    const id = attr(m[1], "r:id");
    const target = id ? targets.get(id) : undefined;
    const path = target === undefined ? undefined : target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    return { name: attr(m[1], "name") ?? "", path, tag: m[1] };
  });
  return { book, sheets };
}

/** Defined names, sheet order and dynamic-array cells, from the file's XML. */
async function readRawParts(data: Buffer | Uint8Array): Promise<RawParts> {
  const zip = await JSZip.loadAsync(data);
  const { book, sheets } = await sheetPaths(zip);
  const sheetNames = sheets.map((x) => x.name);
  const names = [...book.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)].map((m) => {
    const local = attr(m[1], "localSheetId");
    return { name: attr(m[1], "name") ?? "", localSheetId: local === undefined ? undefined : Number(local), text: xmlUnescape(m[2]) };
  });
  const dynamicArrays = new Map<string, Set<string>>();
  const cached = new Map<string, Map<string, StoredValue>>();
  for (const { name, path } of sheets) {
    if (!path) continue;
    const xml = await zip.file(path)?.async("string");
    if (xml && xml.includes("<f")) cached.set(name, cachedFormulaValues(xml));
    if (!xml || !xml.includes(" cm=")) continue;
    const cells = new Set<string>();
    for (const m of xml.matchAll(/<c\b([^>]*)>/g)) {
      if (/\scm="/.test(m[1])) {
        const r = attr(m[1], "r");
        if (r) cells.add(r);
      }
    }
    dynamicArrays.set(name, cells);
  }
  const definedNamesXml = /<definedNames\b[\s\S]*?<\/definedNames>/.exec(book)?.[0];
  return { names, sheetNames, dynamicArrays, definedNamesXml, cached };
}

function tableArea(ref: string | undefined): Area | undefined {
  return ref ? parseArea(ref) : undefined;
}

/** Builds the model of an exceljs workbook (and the raw parts, when read from a file). */
export function modelOf(wb: ExcelJS.Workbook, raw?: RawParts): BookModel {
  const model = new BookModel();
  const props = wb.properties as { date1904?: boolean } | undefined;
  model.date1904 = !!props?.date1904;
  for (const ws of wb.worksheets) {
    const sheet = model.addSheet(ws.name);
    readSheet(ws, sheet, model.date1904, raw?.cached.get(ws.name));
    for (const t of ws.getTables() as unknown as { table?: TableLike; model?: TableLike }[]) {
      const def = t.table ?? t.model;
      if (!def) continue;
      const area = tableArea(def.tableRef ?? def.ref);
      if (!area) continue;
      const headerRow = def.headerRow !== false;
      const totalsRow = !!def.totalsRow;
      // A table created in memory has only its top-left cell in ref: extend it over its rows and columns.
      if (area.top === area.bottom && area.left === area.right && def.rows) {
        area.bottom = area.top + def.rows.length + (headerRow ? 1 : 0) + (totalsRow ? 1 : 0) - 1;
        area.right = area.left + def.columns.length - 1;
      }
      model.tables.push({
        name: def.name ?? def.displayName ?? "",
        sheet,
        area,
        headerRow,
        totalsRow,
        columns: def.columns.map((c) => String(c.name)),
      });
    }
  }
  if (raw) {
    for (const n of raw.names) {
      if (n.name.startsWith("_xlnm.")) continue; // print areas and other built-in names
      const sheet = n.localSheetId === undefined ? undefined : model.sheet(raw.sheetNames[n.localSheetId] ?? "");
      model.names.push({ name: n.name, sheet, text: n.text });
    }
  } else {
    for (const n of (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model) {
      if (n.ranges.length === 1) model.names.push({ name: n.name, text: n.ranges[0] });
    }
  }
  return model;
}

interface TableLike {
  name?: string;
  displayName?: string;
  tableRef?: string;
  ref?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns: { name: string }[];
  rows?: unknown[];
}

function readSheet(ws: ExcelJS.Worksheet, sheet: SheetModel, date1904: boolean, cached?: Map<string, StoredValue>): void {
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.type === ExcelJS.ValueType.Merge) {
        sheet.set(r, c, { value: null, merged: true });
        return;
      }
      const v = cell.value as unknown;
      if (v === null || v === undefined) return;
      if (typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v)) {
        const o = v as { shareType?: string; ref?: string; result?: unknown };
        const formula = cell.formula ?? "";
        const arrayRef = o.shareType === "array" && o.ref ? parseArea(o.ref) : undefined;
        const saved = cached?.get(cell.address);
        const value = saved !== undefined || cached?.has(cell.address) ? (saved ?? null) : plainValue(o.result, date1904);
        sheet.set(r, c, { value, formula, arrayRef });
        return;
      }
      sheet.set(r, c, { value: plainValue(v, date1904) });
    });
  });
}

/** Loads an .xlsx file's bytes. */
export async function loadBook(data: Buffer, limits: PackageLimits = DEFAULT_LIMITS): Promise<LoadedBook> {
  // The package is checked against the limits first (unzip.ts: sizes measured while inflating), and any
  // failure of the readers below is reported in our words (PackageError), never as a JavaScript internal.
  await checkPackage(data, limits);
  try {
    const workbook = new ExcelJS.Workbook();
    // exceljs's typings ask for its own Buffer type; a Node Buffer is what it reads.
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
    const raw = await readRawParts(data);
    return { model: modelOf(workbook, raw), workbook, dynamicArrays: raw.dynamicArrays, definedNamesXml: raw.definedNamesXml };
  } catch (e) {
    throw readerFailure(e);
  }
}
