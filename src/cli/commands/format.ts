/**
 * How the `overlay` command prints a result: numbers in their shortest round-trip form (scripts can compare
 * them exactly), TRUE/FALSE, text as it is; a table's cells separated by a tab and its rows by a newline (or
 * by " | " in stdin mode, so one result stays on one line); an error as "#CODE message".
 */
import { ExcelError } from "../../functions/excel";
import { Value } from "../xlsx/formula/evaluate";

export function formatCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Object.is(v, -0) ? "0" : String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v).replace(/[\t\r\n]+/g, " ");
}

export function formatValue(v: Value, rowSeparator = "\n"): string {
  if (v instanceof ExcelError) return `${v.code} ${v.message}`.trimEnd();
  if (Array.isArray(v)) return v.map((row) => row.map(formatCell).join("\t")).join(rowSeparator);
  return formatCell(v);
}
