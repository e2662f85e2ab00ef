/**
 * Writes `overlay run`'s results into a copy of the input package, touching only the cells that change:
 * every other part of the file (charts, pivot tables, slicers, macros, styles, shared strings, names) stays
 * as it was, byte for byte. exceljs, which reads the workbook, would drop charts, pivot tables and macros
 * on writing; this writer is used for `overlay run`, and the exceljs writer (write.ts) only where it cannot
 * be (a sheet XML it does not understand).
 *
 * In a sheet's XML (ECMA-376 Part 1, 18.3.1): a formula cell keeps its <f> and gets the new cached value; a
 * table result becomes an array formula (t="array" ref="H2:R14") marked as a dynamic array (cm, with the
 * XLDAPR cell metadata of xl/metadata.xml), its other values written below and to the right (text as inline
 * strings, so the shared strings stay untouched); cells of the previous spill the new result does not reach
 * are emptied. Styles (s) are kept. A shared formula whose master or member becomes an array formula is
 * written out cell by cell first (the group would otherwise break).
 */
import JSZip from "jszip";
import { ExcelError, Result } from "../../functions/excel";
import { Area, cellAddress, lettersToCol, parseArea } from "../../workbook/address";
import { sheetPaths } from "./load";
import { attr, setAttr, xmlEscape as esc } from "./xml";
import { BookModel } from "./model";
import { FormulaOutcome } from "./recalc";
import { fileError, linkMetadataPart } from "./write";

export class PatchError extends Error {}

type Scalar = number | string | boolean;

export interface CellEdit {
  kind: "anchor" | "value" | "clear";
  value?: Scalar | ExcelError;
  /** Anchor of a table result: the array formula's area. */
  ref?: Area;
  formula?: string;
}

interface ParsedCell {
  col: number;
  text: string;
  attrs: string;
  inner: string;
}

interface ParsedRow {
  row: number;
  /** The row's original XML, emitted unchanged when none of its cells change. */
  text: string;
  attrs: string;
  cells: ParsedCell[];
}

function parseRows(sheetData: string): ParsedRow[] {
  const rows: ParsedRow[] = [];
  for (const m of sheetData.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = attr(m[1], "r");
    if (!r) throw new PatchError("a row without its number");
    const cells: ParsedCell[] = [];
    for (const c of (m[2] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = attr(c[1], "r");
      const col = ref ? /^([A-Z]+)\d+$/.exec(ref) : null;
      if (!col) throw new PatchError("a cell without its address");
      cells.push({ col: lettersToCol(col[1]), text: c[0], attrs: c[1], inner: c[2] ?? "" });
    }
    rows.push({ row: Number(r), text: m[0], attrs: m[1], cells });
  }
  return rows;
}

function valueXml(v: Scalar | ExcelError, formula: boolean): { t?: string; xml: string } {
  if (v instanceof ExcelError) return { t: "e", xml: `<v>${fileError(v.code).error}</v>` };
  if (typeof v === "number") return { xml: `<v>${String(v)}</v>` };
  if (typeof v === "boolean") return { t: "b", xml: `<v>${v ? 1 : 0}</v>` };
  if (formula) return { t: "str", xml: `<v>${esc(v)}</v>` };
  const space = /^\s|\s$/.test(v) ? ' xml:space="preserve"' : "";
  return { t: "inlineStr", xml: `<is><t${space}>${esc(v)}</t></is>` };
}

function cellXml(address: string, oldAttrs: string | undefined, edit: CellEdit, oldInner: string, dynamicCm: string | undefined): string {
  let attrs = oldAttrs ?? "";
  for (const a of ["t", "cm", "vm"]) attrs = setAttr(attrs, a, undefined);
  attrs = setAttr(attrs, "r", undefined);
  const head = ` r="${address}"${attrs}`;
  if (edit.kind === "clear" || (edit.kind === "value" && (edit.value === undefined || edit.value === ""))) return `<c${head}/>`;
  if (edit.value === undefined) throw new PatchError(`${address}: no value to write`);
  if (edit.kind === "value") {
    const v = valueXml(edit.value, false);
    return `<c${head}${v.t ? ` t="${v.t}"` : ""}>${v.xml}</c>`;
  }
  // An anchor: the formula kept (or made an array formula over the result), the new cached value.
  const f = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(oldInner);
  if (!f) throw new PatchError(`${address} has no formula element`);
  let fXml: string;
  if (edit.ref) {
    const text = edit.formula !== undefined ? esc(edit.formula) : (f[2] ?? "");
    const area = `${cellAddress(edit.ref.top, edit.ref.left)}:${cellAddress(edit.ref.bottom, edit.ref.right)}`;
    let fa = f[1];
    for (const a of ["t", "ref", "si", "ca", "aca"]) fa = setAttr(fa, a, undefined);
    fXml = `<f t="array" ref="${area}"${fa}>${text}</f>`;
  } else if (attr(f[1], "t") === "array") {
    // A result that no longer spills: a dynamic array becomes a plain formula; a legacy array formula
    // (entered with Ctrl+Shift+Enter, no cm) keeps its type over its own cell.
    if (oldAttrs && /\scm="/.test(oldAttrs)) {
      let fa = f[1];
      for (const a of ["t", "ref", "aca"]) fa = setAttr(fa, a, undefined);
      fXml = `<f${fa}>${f[2] ?? ""}</f>`;
    } else fXml = f[0].replace(/\sref="[^"]*"/, ` ref="${address}"`);
  } else fXml = f[0];
  const v = valueXml(edit.value, true);
  const cm = edit.ref && dynamicCm ? ` cm="${dynamicCm}"` : "";
  return `<c${head}${v.t ? ` t="${v.t}"` : ""}${cm}>${fXml}${v.xml}</c>`;
}

/** Applies the edits to one sheet's XML. `formulas` gives each formula cell's full text (shared ones translated). */
export function patchSheetXml(
  xml: string,
  edits: Map<string, CellEdit>,
  formulaOf: (address: string) => string | undefined,
  dynamicCm: string | undefined,
): string {
  const sd = /<sheetData\b[^>]*?(?:\/>|>([\s\S]*?)<\/sheetData>)/.exec(xml);
  if (!sd) throw new PatchError("no sheetData");
  const rows = parseRows(sd[1] ?? "");
  // Shared formula groups touched by an array formula are written out cell by cell.
  const groups = new Set<string>();
  for (const r of rows) {
    for (const c of r.cells) {
      const e = edits.get(cellAddress(r.row, c.col));
      if (e?.kind !== "anchor" || !e.ref) continue;
      const f = /<f\b([^>]*)/.exec(c.inner);
      if (f && attr(f[1], "t") === "shared") groups.add(attr(f[1], "si") ?? "");
    }
  }
  const byRow = new Map<number, Map<number, CellEdit>>();
  for (const [address, e] of edits) {
    const m = /^([A-Z]+)(\d+)$/.exec(address)!;
    const r = Number(m[2]);
    if (!byRow.has(r)) byRow.set(r, new Map());
    byRow.get(r)!.set(lettersToCol(m[1]), e);
  }
  const rowMap = new Map(rows.map((r) => [r.row, r]));
  const allRows = [...new Set([...rowMap.keys(), ...byRow.keys()])].sort((a, b) => a - b);
  const out: string[] = [];
  for (const rn of allRows) {
    const row = rowMap.get(rn);
    const rowEdits = byRow.get(rn);
    const expand = row?.cells.some((c) => {
      const f = /<f\b([^>]*)/.exec(c.inner);
      return f && attr(f[1], "t") === "shared" && groups.has(attr(f[1], "si") ?? "");
    });
    if (row && !rowEdits && !expand) {
      out.push(row.text);
      continue;
    }
    const cells = new Map<number, string>();
    for (const c of row?.cells ?? []) {
      const address = cellAddress(rn, c.col);
      const e = rowEdits?.get(c.col);
      const f = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(c.inner);
      const shared = f && attr(f[1], "t") === "shared" && groups.has(attr(f[1], "si") ?? "");
      if (shared) {
        // The cell's own formula, written out; the group is dissolved.
        const text = formulaOf(address);
        if (text === undefined) throw new PatchError(`${address}: a shared formula without its text`);
        let fa = f![1];
        for (const a of ["t", "ref", "si"]) fa = setAttr(fa, a, undefined);
        c.inner = c.inner.replace(f![0], `<f${fa}>${esc(text)}</f>`);
        if (!e) {
          cells.set(c.col, `<c${c.attrs}>${c.inner}</c>`);
          continue;
        }
      }
      cells.set(
        c.col,
        e
          ? cellXml(address, c.attrs, e.kind === "anchor" && e.ref ? { ...e, formula: formulaOf(address) } : e, c.inner, dynamicCm)
          : c.text,
      );
    }
    for (const [col, e] of rowEdits ?? []) {
      if (cells.has(col)) continue;
      if (e.kind === "clear") continue;
      cells.set(col, cellXml(cellAddress(rn, col), undefined, e, "", dynamicCm));
    }
    const ordered = [...cells.entries()].sort((a, b) => a[0] - b[0]).map((x) => x[1]);
    const attrs = setAttr(row?.attrs ?? ` r="${rn}"`, "spans", undefined);
    out.push(ordered.length ? `<row${attrs}>${ordered.join("")}</row>` : `<row${attrs}/>`);
  }
  const sheetData = `<sheetData>${out.join("")}</sheetData>`;
  let result = xml.slice(0, sd.index) + sheetData + xml.slice(sd.index + sd[0].length);
  // The used range grows with a spill.
  const dim = /<dimension\s+ref="([^"]*)"\s*\/>/.exec(result);
  if (dim) {
    const a = parseArea(dim[1]);
    let bottom = a?.bottom ?? 1;
    let right = a?.right ?? 1;
    for (const [address, e] of edits) {
      if (e.kind === "clear") continue;
      const m = /^([A-Z]+)(\d+)$/.exec(address)!;
      bottom = Math.max(bottom, Number(m[2]));
      right = Math.max(right, lettersToCol(m[1]));
    }
    const ref = `${cellAddress(a?.top ?? 1, a?.left ?? 1)}:${cellAddress(bottom, right)}`;
    result = result.replace(dim[0], `<dimension ref="${ref}"/>`);
  }
  return result;
}

const XLDAPR_TYPE =
  '<metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/>';
const XLDAPR_BK =
  '<bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk>';

/**
 * The cm value that marks a cell as a dynamic array, adding the XLDAPR metadata to the package (a new
 * xl/metadata.xml, or appended to the one there).
 */
export async function dynamicArrayCm(zip: JSZip): Promise<string> {
  const path = "xl/metadata.xml";
  const existing = await zip.file(path)?.async("string");
  if (!existing) {
    zip.file(
      path,
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        'xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">' +
        `<metadataTypes count="1">${XLDAPR_TYPE}</metadataTypes><futureMetadata name="XLDAPR" count="1">${XLDAPR_BK}</futureMetadata>` +
        '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>',
    );
    await linkMetadataPart(zip);
    return "1";
  }
  // Find (or add) the XLDAPR type, its future-metadata block and a cell-metadata block pointing at it.
  const types = [...existing.matchAll(/<metadataType\b([^>]*)\/>/g)].map((m) => attr(m[1], "name"));
  let xml = existing;
  let typeIndex = types.indexOf("XLDAPR") + 1;
  if (typeIndex === 0) {
    xml = xml.replace(
      /<metadataTypes\b([^>]*)>([\s\S]*?)<\/metadataTypes>/,
      (_, a: string, inner: string) =>
        `<metadataTypes${setAttr(a, "count", String(types.length + 1))}>${inner}${XLDAPR_TYPE}</metadataTypes>`,
    );
    typeIndex = types.length + 1;
  }
  if (!/xmlns:xda=/.test(xml))
    xml = xml.replace(/<metadata\b/, '<metadata xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"');
  const future = /<futureMetadata\b([^>]*name="XLDAPR"[^>]*)>([\s\S]*?)<\/futureMetadata>/.exec(xml);
  let bkIndex: number;
  if (future) {
    const bks = [...future[2].matchAll(/<bk>([\s\S]*?)<\/bk>/g)];
    bkIndex = bks.findIndex((b) => /fDynamic="1"/.test(b[1]) && /fCollapsed="0"/.test(b[1]));
    if (bkIndex < 0) {
      bkIndex = bks.length;
      xml = xml.replace(
        future[0],
        `<futureMetadata${setAttr(future[1], "count", String(bks.length + 1))}>${future[2]}${XLDAPR_BK}</futureMetadata>`,
      );
    }
  } else {
    bkIndex = 0;
    const block = `<futureMetadata name="XLDAPR" count="1">${XLDAPR_BK}</futureMetadata>`;
    xml = /<cellMetadata\b/.test(xml)
      ? xml.replace(/<cellMetadata\b/, `${block}<cellMetadata`)
      : xml.replace("</metadata>", `${block}</metadata>`);
  }
  const cell = /<cellMetadata\b([^>]*)>([\s\S]*?)<\/cellMetadata>/.exec(xml);
  const cellBks = cell ? [...cell[2].matchAll(/<bk>([\s\S]*?)<\/bk>/g)] : [];
  let cm = cellBks.findIndex((b) => new RegExp(`<rc t="${typeIndex}" v="${bkIndex}"/>`).test(b[1])) + 1;
  if (cm === 0) {
    const bk = `<bk><rc t="${typeIndex}" v="${bkIndex}"/></bk>`;
    if (cell)
      xml = xml.replace(cell[0], `<cellMetadata${setAttr(cell[1], "count", String(cellBks.length + 1))}>${cell[2]}${bk}</cellMetadata>`);
    else xml = xml.replace("</metadata>", `<cellMetadata count="1">${bk}</cellMetadata></metadata>`);
    cm = cellBks.length + 1;
  }
  zip.file(path, xml);
  return String(cm);
}

/**
 * Removes the calculation chain (xl/calcChain.xml), which records each formula cell and whether it is an array
 * formula: formulas that change type would leave it stale, and Excel rebuilds it when it is absent.
 */
async function dropCalcChain(zip: JSZip): Promise<void> {
  if (!zip.file("xl/calcChain.xml")) return;
  zip.remove("xl/calcChain.xml");
  const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  zip.file("[Content_Types].xml", types.replace(/<Override\b[^>]*PartName="\/xl\/calcChain\.xml"[^>]*\/>/, ""));
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  zip.file("xl/_rels/workbook.xml.rels", rels.replace(/<Relationship\b[^>]*Target="[^"]*calcChain\.xml"[^>]*\/>/, ""));
}

/**
 * Asks Excel to recalculate every formula when it opens the file (calcPr fullCalcOnLoad="1", ECMA-376 Part 1,
 * 18.2.2): whatever the command could not evaluate is redone there, so the workbook agrees with itself.
 */
export async function askFullCalcOnLoad(zip: JSZip): Promise<void> {
  const xml = await zip.file("xl/workbook.xml")?.async("string");
  if (xml === undefined) return;
  let out: string;
  const calc = /<calcPr\b([^>]*?)(\/?)>/.exec(xml);
  if (calc) out = xml.replace(calc[0], `<calcPr${setAttr(calc[1], "fullCalcOnLoad", "1")}${calc[2]}>`);
  else {
    // calcPr follows sheets, functionGroups, externalReferences and definedNames in CT_Workbook's sequence.
    let at = -1;
    for (const m of xml.matchAll(/<\/(sheets|functionGroups|externalReferences|definedNames)>|<(functionGroups|definedNames)\b[^>]*\/>/g))
      at = Math.max(at, m.index + m[0].length);
    if (at < 0) return;
    out = `${xml.slice(0, at)}<calcPr fullCalcOnLoad="1"/>${xml.slice(at)}`;
  }
  zip.file("xl/workbook.xml", out);
}

/** The input package with the outcomes written in. Throws PatchError where the XML is not as expected. */
export async function patchPackage(input: Buffer, book: BookModel, outcomes: FormulaOutcome[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(input);
  await patchZip(zip, book, outcomes);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

/** Writes the outcomes into a loaded package (what patchPackage does before zipping it up again). */
export async function patchZip(zip: JSZip, book: BookModel, outcomes: FormulaOutcome[]): Promise<void> {
  const { sheets } = await sheetPaths(zip);
  const bySheet = new Map<string, Map<string, CellEdit>>();
  const put = (sheet: string, address: string, e: CellEdit) => {
    if (!bySheet.has(sheet)) bySheet.set(sheet, new Map());
    bySheet.get(sheet)!.set(address, e);
  };
  let anySpill = false;
  for (const o of outcomes) {
    if (o.status === "skipped" || o.value === undefined) continue;
    const spill = o.spill!;
    const v: Result | ExcelError = o.value;
    if (o.previous) {
      const p = o.previous;
      for (let r = p.top; r <= p.bottom; r++)
        for (let c = p.left; c <= p.right; c++)
          if (!(r === o.row && c === o.col) && o.sheet.get(r, c)?.formula === undefined)
            put(o.sheet.name, cellAddress(r, c), { kind: "clear" });
    }
    if (Array.isArray(v)) {
      anySpill = true;
      v.forEach((row, i) =>
        row.forEach((x, j) => (i || j ? put(o.sheet.name, cellAddress(o.row + i, o.col + j), { kind: "value", value: x }) : undefined)),
      );
      put(o.sheet.name, cellAddress(o.row, o.col), { kind: "anchor", value: v[0][0], ref: spill });
    } else put(o.sheet.name, cellAddress(o.row, o.col), { kind: "anchor", value: v });
  }
  const cm = anySpill ? await dynamicArrayCm(zip) : undefined;
  await dropCalcChain(zip);
  await askFullCalcOnLoad(zip);
  for (const [name, edits] of bySheet) {
    const path = sheets.find((s) => s.name === name)?.path;
    const xml = path ? await zip.file(path)?.async("string") : undefined;
    if (!path || xml === undefined) throw new PatchError(`no sheet part for ${name}`);
    const model = book.sheet(name)!;
    const formulaOf = (address: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(address)!;
      return model.get(Number(m[2]), lettersToCol(m[1]))?.formula;
    };
    zip.file(path, patchSheetXml(xml, edits, formulaOf, cm));
  }
}
