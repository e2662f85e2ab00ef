/**
 * The package check (unzip.ts): every limit refuses a small generated file once the limit is lowered for the
 * test, naming the part, the limit and the flag; declared sizes are never trusted; counts agree with the XML.
 */
import fc from "fast-check";
import ExcelJS from "exceljs";
import {
  DEFAULT_LIMITS,
  PackageError,
  PackageLimits,
  TagCounter,
  checkFileSize,
  checkPackage,
  tagPattern,
} from "../../../src/cli/xlsx/unzip";
import { loadBook } from "../../../src/cli/xlsx/load";
import { paddedSheet, sharedStringsXml, sheetXml, workbookZip, zipOf } from "./zipFixtures";

const MB = 1024 * 1024;
const lim = (over: Partial<PackageLimits>): PackageLimits => ({ ...DEFAULT_LIMITS, ...over });

async function refusal(data: Buffer, limits: PackageLimits = DEFAULT_LIMITS): Promise<PackageError> {
  try {
    await checkPackage(data, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(PackageError);
    return e as PackageError;
  }
  throw new Error("the package was accepted");
}

describe("limits, each refused with the part, the limit and its flag", () => {
  test("a part that inflates past --max-part-mb: stops at the limit, whatever the directory declares", async () => {
    const sheet = paddedSheet(3 * MB);
    for (const declared of [undefined, 100, 0]) {
      const bomb = zipOf([{ name: "xl/worksheets/sheet1.xml", data: sheet, declared }]);
      const e = await refusal(bomb, lim({ maxPartMb: 1 }));
      expect(e.message).toBe("xl/worksheets/sheet1.xml inflates past 1 MB (limit; --max-part-mb to raise it)");
      expect(e).toMatchObject({ part: "xl/worksheets/sheet1.xml", limit: "maxPartMb" });
    }
    // Stored (not compressed) parts are held to the same limit.
    expect((await refusal(zipOf([{ name: "xl/worksheets/sheet1.xml", data: sheet, method: 0 }]), lim({ maxPartMb: 1 }))).limit).toBe(
      "maxPartMb",
    );
    // At a higher limit the same part is read, and its true size reported.
    expect((await checkPackage(zipOf([{ name: "xl/worksheets/sheet1.xml", data: sheet }]), lim({ maxPartMb: 4 }))).totalBytes).toBe(
      sheet.length,
    );
  });

  test("the compression ratio (--max-ratio), once a part is past 10 MB", async () => {
    const bomb = zipOf([{ name: "xl/worksheets/sheet1.xml", data: paddedSheet(12 * MB) }]);
    expect((await refusal(bomb, lim({ maxRatio: 100 }))).message).toMatch(
      /^xl\/worksheets\/sheet1\.xml inflates more than 100 times its compressed size of [\d,]+ bytes \(limit; --max-ratio to raise it\)$/,
    );
    // Whitespace at level 9 compresses some 1,014 times: past the default 1,000; a raised limit reads it.
    expect((await refusal(bomb)).limit).toBe("maxRatio");
    expect((await checkPackage(bomb, lim({ maxRatio: 2000 }))).totalBytes).toBe(12 * MB);
    // A small part may compress as well as it likes.
    await expect(checkPackage(zipOf([{ name: "a.xml", data: paddedSheet(MB) }]), lim({ maxRatio: 2 }))).resolves.toMatchObject({
      totalBytes: paddedSheet(MB).length,
    });
  });

  test("all parts together (--max-total-mb)", async () => {
    const parts = [0, 1, 2].map((k) => ({ name: `xl/media/p${k}.xml`, data: paddedSheet(MB) }));
    expect((await refusal(zipOf(parts), lim({ maxTotalMb: 2.5 }))).message).toBe(
      "its parts inflate past 2.5 MB in all (at xl/media/p2.xml) (limit; --max-total-mb to raise it)",
    );
  });

  test("the number of parts, shared strings, cells and formulas", async () => {
    const many = zipOf(Array.from({ length: 12 }, (_, k) => ({ name: `p${k}.xml`, data: "<a/>" })));
    expect((await refusal(many, lim({ maxParts: 10 }))).message).toBe("has 12 parts, more than 10 (limit; --max-parts to raise it)");
    expect((await refusal(workbookZip(sheetXml(1), sharedStringsXml(1001)), lim({ maxStrings: 1000 }))).message).toBe(
      "xl/sharedStrings.xml holds 1,001 shared strings, more than 1,000 (limit; --max-strings to raise it)",
    );
    expect((await refusal(workbookZip(sheetXml(300, 4)), lim({ maxCells: 1000 }))).message).toBe(
      "the worksheets hold 1,200 cells by xl/worksheets/sheet1.xml, more than 1,000 (limit; --max-cells to raise it)",
    );
    expect((await refusal(workbookZip(sheetXml(300, 2, true)), lim({ maxFormulas: 299 }))).message).toBe(
      "the worksheets hold 300 formulas by xl/worksheets/sheet1.xml, more than 299 (limit; --max-formulas to raise it)",
    );
    const ok = await checkPackage(workbookZip(sheetXml(300, 2, true), sharedStringsXml(7)));
    expect(ok).toMatchObject({ cells: 600, formulas: 300, strings: 7 });
  });

  test("the file's size (--max-file-mb), before it is read", () => {
    expect(() => checkFileSize(200 * MB)).not.toThrow();
    expect(() => checkFileSize(200 * MB + 1)).toThrow("the file is 201 MB, more than 200 MB (limit; --max-file-mb to raise it)");
    expect(() => checkFileSize(3 * MB, lim({ maxFileMb: 2 }))).toThrow(/--max-file-mb/);
  });

  test("a workbook exceljs writes passes, with its cells counted", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    for (let r = 1; r <= 50; r++) ws.getRow(r).values = [r, `t${r}`, { formula: `A${r}*2`, result: 2 * r }];
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const report = await checkPackage(data);
    expect(report).toMatchObject({ cells: 150, formulas: 50, strings: 50 });
    expect(report.parts.map((p) => p.name)).toContain("xl/worksheets/sheet1.xml");
  });
});

describe("what is not a package Overlay reads, in words", () => {
  test.each([
    ["empty", Buffer.alloc(0), /^is not an \.xlsx package \(the file is empty or too short\)$/],
    ["text", Buffer.from("Asset class,Weight\nEquity,0.6\n".repeat(10)), /^is not an \.xlsx package \(no ZIP directory found/],
    [
      "an OLE file (password-protected)",
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]),
      /OLE file \(a password-protected workbook/,
    ],
    ["cut short", workbookZip(sheetXml(5)).subarray(0, 300), /^is not an \.xlsx package/],
  ])("%s", async (_, data, message) => {
    expect((await refusal(data)).message).toMatch(message);
  });

  test("a part whose contents do not match the size its directory declares", async () => {
    expect((await refusal(zipOf([{ name: "xl/workbook.xml", data: "<workbook/>", declared: 5 }]))).message).toBe(
      "xl/workbook.xml: inflates to 11 bytes, not the 5 its ZIP directory declares (a damaged or altered file)",
    );
  });

  test("encrypted parts, unknown methods, damaged deflate data, a directory pointing past the file", async () => {
    expect((await refusal(zipOf([{ name: "a.xml", data: "<a/>", flags: 1 }]))).message).toBe(
      "a.xml: is encrypted, which Overlay does not read",
    );
    expect((await refusal(zipOf([{ name: "a.xml", data: "<a/>", method: 12 }]))).message).toMatch(/^a\.xml: is compressed with method 12/);
    const text = Array.from({ length: 400 }, (_, k) => `<v>${(k * 7919) % 1009}</v>`).join("");
    const broken = zipOf([{ name: "a.xml", data: text }]);
    broken.fill(0xff, 40, 60); // inside the deflate stream (30-byte header, 5-byte name, then the data)
    expect((await refusal(broken)).message).toMatch(/^a\.xml: (is damaged|inflates to)/);
    const far = zipOf([{ name: "a.xml", data: "<a/>" }]);
    far.writeUInt32LE(far.length + 100, far.length - 6); // the directory's offset
    expect((await refusal(far)).message).toMatch(/damaged ZIP archive/);
  });

  test("loadBook refuses in the same words, and a reader's internal failure comes out in ours", async () => {
    await expect(loadBook(workbookZip(sheetXml(300, 4)), lim({ maxCells: 10 }))).rejects.toThrow(/--max-cells/);
    // A cell referring to shared string 5 of 2: exceljs fails with "Cannot read properties of undefined (reading 'richText')".
    const bad = workbookZip(
      sheetXml(0).replace("<sheetData>", '<sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row>'),
      sharedStringsXml(2),
    );
    await expect(loadBook(bad)).rejects.toThrow(
      "is not a valid workbook: a cell refers to a shared string that its string table does not hold (the file is damaged)",
    );
  });
});

describe("counting elements across chunk boundaries", () => {
  test("property: the streamed count of <c ...> (prefixed or not) equals the count over the whole text", () => {
    const piece = fc.constantFrom(
      '<c r="A1">',
      "<c>",
      "<c/>",
      "<x:c ",
      "<abcdefghij:c>",
      "<col>",
      "<cols ",
      "<",
      "c",
      ":",
      " ",
      ">",
      "x",
      "<f>",
      "</c>",
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 23 }), { minLength: 1, maxLength: 20 }),
        (ps, cuts) => {
          const text = ps.join("");
          const counter = new TagCounter(tagPattern("c"));
          let at = 0;
          for (let k = 0; at < text.length; k++) {
            const n = cuts[k % cuts.length];
            counter.push(Buffer.from(text.slice(at, at + n), "latin1"));
            at += n;
          }
          expect(counter.finish()).toBe((text.match(tagPattern("c")) ?? []).length);
        },
      ),
    );
  });

  test("prefixed SpreadsheetML (<x:c>, <x:f>) is counted too", async () => {
    const xml = sheetXml(30, 2, true).replace(/<(\/?)(c|f|row|sheetData|worksheet)\b/g, "<$1x:$2");
    await expect(checkPackage(zipOf([{ name: "xl/worksheets/sheet1.xml", data: xml }]))).resolves.toMatchObject({
      cells: 60,
      formulas: 30,
    });
  });
});
