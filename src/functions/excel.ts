/**
 * The boundary between the engine and Excel: every custom function runs its body through `run`, which
 * turns engine errors into Excel errors with their message, and makes sure no JavaScript exception,
 * NaN, Infinity or undefined reaches a cell.
 *
 * In Excel the error is a CustomFunctions.Error (thrown, as Office documents). Outside Excel (the
 * `overlay` command, tests) CustomFunctions does not exist and an ExcelError of our own stands in.
 */
import { EXCEL_CODE, ErrorKind, OverlayError } from "../engine/core/errors";

export type CellOut = number | string | boolean;
export type Spill = CellOut[][];
export type Result = CellOut | Spill;

/** Stand-in for CustomFunctions.Error outside Excel: the same code and message fields. */
export class ExcelError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ExcelError";
  }
}

const CODE_NAMES: Record<string, string> = {
  "#VALUE!": "invalidValue",
  "#N/A": "notAvailable",
  "#DIV/0!": "divisionByZero",
  "#NUM!": "invalidNumber",
};

/** An Excel error value: CustomFunctions.Error inside Excel, ExcelError elsewhere. */
export function excelError(kind: ErrorKind, message: string): Error {
  const code = EXCEL_CODE[kind];
  const cf = (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  if (cf && typeof cf.Error === "function") {
    const e = new cf.Error(cf.ErrorCode[CODE_NAMES[code] as keyof typeof CustomFunctions.ErrorCode], message);
    return e as unknown as Error;
  }
  return new ExcelError(code, message);
}

/** True for an Excel error value (ours or Office's). */
export function isExcelError(x: unknown): x is { code: string; message: string } {
  if (x instanceof ExcelError) return true;
  const cf = (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  return !!cf && typeof cf.Error === "function" && x instanceof cf.Error;
}

function toError(e: unknown): Error {
  if (isExcelError(e)) return e as unknown as Error;
  if (e instanceof OverlayError) return excelError(e.kind, e.message);
  // A bug of ours: still an Excel error with words, never a stack trace in a cell.
  const msg = e instanceof Error ? e.message : String(e);
  return excelError("value", `Overlay could not compute this: ${msg}`);
}

function cleanCell(v: unknown, r: number, c: number): CellOut {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw excelError("num", `The result is not a finite number (row ${r + 1}, column ${c + 1})`);
    return v === 0 ? 0 : v; // no -0
  }
  if (typeof v === "string" || typeof v === "boolean") return v;
  throw excelError("value", `Overlay produced an unexpected value (row ${r + 1}, column ${c + 1})`);
}

/**
 * Checks a result: finite numbers only, tables rectangular (short rows padded with ""), no undefined.
 * Works in place on the (freshly built) result arrays: a large spill is not copied again.
 */
export function cleanResult(x: unknown): Result {
  if (Array.isArray(x)) {
    const rows = x as unknown[];
    if (rows.length === 0) throw excelError("na", "The result is empty");
    let width = 0;
    for (let r = 0; r < rows.length; r++) {
      if (!Array.isArray(rows[r])) rows[r] = [rows[r]];
      width = Math.max(width, (rows[r] as unknown[]).length);
    }
    if (width === 0) throw excelError("na", "The result is empty");
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as unknown[];
      for (let c = 0; c < row.length; c++) row[c] = cleanCell(row[c], r, c);
      while (row.length < width) row.push("");
    }
    return rows as Spill;
  }
  return cleanCell(x, 0, 0);
}

/**
 * Runs a custom function's body: the result is cleaned; any failure is thrown as an Excel error.
 * Async bodies (HiGHS) return a promise that rejects with the Excel error.
 */
export function run<R>(body: () => R): R extends Promise<unknown> ? Promise<Result> : Result {
  let out: unknown;
  try {
    out = body();
  } catch (e) {
    throw toError(e);
  }
  if (out instanceof Promise) {
    return out.then(cleanResult, (e: unknown) => {
      throw toError(e);
    }) as never;
  }
  try {
    return cleanResult(out) as never;
  } catch (e) {
    throw toError(e);
  }
}

/**
 * A part of the catalogue loaded on first use (a chunk of its own, so the functions bundle Excel loads with the
 * workbook stays small). A failure to load is an Excel error in words; the next call tries again.
 */
export function lazyArea<T>(what: string, load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((e: unknown) => {
      loading = undefined;
      throw excelError("value", `The ${what} functions could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    }));
}

/** A table result: a header row, then the rows. */
export function spill(headers: readonly string[], rows: readonly (readonly unknown[])[]): Spill {
  return [headers.slice() as CellOut[], ...rows.map((r) => r.slice() as CellOut[])];
}
