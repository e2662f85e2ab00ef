/**
 * The one vocabulary for cells and addresses, used by the WorkbookPort and its adapters, the memory workbook
 * and the `overlay` command:
 *  - Area: cells by Excel's numbers, 1-based and inclusive ({ top, left, bottom, right }: A1 is row 1, column 1),
 *    as formulas and the file format count them;
 *  - Block: where a port reads or writes, 0-based top-left corner and size ({ row, col, rows, cols }: A1 is
 *    row 0, column 0), as arrays of values are indexed;
 *  - A1 addresses, columns as letters (A..XFD), sheet names quoted by Excel's rule ('FY24'!A1, 'My sheet'!A1),
 *    and the names Excel allows for new sheets and tables.
 */
export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** A rectangle of cells on one sheet (inclusive bounds). */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One number per cell of a sheet: row * MAX_COLS + col (fits a double exactly). */
export function cellKey(row: number, col: number): number {
  return row * MAX_COLS + col;
}

export function keyRow(key: number): number {
  return Math.floor(key / MAX_COLS);
}

export function keyCol(key: number): number {
  return key % MAX_COLS;
}

export function colToLetters(col: number): string {
  let s = "";
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToCol(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellAddress(row: number, col: number): string {
  return `${colToLetters(col)}${row}`;
}

export function areaAddress(a: Area): string {
  const tl = cellAddress(a.top, a.left);
  return a.top === a.bottom && a.left === a.right ? tl : `${tl}:${cellAddress(a.bottom, a.right)}`;
}

/** A sheet name as a formula writes it: quoted when it holds anything but letters, digits, _ and . */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C\d*$/i.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export function qualified(sheet: string, a: Area | { row: number; col: number }): string {
  const local = "row" in a ? cellAddress(a.row, a.col) : areaAddress(a);
  return `${quoteSheet(sheet)}!${local}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

/** Parses one cell (B3, $B$3); undefined when it is not one or is outside the sheet. */
export function parseCell(text: string): { row: number; col: number } | undefined {
  const m = CELL.exec(text.trim());
  if (!m) return undefined;
  const col = lettersToCol(m[1]);
  const row = Number(m[2]);
  if (row < 1 || row > MAX_ROWS || col < 1 || col > MAX_COLS) return undefined;
  return { row, col };
}

/**
 * Parses an area without a sheet: B3, B3:D9, $B:$D (whole columns), 2:5 (whole rows). The corners may come
 * in any order. Undefined when the text is not an area.
 */
export function parseArea(text: string): Area | undefined {
  const parts = text.trim().split(":");
  if (parts.length === 1) {
    const c = parseCell(parts[0]);
    return c && { top: c.row, left: c.col, bottom: c.row, right: c.col };
  }
  if (parts.length !== 2) return undefined;
  const [a, b] = parts;
  const ca = parseCell(a);
  const cb = parseCell(b);
  if (ca && cb) return normalise({ top: ca.row, left: ca.col, bottom: cb.row, right: cb.col });
  const cola = COL.exec(a);
  const colb = COL.exec(b);
  if (cola && colb) {
    const l = lettersToCol(cola[1]);
    const r = lettersToCol(colb[1]);
    if (l > MAX_COLS || r > MAX_COLS) return undefined;
    return normalise({ top: 1, left: l, bottom: MAX_ROWS, right: r });
  }
  const rowa = ROW.exec(a);
  const rowb = ROW.exec(b);
  if (rowa && rowb) {
    const t = Number(rowa[1]);
    const u = Number(rowb[1]);
    if (t < 1 || u < 1 || t > MAX_ROWS || u > MAX_ROWS) return undefined;
    return normalise({ top: t, left: 1, bottom: u, right: MAX_COLS });
  }
  return undefined;
}

function normalise(a: Area): Area {
  return {
    top: Math.min(a.top, a.bottom),
    bottom: Math.max(a.top, a.bottom),
    left: Math.min(a.left, a.right),
    right: Math.max(a.left, a.right),
  };
}

/**
 * Splits "Sheet1!A1:B2", "'My sheet'!A1" and "A1" into the sheet name (unquoted, or undefined) and the rest.
 * A quoted name's doubled quotes are undone.
 */
export function splitSheet(text: string): { sheet?: string; rest: string } {
  const t = text.trim();
  if (t.startsWith("'")) {
    let i = 1;
    let name = "";
    while (i < t.length) {
      if (t[i] === "'" && t[i + 1] === "'") {
        name += "'";
        i += 2;
      } else if (t[i] === "'") break;
      else name += t[i++];
    }
    if (t[i] === "'" && t[i + 1] === "!") return { sheet: name, rest: t.slice(i + 2) };
    return { rest: t };
  }
  const bang = t.indexOf("!");
  if (bang > 0 && !t.slice(0, bang).includes("[")) return { sheet: t.slice(0, bang), rest: t.slice(bang + 1) };
  return { rest: t };
}

export function intersects(a: Area, b: Area): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function contains(a: Area, row: number, col: number): boolean {
  return row >= a.top && row <= a.bottom && col >= a.left && col <= a.right;
}

export function areaOf(row: number, col: number, rows = 1, cols = 1): Area {
  return { top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 };
}

export function union(a: Area, b: Area): Area {
  return {
    top: Math.min(a.top, b.top),
    left: Math.min(a.left, b.left),
    bottom: Math.max(a.bottom, b.bottom),
    right: Math.max(a.right, b.right),
  };
}

/** A block of cells by its 0-based top-left corner and size: where a port reads or writes (row 0, col 0 is A1). */
export interface Block {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function blockToArea(b: Block): Area {
  return { top: b.row + 1, left: b.col + 1, bottom: b.row + Math.max(1, b.rows), right: b.col + Math.max(1, b.cols) };
}

export function areaToBlock(a: Area): Block {
  return { row: a.top - 1, col: a.left - 1, rows: a.bottom - a.top + 1, cols: a.right - a.left + 1 };
}

/** A1 address of a block ("B2:F12", or "B2" for one cell). */
export function blockAddress(b: Block): string {
  return areaAddress(blockToArea(b));
}

/** Parses "B2", "B2:F12", "Sheet 1!B2:F12", "'My sheet'!$B$2:$F$12" into its sheet (or undefined) and block; throws when it is not one. */
export function parseBlockAddress(address: string): { sheet?: string; block: Block } {
  const { sheet, rest } = splitSheet(address);
  const area = parseArea(rest);
  if (!area || /^\$?[A-Za-z]+:|^\$?\d+:/.test(rest.trim())) throw new Error(`'${address}' is not a cell or range address`);
  return { sheet, block: areaToBlock(area) };
}

/**
 * A unique sheet name: `base` with the characters Excel does not allow replaced and cut to its 31-character limit,
 * else `base (2)`, `base (3)`... (case-insensitive, as Excel compares sheet names).
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
