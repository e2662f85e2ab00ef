/**
 * `overlay run`: recalculates the OVERLAY formulas of .xlsx workbooks and writes the results to new files.
 *
 *   overlay run model.xlsx                    writes model.overlay.xlsx beside it
 *   overlay run model.xlsx -o out.xlsx        writes out.xlsx
 *   overlay run clients/*.xlsx -o out/        one output per input in out/, a progress line per file
 *
 * The input file is only read, never written; an output path that is an input is refused.
 */
import { ExcelError, Result } from "../../functions/excel";
import { formatCell } from "./format";
import { expandPattern, planOutputs, readLimitFlag, readWorkbookFile } from "./batch";
import { DEFAULT_LIMITS, PackageLimits } from "../xlsx/unzip";
import { writeOutput } from "./output";
import { displayFormula } from "../xlsx/formula/parse";
import { areaAddress } from "../../workbook/address";
import { LoadedBook, loadBook } from "../xlsx/load";
import { FormulaOutcome, RecalcOptions, recalc } from "../xlsx/recalc";
import { Fallback, saveOutcomes } from "../xlsx/save";

export interface RunSummary {
  input: string;
  output?: string;
  /** OVERLAY formulas, and those evaluated without error. */
  formulas: number;
  evaluated: number;
  /** The ordinary formulas of the OVERLAY formulas' cone: recalculated, of which changed from the cached value, and new errors. */
  ordinary: { evaluated: number; changed: number; errors: number };
  /** Errors of OVERLAY formulas, and of ordinary formulas whose cached value was not that error. */
  errors: { cell: string; code: string; message: string }[];
  /** Formulas of the cone not evaluated (cached value kept), and the formulas computed from their cached values. */
  skipped: { cell: string; reason: string; dependents?: string[] }[];
  /** Results that spilled over more than one cell, and the cells they cover in all. */
  tables: number;
  cellsWritten: number;
  rounds: number;
  ms: number;
  outcomes: FormulaOutcome[];
  /** How the output was written: into a copy of the input package, or re-written by exceljs. */
  writer: "package" | "exceljs";
  /** With the exceljs writer: why the package could not be patched, and what of the input is not kept. */
  fallback?: Fallback;
}

/**
 * Recalculates a loaded workbook and returns the output file's bytes and the summary (input/output unset).
 * Given the input's bytes, the results are written into a copy of the input package (patch.ts: everything
 * else in the file stays as it was); without them, or where that fails, the exceljs workbook is written.
 */
export async function runLoaded(
  loaded: LoadedBook,
  input?: Buffer,
  options: RecalcOptions = {},
): Promise<{ bytes: Buffer; summary: Omit<RunSummary, "input" | "ms"> }> {
  const { formulas: outcomes, rounds } = await recalc(loaded.model, options);
  const saved = await saveOutcomes(loaded, outcomes, input);
  return {
    bytes: saved.bytes,
    summary: { ...summarise(outcomes, rounds), writer: saved.writer, ...(saved.fallback ? { fallback: saved.fallback } : {}) },
  };
}

function summarise(outcomes: FormulaOutcome[], rounds: number): Omit<RunSummary, "input" | "ms" | "writer"> {
  const errors: RunSummary["errors"] = [];
  const skipped: RunSummary["skipped"] = [];
  const ordinary = { evaluated: 0, changed: 0, errors: 0 };
  let formulas = 0;
  let evaluated = 0;
  let tables = 0;
  let cellsWritten = 0;
  for (const o of outcomes) {
    if (o.overlay) formulas++;
    if (o.status === "skipped") {
      skipped.push({ cell: o.address, reason: o.reason ?? "", ...(o.dependents ? { dependents: o.dependents } : {}) });
      continue;
    }
    const cached = o.sheet.get(o.row, o.col)?.value;
    if (!o.overlay) {
      ordinary.evaluated++;
      if (!sameValue(cached, o.value)) ordinary.changed++;
    }
    if (o.status === "error") {
      const e = o.value as ExcelError;
      const known = !o.overlay && cached instanceof ExcelError && cached.code === e.code;
      if (!known) {
        errors.push({ cell: o.address, code: e.code, message: e.message });
        if (!o.overlay) ordinary.errors++;
      }
    } else if (o.overlay) evaluated++;
    const s = o.spill!;
    const n = (s.bottom - s.top + 1) * (s.right - s.left + 1);
    if (n > 1) tables++;
    cellsWritten += n;
  }
  return { formulas, evaluated, ordinary, errors, skipped, tables, cellsWritten, rounds, outcomes };
}

/** Whether a fresh value is the cached one (a result table by its top-left value, as the file caches it). */
function sameValue(cached: unknown, v: Result | ExcelError | undefined): boolean {
  const x = Array.isArray(v) ? v[0][0] : v;
  if (x instanceof ExcelError) return cached instanceof ExcelError && cached.code === x.code;
  if (typeof x === "number" && typeof cached === "number") return Math.abs(x - cached) <= 1e-12 * Math.max(1, Math.abs(x));
  return (cached ?? "") === x;
}

/** Runs one file to one output path. The caller has checked that output is not the input. */
export async function runFile(
  input: string,
  output: string | undefined,
  force = false,
  limits: PackageLimits = { ...DEFAULT_LIMITS },
  options: RecalcOptions = {},
): Promise<RunSummary> {
  const t0 = performance.now();
  const data = readWorkbookFile(input, limits);
  const loaded = await loadBook(data, limits);
  const { bytes, summary } = await runLoaded(loaded, data, options);
  if (/\.xlsm$/i.test(input) && summary.writer !== "package") {
    throw new Error("the results could not be written into this macro-enabled workbook without losing its macros; nothing written");
  }
  if (output) writeOutput({ path: output, role: "output" }, bytes, { inputs: [input], force });
  return { ...summary, input, output, ms: performance.now() - t0 };
}

export interface RunArgs {
  inputs: string[];
  output?: string;
  dryRun: boolean;
  verbose: boolean;
  json: boolean;
  quiet: boolean;
  force?: boolean;
  limits?: PackageLimits;
  /** TODAY() as of --date, and --max-ref-cells. */
  recalc?: RecalcOptions;
}

/** --date YYYY-MM-DD and --max-ref-cells N: the recalculation's options; the index of the last argument used, or a problem. */
export function readRecalcFlag(args: string[], i: number, out: RecalcOptions): number | string | undefined {
  const a = args[i];
  const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
  if (flag !== "--date" && flag !== "--max-ref-cells") return undefined;
  const v = inline ?? args[i + 1];
  if (v === undefined || v === "") return `${flag} needs a value`;
  if (flag === "--date") {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    const d = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
    if (!m || !d || d.getMonth() !== Number(m[2]) - 1 || d.getDate() !== Number(m[3]))
      return `--date must be a date as YYYY-MM-DD, got '${v}'`;
    out.today = d;
  } else {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) return `--max-ref-cells must be a whole number of cells, got '${v}'`;
    out.maxCells = n;
  }
  return inline === undefined ? i + 1 : i;
}

export const RUN_USAGE =
  "overlay run model.xlsx... [-o out.xlsx | -o dir/] [--force] [--verbose] [--json] [--dry-run] [--quiet] [--date YYYY-MM-DD] [--max-ref-cells N]";

const RUN_HELP = `Usage: ${RUN_USAGE}

Recalculates every OVERLAY formula of each workbook and the ordinary formulas of its cone (the formulas
it reads, transitively, and those that read its results), in dependency order, with Excel's functions;
other cells keep their values, and the file asks Excel to recalculate fully when opened. Writes a new workbook:
  model.overlay.xlsx beside the input, or the -o file (one input), or in the -o directory.
The input is never modified. Prints a summary: formulas evaluated, errors and skipped formulas by cell.
  -o, --output PATH   output file (one input) or directory (ends with / or exists, or several inputs)
  --verbose           list every OVERLAY formula with its result
  --json              print the summaries as JSON (one array) instead of text
  --dry-run           evaluate and report, write nothing
  --quiet             print only errors and the final line
  --force             replace an existing output file (never an input: that is always refused)
  --date YYYY-MM-DD   the date TODAY() and NOW() give (default: today)
  --max-ref-cells N   the most cells a reference or an array may expand to, after whole columns and rows
                      are cut to the used range (default 4000000)
  --max-part-mb N     limits checked before the work (refused in words naming the part and the limit):
                      a part inflated (default 200 MB), --max-total-mb (1000), --max-ratio (1000),
                      --max-parts (10000), --max-strings (2000000), --max-cells (1000000),
                      --max-formulas (500000), --max-file-mb (200)
Exit status: 0 all formulas evaluated, 1 some gave errors or were skipped, 2 a file could not be processed.`;

export function parseRunArgs(args: string[]): RunArgs | string {
  const out: RunArgs = { inputs: [], dryRun: false, verbose: false, json: false, quiet: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-o" || a === "--output") {
      const v = args[++i];
      if (!v) return `${a} needs a path`;
      out.output = v;
    } else if (a.startsWith("--output=")) out.output = a.slice(9);
    else if (a === "--dry-run") out.dryRun = true;
    else if (a === "--verbose" || a === "-v") out.verbose = true;
    else if (a === "--json") out.json = true;
    else if (a === "--quiet" || a === "-q") out.quiet = true;
    else if (a === "--force") out.force = true;
    else if (/^--(date|max-ref-cells)(=|$)/.test(a)) {
      const next = readRecalcFlag(args, i, (out.recalc ??= {}));
      if (typeof next === "string") return next;
      i = next!;
    } else if (a.startsWith("--max-")) {
      const next = readLimitFlag(args, i, (out.limits ??= { ...DEFAULT_LIMITS }));
      if (next === undefined) return `unknown option ${a}`;
      if (typeof next === "string") return next;
      i = next;
    } else if (a.startsWith("-") && a !== "-") return `unknown option ${a}`;
    else out.inputs.push(...expandPattern(a));
  }
  if (out.inputs.length === 0) return "give at least one .xlsx file";
  return out;
}

function describeValue(v: Result | ExcelError | undefined): string {
  if (v === undefined) return "";
  if (v instanceof ExcelError) return `${v.code} ${v.message}`;
  if (Array.isArray(v)) return `table ${v.length} x ${v[0]?.length ?? 0}: ${v[0].map(formatCell).join(" | ")}`;
  return formatCell(v);
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

export function formatSummary(s: RunSummary, verbose: boolean): string[] {
  const lines: string[] = [];
  const parts = [`${s.evaluated} evaluated`];
  if (s.tables) parts[0] += ` (${s.tables} spilled table${s.tables === 1 ? "" : "s"})`;
  parts.push(`${s.errors.length} error${s.errors.length === 1 ? "" : "s"}`);
  if (s.skipped.length) parts.push(`${s.skipped.length} skipped`);
  lines.push(`  ${s.formulas} OVERLAY formula${s.formulas === 1 ? "" : "s"}: ${parts.join(", ")}; ${s.cellsWritten} cells written`);
  const o = s.ordinary;
  if (o.evaluated)
    lines.push(
      `  ${o.evaluated} ordinary formula${o.evaluated === 1 ? "" : "s"} of their cone recalculated (${o.changed} with a new value${o.errors ? `, ${o.errors} new error${o.errors === 1 ? "" : "s"}` : ""})`,
    );
  if (s.writer === "exceljs" && s.output)
    lines.push(
      `  written by the exceljs fallback (${s.fallback?.reason ?? "the package could not be patched"}): ` +
        (s.fallback?.lost.length
          ? `not kept as they were: ${s.fallback.lost.join(", ")}`
          : "charts, pivot tables and macros of the input are not in the output"),
    );
  const width = Math.min(28, s.outcomes.reduce((w, x) => Math.max(w, x.address.length), 0) + 2);
  if (verbose) {
    for (const x of s.outcomes) {
      const where = x.spill && (x.spill.bottom > x.spill.top || x.spill.right > x.spill.left) ? ` -> ${areaAddress(x.spill)}` : "";
      const what = x.status === "skipped" ? `skipped: ${x.reason}` : describeValue(x.value);
      const text = displayFormula(x.formula);
      lines.push(`    ${pad(x.address, width)}=${text.length > 70 ? text.slice(0, 67) + "..." : text}${where}`);
      lines.push(`    ${pad("", width)}${what.length > 110 ? what.slice(0, 107) + "..." : what}`);
    }
  }
  if (s.errors.length) {
    lines.push("  Errors:");
    for (const e of s.errors) lines.push(`    ${pad(e.cell, width)}${e.code} ${e.message}`.trimEnd());
  }
  if (s.skipped.length) {
    lines.push("  Not evaluated (cached value kept):");
    for (const k of s.skipped) {
      lines.push(`    ${pad(k.cell, width)}${k.reason}`);
      const d = k.dependents ?? [];
      if (d.length)
        lines.push(
          `    ${pad("", width)}computed from its cached value: ${d.slice(0, 8).join(", ")}${d.length > 8 ? ` and ${d.length - 8} more` : ""}`,
        );
    }
  }
  return lines;
}

export async function runCommand(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(RUN_HELP);
    return 0;
  }
  const parsed = parseRunArgs(args);
  if (typeof parsed === "string") {
    console.error(`overlay run: ${parsed}\n\n${RUN_HELP}`);
    return 2;
  }
  const plans = planOutputs(parsed.inputs, parsed.output, parsed.dryRun, ".overlay", true, !!parsed.force);
  const many = plans.length > 1;
  const summaries: RunSummary[] = [];
  const failures: { input: string; problem: string }[] = [];
  let status = 0;
  const t0 = performance.now();
  for (const [k, plan] of plans.entries()) {
    const tag = many ? `[${k + 1}/${plans.length}] ` : "";
    if (plan.skip) {
      if (!parsed.json && !parsed.quiet) console.log(`${tag}${plan.input}: skipped, ${plan.skip}`);
      continue;
    }
    if (plan.problem) {
      failures.push({ input: plan.input, problem: plan.problem });
      if (!parsed.json) console.error(`${tag}${plan.input}: ${plan.problem}`);
      status = 2;
      continue;
    }
    let s: RunSummary;
    try {
      s = await runFile(plan.input, plan.output, parsed.force, parsed.limits, parsed.recalc);
    } catch (e) {
      const problem = `could not be processed: ${e instanceof Error ? e.message : String(e)}`;
      failures.push({ input: plan.input, problem });
      if (!parsed.json) console.error(`${tag}${plan.input}: ${problem}`);
      status = 2;
      continue;
    }
    summaries.push(s);
    if (s.errors.length || s.skipped.length) status = Math.max(status, 1);
    if (parsed.json) continue;
    const target = s.output ? ` -> ${s.output}` : ", dry run: nothing written";
    const brief = `${s.formulas} formulas, ${s.errors.length} error${s.errors.length === 1 ? "" : "s"}${s.skipped.length ? `, ${s.skipped.length} skipped` : ""}`;
    if (parsed.quiet) {
      if (s.errors.length || s.skipped.length) console.log(`${tag}${s.input}: ${brief}${target}`);
      for (const e of s.errors) console.log(`    ${e.cell}  ${e.code} ${e.message}`);
      for (const x of s.skipped) console.log(`    ${x.cell}  not evaluated: ${x.reason}`);
      continue;
    }
    console.log(`${tag}${s.input}${target} (${(s.ms / 1000).toFixed(2)} s)`);
    for (const line of formatSummary(s, parsed.verbose)) console.log(line);
  }
  if (parsed.json) {
    const out = [
      ...summaries.map((s) => ({
        input: s.input,
        output: s.output ?? null,
        formulas: s.formulas,
        evaluated: s.evaluated,
        ordinary: s.ordinary,
        errors: s.errors,
        skipped: s.skipped,
        tables: s.tables,
        cellsWritten: s.cellsWritten,
        writer: s.writer,
        ms: Math.round(s.ms),
      })),
      ...failures.map((f) => ({ input: f.input, problem: f.problem })),
    ];
    console.log(JSON.stringify(out, null, 2));
  } else if (many || parsed.quiet) {
    const formulas = summaries.reduce((n, s) => n + s.formulas, 0);
    const errors = summaries.reduce((n, s) => n + s.errors.length, 0);
    const skipped = summaries.reduce((n, s) => n + s.skipped.length, 0);
    console.log(
      `${summaries.length} of ${plans.filter((p) => !p.skip).length} workbook${plans.length === 1 ? "" : "s"} done in ${((performance.now() - t0) / 1000).toFixed(2)} s: ` +
        `${formulas} OVERLAY formulas, ${errors} error${errors === 1 ? "" : "s"}${skipped ? `, ${skipped} skipped` : ""}${failures.length ? `, ${failures.length} file${failures.length === 1 ? "" : "s"} failed` : ""}`,
    );
  }
  return status;
}
