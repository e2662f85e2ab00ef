import fc from "fast-check";
import { gateTicket } from "../../../src/workbook/proposal/controls";
import { CONTROL_HEADER, TICKET_HEADERS, tradeTicketCsv } from "../../../src/workbook/proposal/csv";
import { Check, CheckStatus, Proposal } from "../../../src/workbook/proposal/model";

function proposal(checks: Check[]): Proposal {
  return {
    workflow: "rebalance",
    label: "Rebalance",
    headline: "",
    inputs: [],
    options: [],
    trades: [
      { assetClass: "US equity", instrument: "ES", side: "Sell", quantity: 3, unit: "contracts" },
      { assetClass: "Bonds", instrument: "TY", side: "Buy", quantity: 4, unit: "contracts" },
    ],
    checks,
    results: [],
    notes: [],
  };
}

const failing: Check[] = [
  { name: "Whole contracts", status: "pass", detail: "all legs whole" },
  { name: "Weights within range", status: "fail", detail: "Private equity 12.40% above its maximum 10.00%" },
  { name: "Cash floor", status: "warn", detail: "cash 0.9% under 1%" },
];

describe("gateTicket", () => {
  test("a proposal whose checks pass or warn is allowed, with or without an override", () => {
    const ok = gateTicket(proposal([failing[0], failing[2]]));
    expect(ok).toEqual({ allowed: true, failed: [], message: "No check failed (1 warning): the ticket may be written." });
    expect(gateTicket(proposal([failing[0]])).message).toBe("All checks passed: the ticket may be written.");
    expect(gateTicket(proposal([])).allowed).toBe(true);
  });

  test("a failed check blocks the ticket and the message names the check and its figures", () => {
    const g = gateTicket(proposal(failing));
    expect(g.allowed).toBe(false);
    expect(g.failed).toEqual([failing[1]]);
    expect(g.message).toBe(
      "Ticket blocked: 1 check failed: Weights within range (Private equity 12.40% above its maximum 10.00%). Override with a reason to write it anyway.",
    );
  });

  test("an override needs a reason: empty or blank reasons do not unblock", () => {
    for (const reason of ["", "   ", "\t\n"]) {
      const g = gateTicket(proposal(failing), { reason, by: "jdoe" });
      expect(g.allowed).toBe(false);
      expect(g.message).toMatch(/An override needs a reason; none was given\.$/);
    }
  });

  test("an override with a reason allows the ticket and says who and why", () => {
    const g = gateTicket(proposal(failing), { reason: "  PE valuation is stale;  trustees  approved ", by: "jdoe" });
    expect(g.allowed).toBe(true);
    expect(g.failed).toHaveLength(1);
    expect(g.message).toBe(
      'Ticket written under override by jdoe ("PE valuation is stale; trustees approved") although 1 check failed: Weights within range (Private equity 12.40% above its maximum 10.00%).',
    );
    expect(gateTicket(proposal(failing), { reason: "ok" }).message).toContain("by unnamed");
  });

  test("property: allowed exactly when no check fails or a non-blank reason is given; failed lists the failing checks", () => {
    const status = fc.constantFrom<CheckStatus>("pass", "warn", "fail");
    const checks = fc.array(fc.record({ name: fc.string({ minLength: 1 }), status, detail: fc.string() }), { maxLength: 6 });
    const override = fc.option(fc.record({ reason: fc.string(), by: fc.option(fc.string(), { nil: undefined }) }), { nil: undefined });
    fc.assert(
      fc.property(checks, override, (cs, ov) => {
        const g = gateTicket(proposal(cs), ov);
        const nFail = cs.filter((c) => c.status === "fail").length;
        expect(g.failed).toHaveLength(nFail);
        expect(g.failed.every((c) => c.status === "fail")).toBe(true);
        expect(g.allowed).toBe(nFail === 0 || (ov !== undefined && ov.reason.trim() !== ""));
        expect(g.message.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe("ticket under override", () => {
  test("every line says overridden, by whom, why and which checks failed; the headers gain a Control column", () => {
    const csv = tradeTicketCsv(proposal(failing), { id: "Proposal 1", override: { reason: "trustees approved", by: "jdoe" } });
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe([...TICKET_HEADERS, CONTROL_HEADER].join(","));
    expect(lines).toHaveLength(3);
    for (const line of lines.slice(1))
      expect(line.endsWith(",OVERRIDDEN by jdoe: trustees approved (failed: Weights within range)")).toBe(true);
  });

  test("without an override the ticket is as before (no Control column)", () => {
    const csv = tradeTicketCsv(proposal([failing[0]]), { id: "P" });
    expect(csv.split("\r\n")[0]).toBe(TICKET_HEADERS.join(","));
    expect(csv).not.toContain("OVERRIDDEN");
  });

  test("an override reason that starts a formula is neutralised (OWASP CSV injection)", () => {
    const csv = tradeTicketCsv(proposal(failing), { id: "P", override: { reason: "x", by: "=cmd|' /C calc'!A0" } });
    // The mark starts with OVERRIDDEN, so no cell starts with = even when the name does.
    for (const line of csv.trimEnd().split("\r\n").slice(1)) expect(line).toContain(",OVERRIDDEN by =cmd|' /C calc'!A0: x");
  });
});
