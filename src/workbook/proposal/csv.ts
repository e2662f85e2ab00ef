/**
 * The trade ticket for the execution desk: one CSV row per trade (RFC 4180 quoting, CRLF line ends).
 * Formula injection is neutralised: a cell that starts with = + - @, a tab or a carriage return gets a
 * leading single quote, so a spreadsheet opening the ticket shows it as text and never runs it (OWASP,
 * "CSV Injection"). Quantities and notionals are written as absolute values with a Side column, so
 * numbers never start with a minus sign.
 *
 * A ticket written under an override of failed checks (controls.ts) carries one more column, "Control",
 * that says so on every line: "OVERRIDDEN by <who>: <reason> (failed: <checks>)".
 */
import { Override, overrideBy, overrideReason } from "./controls";
import { Proposal } from "./model";
import { stamp } from "./writer";

/** Expiry: the contract's or option's last trading day (yyyy-mm-dd), empty when not known. */
export const TICKET_HEADERS = [
  "Proposal",
  "Workflow",
  "Line",
  "Side",
  "Instrument",
  "Quantity",
  "Unit",
  "Asset class",
  "Notional",
  "Expiry",
  "Note",
];
/** The column a ticket written under an override adds after TICKET_HEADERS. */
export const CONTROL_HEADER = "Control";

/** A cell neutralised against formula injection. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function quoteCsv(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function numberText(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return "";
  return String(Math.abs(x) === 0 ? 0 : Math.abs(x));
}

export function csvLine(cells: readonly string[]): string {
  return cells.map((c) => quoteCsv(neutralise(c))).join(",");
}

/** What every line of a ticket written under an override says. */
export function overrideMark(p: Proposal, override: Override): string {
  const failed = p.checks.filter((c) => c.status === "fail").map((c) => c.name);
  const reason = overrideReason(override) || "no reason given";
  return `OVERRIDDEN by ${overrideBy(override)}: ${reason}${failed.length ? ` (failed: ${failed.join("; ")})` : ""}`;
}

/**
 * The ticket as CSV text. `id` names the proposal (its sheet name, or its time stamp). With `override`,
 * every line carries the Control column saying the ticket was written under an override (gate it first
 * with gateTicket: this function writes what it is given).
 */
export function tradeTicketCsv(p: Proposal, opts: { id?: string; now?: Date; override?: Override } = {}): string {
  const id = opts.id ?? `Proposal ${stamp(opts.now ?? new Date())}`;
  const mark = opts.override ? [overrideMark(p, opts.override)] : [];
  const lines = [csvLine(opts.override ? [...TICKET_HEADERS, CONTROL_HEADER] : TICKET_HEADERS)];
  p.trades.forEach((t, i) => {
    lines.push(
      csvLine([
        id,
        p.label,
        String(i + 1),
        t.side,
        t.instrument,
        numberText(t.quantity),
        t.unit,
        t.assetClass,
        numberText(t.notional),
        t.expiry ?? "",
        t.note ?? "",
        ...mark,
      ]),
    );
  });
  return lines.join("\r\n") + "\r\n";
}

/** A file name for the ticket: "Overlay ticket Rebalance 2026-11-24 14.32.csv". */
export function ticketFileName(p: Proposal, now: Date = new Date()): string {
  return `Overlay ticket ${p.label} ${stamp(now)}.csv`.replace(/[\\/:*?"<>|]/g, "-");
}
