/**
 * `overlay propose`: the task pane's proposal workflows on .xlsx (and .xlsm) files, headless.
 *
 *   overlay propose model.xlsx --workflow rebalance [--rule edge ...] [-o out.xlsx] [--csv ticket.csv]
 *
 * The same code as the task pane: the workflow reads the inputs through a WorkbookPort (here XlsxWorkbook,
 * on the recalculated workbook, so it sees what Excel would show), computes through the function registry,
 * and the proposal writer lays out the same new sheet. The output is the input with its OVERLAY formulas
 * recalculated (as `overlay run` writes them) and the proposal sheet added; the input file is never modified.
 *
 * The proposal sheet is laid out in a scratch exceljs workbook and moved into a copy of the client's package
 * (transplant.ts) after `overlay run`'s patch (patch.ts): every other part of the file (charts, pivot tables,
 * macros, custom XML...) stays byte for byte. Where the package is too unusual for that, the whole workbook
 * is re-written by exceljs, as before, and the result says which parts of the input are not in the output.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { userInfo } from "node:os";
import {
  InputSource,
  Proposal,
  Workflow,
  WorkflowError,
  WorkflowOptions,
  WORKFLOWS,
  defaultSources,
  findWorkflow,
  runWorkflow,
} from "../../workbook/proposal";
import { tradeTicketCsv } from "../../workbook/proposal/csv";
import { Gate, Override, gateTicket } from "../../workbook/proposal/controls";
import { AuditEntry, AuditInput, appendAudit, writeAuditEntry } from "../../workbook/proposal/audit";
import { SheetLayout, writeProposal } from "../../workbook/proposal/writer";
import { InputName, INPUT_NAMES, OptionDef, cellText } from "../../workbook/proposal/model";
import { normaliseName } from "../../engine/core/cells";
import { loadBook } from "../xlsx/load";
import { XlsxWorkbook } from "../xlsx/XlsxWorkbook";
import { recalc } from "../xlsx/recalc";
import { planOutputs, readLimitFlag, readWorkbookFile } from "./batch";
import { OutputCheck, OutputError, outputProblem, writeOutput } from "./output";
import { DEFAULT_LIMITS, PackageLimits } from "../xlsx/unzip";
import { VERSION } from "../../version";
import { transplantSheet } from "../xlsx/transplant";
import { applyToModel, saveWorkbook } from "../xlsx/write";
import { saveOutcomes } from "../xlsx/save";

export const PROPOSE_USAGE = `overlay propose model.xlsx... --workflow ${WORKFLOWS.map((w) => w.id).join("|")} [options] [-o out.xlsx] [--csv ticket.csv [--override "reason"]] [--force]`;

/** --notional-limit and --notionalLimit both name the option notionalLimit. */
function optionKey(flag: string): string {
  return flag.replace(/^--/, "").replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function describeOption(o: OptionDef): string {
  const value =
    o.kind === "choice"
      ? (o.choices ?? []).map((c) => c.value).join("|")
      : o.kind === "boolean"
        ? "yes|no"
        : o.kind === "list"
          ? "1,2,5,10"
          : o.percent
            ? "x or x%"
            : "x";
  const dflt =
    o.default === undefined ? "" : ` (default ${o.percent && typeof o.default === "number" ? `${o.default * 100}%` : String(o.default)})`;
  return `    --${kebab(o.key)} ${value}`.padEnd(44) + `${o.label}${dflt}. ${o.help}`;
}

export function proposeHelp(): string {
  const lines = [
    `Usage: ${PROPOSE_USAGE}`,
    "",
    "Runs a task-pane proposal workflow on a workbook and writes the proposal sheet (the same layout as the",
    "task pane's) into a copy: model.proposal.xlsx beside the input, the -o file, or files in the -o directory.",
    "The workbook's OVERLAY formulas are recalculated first (as overlay run does), so the workflow reads what",
    "Excel would show. Everything else in the file (charts, pivot tables, an .xlsm's macros, custom XML) is kept",
    "as it was; where the file is too unusual for that, a warning names what the re-written copy lacks.",
    "Inputs are the tables named as below (case and punctuation ignored, tbl prefix allowed).",
    "  -o, --output PATH          output file (one input) or directory",
    "  --input Name=Table         take an input from another table or named range, or a range (Name=Plan!A5:H15),",
    "                             or leave an optional one out (Name=none)",
    "  --csv PATH                 also write the trade ticket (CSV) there; not written when a check failed,",
    "                             unless --override is given",
    '  --override "reason"        write the ticket although a check failed; every line says OVERRIDDEN, and',
    "                             the audit log records the reason and who gave it",
    "  --by NAME                  who makes the proposal, for the audit log (default: the login name)",
    "  --force                    replace existing output files (never an input: that is always refused)",
    "  --max-part-mb N ...        the limits of overlay run (overlay run --help), checked before the work",
    "  --at 2026-01-05T09:30      the proposal's time stamp (default: now)",
    "  --json                     print the proposal as JSON",
    "  --dry-run                  compute and print, write nothing",
    "Every proposal written appends an entry to the workbook's audit log (a table OverlayAudit_<n> on the",
    "proposal sheet: time, workflow, inputs hash, options, checks, ticket, override, previous entry's hash);",
    "overlay audit out.xlsx prints and verifies it.",
    "Exit status: 0 proposal written, all checks passed or warned; 1 a check failed (ticket blocked or",
    "overridden); 2 it could not be made.",
    "",
    "Workflows:",
  ];
  for (const w of WORKFLOWS) {
    lines.push(`  ${w.id}: ${w.summary}`);
    lines.push(`    inputs: ${w.inputs.map((i) => `${i.name}${i.optional ? " (optional)" : ""}`).join(", ")}`);
    for (const o of w.options) lines.push(describeOption(o));
  }
  return lines.join("\n");
}

export interface ProposeArgs {
  inputs: string[];
  workflow: Workflow;
  options: WorkflowOptions;
  sources: Partial<Record<InputName, string>>;
  output?: string;
  csv?: string;
  at?: Date;
  json: boolean;
  dryRun: boolean;
  force?: boolean;
  override?: Override;
  by?: string;
  limits?: PackageLimits;
}

export function parseProposeArgs(args: string[]): ProposeArgs | string {
  let workflowId: string | undefined;
  const files: string[] = [];
  const raw: { flag: string; value: string }[] = [];
  const out: Omit<ProposeArgs, "workflow" | "inputs"> = { options: {}, sources: {}, json: false, dryRun: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = a.includes("=") && a.startsWith("--") ? a.slice(a.indexOf("=") + 1) : args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      const flag = a.startsWith("--") && a.includes("=") ? a.slice(0, a.indexOf("=")) : a;
      if (flag === "--workflow" || flag === "-w") workflowId = value();
      else if (flag === "-o" || flag === "--output") out.output = value();
      else if (flag === "--csv") out.csv = value();
      else if (flag === "--json") out.json = true;
      else if (flag === "--force") out.force = true;
      else if (flag === "--override") {
        const reason = value();
        if (!reason.trim()) return '--override needs a reason in words (--override "trustees approved on 5 Jan")';
        out.override = { reason };
      } else if (flag === "--by") out.by = value();
      else if (flag.startsWith("--max-")) {
        const next = readLimitFlag(args, i, (out.limits ??= { ...DEFAULT_LIMITS }));
        if (typeof next === "string") return next;
        if (next === undefined) raw.push({ flag, value: value() });
        else i = next;
      } else if (flag === "--dry-run") out.dryRun = true;
      else if (flag === "--at") {
        const v = value();
        const d = new Date(v);
        if (Number.isNaN(d.getTime())) return `--at needs a date and time (2026-01-05T09:30), got '${v}'`;
        out.at = d;
      } else if (flag === "--input") {
        const v = value();
        const eq = v.indexOf("=");
        const name = INPUT_NAMES.find((n) => normaliseName(n) === normaliseName(eq > 0 ? v.slice(0, eq) : ""));
        if (!name || eq < 0) return `--input takes Name=Table (Name one of ${INPUT_NAMES.join(", ")}), got '${v}'`;
        out.sources[name] = v.slice(eq + 1);
      } else if (a.startsWith("--")) raw.push({ flag, value: value() });
      else if (a.startsWith("-") && a !== "-") return `unknown option ${a}`;
      else files.push(a);
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }
  if (!workflowId) return `--workflow is required: one of ${WORKFLOWS.map((w) => w.id).join(", ")}`;
  const workflow = findWorkflow(workflowId);
  if (!workflow) return `unknown workflow '${workflowId}': one of ${WORKFLOWS.map((w) => w.id).join(", ")}`;
  for (const { flag, value } of raw) {
    const key = optionKey(flag);
    const def = workflow.options.find((o) => o.key.toLowerCase() === key.toLowerCase());
    if (!def) {
      const known = workflow.options.map((o) => `--${kebab(o.key)}`).join(", ");
      return `unknown option ${flag} for the ${workflow.id} workflow${known ? ` (its options: ${known})` : " (it has no options)"}`;
    }
    if (def.kind === "choice") {
      const hit = (def.choices ?? []).find(
        (c) => normaliseName(c.value) === normaliseName(value) || normaliseName(c.label) === normaliseName(value),
      );
      if (!hit) return `--${kebab(def.key)} must be one of ${(def.choices ?? []).map((c) => c.value).join(", ")}, got '${value}'`;
      out.options[def.key] = hit.value;
    } else if (def.kind === "boolean") {
      const v = value.trim().toLowerCase();
      if (!["true", "false", "yes", "no", "1", "0"].includes(v)) return `--${kebab(def.key)} must be yes or no, got '${value}'`;
      out.options[def.key] = ["true", "yes", "1"].includes(v);
    } else out.options[def.key] = value; // numbers and lists: read by the workflow, as the pane's fields are
  }
  if (files.length === 0) return "give the workbook (.xlsx or .xlsm) to make the proposal from";
  if (out.override && !out.csv) return "--override is for the trade ticket: give --csv too";
  if (out.override) out.override.by = out.by;
  return { ...out, inputs: files, workflow };
}

export interface ProposeResult {
  proposal: Proposal;
  layout: SheetLayout;
  bytes: Buffer;
  csv: string;
  formulas: number;
  formulaErrors: number;
  /** "package": the proposal sheet was added to a copy of the input package (all else kept as it was);
   *  "exceljs": the package could not be patched and exceljs re-wrote the whole workbook. */
  writer: "package" | "exceljs";
  /** With the exceljs writer: why, and the parts of the input that are not in the output as they were. */
  fallback?: { reason: string; lost: string[] };
  /** The controls' verdict on the ticket (controls.ts). */
  gate: Gate;
  /** The audit log entry written into the output (audit.ts). */
  audit: AuditEntry;
}

/** What the command was asked about the ticket, for the gate and the audit log. */
export interface TicketRequest {
  /** A ticket (--csv) was asked for. */
  asked: boolean;
  override?: Override;
  /** Who makes the proposal. */
  by?: string;
}

/** Makes the proposal for a workbook's bytes; returns the output workbook's bytes. Throws WorkflowError. */
export async function proposeBytes(
  data: Buffer,
  workflow: Workflow,
  options: WorkflowOptions,
  sourceNames: Partial<Record<InputName, string>> = {},
  at: Date = new Date(),
  ticket: TicketRequest = { asked: false },
  limits: PackageLimits = DEFAULT_LIMITS,
): Promise<ProposeResult> {
  const loaded = await loadBook(data, limits);
  const { formulas } = await recalc(loaded.model, { today: at });
  applyToModel(loaded.model, formulas);
  // The proposal sheet goes into a scratch workbook; the client's is only read.
  const scratch = new ExcelJS.Workbook();
  const port = new XlsxWorkbook(loaded.workbook, loaded.model, scratch);
  const sources: Partial<Record<InputName, InputSource>> = defaultSources(workflow, await port.listTables());
  for (const [name, value] of Object.entries(sourceNames) as [InputName, string][]) {
    if (/^none$/i.test(value)) sources[name] = { kind: "none" };
    else if (value.includes("!")) {
      try {
        const sel = port.readRange(value);
        sources[name] = { kind: "selection", address: sel.address, values: sel.values };
      } catch (e) {
        throw new WorkflowError(e instanceof Error ? e.message : String(e), name);
      }
    } else sources[name] = { kind: "table", name: value };
  }
  const proposal = await runWorkflow(port, workflow, sources, options);
  const writeOptions = { now: at, version: VERSION };
  const layout = await writeProposal(port, proposal, writeOptions);
  // The controls: the ticket is blocked by a failed check unless overridden with a reason; the audit log
  // entry goes on the proposal sheet, below its content.
  const gate = gateTicket(proposal, ticket.override);
  const auditInput: AuditInput = {
    proposal,
    time: at,
    sheet: layout.sheet,
    ticket: !ticket.asked ? "not asked" : !gate.allowed ? "blocked" : gate.failed.length ? "written under override" : "written",
    override: ticket.override,
    by: ticket.by,
  };
  const audit = (await appendAudit(port, auditInput, { sheet: layout.sheet, row: layout.rows + 1 })).entry;
  const result = {
    gate,
    audit,
    proposal,
    layout,
    csv: "",
    formulas: formulas.filter((f) => f.overlay && f.status !== "skipped").length,
    formulaErrors: formulas.filter((f) => f.overlay && f.status === "error").length,
  };
  const written = await saveOutcomes(loaded, formulas, data, {
    // The package patch: overlay run's results, then the proposal sheet moved in from the scratch workbook's package.
    intoPackage: async (zip) => {
      const sheet = await JSZip.loadAsync(await saveWorkbook(scratch, { dynamicArrays: new Map(), charts: port.charts }));
      const moved = await transplantSheet(zip, sheet, layout.sheet);
      if (layout.tradeTable)
        layout.tradeTable.name = moved.tables.find((t) => t.from === layout.tradeTable!.name)?.name ?? layout.tradeTable.name;
    },
    // The fallback: the proposal sheet laid out again in the client's exceljs workbook, with its audit entry.
    intoWorkbook: async (workbook) => {
      const again = new XlsxWorkbook(workbook, loaded.model);
      const laid = await writeProposal(again, proposal, writeOptions);
      if (laid.sheet !== layout.sheet) throw new Error(`the proposal sheet came out as '${laid.sheet}', not '${layout.sheet}'`);
      await writeAuditEntry(again, audit, { sheet: layout.sheet, row: laid.rows + 1 });
      return again.charts;
    },
  });
  const csv = gate.allowed
    ? tradeTicketCsv(proposal, { id: layout.sheet, now: at, override: gate.failed.length ? ticket.override : undefined })
    : "";
  return { ...result, ...written, csv };
}

/** The warning printed when the exceljs writer was used. */
export function fallbackWarning(input: string, r: Pick<ProposeResult, "fallback">): string {
  const f = r.fallback!;
  const shown = f.lost.slice(0, 12).join(", ") + (f.lost.length > 12 ? ` and ${f.lost.length - 12} more` : "");
  return (
    `warning: ${input}: the proposal sheet could not be added to a copy of the package (${f.reason}); the workbook was ` +
    `re-written by exceljs instead, which keeps cells, styles, tables and names but drops what it does not model ` +
    `(charts, pivot tables, macros, custom XML). ` +
    (f.lost.length ? `Not in the output as in the input: ${shown}.` : "No other part of the input is missing from the output.")
  );
}

function table(rows: string[][], numeric: boolean[]): string[] {
  const w = rows[0].map((_, j) => Math.max(...rows.map((r) => (r[j] ?? "").length)));
  return rows.map((r) =>
    r
      .map((c, j) => (numeric[j] ? c.padStart(w[j]) : c.padEnd(w[j])))
      .join("  ")
      .trimEnd(),
  );
}

function money(x: number | undefined): string {
  return x === undefined ? "" : Math.round(x).toLocaleString("en-US");
}

function quantity(x: number, unit: string): string {
  if (unit === "weight") return `${(x * 100).toFixed(2)}%`;
  if (unit === "contracts" || unit === "exposure") return Math.round(x).toLocaleString("en-US");
  return Number(x.toPrecision(8)).toLocaleString("en-US", { maximumFractionDigits: 6 });
}

/** The proposal as a person reads it on a terminal. */
export function formatProposal(p: Proposal): string[] {
  const lines = [`${p.label}: ${p.headline}`];
  if (p.options.length) lines.push(`  Options: ${p.options.map((o) => `${o.label} = ${o.value}`).join("; ")}`);
  if (p.trades.length) {
    lines.push("  Trades:");
    const rows = [
      ["Side", "Instrument", "Quantity", "Unit", "Asset class", "Notional"],
      ...p.trades.map((t) => [t.side, t.instrument, quantity(t.quantity, t.unit), t.unit, t.assetClass, money(t.notional)]),
    ];
    lines.push(...table(rows, [false, false, true, false, false, true]).map((l) => `    ${l}`));
  } else lines.push("  No trades proposed.");
  if (p.checks.length) {
    lines.push("  Checks:");
    const word = { pass: "Passed", warn: "Warning", fail: "FAILED" } as const;
    lines.push(
      ...table(
        p.checks.map((c) => [word[c.status], c.name, c.detail]),
        [false, false, false],
      ).map((l) => `    ${l}`),
    );
  }
  for (const n of p.notes) lines.push(`  Note: ${n}`);
  return lines;
}

function proposalJson(p: Proposal, extra: Record<string, unknown>) {
  return {
    ...extra,
    workflow: p.workflow,
    headline: p.headline,
    options: p.options,
    trades: p.trades,
    checks: p.checks,
    notes: p.notes,
    results: p.results.map((r) => ({ title: r.title, formula: r.formula, rows: r.values.map((row) => row.map(cellText)) })),
  };
}

/** The login name for the audit log when --by is not given. */
function loginName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? "";
  }
}

export async function proposeCommand(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(proposeHelp());
    return 0;
  }
  const parsed = parseProposeArgs(args);
  if (typeof parsed === "string") {
    console.error(`overlay propose: ${parsed}\n\nUsage: ${PROPOSE_USAGE}\n(overlay propose --help lists the workflows and their options)`);
    return 2;
  }
  const force = !!parsed.force;
  const plans = planOutputs(parsed.inputs, parsed.output, parsed.dryRun, ".proposal", true, force);
  if (parsed.csv && plans.length > 1) {
    console.error("overlay propose: --csv takes one workbook (the ticket of several would need several files)");
    return 2;
  }
  // The ticket's path is checked like every output: not an input (by device and inode), not the workbook
  // written by this run, not an existing file unless --force; before any work.
  const ticketOut: OutputCheck | undefined = parsed.csv && !parsed.dryRun ? { path: parsed.csv, role: "trade ticket" } : undefined;
  const outputs: OutputCheck[] = plans.filter((p) => p.output).map((p) => ({ path: p.output!, role: "proposal workbook" }));
  if (ticketOut) {
    const problem = outputProblem(ticketOut, parsed.inputs, outputs, force);
    if (problem) {
      console.error(`overlay propose: ${problem}`);
      return 2;
    }
  }
  const by = parsed.by ?? loginName();
  const override = parsed.override ? { ...parsed.override, by } : undefined;
  let status = 0;
  const json: unknown[] = [];
  for (const [k, plan] of plans.entries()) {
    const tag = plans.length > 1 ? `[${k + 1}/${plans.length}] ` : "";
    if (plan.skip) {
      if (!parsed.json) console.log(`${tag}${plan.input}: skipped, ${plan.skip}`);
      continue;
    }
    if (plan.problem) {
      console.error(`${tag}${plan.input}: ${plan.problem}`);
      json.push({ input: plan.input, problem: plan.problem });
      status = 2;
      continue;
    }
    let r: ProposeResult;
    try {
      const data = readWorkbookFile(plan.input, parsed.limits);
      r = await proposeBytes(
        data,
        parsed.workflow,
        parsed.options,
        parsed.sources,
        parsed.at ?? new Date(),
        { asked: !!parsed.csv && !parsed.dryRun, override, by },
        parsed.limits,
      );
    } catch (e) {
      const field =
        e instanceof WorkflowError && e.field
          ? ` (${INPUT_NAMES.includes(e.field as InputName) ? `input ${e.field}` : `--${kebab(e.field)}`})`
          : "";
      const problem = `${e instanceof Error ? e.message : String(e)}${field}`;
      console.error(`${tag}${plan.input}: no proposal: ${problem}`);
      json.push({ input: plan.input, problem });
      status = 2;
      continue;
    }
    if (r.writer === "exceljs" && plan.output && /\.xlsm$/i.test(plan.input)) {
      // exceljs would drop the VBA project: a macro-enabled workbook is not written that way at all.
      const problem = `no proposal written: the proposal sheet could not be added to this macro-enabled workbook without losing its macros (${r.fallback?.reason})`;
      console.error(`${tag}${plan.input}: ${problem}`);
      json.push({ input: plan.input, problem });
      status = 2;
      continue;
    }
    let ticketWritten = false;
    try {
      if (plan.output) {
        writeOutput({ path: plan.output, role: "proposal workbook" }, r.bytes, {
          inputs: parsed.inputs,
          force,
          others: ticketOut ? [ticketOut] : [],
        });
        if (r.writer === "exceljs") console.error(`${tag}${fallbackWarning(plan.input, r)}`);
      }
      if (ticketOut && r.gate.allowed) {
        writeOutput(ticketOut, r.csv, { inputs: parsed.inputs, force, others: outputs });
        ticketWritten = true;
      }
    } catch (e) {
      const problem = e instanceof OutputError ? e.message : `could not write: ${e instanceof Error ? e.message : String(e)}`;
      console.error(`${tag}${plan.input}: ${problem}`);
      json.push({ input: plan.input, problem });
      status = 2;
      continue;
    }
    if (r.proposal.checks.some((c) => c.status === "fail")) status = Math.max(status, 1);
    if (parsed.json) {
      json.push(
        proposalJson(r.proposal, {
          input: plan.input,
          output: plan.output ?? null,
          sheet: r.layout.sheet,
          writer: r.writer,
          ...(r.fallback ? { fallback: r.fallback } : {}),
          ticket: ticketOut ? { path: ticketOut.path, written: ticketWritten, gate: r.gate.message } : null,
          audit: plan.output ? r.audit : null,
        }),
      );
      continue;
    }
    const where = plan.output ? ` -> ${plan.output}, sheet '${r.layout.sheet}'` : " (dry run, nothing written)";
    console.log(`${tag}${plan.input}${where}`);
    console.log(
      `  Workbook: ${r.formulas} OVERLAY formula${r.formulas === 1 ? "" : "s"} recalculated, ${r.formulaErrors} with errors (overlay run lists them)`,
    );
    for (const line of formatProposal(r.proposal)) console.log(`  ${line}`);
    if (ticketOut) {
      if (ticketWritten) console.log(`  Trade ticket: ${ticketOut.path}${r.gate.failed.length ? " (OVERRIDDEN on every line)" : ""}`);
      else console.error(`${tag}${plan.input}: no trade ticket written: ${r.gate.message}`);
      if (ticketWritten && r.gate.failed.length) console.log(`  ${r.gate.message}`);
    }
    if (plan.output)
      console.log(`  Audit log: entry ${r.audit.seq} (SHA-256 ${r.audit.hash.slice(0, 16)}...); overlay audit ${plan.output} verifies it`);
  }
  if (parsed.json) console.log(JSON.stringify(json, null, 2));
  return status;
}
