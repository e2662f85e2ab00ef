/**
 * Controls on a proposal before it leaves the workbook (issue 16): a proposal with a failed check is
 * blocked, and its trade ticket is written only when a person overrides the block with a reason. The ticket
 * written under an override says so on every line (csv.ts), and the audit log (audit.ts) records the
 * override, its reason and who gave it.
 *
 * Warnings do not block: they are shown, and the ticket is written. Plain data in, plain data out; the task
 * pane and `overlay propose` share this gate.
 */
import { Check, Proposal } from "./model";

export interface Override {
  /** Why the failed checks are accepted, in the words of the person who accepts them. Must not be empty. */
  reason: string;
  /** Who overrides (a name or login); when missing the ticket and the log say "unnamed". */
  by?: string;
}

export interface Gate {
  /** True when the ticket may be written: no check failed, or an override with a reason was given. */
  allowed: boolean;
  /** The checks that failed (empty when none did). */
  failed: Check[];
  /** One sentence for the person: why the ticket is blocked, or on what terms it is written. */
  message: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The reason of an override, trimmed; "" when none was given. */
export function overrideReason(override?: Override): string {
  return (override?.reason ?? "").replace(/\s+/g, " ").trim();
}

/** Who overrides, trimmed; "unnamed" when nobody is named. */
export function overrideBy(override?: Override): string {
  const by = (override?.by ?? "").replace(/\s+/g, " ").trim();
  return by || "unnamed";
}

/** Whether the proposal's ticket may be written, and why (or why not). */
export function gateTicket(proposal: Proposal, override?: Override): Gate {
  const failed = proposal.checks.filter((c) => c.status === "fail");
  const warned = proposal.checks.filter((c) => c.status === "warn").length;
  if (failed.length === 0) {
    const message =
      warned > 0
        ? `No check failed (${plural(warned, "warning")}): the ticket may be written.`
        : proposal.checks.length > 0
          ? "All checks passed: the ticket may be written."
          : "The proposal has no checks: the ticket may be written.";
    return { allowed: true, failed, message };
  }
  const list = failed.map((c) => (c.detail ? `${c.name} (${c.detail.trim().replace(/\.$/, "")})` : c.name)).join("; ");
  const reason = overrideReason(override);
  if (override !== undefined && reason === "")
    return {
      allowed: false,
      failed,
      message: `Ticket blocked: ${plural(failed.length, "check")} failed: ${list}. An override needs a reason; none was given.`,
    };
  if (override === undefined)
    return {
      allowed: false,
      failed,
      message: `Ticket blocked: ${plural(failed.length, "check")} failed: ${list}. Override with a reason to write it anyway.`,
    };
  return {
    allowed: true,
    failed,
    message: `Ticket written under override by ${overrideBy(override)} ("${reason}") although ${plural(failed.length, "check")} failed: ${list}.`,
  };
}
