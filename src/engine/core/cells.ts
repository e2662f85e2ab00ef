/**
 * Cell values as Excel hands them to a custom function, and the scalar argument readers.
 *
 * Excel passes numbers, strings and booleans; an empty cell arrives as "" (in a range) or null.
 * The `overlay` command passes the same types, with undefined for an omitted argument (`,,`).
 */
import { numError, quote, valueError } from "./errors";

export type Cell = number | string | boolean | null | undefined;
export type Matrix = Cell[][];

export function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/;

/**
 * A cell read as a number: numbers as they are; text Excel's VALUE() would read ("1,250.5", "5%", " 3 ")
 * as that number; anything else undefined. Never NaN or Infinity.
 */
export function cellToNumber(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string") {
    const s = v.trim().replace(/,/g, "");
    if (!NUMERIC_TEXT.test(s)) return undefined;
    const pct = s.endsWith("%");
    const x = Number(pct ? s.slice(0, -1) : s);
    if (!Number.isFinite(x)) return undefined;
    return pct ? x / 100 : x;
  }
  return undefined;
}

/** A cell read as a boolean: TRUE/FALSE, 1/0, and the text true/false/yes/no/y/n. */
export function cellToBoolean(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (["true", "yes", "y", "1"].includes(s)) return true;
    if (["false", "no", "n", "0"].includes(s)) return false;
  }
  return undefined;
}

/** Unwrap a 1x1 range to its value; a larger range passed where one value is expected is an error. */
export function scalarOf(v: unknown, arg: string): Cell {
  if (Array.isArray(v)) {
    const rows = v as unknown[][];
    if (rows.length === 1 && Array.isArray(rows[0]) && rows[0].length === 1) return rows[0][0] as Cell;
    if (rows.length === 0 || rows.every((r) => !Array.isArray(r) || r.length === 0)) return undefined;
    valueError(`${arg} must be a single value, got a range of ${rows.length} x ${Array.isArray(rows[0]) ? rows[0].length : 0}`, arg);
  }
  return v as Cell;
}

export interface NumberRule {
  /** Value when the argument is omitted or empty; without it the argument is required. */
  default?: number;
  min?: number;
  max?: number;
  /** Strict bounds: the value must be greater than min / less than max. */
  minExclusive?: boolean;
  maxExclusive?: boolean;
  integer?: boolean;
}

/** Check a finite number against a rule; `where` prefixes the message ("exposure", "Portfolio row 2 (Cash): Target"). */
export function checkNumber(x: number, where: string, rule: NumberRule, original: unknown = x): number {
  if (rule.min !== undefined && (rule.minExclusive ? !(x > rule.min) : !(x >= rule.min))) {
    numError(`${where} must be ${rule.minExclusive ? ">" : ">="} ${rule.min}, got ${quote(original)}`);
  }
  if (rule.max !== undefined && (rule.maxExclusive ? !(x < rule.max) : !(x <= rule.max))) {
    numError(`${where} must be ${rule.maxExclusive ? "<" : "<="} ${rule.max}, got ${quote(original)}`);
  }
  if (rule.integer && !Number.isInteger(x)) valueError(`${where} must be a whole number, got ${quote(original)}`);
  return x;
}

/** A scalar number argument. */
export function argNumber(v: unknown, arg: string, rule: NumberRule = {}): number {
  const cell = scalarOf(v, arg);
  if (isEmpty(cell)) {
    if (rule.default !== undefined) return rule.default;
    valueError(`${arg} is required`, arg);
  }
  const x = cellToNumber(cell);
  if (x === undefined) valueError(`${arg} must be a number, got ${quote(cell)}`, arg);
  return checkNumber(x, arg, rule, cell);
}

/** An optional scalar number argument with no default: undefined when omitted. */
export function argOptionalNumber(v: unknown, arg: string, rule: NumberRule = {}): number | undefined {
  const cell = scalarOf(v, arg);
  if (isEmpty(cell)) return undefined;
  return argNumber(cell, arg, rule);
}

/** A scalar text argument. */
export function argString(v: unknown, arg: string, fallback?: string): string {
  const cell = scalarOf(v, arg);
  if (isEmpty(cell)) {
    if (fallback !== undefined) return fallback;
    valueError(`${arg} is required`, arg);
  }
  if (typeof cell !== "string" && typeof cell !== "number") valueError(`${arg} must be text, got ${quote(cell)}`, arg);
  return String(cell).trim();
}

/**
 * Normalise a name for matching: lower case, letters and digits only ("Put-spread collar" -> "putspreadcollar").
 * ASCII punctuation and spaces are dropped; non-ASCII characters (accented or non-Latin names) are kept.
 */
export function normaliseName(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) out += s[i];
    else if (c >= 65 && c <= 90) out += String.fromCharCode(c + 32);
    else if (c >= 48 && c <= 57) out += s[i];
    else if (c > 127) out += s[i].toLowerCase();
  }
  return out;
}

/** One of a fixed set of choices, matched like headers (case, spaces and punctuation ignored). */
export function argChoice<T extends string>(v: unknown, arg: string, choices: readonly T[], fallback?: T): T {
  const cell = scalarOf(v, arg);
  if (isEmpty(cell)) {
    if (fallback !== undefined) return fallback;
    valueError(`${arg} is required: one of ${choices.map((c) => `"${c}"`).join(", ")}`);
  }
  const key = normaliseName(String(cell));
  const hit = choices.find((c) => normaliseName(c) === key);
  if (hit === undefined || typeof cell === "boolean") {
    valueError(`${arg} must be one of ${choices.map((c) => `"${c}"`).join(", ")}, got ${quote(cell)}`);
  }
  return hit;
}

/** A range argument as a matrix: a scalar becomes a 1x1 range, as Excel does for a range parameter. */
export function argMatrix(v: unknown, arg: string): Matrix {
  if (v === null || v === undefined) valueError(`${arg} is required: a range with a header row`, arg);
  if (!Array.isArray(v)) return [[v as Cell]];
  return (v as unknown[]).map((row) => (Array.isArray(row) ? (row as Cell[]) : [row as Cell]));
}

/**
 * A one-dimensional list of numbers from a row or a column (spots, key tenors), empty cells skipped.
 * A text cell first in the list is taken as a header and skipped, so `Spot` over a column of numbers works.
 */
export function argNumberList(v: unknown, arg: string, rule: NumberRule = {}): number[] {
  const m = argMatrix(v, arg);
  const width = m.reduce((w, r) => Math.max(w, r.length), 0);
  if (m.length > 1 && width > 1) valueError(`${arg} must be a single row or column of numbers, got a range of ${m.length} x ${width}`, arg);
  const cells = m.length > 1 ? m.map((r) => r[0]) : (m[0] ?? []);
  const unit = m.length > 1 ? "row" : "item";
  const out: number[] = [];
  cells.forEach((c, k) => {
    if (isEmpty(c)) return;
    const x = cellToNumber(c);
    if (x === undefined) {
      if (k === 0 && typeof c === "string") return;
      valueError(`${arg} ${unit} ${k + 1} must be a number, got ${quote(c)}`, arg);
    }
    out.push(checkNumber(x, `${arg} ${unit} ${k + 1}`, rule, c));
  });
  if (out.length === 0) valueError(`${arg} has no numbers`, arg);
  return out;
}
