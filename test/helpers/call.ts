/** Test helpers: call a catalogue function by id, as Excel and `overlay eval` do. */
import { ExcelError, Result } from "../../src/functions/excel";
import { callFunction, findFunction } from "../../src/functions/registry";

export async function call(id: string, ...args: unknown[]): Promise<Result | ExcelError> {
  const def = findFunction(id);
  if (!def) throw new Error(`no function ${id} in the registry`);
  return callFunction(def, args);
}

/** Calls a function that must succeed; fails the test with the Excel error's message otherwise. */
export async function ok(id: string, ...args: unknown[]): Promise<Result> {
  const r = await call(id, ...args);
  if (r instanceof ExcelError) throw new Error(`${id} returned ${r.code} ${r.message}`);
  return r;
}

/** A table result as objects keyed by its header row (the Total row included). */
export function rowsOf(r: Result): Record<string, unknown>[] {
  if (!Array.isArray(r)) throw new Error(`expected a table, got ${String(r)}`);
  const [head, ...rows] = r;
  return rows.map((row) => Object.fromEntries(head.map((h, j) => [String(h), row[j]])));
}

/** Asserts an Excel error with the given code whose message matches. */
export function expectError(r: Result | ExcelError, code: string, message: RegExp): void {
  expect(r).toBeInstanceOf(ExcelError);
  const e = r as ExcelError;
  expect(e.code).toBe(code);
  expect(e.message).toMatch(message);
}
