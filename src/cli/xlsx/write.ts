/**
 * Writes recalculated OVERLAY results into the exceljs workbook and saves it: the writer of `overlay propose`
 * (which adds a sheet, a table and a chart) and the fallback of `overlay run` (whose own writer, patch.ts,
 * writes into a copy of the input package instead, keeping everything exceljs cannot carry).
 *
 * - The formula stays as it was; its cached result becomes the new value (the top-left value of a table).
 * - A table result is written as an array formula over the spill area, its other values in the cells below
 *   and to the right, and the cell marked as a dynamic array (Excel's `cm` cell metadata), so Excel shows it
 *   as a spilling formula. Cells of the file's previous spill that the new result does not reach are cleared.
 * - An error is written as the error value. Excel files hold the classic error codes only (#SPILL! and
 *   #CALC! live in rich-value metadata), so those two are saved as #VALUE!; the summary gives the real code.
 * - Skipped formulas and every other cell are left as they were.
 * exceljs drops defined names that are not plain ranges (constants, formulas, sheet-scoped names) and the
 * dynamic-array metadata, and writes no charts; `finishPackage` puts the names and the metadata back into the
 * saved file and adds the proposal's charts (chart.ts). Charts, pivot tables and macros of the input are lost.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { ExcelError } from "../../functions/excel";
import { areaAddress, cellAddress, cellKey } from "../../workbook/address";
import { addCharts } from "./chart";
import { sheetPaths } from "./load";
import { BookModel } from "./model";
import type { RecordedChart } from "./XlsxWorkbook";
import { FormulaOutcome } from "./recalc";

const FILE_ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"]);

export function fileError(code: string): { error: ExcelJS.CellErrorValue["error"] } {
  return { error: (FILE_ERRORS.has(code) ? code : "#VALUE!") as ExcelJS.CellErrorValue["error"] };
}

type Plain = number | string | boolean | ExcelError;

function cellResult(v: Plain): number | string | boolean | { error: ExcelJS.CellErrorValue["error"] } {
  return v instanceof ExcelError ? fileError(v.code) : v;
}

/**
 * Writes the evaluated outcomes into the workbook's sheets. Returns, per sheet name, the cells that now hold
 * a spilling (array) OVERLAY formula, and the OVERLAY cells that no longer do.
 */
export function writeOutcomes(
  wb: ExcelJS.Workbook,
  outcomes: FormulaOutcome[],
): { spilling: Map<string, Set<string>>; notSpilling: Map<string, Set<string>> } {
  const spilling = new Map<string, Set<string>>();
  const notSpilling = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, sheet: string, addr: string) => {
    let s = m.get(sheet);
    if (!s) m.set(sheet, (s = new Set()));
    s.add(addr);
  };
  for (const o of outcomes) {
    if (o.status === "skipped" || o.value === undefined) continue;
    const ws = wb.getWorksheet(o.sheet.name);
    if (!ws) continue;
    const spill = o.spill!;
    // Clear the file's previous spill where the new result does not reach.
    if (o.previous) {
      const p = o.previous;
      for (let r = p.top; r <= p.bottom; r++) {
        for (let c = p.left; c <= p.right; c++) {
          if (r === o.row && c === o.col) continue;
          if (r >= spill.top && r <= spill.bottom && c >= spill.left && c <= spill.right) continue;
          if (o.sheet.get(r, c)?.formula !== undefined) continue; // a formula typed there since: not ours to clear
          ws.getCell(r, c).value = null;
        }
      }
    }
    const v = o.value;
    const anchor = ws.getCell(o.row, o.col);
    const addr = cellAddress(o.row, o.col);
    if (Array.isArray(v)) {
      anchor.value = {
        formula: o.formula,
        result: cellResult(v[0][0]),
        shareType: "array",
        ref: areaAddress(spill),
      } as unknown as ExcelJS.CellValue;
      for (let i = 0; i < v.length; i++) {
        for (let j = 0; j < v[i].length; j++) {
          if (i === 0 && j === 0) continue;
          const x = v[i][j];
          ws.getCell(o.row + i, o.col + j).value = x === "" ? null : x;
        }
      }
      add(spilling, o.sheet.name, addr);
    } else {
      anchor.value = { formula: o.formula, result: cellResult(v) } as unknown as ExcelJS.CellValue;
      add(notSpilling, o.sheet.name, addr);
    }
  }
  return { spilling, notSpilling };
}

/**
 * Puts the outcomes into the workbook model too (cached values, spilled cells, cleared old spills), so what
 * reads the model afterwards (the proposal workflows) sees the recalculated workbook, as Excel would show it.
 */
export function applyToModel(book: BookModel, outcomes: FormulaOutcome[]): void {
  for (const o of outcomes) {
    if (o.status === "skipped" || o.value === undefined) continue;
    const sheet = book.sheet(o.sheet.name)!;
    const spill = o.spill!;
    if (o.previous) {
      const p = o.previous;
      for (let r = p.top; r <= p.bottom; r++)
        for (let c = p.left; c <= p.right; c++)
          if (!(r === o.row && c === o.col) && sheet.get(r, c)?.formula === undefined) sheet.cells.delete(cellKey(r, c));
    }
    const v = o.value;
    const rec = sheet.get(o.row, o.col)!;
    if (Array.isArray(v)) {
      sheet.set(o.row, o.col, { ...rec, value: v[0][0], arrayRef: spill });
      for (let i = 0; i < v.length; i++)
        for (let j = 0; j < v[i].length; j++) if (i || j) sheet.set(o.row + i, o.col + j, { value: v[i][j] === "" ? null : v[i][j] });
    } else sheet.set(o.row, o.col, { ...rec, value: v, arrayRef: undefined });
  }
}

const METADATA_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">' +
  '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>' +
  '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>' +
  '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>';

export interface PackageFixes {
  /** Per sheet name, the cells to mark as dynamic arrays. */
  dynamicArrays: Map<string, Set<string>>;
  /** The input's <definedNames> element, to restore what exceljs dropped. */
  definedNamesXml?: string;
  /** Native charts to add (exceljs cannot make charts). */
  charts?: RecordedChart[];
}

/** Saves the workbook to bytes, with the dynamic-array marks and the defined names put back. */
export async function saveWorkbook(wb: ExcelJS.Workbook, fixes: PackageFixes): Promise<Buffer> {
  // Excel recalculates everything on opening (calcPr fullCalcOnLoad="1"): what the command could not evaluate is redone.
  wb.calcProperties = { ...wb.calcProperties, fullCalcOnLoad: true };
  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  const anyDynamic = [...fixes.dynamicArrays.values()].some((s) => s.size > 0);
  if (!anyDynamic && !fixes.definedNamesXml && !fixes.charts?.length) return raw;
  return finishPackage(raw, fixes);
}

export async function finishPackage(data: Buffer, fixes: PackageFixes): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  const { book, sheets } = await sheetPaths(zip);
  let workbookXml = book;
  if (fixes.definedNamesXml) {
    const names = fixes.definedNamesXml;
    if (/<definedNames\b[\s\S]*?<\/definedNames>/.test(workbookXml))
      workbookXml = workbookXml.replace(/<definedNames\b[\s\S]*?<\/definedNames>/, () => names);
    else if (/<definedNames\s*\/>/.test(workbookXml)) workbookXml = workbookXml.replace(/<definedNames\s*\/>/, () => names);
    else workbookXml = workbookXml.replace("</sheets>", () => `</sheets>${names}`);
    zip.file("xl/workbook.xml", workbookXml);
  }
  let marked = 0;
  for (const { name, path } of sheets) {
    const cells = fixes.dynamicArrays.get(name);
    if (!cells || cells.size === 0 || !path) continue;
    const xml = await zip.file(path)?.async("string");
    if (!xml) continue;
    const out = xml.replace(/<c r="([A-Z]+\d+)"([^>]*?)(\/?)>/g, (whole, r: string, attrs: string, slash: string) => {
      if (!cells.has(r) || /\scm="/.test(attrs)) return whole;
      marked++;
      return `<c r="${r}"${attrs} cm="1"${slash}>`;
    });
    zip.file(path, out);
  }
  if (marked > 0) {
    zip.file("xl/metadata.xml", METADATA_XML);
    await linkMetadataPart(zip);
  }
  if (fixes.charts?.length) await addCharts(zip, fixes.charts, sheets);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

/** Declares xl/metadata.xml (the dynamic-array cell metadata) in the package's content types and workbook relationships, once. */
export async function linkMetadataPart(zip: JSZip): Promise<void> {
  const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  if (!types.includes('PartName="/xl/metadata.xml"')) {
    zip.file(
      "[Content_Types].xml",
      types.replace(
        "</Types>",
        '<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/></Types>',
      ),
    );
  }
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  if (!rels.includes("relationships/sheetMetadata")) {
    let k = 1;
    while (rels.includes(`Id="rIdMeta${k}"`)) k++;
    zip.file(
      "xl/_rels/workbook.xml.rels",
      rels.replace(
        "</Relationships>",
        `<Relationship Id="rIdMeta${k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"/></Relationships>`,
      ),
    );
  }
}
