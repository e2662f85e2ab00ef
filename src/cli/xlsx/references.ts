/**
 * What a reference in a formula points at, in the workbook's terms:
 *   B3, $B$3:D9, B:D, 2:5, Sheet1!B3, 'My sheet'!B3:D9   an area of a sheet
 *   H2#, Sheet1!H2#                                       the spilled range of the formula in H2
 *   Rate, Sheet1!Rate                                     a defined name (the sheet's own first, then the workbook's)
 *   Portfolio[#All], Portfolio[#Data], Portfolio[#Headers], Portfolio[#Totals], Portfolio[Target],
 *   Portfolio, Portfolio[[#Headers],[Target]], Portfolio[[#Data],[Min]:[Max]], Portfolio[@Target],
 *   Portfolio[[#This Row],[Target]], [@Target] (inside the table)           an Excel table's parts
 * External references ([1]Sheet1!A1) and 3-D references (Sheet1:Sheet3!A1) are not supported: #REF!.
 */
import { ExcelError } from "../../functions/excel";
import { Expr, FormulaSyntaxError, parseFormula } from "./formula/parse";
import { Area, contains, parseArea, parseCell, splitSheet } from "../../workbook/address";
import { BookModel, SheetModel, TableModel } from "./model";

export interface Place {
  sheet: SheetModel;
  row: number;
  col: number;
}

export type Target =
  | { kind: "area"; sheet: SheetModel; area: Area }
  | { kind: "spill"; sheet: SheetModel; row: number; col: number }
  | { kind: "name"; name: string; expr: Expr }
  | { kind: "error"; error: ExcelError };

const refError = (message: string): Target => ({ kind: "error", error: new ExcelError("#REF!", message) });

export function resolveReference(book: BookModel, text: string, from: Place): Target {
  const t = text.trim();
  if (t.endsWith("#")) {
    const inner = resolveReference(book, t.slice(0, -1), from);
    if (inner.kind === "error") return inner;
    if (inner.kind !== "area" || inner.area.top !== inner.area.bottom || inner.area.left !== inner.area.right) {
      return refError(`${t}: the spill operator # follows one cell, the formula that spills`);
    }
    return { kind: "spill", sheet: inner.sheet, row: inner.area.top, col: inner.area.left };
  }
  const bracket = t.indexOf("[");
  if (bracket === 0 && /^\[\d+\]/.test(t)) return refError(`${t}: references to other workbooks are not supported`);
  if (bracket >= 0 && !t.slice(0, bracket).includes("!") && !t.startsWith("'")) return structured(book, t, bracket, from);
  const { sheet: sheetName, rest } = splitSheet(t);
  if (sheetName !== undefined && /^\[.*\]/.test(sheetName)) return refError(`${t}: references to other workbooks are not supported`);
  if (sheetName !== undefined && sheetName.includes(":")) return refError(`${t}: 3-D references across sheets are not supported`);
  const sheet = sheetName === undefined ? from.sheet : book.sheet(sheetName);
  if (!sheet) return refError(`${t}: there is no sheet named '${sheetName}'`);
  const area = parseArea(rest);
  if (area) return { kind: "area", sheet, area };
  if (rest.includes(":")) {
    // A range between two names or with a name at one end (Start:End): each end must be a cell.
    return refError(`${t}: not a reference overlay run understands`);
  }
  const name = book.name(rest, sheet);
  if (!name && sheetName === undefined && book.table(rest)) {
    // A table's name alone is its data rows (Excel: Table1 is Table1[#Data]).
    return structured(book, `${rest}[#Data]`, rest.length, from);
  }
  if (!name || (sheetName !== undefined && name.sheet !== sheet && name.sheet !== undefined)) {
    return { kind: "error", error: new ExcelError("#NAME?", `${t}: no cell, range or defined name of that name`) };
  }
  try {
    return { kind: "name", name: name.name, expr: parseFormula(name.text, { operators: true }) };
  } catch (e) {
    const why = e instanceof FormulaSyntaxError ? e.message : String(e);
    return {
      kind: "error",
      error: new ExcelError("#NAME?", `The name ${name.name} refers to ${name.text}, which overlay run cannot read (${why})`),
    };
  }
}

type Special = "all" | "data" | "headers" | "totals" | "thisrow";

const SPECIALS: Record<string, Special> = {
  "#all": "all",
  "#data": "data",
  "#headers": "headers",
  "#totals": "totals",
  "#thisrow": "thisrow",
};

/** Splits a structured reference's inside into its bracketed items: "[#Headers],[A]:[B]" -> ["#Headers", "A:B" pair]. */
function items(inner: string, t: string): { specials: Special[]; columns: [string, string] | undefined } | string {
  const specials: Special[] = [];
  let columns: [string, string] | undefined;
  let s = inner.trim();
  if (s.startsWith("@")) {
    specials.push("thisrow");
    s = s.slice(1).trim();
    if (s === "") return { specials, columns };
    if (!s.startsWith("[")) return { specials, columns: [unescape(s), unescape(s)] };
  }
  if (!s.startsWith("[")) {
    const sp = SPECIALS[s.toLowerCase().replace(/\s+/g, "")];
    if (sp) specials.push(sp);
    else if (s !== "") columns = [unescape(s), unescape(s)];
    return { specials, columns };
  }
  let i = 0;
  const bracketed = (): string | undefined => {
    while (s[i] === " ") i++;
    if (s[i] !== "[") return undefined;
    let out = "";
    i++;
    while (i < s.length && s[i] !== "]") {
      if (s[i] === "'") i++;
      out += s[i++] ?? "";
    }
    if (s[i] !== "]") return undefined;
    i++;
    return out;
  };
  while (i < s.length) {
    const a = bracketed();
    if (a === undefined) return `${t}: cannot read this structured reference`;
    while (s[i] === " ") i++;
    const sp = SPECIALS[a.toLowerCase().replace(/\s+/g, "")];
    if (s[i] === ":") {
      i++;
      const b = bracketed();
      if (b === undefined || sp) return `${t}: cannot read this structured reference`;
      columns = [a, b];
    } else if (sp) specials.push(sp);
    else columns = [a, a];
    while (s[i] === " ") i++;
    if (i < s.length) {
      if (s[i] !== ",") return `${t}: cannot read this structured reference`;
      i++;
    }
  }
  return { specials, columns };
}

function unescape(s: string): string {
  return s.replace(/'(.)/g, "$1").trim();
}

function structured(book: BookModel, t: string, bracket: number, from: Place): Target {
  const tableName = t.slice(0, bracket).trim();
  if (!t.endsWith("]")) return refError(`${t}: cannot read this structured reference`);
  let table: TableModel | undefined;
  if (tableName === "") {
    table = book.tables.find((x) => x.sheet === from.sheet && contains(x.area, from.row, from.col));
    if (!table) return refError(`${t}: a structured reference without a table name works only inside a table`);
  } else {
    table = book.table(tableName);
    if (!table) return refError(`${t}: there is no table named ${tableName}`);
  }
  const parsed = items(t.slice(bracket + 1, -1), t);
  if (typeof parsed === "string") return refError(parsed);
  const { specials, columns } = parsed;
  const a = table.area;
  const firstData = a.top + (table.headerRow ? 1 : 0);
  const lastData = a.bottom - (table.totalsRow ? 1 : 0);
  const spans: [number, number][] = [];
  for (const sp of specials.length ? specials : (["data"] as Special[])) {
    if (sp === "all") spans.push([a.top, a.bottom]);
    else if (sp === "data") spans.push([firstData, lastData]);
    else if (sp === "headers") {
      if (!table.headerRow) return refError(`${t}: table ${table.name} has no header row`);
      spans.push([a.top, a.top]);
    } else if (sp === "totals") {
      if (!table.totalsRow) return refError(`${t}: table ${table.name} has no totals row`);
      spans.push([a.bottom, a.bottom]);
    } else {
      if (from.sheet !== table.sheet || from.row < firstData || from.row > lastData) {
        return { kind: "error", error: new ExcelError("#VALUE!", `${t}: [#This Row] needs the formula on one of the table's data rows`) };
      }
      spans.push([from.row, from.row]);
    }
  }
  spans.sort((x, y) => x[0] - y[0]);
  for (let k = 1; k < spans.length; k++) {
    if (spans[k][0] > spans[k - 1][1] + 1) return refError(`${t}: these table parts are not next to each other`);
  }
  const top = spans[0][0];
  const bottom = Math.max(...spans.map((x) => x[1]));
  if (bottom < top) return refError(`${t}: table ${table.name} has no data rows`);
  let left = a.left;
  let right = a.right;
  if (columns) {
    const find = (name: string) => table!.columns.findIndex((c) => c.trim().toLowerCase() === name.trim().toLowerCase());
    const i = find(columns[0]);
    const j = find(columns[1]);
    const missing = i < 0 ? columns[0] : j < 0 ? columns[1] : undefined;
    if (missing !== undefined)
      return refError(`${t}: table ${table.name} has no column '${missing}' (columns: ${table.columns.join(", ")})`);
    left = a.left + Math.min(i, j);
    right = a.left + Math.max(i, j);
  }
  return { kind: "area", sheet: table.sheet, area: { top, bottom, left, right } };
}

/** True when text is a single cell address (used to tell a spill anchor from a name). */
export function isCellText(text: string): boolean {
  return parseCell(splitSheet(text).rest) !== undefined;
}
