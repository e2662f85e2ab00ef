/**
 * `overlay audit`: prints a workbook's audit log (audit.ts: one entry per proposal written, each a table
 * OverlayAudit_<n>) and verifies it: every entry's SHA-256 recomputed from its fields, every entry's
 * previous hash against the entry before it, the sequence without gaps. An edited, removed or reordered
 * entry is reported by number.
 *
 *   overlay audit book.xlsx [--json]
 *
 * Exit status: 0 the log verifies (or there is none), 1 it does not, 2 the file could not be read.
 */
import { AuditEntry, readAudit, verifyAudit } from "../../workbook/proposal/audit";
import { loadBook } from "../xlsx/load";
import { XlsxWorkbook } from "../xlsx/XlsxWorkbook";
import { DEFAULT_LIMITS, PackageLimits } from "../xlsx/unzip";
import { readLimitFlag, readWorkbookFile } from "./batch";

export const AUDIT_USAGE = "overlay audit book.xlsx... [--json]";

const AUDIT_HELP = `Usage: ${AUDIT_USAGE}

Prints the audit log that overlay propose (and the task pane) keep inside a workbook, one entry per
proposal written (time, workflow, inputs hash, options, checks, ticket, override and reason, who), and
verifies its hash chain: an entry edited, removed or reordered after it was written is named.
  --json              print the entries and the verdict as JSON
  --max-part-mb N ... the limits of overlay run (overlay run --help)
Exit status: 0 the log verifies (or the workbook has none), 1 it does not, 2 a file could not be read.`;

function describe(e: AuditEntry): string[] {
  const lines = [`  ${e.seq}. ${e.time}  ${e.workflow}${e.sheet ? `, sheet '${e.sheet}'` : ""}${e.by ? `, by ${e.by}` : ""}`];
  lines.push(`     Inputs: ${e.inputs || "(none)"}  SHA-256 ${e.inputsHash}`);
  if (e.options) lines.push(`     Options: ${e.options}`);
  if (e.checks) lines.push(`     Checks: ${e.checks}`);
  lines.push(`     Ticket: ${e.ticket}${e.overrideReason ? `; override reason: ${e.overrideReason}` : ""}`);
  lines.push(`     SHA-256 ${e.hash}${e.previousHash ? `  (previous ${e.previousHash.slice(0, 16)}...)` : ""}`);
  return lines;
}

export async function auditCommand(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(AUDIT_HELP);
    return 0;
  }
  const files: string[] = [];
  let json = false;
  let limits: PackageLimits | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") json = true;
    else if (a.startsWith("--max-")) {
      const next = readLimitFlag(args, i, (limits ??= { ...DEFAULT_LIMITS }));
      if (next === undefined || typeof next === "string") {
        console.error(`overlay audit: ${next ?? `unknown option ${a}`}\n\n${AUDIT_HELP}`);
        return 2;
      }
      i = next;
    } else if (a.startsWith("-") && a !== "-") {
      console.error(`overlay audit: unknown option ${a}\n\n${AUDIT_HELP}`);
      return 2;
    } else files.push(a);
  }
  if (files.length === 0) {
    console.error(`overlay audit: give the workbook whose audit log to verify\n\n${AUDIT_HELP}`);
    return 2;
  }
  let status = 0;
  const out: unknown[] = [];
  for (const file of files) {
    let rows;
    try {
      const loaded = await loadBook(readWorkbookFile(file, limits), limits);
      rows = await readAudit(new XlsxWorkbook(loaded.workbook, loaded.model));
    } catch (e) {
      const problem = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : e instanceof Error ? e.message : String(e);
      console.error(`${file}: could not be read: ${problem}`);
      out.push({ input: file, problem });
      status = 2;
      continue;
    }
    const verdict = verifyAudit(rows);
    if (!verdict.ok) status = Math.max(status, 1);
    if (json) {
      out.push({ input: file, ok: verdict.ok, entries: verdict.entries, problems: verdict.problems });
      continue;
    }
    const n = verdict.entries.length;
    console.log(
      `${file}: ${n === 0 ? "no audit log (no proposal was written into it)" : `audit log of ${n} entr${n === 1 ? "y" : "ies"}`}`,
    );
    for (const e of verdict.entries) for (const line of describe(e)) console.log(line);
    if (verdict.ok) {
      if (n) console.log(`  Verified: every entry matches its SHA-256 and the chain from entry 1 to entry ${n} is unbroken.`);
    } else {
      console.log(`  NOT VERIFIED: ${verdict.problems.length} problem${verdict.problems.length === 1 ? "" : "s"}:`);
      for (const p of verdict.problems) console.log(`    ${p}`);
    }
  }
  if (json) console.log(JSON.stringify(out, null, 2));
  return status;
}
