/**
 * The table parser: every table argument of every function goes through here.
 *
 * A table is a range whose first row holds headers. Headers match the column specs case-insensitively,
 * ignoring spaces and punctuation, with synonyms ("Market value", "MV", "Value"). Empty rows (the tail of an
 * oversized or whole-column range, or spacer rows) are skipped; row numbers in messages count data rows
 * under the header (row 1 is the first row below the headers), so they stay those the user sees.
 *
 * A keyed table's last row whose key is "Total" (an Excel table's totals row, which Table[#All] and whole-column
 * references include) is skipped. Any other row under the data that is not a data row (a note: one cell filled)
 * is an error that names it and says how to refer to the data alone.
 */
import { Cell, Matrix, NumberRule, cellToBoolean, cellToNumber, checkNumber, isEmpty, normaliseName } from "./cells";
import { quote, valueError } from "./errors";

export type ColumnType = "number" | "text" | "boolean";

export interface ColumnSpec {
  /** Property name on the parsed row. */
  key: string;
  /** Canonical header, used in messages when the column is missing. */
  header: string;
  synonyms?: readonly string[];
  type: ColumnType;
  /** The column may be absent; its cells may be empty. Absent or empty cells take `default` (or stay undefined). */
  optional?: boolean;
  default?: number | string | boolean;
  /** Bounds and integrality for number columns. */
  rule?: NumberRule;
}

export interface TableSpec {
  /** The argument's name as messages show it: "Portfolio". */
  arg: string;
  columns: readonly ColumnSpec[];
  /** Key column: labels rows in messages and must be unique (case- and punctuation-insensitive). */
  key?: string;
  /** What to do with columns no spec matches: ignore them (default), or read each as a number column. */
  extraColumns?: "ignore" | "numbers";
  /** Fewest data rows (default 1). */
  minRows?: number;
}

export interface Table<T> {
  arg: string;
  rows: T[];
  /** Data row number (1 = first row under the header) of each parsed row. */
  rowNumbers: number[];
  /** Key value of each row, or "" without a key column. */
  labels: string[];
  /** Header text as the user wrote it, per spec key, for the columns present. */
  headers: Record<string, string>;
  /** Headers of the extra number columns, in order (extraColumns "numbers"). */
  extraHeaders: string[];
  /** Values of the extra number columns per row. */
  extra: number[][];
  /** Row index by normalised key (tables with a key column). */
  keyIndex: Map<string, number>;
}

/** "Portfolio row 4 (Private equity)": where row i of a parsed table is, for messages. */
export function whereRow<T>(t: Table<T>, i: number): string {
  const label = t.labels[i];
  return `${t.arg} row ${t.rowNumbers[i]}${label ? ` (${label})` : ""}`;
}

/** Index of the row whose key matches name (case- and punctuation-insensitive), or -1. */
export function findRow<T>(t: Table<T>, name: string): number {
  const k = normaliseName(name);
  const i = t.keyIndex.get(k);
  if (i !== undefined) return i;
  return t.keyIndex.size > 0 ? -1 : t.labels.findIndex((l) => normaliseName(l) === k);
}

function headerText(c: Cell): string {
  return isEmpty(c) ? "" : String(c).trim();
}

/** Key values of an Excel totals row: "Total" is Excel's label for a table's totals row. */
const TOTAL_LABELS = new Set(["total", "totals", "grandtotal"]);

export function parseTable<T>(matrix: Matrix, spec: TableSpec): Table<T> {
  const { arg } = spec;
  if (!Array.isArray(matrix) || matrix.length === 0 || !Array.isArray(matrix[0])) {
    valueError(`${arg} must be a range whose first row holds the headers`, arg);
  }
  const headerRow = matrix[0];
  if (headerRow.every(isEmpty)) valueError(`${arg}: the first row must hold the headers, but it is empty`, arg);

  // Map each header cell to a column spec (or to an extra column).
  const byName = new Map<string, ColumnSpec>();
  for (const c of spec.columns) {
    for (const name of [c.header, ...(c.synonyms ?? [])]) byName.set(normaliseName(name), c);
  }
  const colIndex = new Map<string, number>();
  const headers: Record<string, string> = {};
  const extraIdx: number[] = [];
  const extraHeaders: string[] = [];
  const seenExtra = new Map<string, number>();
  headerRow.forEach((cell, j) => {
    const text = headerText(cell);
    if (text === "") return;
    const c = byName.get(normaliseName(text));
    if (c) {
      if (colIndex.has(c.key)) {
        valueError(`${arg}: columns ${colIndex.get(c.key)! + 1} ('${headers[c.key]}') and ${j + 1} ('${text}') are both ${c.header}`, arg);
      }
      colIndex.set(c.key, j);
      headers[c.key] = text;
    } else if (spec.extraColumns === "numbers") {
      const k = normaliseName(text);
      if (seenExtra.has(k)) valueError(`${arg}: columns ${seenExtra.get(k)! + 1} and ${j + 1} have the same header '${text}'`, arg);
      seenExtra.set(k, j);
      extraIdx.push(j);
      extraHeaders.push(text);
    }
  });
  const missing = spec.columns.filter((c) => !c.optional && !colIndex.has(c.key));
  if (missing.length > 0) {
    const found = headerRow.map(headerText).filter((h) => h !== "");
    valueError(
      `${arg}: missing column${missing.length > 1 ? "s" : ""} ${missing.map((c) => `'${c.header}'`).join(", ")}` +
        ` (headers found: ${found.length ? found.map((h) => `'${h}'`).join(", ") : "none"})`,
      arg,
    );
  }
  const width = headerRow.length;
  const unnamed: number[] = [];
  for (let j = 0; j < width; j++) if (headerText(headerRow[j]) === "") unnamed.push(j);
  const keySpec = spec.key ? spec.columns.find((c) => c.key === spec.key) : undefined;
  const keyCol = keySpec ? colIndex.get(keySpec.key) : undefined;

  const columnAt = spec.columns.map((c) => colIndex.get(c.key));
  const columnName = spec.columns.map((c) => headers[c.key] ?? c.header);
  const rows: T[] = [];
  const rowNumbers: number[] = [];
  const labels: string[] = [];
  const extra: number[][] = [];
  const seenKeys = new Map<string, number>();
  const keyIndex = new Map<string, number>();
  const rowAt = (i: number): Cell[] => (Array.isArray(matrix[i]) ? matrix[i] : [matrix[i] as unknown as Cell]);
  // An Excel table's totals row (Table[#All] includes it; its label is "Total" unless renamed) is the last
  // non-empty row with a key of Total: it is not a data row, and is skipped.
  let last = matrix.length - 1;
  while (last > 0 && rowAt(last).every(isEmpty)) last--;
  const totalsRow = keyCol !== undefined && last > 1 && TOTAL_LABELS.has(normaliseName(String(rowAt(last)[keyCol] ?? ""))) ? last : -1;
  for (let i = 1; i < matrix.length; i++) {
    const r = rowAt(i);
    if (i === totalsRow || r.every(isEmpty)) continue;
    const n = i; // data row number
    const label = keyCol !== undefined && !isEmpty(r[keyCol]) ? String(r[keyCol]).trim() : "";
    const where = `${arg} row ${n}${label ? ` (${label})` : ""}`;
    for (let j = width; j < r.length; j++) {
      if (!isEmpty(r[j])) valueError(`${where}: column ${j + 1} holds ${quote(r[j])} but has no header`, arg);
    }
    for (const j of unnamed) {
      if (!isEmpty(r[j])) valueError(`${where}: column ${j + 1} holds ${quote(r[j])} but has no header`, arg);
    }
    const row: Record<string, unknown> = {};
    for (let ci = 0; ci < spec.columns.length; ci++) {
      const c = spec.columns[ci];
      const j = columnAt[ci];
      const v = j === undefined ? undefined : r[j];
      const name = columnName[ci];
      if (isEmpty(v)) {
        if (c.optional || c.default !== undefined) {
          row[c.key] = c.default;
          continue;
        }
        if (r.filter((x) => !isEmpty(x)).length <= 1 && rows.length > 0) {
          valueError(
            `${where}: not a data row (${name} is empty; it holds only ${quote(r.find((x) => !isEmpty(x)))}). ` +
              `A note or total under the data breaks a whole-column reference: refer to the table's data, ` +
              `${arg}[[#Headers],[#Data]] or ${arg}[#All], or move the note away from the table`,
            arg,
          );
        }
        valueError(`${where}: ${name} is empty`, arg);
      }
      if (c.type === "number") {
        const x = cellToNumber(v);
        if (x === undefined) valueError(`${where}: ${name} must be a number, got ${quote(v)}`, arg);
        row[c.key] = c.rule ? checkNumber(x, `${where}: ${name}`, c.rule, v) : x;
      } else if (c.type === "boolean") {
        const b = cellToBoolean(v);
        if (b === undefined) valueError(`${where}: ${name} must be TRUE or FALSE, got ${quote(v)}`, arg);
        row[c.key] = b;
      } else {
        if (typeof v === "boolean") valueError(`${where}: ${name} must be text, got ${quote(v)}`, arg);
        row[c.key] = String(v).trim();
      }
    }
    if (keySpec) {
      const k = normaliseName(label);
      if (k === "") valueError(`${where}: ${headers[keySpec.key]} must name the row, got ${quote(r[keyCol!])}`, arg);
      if (seenKeys.has(k)) valueError(`${arg} rows ${seenKeys.get(k)} and ${n}: ${headers[keySpec.key]} '${label}' appears twice`, arg);
      seenKeys.set(k, n);
      keyIndex.set(k, rows.length);
    }
    if (extraIdx.length > 0) {
      extra.push(
        extraIdx.map((j, e) => {
          const v = r[j];
          if (isEmpty(v)) valueError(`${where}: ${extraHeaders[e]} is empty`, arg);
          const x = cellToNumber(v);
          if (x === undefined) valueError(`${where}: ${extraHeaders[e]} must be a number, got ${quote(v)}`, arg);
          return x;
        }),
      );
    } else {
      extra.push([]);
    }
    rows.push(row as T);
    rowNumbers.push(n);
    labels.push(label);
  }
  const minRows = spec.minRows ?? 1;
  if (rows.length < minRows) {
    valueError(`${arg} needs at least ${minRows} data row${minRows > 1 ? "s" : ""} under the headers, got ${rows.length}`, arg);
  }
  return { arg, rows, rowNumbers, labels, headers, extraHeaders, extra, keyIndex };
}
