/**
 * `overlay audit`: prints and verifies the audit log inside a workbook. The log here is written by the port
 * the command itself uses (XlsxWorkbook, through audit.ts), saved by exceljs, and read back from the file.
 */
import ExcelJS from "exceljs";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../../src/cli/overlay";
import { modelOf } from "../../../src/cli/xlsx/load";
import { XlsxWorkbook } from "../../../src/cli/xlsx/XlsxWorkbook";
import { AUDIT_HEADERS, appendAudit } from "../../../src/workbook/proposal/audit";
import { Proposal } from "../../../src/workbook/proposal/model";
import { capture, tempDir } from "../helpers";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const proposal: Proposal = {
  workflow: "equitise",
  label: "Equitise",
  headline: "",
  inputs: [
    {
      name: "Portfolio",
      ref: "Portfolio[#All]",
      values: [
        ["Asset class", "Market value"],
        ["Cash", 110000000],
      ],
    },
  ],
  options: [{ label: "Buffer", value: "1%" }],
  trades: [],
  checks: [{ name: "No leverage", status: "pass", detail: "" }],
  results: [],
  notes: [],
};

/** Appends an entry the way overlay propose does: the file loaded, the entry added through its port, saved. */
async function appendTo(bytes: Buffer | undefined, entry: Parameters<typeof appendAudit>[1]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (bytes) await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  else wb.addWorksheet("Plan").getCell("A1").value = "client model";
  await appendAudit(new XlsxWorkbook(wb, modelOf(wb)), entry);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook holding a log of three entries, each on a sheet of its own; `edit` changes it before it is saved. */
async function logBook(path: string, edit?: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const at = Date.UTC(2026, 0, 5, 9, 30);
  let bytes = await appendTo(undefined, { proposal, time: new Date(at), ticket: "not asked", by: "jdoe" });
  bytes = await appendTo(bytes, {
    proposal,
    time: new Date(at + 60_000),
    ticket: "written under override",
    override: { reason: "IC approved", by: "asmith" },
  });
  bytes = await appendTo(bytes, { proposal, time: new Date(at + 120_000), ticket: "written", by: "jdoe" });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  edit?.(wb);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
}

describe("overlay audit", () => {
  test("a log of three entries verifies, entry by entry", async () => {
    const path = join(dir, "book.xlsx");
    await logBook(path);
    const { result, out } = await capture(() => main(["audit", path]));
    expect(result).toBe(0);
    expect(out).toContain(`${path}: audit log of 3 entries`);
    expect(out).toContain("  1. 2026-01-05T09:30:00.000Z  Equitise, by jdoe");
    expect(out).toContain("  2. 2026-01-05T09:31:00.000Z  Equitise, by asmith");
    expect(out).toContain("     Ticket: written under override; override reason: IC approved");
    expect(out).toContain("Verified: every entry matches its SHA-256 and the chain from entry 1 to entry 3 is unbroken.");
  });

  test("an edited cell is named: the entry it is in no longer matches its hash", async () => {
    const path = join(dir, "edited.xlsx");
    const col = AUDIT_HEADERS.indexOf("Override reason") + 1;
    await logBook(path, (wb) => {
      wb.getWorksheet("Overlay audit 2")!.getCell(3, col).value = "approved by phone";
    });
    const { result, out } = await capture(() => main(["audit", path]));
    expect(result).toBe(1);
    expect(out).toContain("NOT VERIFIED: 1 problem:");
    expect(out).toContain(
      "Entry 2 (2026-01-05T09:31:00.000Z, Equitise): its contents do not match its SHA-256 (it was edited after it was written)",
    );
  });

  test("a removed entry is named", async () => {
    const path = join(dir, "removed.xlsx");
    await logBook(path, (wb) => wb.removeWorksheet(wb.getWorksheet("Overlay audit 2")!.id));
    const { result, out } = await capture(() => main(["audit", path, "--json"]));
    expect(result).toBe(1);
    const [log] = JSON.parse(out) as { ok: boolean; problems: string[] }[];
    expect(log.ok).toBe(false);
    expect(log.problems).toEqual([
      "Entry 3 (2026-01-05T09:32:00.000Z, Equitise): entry 2 before it is missing",
      "Entry 3 (2026-01-05T09:32:00.000Z, Equitise): its previous SHA-256 is not entry 1's (an entry was replaced, removed or reordered)",
    ]);
  });

  test("usage errors and unreadable files", async () => {
    expect((await capture(() => main(["audit"]))).result).toBe(2);
    expect((await capture(() => main(["audit", "x.xlsx", "--colour"]))).err).toMatch(/unknown option --colour/);
    const missing = await capture(() => main(["audit", join(dir, "nope.xlsx")]));
    expect(missing.result).toBe(2);
    expect(missing.err).toContain("nope.xlsx: could not be read: no such file");
  });
});
