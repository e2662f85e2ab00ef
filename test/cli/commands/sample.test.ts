/**
 * The sample workbook (examples/pension-plan.xlsx) round-trips: it calls every registered function, every
 * formula evaluates without error under `overlay run`, and each result equals what `overlay eval` gives for
 * the same formula with its arguments written out as literals and array constants (resolved from the run's
 * output, independently of the recalculation engine).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ExcelError, Result } from "../../../src/functions/excel";
import { REGISTRY } from "../../../src/functions/registry";
import { formatValue } from "../../../src/cli/commands/format";
import { evalText } from "../../../src/cli/commands/eval";
import { Value, evaluate } from "../../../src/cli/xlsx/formula/evaluate";
import { Expr, canonicalName, parseFormula } from "../../../src/cli/xlsx/formula/parse";
import { loadBook } from "../../../src/cli/xlsx/load";
import { BookModel, SheetModel } from "../../../src/cli/xlsx/model";
import { resolveReference } from "../../../src/cli/xlsx/references";
import { runFile } from "../../../src/cli/commands/run";
import { makeSampleWorkbook } from "../../../scripts/make-sample-workbook";
import { tempDir } from "../helpers";

const ROOT = resolve(__dirname, "../../..");
const SAMPLE = join(ROOT, "examples/pension-plan.xlsx");

jest.setTimeout(60_000);

function calls(e: Expr, out: string[] = []): string[] {
  if (e.kind === "call") {
    out.push(canonicalName(e.name));
    e.args.forEach((a) => calls(a, out));
  } else if (e.kind === "negate" || e.kind === "percent") calls(e.arg, out);
  else if (e.kind === "binary") {
    calls(e.left, out);
    calls(e.right, out);
  }
  return out;
}

/** Every OVERLAY formula of a workbook: address, formula, parsed. */
function overlayFormulas(book: BookModel): { where: string; formula: string; expr: Expr; sheet: SheetModel; row: number; col: number }[] {
  const out = [];
  for (const sheet of book.sheets) {
    for (const [key, rec] of sheet.cells) {
      if (rec.formula === undefined || !/overlay/i.test(rec.formula)) continue;
      const row = Math.floor(key / 16384);
      const col = key % 16384;
      out.push({
        where: `${sheet.name}!R${row}C${col}`,
        formula: rec.formula,
        expr: parseFormula(rec.formula, { operators: true }),
        sheet,
        row,
        col,
      });
    }
  }
  return out;
}

/** A value as a literal of a formula: numbers in shortest round-trip form, text quoted, ranges as array constants. */
function literal(v: Value): string {
  if (v === undefined) return "";
  if (v instanceof ExcelError) throw new Error(`an argument is an error: ${v.code} ${v.message}`);
  const one = (c: unknown) =>
    typeof c === "number" ? String(c) : typeof c === "boolean" ? (c ? "TRUE" : "FALSE") : `"${String(c).replace(/"/g, '""')}"`;
  if (Array.isArray(v)) return `{${v.map((r) => r.map(one).join(",")).join(";")}}`;
  return one(v);
}

/** Reads cells of the run's output as they are saved (the recalculation engine is not involved). */
function staticResolver(book: BookModel, sheet: SheetModel, row: number, col: number) {
  const read = (s: SheetModel, r: number, c: number) => {
    const v = s.get(r, c)?.value ?? null;
    if (v instanceof ExcelError) throw new Error(`${s.name} R${r}C${c} holds ${v.code}`);
    return v === null ? "" : v;
  };
  const area = (s: SheetModel, a: { top: number; left: number; bottom: number; right: number }): Value => {
    if (a.top === a.bottom && a.left === a.right) return read(s, a.top, a.left);
    const out: (number | string | boolean)[][] = [];
    for (let r = a.top; r <= a.bottom; r++) {
      const line: (number | string | boolean)[] = [];
      for (let c = a.left; c <= a.right; c++) line.push(read(s, r, c));
      out.push(line);
    }
    return out;
  };
  const resolver = (text: string): Value | Promise<Value> => {
    const t = resolveReference(book, text, { sheet, row, col });
    if (t.kind === "error") return t.error;
    if (t.kind === "name") return evaluate(t.expr, resolver);
    if (t.kind === "spill") return area(t.sheet, t.sheet.get(t.row, t.col)!.arrayRef!);
    return area(t.sheet, t.area);
  };
  return resolver;
}

/** The result the run wrote for a formula: its cell, or the whole spill area of an array formula. */
function writtenResult(sheet: SheetModel, row: number, col: number): Result {
  const rec = sheet.get(row, col)!;
  const a = rec.arrayRef;
  const cell = (r: number, c: number) => {
    const v = sheet.get(r, c)?.value ?? null;
    if (v instanceof ExcelError) throw new Error(`R${r}C${c} holds ${v.code}`);
    return v === null ? "" : v;
  };
  if (!a) return cell(row, col);
  const out: (number | string | boolean)[][] = [];
  for (let r = a.top; r <= a.bottom; r++) {
    const line: (number | string | boolean)[] = [];
    for (let c = a.left; c <= a.right; c++) line.push(cell(r, c));
    out.push(line);
  }
  return out;
}

describe("examples/pension-plan.xlsx", () => {
  let dir: string;
  let cleanup: () => void;
  let output: string;
  let outBook: BookModel;
  let summary: Awaited<ReturnType<typeof runFile>>;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    output = join(dir, "pension-plan.overlay.xlsx");
    summary = await runFile(SAMPLE, output);
    outBook = (await loadBook(readFileSync(output))).model;
  });
  afterAll(() => cleanup());

  test("calls every registered function, and only registered ones", async () => {
    const { model } = await loadBook(readFileSync(SAMPLE));
    const used = new Map<string, string>();
    for (const f of overlayFormulas(model))
      for (const name of calls(f.expr)) if (name.startsWith("OVERLAY.")) used.set(name.slice(8), f.where);
    const registered = new Set(REGISTRY.map((d) => d.id));
    const unregistered = [...used.entries()]
      .filter(([id]) => !registered.has(id))
      .map(([id, where]) => `OVERLAY.${id} (used in ${where}) is not in the registry`);
    const unused = [...registered]
      .filter((id) => !used.has(id))
      .map((id) => `OVERLAY.${id} is registered but the sample workbook never calls it`);
    expect([...unregistered, ...unused]).toEqual([]);
  });

  test("every formula evaluates without error", () => {
    const problems = [
      ...summary.errors.map((e) => `${e.cell}: ${e.code} ${e.message}`),
      ...summary.skipped.map((s) => `${s.cell}: skipped, ${s.reason}`),
    ];
    expect(problems).toEqual([]);
    expect(summary.formulas).toBeGreaterThanOrEqual(REGISTRY.length);
    expect(summary.evaluated).toBe(summary.formulas);
  });

  test("each result equals overlay eval of the same formula with its arguments as literals", async () => {
    const formulas = overlayFormulas(outBook);
    expect(formulas.length).toBe(summary.formulas);
    const lines: string[] = [];
    const expected: string[] = [];
    for (const f of formulas) {
      if (f.expr.kind !== "call") throw new Error(`${f.where}: the sample's formulas are calls, got ${f.formula}`);
      const resolver = staticResolver(outBook, f.sheet, f.row, f.col);
      const args: string[] = [];
      for (const a of f.expr.args) args.push(literal(a.kind === "missing" ? undefined : await evaluate(a, resolver)));
      const text = `=${canonicalName(f.expr.name)}(${args.join(",")})`;
      const mine = formatValue(writtenResult(f.sheet, f.row, f.col));
      const viaEval = await evalText(text);
      expect({ where: f.where, out: viaEval.out, error: viaEval.error }).toEqual({ where: f.where, out: mine, error: false });
      lines.push(text);
      expected.push(formatValue(writtenResult(f.sheet, f.row, f.col), " | "));
    }
    // The same through the command itself: `overlay eval -`, one formula a line.
    const out = execFileSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "src/cli/bin.ts"), "eval", "-"], {
      input: lines.join("\n") + "\n",
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(out.trimEnd().split("\n")).toEqual(expected);
  });

  test("the committed file is what scripts/make-sample-workbook.ts generates (else: npm run sample)", async () => {
    const { bytes, errors } = await makeSampleWorkbook();
    expect(errors).toEqual([]);
    const fresh = (await loadBook(bytes)).model;
    const committed = (await loadBook(readFileSync(SAMPLE))).model;
    // Same sheets, cells and formulas; cached numbers equal to 1e-9 relative (1e-6 absolute near zero: an engine's last-digit changes do not
    // make the committed file stale: overlay run recomputes them).
    const differences: string[] = [];
    expect(fresh.sheets.map((x) => x.name)).toEqual(committed.sheets.map((x) => x.name));
    for (const sheet of fresh.sheets) {
      const other = committed.sheet(sheet.name)!;
      const keys = new Set([...sheet.cells.keys(), ...other.cells.keys()]);
      for (const k of keys) {
        const a = sheet.cells.get(k);
        const b = other.cells.get(k);
        const where = `${sheet.name} R${Math.floor(k / 16384)}C${k % 16384}`;
        if ((a?.formula ?? null) !== (b?.formula ?? null)) differences.push(`${where}: formula ${a?.formula} vs ${b?.formula}`);
        const x = a?.value ?? null;
        const y = b?.value ?? null;
        const same =
          typeof x === "number" && typeof y === "number"
            ? Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y)) + 1e-6
            : x instanceof ExcelError || y instanceof ExcelError
              ? (x as ExcelError)?.code === (y as ExcelError)?.code
              : x === y;
        if (!same) differences.push(`${where}: ${String(x)} vs ${String(y)} in the committed file`);
      }
    }
    expect(differences).toEqual([]);
    expect(fresh.tables.map((t) => [t.name, t.sheet.name, t.area])).toEqual(committed.tables.map((t) => [t.name, t.sheet.name, t.area]));
  });
});
