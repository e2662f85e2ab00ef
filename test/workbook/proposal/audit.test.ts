import fc from "fast-check";
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import { createHash } from "node:crypto";
import { MemoryWorkbook } from "../../../src/workbook/MemoryWorkbook";
import {
  AUDIT_HEADERS,
  AuditInput,
  appendAudit,
  entryHash,
  inputsHash,
  makeEntry,
  readAudit,
  verifyAudit,
} from "../../../src/workbook/proposal/audit";
import { PortMatrix } from "../../../src/workbook/WorkbookPort";
import { Proposal } from "../../../src/workbook/proposal/model";

function proposal(target = 0.6): Proposal {
  return {
    workflow: "rebalance",
    label: "Rebalance",
    headline: "",
    inputs: [
      {
        name: "Portfolio",
        ref: "Portfolio[#All]",
        values: [
          ["Asset class", "Market value", "Target"],
          ["Equity", 700, target],
          ["Bonds", 300, 0.4],
        ],
      },
      {
        name: "Futures",
        ref: "Futures[#All]",
        values: [
          ["Asset class", "Contract"],
          ["Equity", "ES"],
        ],
      },
    ],
    options: [{ label: "Rebalance to", value: "Edge of the range" }],
    trades: [],
    checks: [
      { name: "Trades net to zero", status: "pass", detail: "" },
      { name: "Post-trade weights inside ranges", status: "fail", detail: "PE out" },
    ],
    results: [],
    notes: [],
  };
}

const AT = new Date(Date.UTC(2026, 0, 5, 9, 30));
const input = (over: Partial<AuditInput> = {}): AuditInput => ({ proposal: proposal(), time: AT, ticket: "blocked", by: "jdoe", ...over });

/** A workbook with three proposals' entries, each on its own new sheet. */
async function threeEntries(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await appendAudit(wb, input());
  await appendAudit(wb, input({ ticket: "written under override", override: { reason: "trustees approved", by: "asmith" } }));
  await appendAudit(wb, input({ proposal: proposal(0.55), ticket: "not asked", time: new Date(AT.getTime() + 60_000) }));
  return wb;
}

describe("SHA-256", () => {
  test("FIPS 180-2 test vectors (appendix B.1 and B.2) and agreement with Node's crypto", () => {
    const h = (s: string) => bytesToHex(sha256(utf8ToBytes(s)));
    expect(h("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(h("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
    fc.assert(fc.property(fc.string(), (s) => expect(h(s)).toBe(createHash("sha256").update(s, "utf8").digest("hex"))));
  });
});

describe("inputs hash", () => {
  test("canonical: independent of the order the inputs come in; changes with any cell", () => {
    const p = proposal();
    const h = inputsHash(p.inputs);
    expect(inputsHash([...p.inputs].reverse())).toBe(h);
    expect(h).toBe(
      createHash("sha256")
        .update(
          JSON.stringify([
            ["Futures", p.inputs[1].values],
            ["Portfolio", p.inputs[0].values],
          ]),
        )
        .digest("hex"),
    );
    expect(inputsHash(proposal(0.6000001).inputs)).not.toBe(h);
    const asText = proposal();
    asText.inputs[0].values[1][1] = "700";
    expect(inputsHash(asText.inputs)).not.toBe(h); // the text "700" is not the number 700
  });
});

describe("audit log", () => {
  test("three proposals: entries 1, 2, 3 chained by their hashes; the log verifies", async () => {
    const wb = await threeEntries();
    const rows = await readAudit(wb);
    expect(rows[0]).toEqual([...AUDIT_HEADERS]);
    const v = verifyAudit(rows);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(v.entries[0].previousHash).toBe("");
    expect(v.entries[1].previousHash).toBe(v.entries[0].hash);
    expect(v.entries[2].previousHash).toBe(v.entries[1].hash);
    // Each hash is SHA-256 of the JSON array of the entry's other fields (recomputed here with Node's crypto).
    for (const [k, e] of v.entries.entries()) {
      const row = rows[k + 1].map(String);
      expect(e.hash).toBe(
        createHash("sha256")
          .update(JSON.stringify(row.slice(0, -1)))
          .digest("hex"),
      );
    }
    expect(v.entries[1]).toMatchObject({ ticket: "written under override", overrideReason: "trustees approved", by: "asmith" });
    expect(v.entries[0]).toMatchObject({ ticket: "blocked", overrideReason: "", by: "jdoe", time: "2026-01-05T09:30:00.000Z" });
    expect(v.entries[2].inputsHash).not.toBe(v.entries[0].inputsHash);
    expect(v.entries[0].checks).toBe("Passed: Trades net to zero; FAILED: Post-trade weights inside ranges");
    // One table per entry, on sheets the port added; the client's sheets are untouched.
    expect((await wb.listTables()).map((t) => t.name).sort()).toEqual(["OverlayAudit_1", "OverlayAudit_2", "OverlayAudit_3"]);
    expect(wb.addedSheets()).toEqual(["Overlay audit 1", "Overlay audit 2", "Overlay audit 3"]);
  });

  test("an edited entry is detected and named: its hash no longer matches, and the chain after it still does", async () => {
    const wb = await threeEntries();
    // The override reason of entry 2 rewritten after the fact (row 2 of its sheet: title, header, entry).
    await wb.writeRange("Overlay audit 2", { row: 2, col: AUDIT_HEADERS.indexOf("Override reason"), values: [["approved by phone"]] });
    const v = verifyAudit(await readAudit(wb));
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([
      "Entry 2 (2026-01-05T09:30:00.000Z, Rebalance): its contents do not match its SHA-256 (it was edited after it was written)",
    ]);
  });

  test("an entry edited with its hash recomputed breaks the next entry's link", async () => {
    const wb = await threeEntries();
    const rows = await readAudit(wb);
    const forged = rows.map((r) => r.slice());
    forged[1][AUDIT_HEADERS.indexOf("Ticket")] = "written";
    const e = verifyAudit(forged).entries[0];
    const { hash: _old, ...rest } = { ...e, ticket: "written" };
    void _old;
    forged[1][AUDIT_HEADERS.length - 1] = entryHash(rest);
    expect(verifyAudit(forged).problems).toEqual([
      "Entry 2 (2026-01-05T09:30:00.000Z, Rebalance): its previous SHA-256 is not entry 1's (an entry was replaced, removed or reordered)",
    ]);
  });

  test("a removed or reordered entry is detected", () => {
    const log: PortMatrix = [[...AUDIT_HEADERS]];
    let last: { seq: number; hash: string } | undefined;
    for (let k = 0; k < 3; k++) {
      const e = makeEntry(input(), last);
      log.push([...Object.values(e)].map(String));
      last = e;
    }
    // Object.values follows the entry's field order, which is AUDIT_HEADERS' order.
    expect(verifyAudit(log).ok).toBe(true);
    const removed = [log[0], log[1], log[3]];
    expect(verifyAudit(removed).problems).toEqual([
      "Entry 3 (2026-01-05T09:30:00.000Z, Rebalance): entry 2 before it is missing",
      "Entry 3 (2026-01-05T09:30:00.000Z, Rebalance): its previous SHA-256 is not entry 1's (an entry was replaced, removed or reordered)",
    ]);
    const firstGone = [log[0], log[2], log[3]];
    expect(verifyAudit(firstGone).problems[0]).toMatch(/^Entry 2 .*: entry 1 before it is missing$/);
    expect(verifyAudit([log[0], log[2], log[1], log[3]]).ok).toBe(false);
    expect(verifyAudit([[...AUDIT_HEADERS]]).ok).toBe(true);
    expect(verifyAudit([["Seq", "Time"]]).problems[0]).toMatch(/columns are not/);
  });

  test("property: changing any one field of any entry is detected", () => {
    const log: PortMatrix = [[...AUDIT_HEADERS]];
    let last: { seq: number; hash: string } | undefined;
    for (let k = 0; k < 4; k++) {
      const e = makeEntry(input({ time: new Date(AT.getTime() + k * 1000) }), last);
      log.push(Object.values(e).map(String));
      last = e;
    }
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: AUDIT_HEADERS.length - 1 }), fc.string(), (r, c, text) => {
        const edited = log.map((row) => row.slice());
        fc.pre(String(edited[r][c]) !== text);
        edited[r][c] = text;
        expect(verifyAudit(edited).ok).toBe(false);
      }),
    );
  });

  test("an entry goes below the proposal on the sheet the port added, as text", async () => {
    const wb = new MemoryWorkbook();
    await wb.addSheet("Proposal 1");
    await wb.writeRange("Proposal 1", { row: 0, col: 0, values: [["Overlay trade proposal"]] });
    const { entry, sheet, area } = await appendAudit(wb, input(), { sheet: "Proposal 1", row: 2 });
    expect(sheet).toBe("Proposal 1");
    expect(area).toEqual({ row: 2, col: 0, rows: 3, cols: AUDIT_HEADERS.length });
    expect(entry.seq).toBe(1);
    expect(await wb.readTable("OverlayAudit_1")).toEqual([[...AUDIT_HEADERS], Object.values(entry).map(String)]);
    // The client's sheets cannot receive it.
    wb.putSheet("Plan");
    await expect(appendAudit(wb, input(), { sheet: "Plan", row: 0 })).rejects.toThrow(/never writes to an existing sheet/);
  });
});
