/** Test helpers for the workbook commands: build .xlsx files with exceljs in a temporary directory, read them back. */
import ExcelJS from "exceljs";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "overlay-test-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function makeBook(path: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  await wb.xlsx.writeFile(path);
  return path;
}

export async function readBook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

export function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** A formula cell's value as exceljs writes it. */
export function f(formula: string, result: ExcelJS.CellFormulaValue["result"] = 0): ExcelJS.CellFormulaValue {
  return { formula, result, date1904: false } as ExcelJS.CellFormulaValue;
}

/** The cached result of a formula cell, or the plain value. */
export function valueOf(cell: ExcelJS.Cell): unknown {
  const v = cell.value as unknown;
  if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) return (v as { result?: unknown }).result;
  return v;
}

/** A portfolio table (the foundation's Portfolio columns) at the top-left cell `ref`. */
export function addPortfolio(ws: ExcelJS.Worksheet, ref = "A1", name = "Portfolio", totals = false): void {
  ws.addTable({
    name,
    ref,
    headerRow: true,
    totalsRow: totals,
    columns: [
      { name: "Asset class", totalsRowLabel: "Total" },
      { name: "Market value", totalsRowFunction: totals ? "sum" : "none" },
      { name: "Target" },
      { name: "Min" },
      { name: "Max" },
    ],
    rows: [
      ["Equity", 600, 0.55, 0.5, 0.6],
      ["Bonds", 350, 0.4, 0.35, 0.45],
      ["Cash", 50, 0.05, 0, 0.1],
    ],
  });
}

/** Captures console output while running body. */
export async function capture<T>(body: () => Promise<T>): Promise<{ result: T; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  const error = jest.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  try {
    const result = await body();
    return { result, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
