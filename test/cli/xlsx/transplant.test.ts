/** Moving a sheet between packages (overlay propose's package writer), on small packages built here. */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { PatchError } from "../../../src/cli/xlsx/patch";
import { transplantSheet } from "../../../src/cli/xlsx/transplant";

async function pack(build: (wb: ExcelJS.Workbook) => void): Promise<JSZip> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
}

async function edit(zip: JSZip, path: string, f: (xml: string) => string): Promise<void> {
  zip.file(path, f(await zip.file(path)!.async("string")));
}

const text = (zip: JSZip, path: string) => zip.file(path)!.async("string");

/** The client: one sheet with a table "Dup", a defined name "Taken", no custom number formats. */
const client = () =>
  pack((wb) => {
    const ws = wb.addWorksheet("Data");
    ws.getCell("A1").value = "kept";
    ws.addTable({ name: "Dup", ref: "A3", columns: [{ name: "x" }], rows: [[1]] });
    wb.definedNames.add("Data!$A$1", "Taken");
  });

/** The scratch sheet: text, a custom number format, bold, two tables whose names the client uses, a link. */
const scratch = () =>
  pack((wb) => {
    const ws = wb.addWorksheet("New sheet");
    ws.getCell("A1").value = "Title";
    ws.getCell("A1").font = { bold: true };
    ws.getCell("B2").value = 0.123456;
    ws.getCell("B2").numFmt = "0.0000";
    ws.getCell("C2").value = 0.5;
    ws.getCell("C2").numFmt = "0.00%";
    ws.getCell("D2").value = { text: "site", hyperlink: "https://example.com/" };
    ws.addTable({ name: "Dup", ref: "A5", columns: [{ name: "a" }], rows: [["t"]] });
    ws.addTable({ name: "Taken", ref: "C5", columns: [{ name: "b" }], rows: [[2]] });
  });

describe("transplantSheet", () => {
  test("the sheet arrives with inline text, the client's styles appended, tables renamed and renumbered", async () => {
    const to = await client();
    const before = await text(to, "xl/styles.xml");
    const sharedBefore = await text(to, "xl/sharedStrings.xml");
    const moved = await transplantSheet(to, await scratch(), "New sheet");
    expect(moved.path).toBe("xl/worksheets/sheet2.xml");
    expect(moved.sheetId).toBe(2);
    expect(moved.tables.map((t) => [t.from, t.name, t.id])).toEqual([
      ["Dup", "Dup_2", 2],
      ["Taken", "Taken_2", 3],
    ]);
    expect(moved.changed.sort()).toEqual(["[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml"]);
    expect(await text(to, "xl/sharedStrings.xml")).toBe(sharedBefore);
    // The custom format gets the first free id (the client had none: a numFmts list is made), 0.00% stays built-in 10.
    const styles = await text(to, "xl/styles.xml");
    expect(styles).toContain('<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0000"/></numFmts>');
    expect(before.length).toBeLessThan(styles.length);
    // Read back: values, formats, bold, the link and the tables are there.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await to.generateAsync({ type: "nodebuffer" })) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Data", "New sheet"]);
    const ws = wb.getWorksheet("New sheet")!;
    expect(ws.getCell("A1").value).toBe("Title");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("B2").numFmt).toBe("0.0000");
    expect(ws.getCell("C2").numFmt).toBe("0.00%");
    expect(ws.getCell("D2").value).toEqual({ text: "site", hyperlink: "https://example.com/" });
    const names = (ws.getTables() as unknown as { table: { name: string } }[]).map((t) => t.table.name).sort();
    expect(names).toEqual(["Dup_2", "Taken_2"]);
    expect(wb.getWorksheet("Data")!.getCell("A1").value).toBe("kept");
    const rels = await text(to, "xl/worksheets/_rels/sheet2.xml.rels");
    expect(rels).toContain('Target="https://example.com/" TargetMode="External"');
    expect(rels).toContain('Target="../tables/table2.xml"');
  });

  test("a workbook part without the relationships prefix gets it; a used custom format is reused", async () => {
    const to = await client();
    await edit(to, "xl/workbook.xml", (x) =>
      x.replace(' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"', ""),
    );
    await edit(to, "xl/styles.xml", (x) =>
      x.replace(/<numFmts\b[\s\S]*?<\/numFmts>|(?=<fonts\b)/, '<numFmts count="1"><numFmt numFmtId="170" formatCode="0.0000"/></numFmts>'),
    );
    await transplantSheet(to, await scratch(), "New sheet");
    const book = await text(to, "xl/workbook.xml");
    expect(book).toMatch(/^[\s\S]*<workbook\b[^>]* xmlns:r="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships">/);
    expect(book).toMatch(/<sheet name="New sheet" sheetId="2" r:id="rId\d+"\/><\/sheets>/);
    expect(await text(to, "xl/styles.xml")).toContain('<numFmts count="1"><numFmt numFmtId="170" formatCode="0.0000"/></numFmts>');
  });

  test.each([
    [
      "a sheet name the workbook has",
      async (to: JSZip) => edit(to, "xl/workbook.xml", (x) => x.replace('name="Data"', 'name="new SHEET"')),
      /already has a sheet/,
    ],
    [
      "no styles part",
      async (to: JSZip) => edit(to, "xl/_rels/workbook.xml.rels", (x) => x.replace(/<Relationship [^>]*\/styles"[^>]*\/>/, "")),
      /no styles part/,
    ],
    [
      "a Strict workbook part",
      async (to: JSZip) =>
        edit(to, "xl/workbook.xml", (x) =>
          x.replace("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"),
        ),
      /not transitional/,
    ],
  ])("refuses %s (PatchError: the caller falls back)", async (_, spoil, message) => {
    const to = await client();
    await spoil(to);
    await expect(transplantSheet(to, await scratch(), "New sheet")).rejects.toThrow(PatchError);
    const again = await client();
    await spoil(again);
    await expect(transplantSheet(again, await scratch(), "New sheet")).rejects.toThrow(message);
  });

  test("a source sheet with conditional formats (differential formats it would need) is refused", async () => {
    const from = await pack((wb) => {
      const ws = wb.addWorksheet("New sheet");
      ws.getCell("A1").value = 1;
      ws.addConditionalFormatting({
        ref: "A1",
        rules: [{ type: "expression", formulae: ["A1>0"], style: { font: { bold: true } }, priority: 1 }],
      });
    });
    await expect(transplantSheet(await client(), from, "New sheet")).rejects.toThrow(/differential formats/);
  });
});
