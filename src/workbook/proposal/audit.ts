/**
 * The audit log kept inside the workbook (issue 16): one entry for every proposal written, saying when,
 * which workflow, a hash of the inputs, the options, the checks, whether the ticket was written and under
 * which override (its reason, who gave it), and the previous entry's hash: a hash chain, so an edited,
 * removed or reordered entry is detected (the chain of Haber and Stornetta, "How to time-stamp a digital
 * document", 1991; the hash is SHA-256, FIPS 180-4, from @noble/hashes: the same in the browser and in Node).
 *
 * Where it lives: each entry is a one-row Excel table named OverlayAudit_<n> (n = 1, 2, ...), written on a
 * sheet the port added (the proposal sheet the entry is about, below its content, or a new sheet "Overlay
 * audit <n>"); the port never writes to an existing sheet, so the log grows by new tables, never by editing
 * old cells. Every cell is text (number format "@"), so the workbook gives back exactly what was hashed.
 *
 *   inputs hash = SHA-256 of JSON [[name, values], ...] over the input tables, sorted by name
 *   entry hash  = SHA-256 of JSON [every field of the entry but its hash, in AUDIT_HEADERS order]
 *   entry n's "Previous SHA-256" = entry n-1's hash ("" for the first)
 */
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import { PortMatrix, WorkbookPort } from "../WorkbookPort";
import { Block, uniqueSheetName } from "../address";
import { Override, overrideBy, overrideReason } from "./controls";
import { Proposal, cellText } from "./model";

export const AUDIT_HEADERS = [
  "Seq",
  "Time",
  "Workflow",
  "Sheet",
  "Inputs",
  "Inputs SHA-256",
  "Options",
  "Checks",
  "Ticket",
  "Override reason",
  "By",
  "Previous SHA-256",
  "SHA-256",
] as const;

export const AUDIT_TABLE_PREFIX = "OverlayAudit_";

/** One entry of the log, as written (every field text). */
export interface AuditEntry {
  seq: number;
  /** ISO 8601, UTC: "2026-01-05T09:30:00.000Z". */
  time: string;
  workflow: string;
  /** The proposal sheet the entry is about ("" when none was written). */
  sheet: string;
  /** The inputs by name and where they came from: "Portfolio=Portfolio[#All]; Futures=Futures[#All]". */
  inputs: string;
  inputsHash: string;
  options: string;
  /** "Passed: Whole contracts; FAILED: Weights within range; Warning: ..." */
  checks: string;
  /** "not asked", "written", "blocked" or "written under override". */
  ticket: string;
  overrideReason: string;
  by: string;
  previousHash: string;
  hash: string;
}

/** What the caller says about the proposal written; the log adds the sequence, the chain and the hashes. */
export interface AuditInput {
  proposal: Proposal;
  time: Date;
  /** The proposal sheet written ("" or undefined when none). */
  sheet?: string;
  /** Whether a ticket was asked for and what became of it. */
  ticket: "not asked" | "written" | "blocked" | "written under override";
  override?: Override;
  /** Who made the proposal (the command's --by, default the OS user; the pane's user name). */
  by?: string;
}

function hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** SHA-256 over the canonical serialisation of the input tables (JSON, sorted by name; cells as they are). */
export function inputsHash(inputs: Proposal["inputs"]): string {
  const sorted = [...inputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return hex(
    JSON.stringify(sorted.map((i) => [i.name, i.values.map((row) => row.map((v) => (typeof v === "number" && v === 0 ? 0 : v)))])),
  );
}

function fields(e: Omit<AuditEntry, "hash">): string[] {
  return [
    String(e.seq),
    e.time,
    e.workflow,
    e.sheet,
    e.inputs,
    e.inputsHash,
    e.options,
    e.checks,
    e.ticket,
    e.overrideReason,
    e.by,
    e.previousHash,
  ];
}

/** The hash of an entry: SHA-256 of the JSON array of its fields but the hash. */
export function entryHash(e: Omit<AuditEntry, "hash">): string {
  return hex(JSON.stringify(fields(e)));
}

const WORD = { pass: "Passed", warn: "Warning", fail: "FAILED" } as const;

/** The next entry of a log whose last entry is `last` (undefined for the first). */
export function makeEntry(input: AuditInput, last?: Pick<AuditEntry, "seq" | "hash">): AuditEntry {
  const p = input.proposal;
  const overridden = input.ticket === "written under override";
  const base: Omit<AuditEntry, "hash"> = {
    seq: (last?.seq ?? 0) + 1,
    time: input.time.toISOString(),
    workflow: p.label,
    sheet: input.sheet ?? "",
    inputs: p.inputs.map((i) => `${i.name}=${i.ref}`).join("; "),
    inputsHash: inputsHash(p.inputs),
    options: p.options.map((o) => `${o.label} = ${o.value}`).join("; "),
    checks: p.checks.map((c) => `${WORD[c.status]}: ${c.name}`).join("; "),
    ticket: input.ticket,
    overrideReason: overridden ? overrideReason(input.override) : "",
    by: overridden ? overrideBy({ reason: "", by: input.override?.by ?? input.by }) : (input.by ?? "").trim(),
    previousHash: last?.hash ?? "",
  };
  return { ...base, hash: entryHash(base) };
}

/** An entry as the row of its table. */
export function entryRow(e: AuditEntry): string[] {
  return [...fields(e), e.hash];
}

/** The row of a table back into an entry (undefined when it does not have the log's columns). */
function rowEntry(header: readonly string[], row: readonly string[]): AuditEntry | undefined {
  const at = (h: (typeof AUDIT_HEADERS)[number]) => {
    const j = header.indexOf(h);
    return j < 0 ? undefined : (row[j] ?? "");
  };
  if (AUDIT_HEADERS.some((h) => !header.includes(h))) return undefined;
  const seq = Number(at("Seq"));
  return {
    seq: Number.isInteger(seq) ? seq : -1,
    time: at("Time")!,
    workflow: at("Workflow")!,
    sheet: at("Sheet")!,
    inputs: at("Inputs")!,
    inputsHash: at("Inputs SHA-256")!,
    options: at("Options")!,
    checks: at("Checks")!,
    ticket: at("Ticket")!,
    overrideReason: at("Override reason")!,
    by: at("By")!,
    previousHash: at("Previous SHA-256")!,
    hash: at("SHA-256")!,
  };
}

/** The log's rows as the workbook holds them: the header, then every entry's row, in sequence order. */
export async function readAudit(port: WorkbookPort): Promise<PortMatrix> {
  const names = (await port.listTables())
    .filter((t) => t.kind === "table" && new RegExp(`^${AUDIT_TABLE_PREFIX}\\d+$`, "i").test(t.name))
    .map((t) => t.name);
  const rows: string[][] = [];
  for (const name of names) {
    const m = await port.readTable(name);
    const header = (m[0] ?? []).map(cellText);
    for (const r of m.slice(1)) {
      const byHeader = AUDIT_HEADERS.map((h) => cellText(r[header.indexOf(h)]));
      rows.push(byHeader);
    }
  }
  rows.sort((a, b) => Number(a[0]) - Number(b[0]));
  return [[...AUDIT_HEADERS], ...rows];
}

export interface AuditVerdict {
  /** True when every entry's hash matches its contents and the chain is unbroken. */
  ok: boolean;
  entries: AuditEntry[];
  /** One sentence per problem, naming the entry. */
  problems: string[];
}

/**
 * Verifies a log (its rows: header first, as readAudit gives them): each entry's hash recomputed from its
 * fields, each entry's previous hash against the entry before it, the sequence 1, 2, 3... without gaps.
 */
export function verifyAudit(rows: PortMatrix): AuditVerdict {
  const header = (rows[0] ?? []).map(cellText);
  const problems: string[] = [];
  const entries: AuditEntry[] = [];
  if (rows.length > 0 && AUDIT_HEADERS.some((h) => !header.includes(h)))
    return {
      ok: false,
      entries,
      problems: [`The audit log's columns are not ${AUDIT_HEADERS.join(", ")}: it was edited, or is not Overlay's log`],
    };
  rows.slice(1).forEach((r, k) => {
    const e = rowEntry(header, r.map(cellText))!;
    const name = `Entry ${e.seq >= 0 ? e.seq : `in row ${k + 2}`}${e.time ? ` (${e.time}, ${e.workflow})` : ""}`;
    const prev = entries[entries.length - 1];
    const expectSeq = (prev?.seq ?? 0) + 1;
    if (e.seq !== expectSeq)
      problems.push(
        e.seq < 1
          ? `${name}: its sequence number is not a whole number`
          : e.seq > expectSeq
            ? `${name}: entr${e.seq - expectSeq === 1 ? "y" : "ies"} ${expectSeq}${e.seq - expectSeq > 1 ? ` to ${e.seq - 1}` : ""} before it ${e.seq - expectSeq === 1 ? "is" : "are"} missing`
            : `${name}: its sequence number repeats or goes back (after entry ${prev?.seq ?? 0})`,
      );
    const { hash, ...rest } = e;
    if (entryHash(rest) !== hash) problems.push(`${name}: its contents do not match its SHA-256 (it was edited after it was written)`);
    const expectPrev = prev?.hash ?? "";
    if (e.previousHash !== expectPrev)
      problems.push(
        prev
          ? `${name}: its previous SHA-256 is not entry ${prev.seq}'s (an entry was replaced, removed or reordered)`
          : `${name}: it is the first entry but names a previous one (earlier entries were removed)`,
      );
    entries.push(e);
  });
  return { ok: problems.length === 0, entries, problems };
}

/** Where an entry goes: on a sheet this port added (the proposal sheet), from this row down. */
export interface AuditPlace {
  sheet: string;
  /** 0-based row of the entry's title; the table's header is the row below. */
  row: number;
}

/**
 * Writes an entry (made by makeEntry) as its one-row table OverlayAudit_<seq>: on `place`, or on a new
 * sheet "Overlay audit <seq>". Returns where it went (the title row, the header and the row).
 */
export async function writeAuditEntry(port: WorkbookPort, entry: AuditEntry, place?: AuditPlace): Promise<{ sheet: string; area: Block }> {
  let at = place;
  if (!at) {
    const sheet = uniqueSheetName(`Overlay audit ${entry.seq}`, await port.listSheets());
    await port.addSheet(sheet);
    at = { sheet, row: 0 };
  }
  const row = entryRow(entry);
  const values: PortMatrix = [[`Audit log entry ${entry.seq} (Overlay; verify with overlay audit)`], [...AUDIT_HEADERS], row];
  const text = (n: number) => new Array<string>(n).fill("@");
  await port.writeRange(at.sheet, {
    row: at.row,
    col: 0,
    values,
    numberFormats: [text(1), text(AUDIT_HEADERS.length), text(AUDIT_HEADERS.length)],
    boldRows: [0],
  });
  const area: Block = { row: at.row + 1, col: 0, rows: 2, cols: AUDIT_HEADERS.length };
  await port.addTable(at.sheet, area, `${AUDIT_TABLE_PREFIX}${entry.seq}`);
  return { sheet: at.sheet, area: { ...area, row: at.row, rows: 3 } };
}

/**
 * Appends an entry to the workbook's audit log: reads the log (for the sequence and the previous hash),
 * makes the entry and writes it (see writeAuditEntry). Returns the entry and where it went.
 */
export async function appendAudit(
  port: WorkbookPort,
  entry: AuditInput,
  place?: AuditPlace,
): Promise<{ entry: AuditEntry; sheet: string; area: Block }> {
  const log = verifyAudit(await readAudit(port));
  const last = log.entries[log.entries.length - 1];
  const made = makeEntry(entry, last && { seq: Math.max(...log.entries.map((e) => e.seq)), hash: last.hash });
  const where = await writeAuditEntry(port, made, place);
  return { entry: made, ...where };
}
