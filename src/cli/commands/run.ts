/**
 * `overlay run`: recalculates the OVERLAY formulas of .xlsx workbooks and writes the results to new files.
 *
 *   overlay run model.xlsx                    writes model.overlay.xlsx beside it
 *   overlay run model.xlsx -o out.xlsx        writes out.xlsx
 *   overlay run clients/*.xlsx -o out/        one output per input in out/, a progress line per file
 *
 * The input file is only read, never written; an output path that is an input is refused.
 */
import { readFileSync } from "node:fs";
import { ExcelError, Result } from "../../functions/excel";
import { formatCell } from "./format";
import { expandPattern, planOutputs } from "./batch";
import { writeOutput } from "./output";
import { displayFormula } from "../xlsx/formula/parse";
import { areaAddress } from "../../workbook/address";
import { LoadedBook, loadBook } from "../xlsx/load";
import { FormulaOutcome, recalc } from "../xlsx/recalc";
import { PatchError, patchPackage } from "../xlsx/patch";
import { saveWorkbook, writeOutcomes } from "../xlsx/write";

export interface RunSummary {
  input: string;
  output?: string;
  formulas: number;
  evaluated: number;
  errors: { cell: string; code: string; message: string }[];
  skipped: { cell: string; reason: string }[];
  /** Results that spilled over more than one cell, and the cells they cover in all. */
  tables: number;
  cellsWritten: number;
  rounds: number;
  ms: number;
  outcomes: FormulaOutcome[];
  /** How the output was written: into a copy of the input package, or re-written by exceljs. */
  writer: "package" | "exceljs";
}

/**
 * Recalculates a loaded workbook and returns the output file's bytes and the summary (input/output unset).
 * Given the input's bytes, the results are written into a copy of the input package (patch.ts: everything
 * else in the file stays as it was); without them, or where that fails, the exceljs workbook is written.
 */
export async function runLoaded(loaded: LoadedBook, input?: Buffer): Promise<{ bytes: Buffer; summary: Omit<RunSummary, "input" | "ms"> }> {
  const { formulas: outcomes, rounds } = await recalc(loaded.model);
  if (input) {
    try {
      return { bytes: await patchPackage(input, loaded.model, outcomes), summary: { ...summarise(outcomes, rounds), writer: "package" } };
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
    }
  }
  const { spilling, notSpilling } = writeOutcomes(loaded.workbook, outcomes);
  // Dynamic arrays of the input stay marked, except OVERLAY cells whose result no longer spills.
  const dynamic = new Map<string, Set<string>>();
  for (const [sheet, cells] of loaded.dynamicArrays) dynamic.set(sheet, new Set(cells));
  for (const [sheet, cells] of notSpilling) for (const c of cells) dynamic.get(sheet)?.delete(c);
  for (const [sheet, cells] of spilling) {
    let s = dynamic.get(sheet);
    if (!s) dynamic.set(sheet, (s = new Set()));
    for (const c of cells) s.add(c);
  }
  const bytes = await saveWorkbook(loaded.workbook, { dynamicArrays: dynamic, definedNamesXml: loaded.definedNamesXml });
  return { bytes, summary: { ...summarise(outcomes, rounds), writer: "exceljs" } };
}

function summarise(outcomes: FormulaOutcome[], rounds: number): Omit<RunSummary, "input" | "ms" | "writer"> {
  const errors: RunSummary["errors"] = [];
  const skipped: RunSummary["skipped"] = [];
  let evaluated = 0;
  let tables = 0;
  let cellsWritten = 0;
  for (const o of outcomes) {
    if (o.status === "skipped") {
      skipped.push({ cell: o.address, reason: o.reason ?? "" });
      continue;
    }
    if (o.status === "error") {
      const e = o.value as ExcelError;
      errors.push({ cell: o.address, code: e.code, message: e.message });
    } else evaluated++;
    const s = o.spill!;
    const n = (s.bottom - s.top + 1) * (s.right - s.left + 1);
    if (n > 1) tables++;
    cellsWritten += n;
  }
  return { formulas: outcomes.length, evaluated, errors, skipped, tables, cellsWritten, rounds, outcomes };
}

/** Runs one file to one output path. The caller has checked that output is not the input. */
export async function runFile(input: string, output: string | undefined, force = false): Promise<RunSummary> {
  const t0 = performance.now();
  const data = readFileSync(input);
  const loaded = await loadBook(data);
  const { bytes, summary } = await runLoaded(loaded, data);
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
}

export const RUN_USAGE = "overlay run model.xlsx... [-o out.xlsx | -o dir/] [--force] [--verbose] [--json] [--dry-run] [--quiet]";

const RUN_HELP = `Usage: ${RUN_USAGE}

Recalculates every OVERLAY formula of each workbook (against the cells it references; other cells keep
their cached values), in dependency order, and writes the results to a new workbook:
  model.overlay.xlsx beside the input, or the -o file (one input), or in the -o directory.
The input is never modified. Prints a summary: formulas evaluated, errors and skipped formulas by cell.
  -o, --output PATH   output file (one input) or directory (ends with / or exists, or several inputs)
  --verbose           list every OVERLAY formula with its result
  --json              print the summaries as JSON (one array) instead of text
  --dry-run           evaluate and report, write nothing
  --quiet             print only errors and the final line
  --force             replace an existing output file (never an input: that is always refused)
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
    else if (a.startsWith("-") && a !== "-") return `unknown option ${a}`;
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
  if (s.writer === "exceljs" && s.output)
    lines.push("  (written by exceljs: charts, pivot tables and macros of the input are not in the output)");
  const width = Math.min(28, Math.max(0, ...s.outcomes.map((o) => o.address.length)) + 2);
  if (verbose) {
    for (const o of s.outcomes) {
      const where = o.spill && (o.spill.bottom > o.spill.top || o.spill.right > o.spill.left) ? ` -> ${areaAddress(o.spill)}` : "";
      const what = o.status === "skipped" ? `skipped: ${o.reason}` : describeValue(o.value);
      const text = displayFormula(o.formula);
      lines.push(`    ${pad(o.address, width)}=${text.length > 70 ? text.slice(0, 67) + "..." : text}${where}`);
      lines.push(`    ${pad("", width)}${what.length > 110 ? what.slice(0, 107) + "..." : what}`);
    }
  }
  if (s.errors.length) {
    lines.push("  Errors:");
    for (const e of s.errors) lines.push(`    ${pad(e.cell, width)}${e.code} ${e.message}`.trimEnd());
  }
  if (s.skipped.length) {
    lines.push("  Not evaluated (cached value kept):");
    for (const k of s.skipped) lines.push(`    ${pad(k.cell, width)}${k.reason}`);
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
      s = await runFile(plan.input, plan.output, parsed.force);
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
