/** The package writer of overlay run, on sheet XML as Excel writes it. */
import JSZip from "jszip";
import { ExcelError } from "../../../src/functions/excel";
import { CellEdit, dynamicArrayCm, patchSheetXml } from "../../../src/cli/xlsx/patch";

const SHEET = (data: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:C3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>' +
  `<sheetData>${data}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;

describe("patchSheetXml", () => {
  test("a table result: array formula with cm, values below and right (inline text), styles kept, old cells replaced", () => {
    const xml = SHEET(
      '<row r="1" spans="1:3" ht="20" customHeight="1"><c r="A1" s="3"><f>_xldudf_OVERLAY_X(1)</f><v>0</v></c><c r="C1" s="2" t="s"><v>4</v></c></row>' +
        '<row r="3" spans="1:3"><c r="C3" s="5"><v>9</v></c></row>',
    );
    const edits = new Map([
      ["A1", { kind: "anchor" as const, value: "Head", ref: { top: 1, left: 1, bottom: 2, right: 2 } }],
      ["B1", { kind: "value" as const, value: " x & y " }],
      ["A2", { kind: "value" as const, value: 1.5 }],
      ["B2", { kind: "value" as const, value: true }],
      ["C3", { kind: "clear" as const }],
    ]);
    const out = patchSheetXml(xml, edits, () => "_xldudf_OVERLAY_X(1)", "1");
    expect(out).toContain(
      '<row r="1" ht="20" customHeight="1"><c r="A1" s="3" t="str" cm="1"><f t="array" ref="A1:B2">_xldudf_OVERLAY_X(1)</f><v>Head</v></c>' +
        '<c r="B1" t="inlineStr"><is><t xml:space="preserve"> x &amp; y </t></is></c><c r="C1" s="2" t="s"><v>4</v></c></row>',
    );
    expect(out).toContain('<row r="2"><c r="A2"><v>1.5</v></c><c r="B2" t="b"><v>1</v></c></row>');
    expect(out).toContain('<row r="3"><c r="C3" s="5"/></row>');
    expect(out).toContain('<dimension ref="A1:C3"/>');
    expect(out).toContain("<pageMargins");
  });

  test("a result that no longer spills: a dynamic array becomes a plain formula, a legacy array formula keeps its type", () => {
    const xml = SHEET(
      '<row r="1"><c r="A1" cm="1"><f t="array" ref="A1:A3">_xldudf_OVERLAY_X()</f><v>1</v></c><c r="B1"><f t="array" ref="B1:B2">_xldudf_OVERLAY_Y()</f><v>1</v></c></row>',
    );
    const out = patchSheetXml(
      xml,
      new Map([
        ["A1", { kind: "anchor" as const, value: new ExcelError("#SPILL!", "in the way") }],
        ["B1", { kind: "anchor" as const, value: 7 }],
      ]),
      () => undefined,
      undefined,
    );
    expect(out).toContain('<c r="A1" t="e"><f>_xldudf_OVERLAY_X()</f><v>#VALUE!</v></c>');
    expect(out).toContain('<c r="B1"><f t="array" ref="B1">_xldudf_OVERLAY_Y()</f><v>7</v></c>');
  });

  test("rows and cells come out in order; a spill past the used range widens the dimension", () => {
    const xml = SHEET('<row r="2"><c r="B2"><f>_xldudf_OVERLAY_X()</f><v>0</v></c></row><row r="5"><c r="A5"><v>1</v></c></row>');
    const edits = new Map<string, CellEdit>([
      ["B2", { kind: "anchor", value: 1, ref: { top: 2, left: 2, bottom: 4, right: 5 } }],
      ...["C2", "D2", "E2", "B3", "C3", "D3", "E3", "B4", "C4", "D4", "E4"].map((a, i): [string, CellEdit] => [
        a,
        { kind: "value", value: i + 2 },
      ]),
    ]);
    const out = patchSheetXml(xml, new Map(edits), () => "_xldudf_OVERLAY_X()", "2");
    const rows = [...out.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rows).toEqual([2, 3, 4, 5]);
    const cells = [...out.matchAll(/<c r="([A-Z]+)3"/g)].map((m) => m[1]);
    expect(cells).toEqual(["B", "C", "D", "E"]);
    expect(out).toContain('<dimension ref="A1:E4"/>'); // A1:C3 as recorded, widened to the spill
    expect(out).toContain('cm="2"');
  });
});

describe("dynamicArrayCm", () => {
  test("appends the dynamic-array type to metadata that holds other types, and points a new cell block at it", async () => {
    const zip = new JSZip();
    zip.file(
      "xl/metadata.xml",
      '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><metadataTypes count="1"><metadataType name="XLRICHVALUE" minSupportedVersion="120000"/></metadataTypes>' +
        '<futureMetadata name="XLRICHVALUE" count="1"><bk><extLst><ext uri="{3e2802c4-a4d2-4d8b-9148-e3be6c30e623}"><xlrd:rvb i="0"/></ext></extLst></bk></futureMetadata>' +
        '<valueMetadata count="1"><bk><rc t="1" v="0"/></bk></valueMetadata></metadata>',
    );
    expect(await dynamicArrayCm(zip)).toBe("1");
    const xml = await zip.file("xl/metadata.xml")!.async("string");
    expect(xml).toContain('<metadataTypes count="2"><metadataType name="XLRICHVALUE"');
    expect(xml).toContain('<metadataType name="XLDAPR"');
    expect(xml).toMatch(/<futureMetadata name="XLDAPR" count="1"><bk>.*fDynamic="1"/);
    expect(xml).toContain('<cellMetadata count="1"><bk><rc t="2" v="0"/></bk></cellMetadata>');
    expect(xml).toContain("xmlns:xda=");
    // Asked again, the same block.
    expect(await dynamicArrayCm(zip)).toBe("1");
    expect((await zip.file("xl/metadata.xml")!.async("string")).match(/<metadataType name="XLDAPR"/g)).toHaveLength(1);
  });
});
