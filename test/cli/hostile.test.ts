/**
 * Hostile and damaged workbooks through the command (issue 20): small generated versions of each file of the
 * issue's table (limits lowered for the test with the flags a user would give), and a fuzz over files:
 * mutated, truncated and spliced packages. Every refusal is in our words and names the file; no message
 * carries a JavaScript internal ("Cannot read properties", "Maximum call stack", "undefined") or a stack trace.
 */
import fc from "fast-check";
import ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../src/cli/overlay";
import { capture, f, sha256, tempDir } from "./helpers";
import { paddedSheet, sharedStringsXml, sheetXml, workbookZip } from "./xlsx/zipFixtures";

jest.setTimeout(120_000);

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const INTERNAL =
  /Cannot read propert|Maximum call stack|undefined|\bnull\b|NaN|Infinity|Invalid string length|Invalid array length|\n\s+at |Bug :|TypeError|RangeError/;
const MB = 1024 * 1024;

/** Runs the command; asserts the output is in our words; returns status and text. */
async function overlay(args: string[]): Promise<{ result: number; text: string }> {
  const { result, out, err } = await capture(() => main(args));
  const text = out + err;
  expect(text).not.toMatch(INTERNAL);
  return { result, text };
}

describe("the issue's hostile files, small (limits lowered with the flags)", () => {
  test.each([
    [
      "a sheet part that inflates past the part limit",
      () => workbookZip(paddedSheet(3 * MB)),
      ["--max-part-mb", "1"],
      "xl/worksheets/sheet1.xml inflates past 1 MB (limit; --max-part-mb to raise it)",
    ],
    [
      "a zip bomb (ratio)",
      () => workbookZip(paddedSheet(11 * MB)),
      ["--max-ratio", "50"],
      "xl/worksheets/sheet1.xml inflates more than 50 times its compressed size",
    ],
    [
      "too many shared strings",
      () => workbookZip(sheetXml(1), sharedStringsXml(5000)),
      ["--max-strings", "1000"],
      "xl/sharedStrings.xml holds 5,000 shared strings, more than 1,000 (limit; --max-strings to raise it)",
    ],
    [
      "too many cells",
      () => workbookZip(sheetXml(2000, 3)),
      ["--max-cells", "5000"],
      "the worksheets hold 6,000 cells by xl/worksheets/sheet1.xml, more than 5,000 (limit; --max-cells to raise it)",
    ],
    [
      "too many formulas",
      () => workbookZip(sheetXml(2000, 1, true)),
      ["--max-formulas", "100"],
      "more than 100 (limit; --max-formulas to raise it)",
    ],
    [
      "a large file (the 1 GB zip comment, small)",
      () => Buffer.concat([workbookZip(sheetXml(1)), Buffer.alloc(3 * MB, 0x41)]),
      ["--max-file-mb", "2"],
      "the file is 4 MB, more than 2 MB (limit; --max-file-mb to raise it)",
    ],
    [
      "a comment after the directory, within the limit",
      () => Buffer.concat([workbookZip(sheetXml(1)), Buffer.alloc(MB, 0x41)]),
      [],
      "is not an .xlsx package (no ZIP directory found",
    ],
    [
      "a cell beyond column XFD",
      () => workbookZip(sheetXml(0).replace("<sheetData>", '<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row>')),
      [],
      "is not a valid workbook: a cell or range names column XFE, beyond Excel's last column XFD (the file is damaged)",
    ],
    [
      "a cell whose address is not one",
      () => workbookZip(sheetXml(0).replace("<sheetData>", '<sheetData><row r="1"><c r="1A"><v>1</v></c></row>')),
      [],
      "is not a valid workbook: a cell's address is not one (the file is damaged)",
    ],
    [
      "a shared string reference past the string table",
      () =>
        workbookZip(
          sheetXml(0).replace("<sheetData>", '<sheetData><row r="1"><c r="A1" t="s"><v>999999</v></c></row>'),
          sharedStringsXml(3),
        ),
      [],
      "a cell refers to a shared string that its string table does not hold",
    ],
  ])("%s: overlay run and propose refuse it naming the file, the part and the limit", async (_, make, flags, message) => {
    const input = join(dir, "client.xlsx");
    writeFileSync(input, make());
    const before = sha256(input);
    const run = await overlay(["run", input, ...flags]);
    expect(run.result).toBe(2);
    expect(run.text).toContain(`${input}: could not be processed: `);
    expect(run.text).toContain(message);
    const propose = await overlay(["propose", input, "-w", "rebalance", ...flags]);
    expect(propose.result).toBe(2);
    expect(propose.text).toContain(`${input}: no proposal: `);
    expect(propose.text).toContain(message);
    expect(sha256(input)).toBe(before);
  });

  test("raising the limit lets the same file through", async () => {
    const input = join(dir, "client.xlsx");
    writeFileSync(input, workbookZip(sheetXml(2000, 3)));
    expect((await overlay(["run", input, "--max-cells", "5000", "--dry-run"])).result).toBe(2);
    expect((await overlay(["run", input, "--max-cells", "10000", "--dry-run"])).result).toBe(0);
    expect((await overlay(["run", input, "--max-cells", "lots"])).text).toMatch(/--max-cells takes a positive number, got 'lots'/);
  });
});

describe("fuzz over files: damaged packages are refused in our words", () => {
  let valid: Buffer;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = 25_000_000;
    ws.getCell("A2").value = "Equity";
    ws.getCell("B1").value = f("OVERLAY.CONTRACTS(A1,5000,250)");
    ws.addTable({
      name: "Portfolio",
      ref: "D1",
      columns: [{ name: "Asset class" }, { name: "Market value" }],
      rows: [
        ["Equity", 700],
        ["Bonds", 300],
      ],
    });
    valid = Buffer.from(await wb.xlsx.writeBuffer());
  });

  test("property: flipped bytes, truncations and spliced junk never leak an internal message", async () => {
    const input = join(dir, "fuzz.xlsx");
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
      fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("splice" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
        let data = Buffer.from(valid);
        for (const m of ms) {
          const at = m.at % Math.max(1, data.length);
          if (m.kind === "flip") for (let k = 0; k < m.bytes.length && at + k < data.length; k++) data[at + k] ^= m.bytes[k] || 1;
          else if (m.kind === "cut") data = data.subarray(0, at);
          else data = Buffer.concat([data.subarray(0, at), Buffer.from(m.bytes), data.subarray(at)]);
        }
        writeFileSync(input, data);
        const { result } = await overlay(["run", input, "--dry-run"]);
        expect([0, 1, 2]).toContain(result);
      }),
      { numRuns: 60 },
    );
  });

  test("XML parts replaced by junk, one at a time, are refused in words", async () => {
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(valid);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    const junk = [
      "",
      "<",
      "<worksheet><sheetData><row><c r='ZZZZ0'><v>1</v></c>",
      "\u0000\u0001\u0002",
      "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;&a;</x>",
      "<a>".repeat(20000),
    ];
    const input = join(dir, "junk.xlsx");
    let refused = 0;
    for (const name of names) {
      for (const j of junk) {
        const copy = await JSZip.loadAsync(valid);
        copy.file(name, j);
        writeFileSync(input, await copy.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
        const { result, text } = await overlay(["run", input, "--dry-run"]);
        if (result === 2) {
          refused++;
          expect(text).toMatch(new RegExp(`^${input.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: could not be processed: `, "m"));
        }
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(readFileSync(input).length).toBeGreaterThan(0);
  });
});
