/**
 * Moves one sheet of a package, with the parts it depends on, into another package as its new last sheet,
 * leaving every part of the target as it was except the few that register the sheet. `overlay propose` lays
 * out its proposal sheet in a scratch exceljs workbook and moves it into the client's package this way, so
 * the client's charts, pivot tables, macros, custom XML and whatever else the file holds stay byte for byte.
 *
 * What is added: the sheet's part and, following its relationships, its tables, drawings, charts (and images,
 * comments, any part it refers to), each under a name free in the target, with relationship files pointing at
 * the new names and a content-type override each. What changes in the target:
 * - xl/workbook.xml: one <sheet> element at the end of <sheets> (a new sheetId and relationship id);
 *   existing sheets keep their positions, so sheet-scoped names (localSheetId) still point at the same sheets;
 * - xl/_rels/workbook.xml.rels: the relationship to the new sheet;
 * - [Content_Types].xml: the new parts' overrides;
 * - the styles part: the cell formats the sheet uses, appended (numFmts, fonts, fills, borders, cellXfs),
 *   nothing removed or reordered, so every existing style index keeps its meaning. The sheet's style indices
 *   are renumbered to match; its default format becomes the client's (the client's Normal style, as a sheet
 *   the task pane adds in Excel gets), and its fonts are the client's default font with the differences the
 *   source font has from the source's default (bold stays bold, in the client's typeface).
 * - The sheet's shared strings become inline strings (<is>), so the client's shared-string table is untouched.
 * - Table ids are renumbered after the target's largest, and a table whose name the target already uses
 *   (a table or a defined name) is renamed.
 * docProps/app.xml (the sheet titles some tools show) is left as it was: Excel does not need it to match.
 *
 * Anything this cannot do safely throws PatchError (a workbook not in the transitional namespace, no styles
 * part, differential formats in the source sheet): the caller falls back and says so.
 * ECMA-376 Part 1: 18.2 (workbook), 18.8 (styles), 18.5 (tables), 18.3.1.53 (inline strings); Part 2: OPC.
 */
import JSZip from "jszip";
import { uniqueTableName } from "../../workbook/address";
import { sheetPaths } from "./load";
import { attr, setAttr as withAttr, xmlEscape as esc } from "./xml";
import { PatchError } from "./patch";

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_WORKSHEET = `${NS_R}/worksheet`;
const REL_STYLES = `${NS_R}/styles`;
const REL_STRINGS = `${NS_R}/sharedStrings`;
const CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";

/** Relationships of the moved sheet (and of the parts it refers to) that this writer knows how to carry. */
const CARRIED = new Set(
  ["table", "drawing", "chart", "image", "hyperlink", "comments", "vmlDrawing", "chartUserShapes", "themeOverride", "printerSettings"].map(
    (t) => `${NS_R}/${t}`,
  ),
);
const CARRIED_MS = /^http:\/\/schemas\.microsoft\.com\/office\/2011\/relationships\/chart(Style|ColorStyle)$/;

export interface TransplantedSheet {
  name: string;
  /** The sheet's part in the target. */
  path: string;
  sheetId: number;
  relId: string;
  /** The sheet's tables: the name in the source, the name and id in the target, and the part. */
  tables: { from: string; name: string; id: number; path: string }[];
  /** Every part added to the target (relationship files included). */
  added: string[];
  /** The target's parts that were changed. */
  changed: string[];
}

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

function relsPathOf(part: string): string {
  const dir = dirOf(part);
  return `${dir ? `${dir}/` : ""}_rels/${part.slice(dir ? dir.length + 1 : 0)}.rels`;
}

/** A relationship's target, resolved against the folder of the part it belongs to (OPC part names, no leading /). */
function resolvePart(baseDir: string, target: string): string {
  let t = target;
  try {
    t = decodeURI(target);
  } catch {
    // not percent-encoded after all
  }
  if (t.startsWith("/")) return t.slice(1);
  const parts = baseDir ? baseDir.split("/") : [];
  for (const seg of t.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** The relative reference from a folder to a part: ("xl/worksheets", "xl/tables/table3.xml") -> "../tables/table3.xml". */
function relativePart(fromDir: string, to: string): string {
  const a = fromDir ? fromDir.split("/") : [];
  const b = to.split("/");
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

function parseRels(xml: string): Rel[] {
  return [...xml.matchAll(/<Relationship\b([^>]*?)\/?>/g)].map((m) => ({
    id: attr(m[1], "Id") ?? "",
    type: attr(m[1], "Type") ?? "",
    target: attr(m[1], "Target") ?? "",
    external: attr(m[1], "TargetMode") === "External",
  }));
}

function relXml(r: Rel): string {
  return `<Relationship Id="${esc(r.id)}" Type="${esc(r.type)}" Target="${esc(r.target)}"${r.external ? ' TargetMode="External"' : ""}/>`;
}

function relsXml(rels: Rel[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    rels.map(relXml).join("") +
    `</Relationships>`
  );
}

interface ContentTypes {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
}

function parseTypes(xml: string): ContentTypes {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const m of xml.matchAll(/<Default\b([^>]*?)\/?>/g))
    defaults.set((attr(m[1], "Extension") ?? "").toLowerCase(), attr(m[1], "ContentType") ?? "");
  for (const m of xml.matchAll(/<Override\b([^>]*?)\/?>/g))
    overrides.set((attr(m[1], "PartName") ?? "").replace(/^\//, "").toLowerCase(), attr(m[1], "ContentType") ?? "");
  return { defaults, overrides };
}

function contentType(t: ContentTypes, path: string): string | undefined {
  const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? "";
  return t.overrides.get(path.toLowerCase()) ?? t.defaults.get(ext);
}

async function text(zip: JSZip, path: string): Promise<string | undefined> {
  return zip.file(path)?.async("string");
}

// ---------------------------------------------------------------------------------------------------------
// Styles

interface Section {
  /** The element as found in the XML. */
  whole: string;
  attrs: string;
  items: string[];
  selfClosing: boolean;
}

function section(xml: string, tag: string, item: string): Section | undefined {
  const m = new RegExp(`<${tag}\\b([^>]*?)(?:\\/>|>([\\s\\S]*?)<\\/${tag}>)`).exec(xml);
  if (!m) return undefined;
  const inner = m[2] ?? "";
  const items = [...inner.matchAll(new RegExp(`<${item}\\b[^>]*?(?:\\/>|>[\\s\\S]*?<\\/${item}>)`, "g"))].map((x) => x[0]);
  return { whole: m[0], attrs: m[1], items, selfClosing: m[2] === undefined };
}

/** The child elements of a font, by name (CT_Font is a choice of its children, in any order). */
function fontChildren(font: string): Map<string, string> {
  const inner = /^<font\b[^>]*?>([\s\S]*)<\/font>$/.exec(font)?.[1] ?? "";
  const out = new Map<string, string>();
  for (const m of inner.matchAll(/<([A-Za-z][\w:.-]*)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g)) out.set(m[1], m[0]);
  return out;
}

/**
 * Appends to the target's styles the cell formats (cellXfs) of the source that the moved sheet uses, and
 * gives each source index its index in the target. Nothing of the target's styles moves.
 */
class StyleMerger {
  private readonly map = new Map<number, number>([[0, 0]]);
  private readonly src: Record<"numFmts" | "fonts" | "fills" | "borders" | "cellXfs", Section | undefined>;
  private readonly dst: Record<"numFmts" | "fonts" | "fills" | "borders" | "cellXfs", Section | undefined>;
  private readonly added: Record<"numFmts" | "fonts" | "fills" | "borders" | "cellXfs", string[]> = {
    numFmts: [],
    fonts: [],
    fills: [],
    borders: [],
    cellXfs: [],
  };

  constructor(
    private readonly target: string,
    source: string,
  ) {
    if (!/<styleSheet\b[^>]*\sxmlns="http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main"/.test(target))
      throw new PatchError("the styles part is not SpreadsheetML as this writer knows it");
    const read = (xml: string) => ({
      numFmts: section(xml, "numFmts", "numFmt"),
      fonts: section(xml, "fonts", "font"),
      fills: section(xml, "fills", "fill"),
      borders: section(xml, "borders", "border"),
      cellXfs: section(xml, "cellXfs", "xf"),
    });
    this.src = read(source);
    this.dst = read(target);
  }

  get changed(): boolean {
    return Object.values(this.added).some((a) => a.length > 0);
  }

  private list(kind: keyof StyleMerger["added"]): string[] {
    const s = this.dst[kind];
    if (!s || s.selfClosing) throw new PatchError(`the styles part has no ${kind} list to add to`);
    return [...s.items, ...this.added[kind]];
  }

  /** The index of an item in the target's list, appending it when it is not there already. */
  private place(kind: "fonts" | "fills" | "borders" | "cellXfs", item: string): number {
    const all = this.list(kind);
    const at = all.indexOf(item);
    if (at >= 0) return at;
    this.added[kind].push(item);
    return all.length;
  }

  private numFmt(id: number): number {
    if (id < 164) return id; // built in
    const src = this.src.numFmts?.items.find((n) => attr(n, "numFmtId") === String(id));
    const code = src && /\sformatCode="([^"]*)"/.exec(src)?.[1];
    if (code === undefined) throw new PatchError(`number format ${id} of the moved sheet is not defined`);
    const mine = [...(this.dst.numFmts?.items ?? []), ...this.added.numFmts];
    const hit = mine.find((n) => /\sformatCode="([^"]*)"/.exec(n)?.[1] === code);
    if (hit) return Number(attr(hit, "numFmtId"));
    const next = Math.max(163, ...mine.map((n) => Number(attr(n, "numFmtId") ?? 0))) + 1;
    this.added.numFmts.push(`<numFmt numFmtId="${next}" formatCode="${code}"/>`);
    return next;
  }

  /** The target's default font with what the source font changes from the source's default (bold, size...). */
  private font(id: number): number {
    if (id === 0) return 0;
    const font = this.src.fonts?.items[id];
    const srcBase = this.src.fonts?.items[0];
    const dstBase = this.dst.fonts?.items[0];
    if (!font || !srcBase || !dstBase) throw new PatchError(`font ${id} of the moved sheet is not defined`);
    const base = fontChildren(srcBase);
    const out = fontChildren(dstBase);
    for (const [tag, el] of fontChildren(font)) if (base.get(tag) !== el) out.set(tag, el);
    return this.place("fonts", `<font>${[...out.values()].join("")}</font>`);
  }

  private copied(kind: "fills" | "borders", id: number, reserved: number): number {
    if (id < reserved) return id; // fills 0 and 1 (none, gray125) and border 0 are the same in every workbook
    const item = this.src[kind]?.items[id];
    if (!item) throw new PatchError(`${kind.slice(0, -1)} ${id} of the moved sheet is not defined`);
    return this.place(kind, item);
  }

  /** The target's index of the source's cell format k. */
  index(k: number): number {
    const known = this.map.get(k);
    if (known !== undefined) return known;
    const xf = this.src.cellXfs?.items[k];
    if (!xf) throw new PatchError(`cell format ${k} of the moved sheet is not defined`);
    const head = /^<xf\b([^>]*?)(\/?>)/.exec(xf)!;
    let a = head[1];
    a = withAttr(a, "numFmtId", String(this.numFmt(Number(attr(a, "numFmtId") ?? 0))));
    a = withAttr(a, "fontId", String(this.font(Number(attr(a, "fontId") ?? 0))));
    a = withAttr(a, "fillId", String(this.copied("fills", Number(attr(a, "fillId") ?? 0), 2)));
    a = withAttr(a, "borderId", String(this.copied("borders", Number(attr(a, "borderId") ?? 0), 1)));
    a = withAttr(a, "xfId", "0"); // on the client's Normal style
    const index = this.place("cellXfs", `<xf${a}${xf.slice(head[0].length - head[2].length)}`);
    this.map.set(k, index);
    return index;
  }

  /** The target's styles with the additions. */
  xml(): string {
    let xml = this.target;
    for (const kind of ["fonts", "fills", "borders", "cellXfs"] as const) {
      if (!this.added[kind].length) continue;
      const s = this.dst[kind]!;
      const tag = kind;
      const items = [...s.items, ...this.added[kind]];
      xml = xml.replace(s.whole, () => `<${tag}${withAttr(s.attrs, "count", String(items.length))}>${items.join("")}</${tag}>`);
    }
    if (this.added.numFmts.length) {
      const s = this.dst.numFmts;
      if (s && !s.selfClosing) {
        const items = [...s.items, ...this.added.numFmts];
        xml = xml.replace(s.whole, () => `<numFmts${withAttr(s.attrs, "count", String(items.length))}>${items.join("")}</numFmts>`);
      } else {
        const block = `<numFmts count="${this.added.numFmts.length}">${this.added.numFmts.join("")}</numFmts>`;
        xml = s ? xml.replace(s.whole, () => block) : xml.replace(/<styleSheet\b[^>]*>/, (open) => `${open}${block}`);
      }
    }
    return xml;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The sheet's XML

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => m[1] ?? "");
}

/** The moved sheet's XML: shared strings inline, style indices the target's, not selected (no grouped tabs). */
function sheetXml(xml: string, strings: string[], styles: StyleMerger): string {
  if (/\sdxfId="/.test(xml)) throw new PatchError("the moved sheet has differential formats (conditional formatting)");
  const style = (attrs: string, name: string) => {
    const s = attr(attrs, name);
    return s === undefined ? attrs : withAttr(attrs, name, String(styles.index(Number(s))));
  };
  let out = xml.replace(/<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g, (whole, attrs: string, rest: string, inner: string | undefined) => {
    let a = style(attrs, "s");
    if (attr(a, "t") === "s") {
      const k = /<v>\s*(\d+)\s*<\/v>/.exec(inner ?? "");
      const si = k ? strings[Number(k[1])] : undefined;
      if (si === undefined) throw new PatchError(`a cell of the moved sheet refers to shared string ${k?.[1] ?? "?"}, which is not there`);
      a = withAttr(a, "t", "inlineStr");
      return `<c${a}><is>${si}</is></c>`;
    }
    return a === attrs ? whole : `<c${a}${rest}`;
  });
  out = out.replace(/<row\b([^>]*?)(\/?>)/g, (_, attrs: string, end: string) => `<row${style(attrs, "s")}${end}`);
  out = out.replace(/<col\b([^>]*?)(\/?>)/g, (_, attrs: string, end: string) => `<col${style(attrs, "style")}${end}`);
  return out.replace(/(<sheetView\b[^>]*?)\s+tabSelected="(?:1|true)"/g, "$1");
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Copies sheet `sheetName` of the package `from` into the package `to` (see the file comment). `to` is
 * changed in place; on a PatchError it may be half changed, so the caller discards it.
 */
export async function transplantSheet(to: JSZip, from: JSZip, sheetName: string): Promise<TransplantedSheet> {
  // The target as this writer expects it.
  const book = await text(to, "xl/workbook.xml");
  if (book === undefined) throw new PatchError("the package has no xl/workbook.xml");
  const root = /<workbook\b([^>]*)>/.exec(book);
  if (!root || attr(root[1], "xmlns") !== NS_MAIN) throw new PatchError("the workbook part is not transitional SpreadsheetML");
  if (!/<\/sheets>/.test(book)) throw new PatchError("the workbook part has no <sheets> list to add to");
  const bookRelsPath = "xl/_rels/workbook.xml.rels";
  const bookRels = await text(to, bookRelsPath);
  if (bookRels === undefined || !bookRels.includes("</Relationships>")) throw new PatchError("the workbook has no relationships part");
  const typesXml = await text(to, "[Content_Types].xml");
  if (typesXml === undefined || !typesXml.includes("</Types>")) throw new PatchError("the package has no content types");
  const toTypes = parseTypes(typesXml);
  const toRels = parseRels(bookRels);
  const stylesRel = toRels.find((r) => r.type === REL_STYLES && !r.external);
  const stylesPath = stylesRel && resolvePart("xl", stylesRel.target);
  const stylesXml = stylesPath ? await text(to, stylesPath) : undefined;
  if (!stylesPath || stylesXml === undefined) throw new PatchError("the workbook has no styles part");

  const sheets = [...book.matchAll(/<sheet\b([^>]*?)\/?>/g)].map((m) => m[1]);
  if (sheets.some((s) => (attr(s, "name") ?? "").toLowerCase() === sheetName.toLowerCase()))
    throw new PatchError(`the workbook already has a sheet named '${sheetName}'`);

  // The source: the sheet, its shared strings and styles.
  const fromBook = await sheetPaths(from);
  const srcPath = fromBook.sheets.find((s) => s.name === sheetName)?.path;
  if (!srcPath || !from.file(srcPath)) throw new PatchError(`the scratch workbook has no sheet '${sheetName}'`);
  const fromRels = parseRels((await text(from, "xl/_rels/workbook.xml.rels")) ?? "");
  const partOf = async (type: string) => {
    const r = fromRels.find((x) => x.type === type && !x.external);
    return r ? text(from, resolvePart("xl", r.target)) : undefined;
  };
  const strings = sharedStrings(await partOf(REL_STRINGS));
  const srcStyles = await partOf(REL_STYLES);
  if (srcStyles === undefined) throw new PatchError("the scratch workbook has no styles part");
  const styles = new StyleMerger(stylesXml, srcStyles);
  const fromTypes = parseTypes((await text(from, "[Content_Types].xml")) ?? "");

  // Names taken in the target: parts (also those only declared), tables and defined names, table ids.
  const taken = new Set([...Object.keys(to.files), ...toTypes.overrides.keys()].map((p) => p.toLowerCase()));
  const tablePaths = Object.keys(to.files).filter(
    (p) => !to.files[p].dir && (contentType(toTypes, p) === CT_TABLE || /^xl\/tables\/[^/]+\.xml$/i.test(p)),
  );
  const tableNames: string[] = [...book.matchAll(/<definedName\b([^>]*)>/g)].map((m) => attr(m[1], "name") ?? "");
  let maxTableId = 0;
  for (const p of tablePaths) {
    const t = /<table\b([^>]*)>/.exec((await text(to, p)) ?? "");
    if (!t) continue;
    maxTableId = Math.max(maxTableId, Number(attr(t[1], "id") ?? 0) || 0);
    tableNames.push(attr(t[1], "name") ?? "", attr(t[1], "displayName") ?? "");
  }

  const freeName = (path: string) => {
    const m = /^(.*?)(\d*)(\.[^./]+)$/.exec(path);
    const [stem, ext] = m ? [m[1], m[3]] : [path, ""];
    for (let n = 1; ; n++) {
      const candidate = `${stem}${n}${ext}`;
      if (!taken.has(candidate.toLowerCase()) && !taken.has(relsPathOf(candidate).toLowerCase())) return candidate;
    }
  };

  const result: TransplantedSheet = { name: sheetName, path: "", sheetId: 0, relId: "", tables: [], added: [], changed: [] };
  const overrides: string[] = [];
  const copied = new Map<string, string>();

  const copy = async (src: string): Promise<string> => {
    const done = copied.get(src);
    if (done) return done;
    const dest = freeName(src);
    copied.set(src, dest);
    taken.add(dest.toLowerCase());
    const type = contentType(fromTypes, src);
    if (!type) throw new PatchError(`no content type for ${src} in the scratch workbook`);
    const file = from.file(src);
    if (!file) throw new PatchError(`the scratch workbook refers to ${src}, which is not there`);
    // Its relationships first, so the parts it points at have their new names.
    const relsXmlText = await text(from, relsPathOf(src));
    const rels: Rel[] = [];
    for (const r of relsXmlText ? parseRels(relsXmlText) : []) {
      if (r.external) {
        rels.push(r);
        continue;
      }
      if (!CARRIED.has(r.type) && !CARRIED_MS.test(r.type)) throw new PatchError(`the moved sheet refers to a part of type ${r.type}`);
      const target = await copy(resolvePart(dirOf(src), r.target));
      rels.push({ ...r, target: relativePart(dirOf(dest), target) });
    }
    let content: string | Uint8Array;
    if (type === CT_WORKSHEET) content = sheetXml(await file.async("string"), strings, styles);
    else if (type === CT_TABLE) {
      const xml = await file.async("string");
      if (/DxfId="/.test(xml)) throw new PatchError("a table of the moved sheet has differential formats");
      const t = /<table\b([^>]*)>/.exec(xml);
      if (!t) throw new PatchError(`${src} is not a table part`);
      const name = attr(t[1], "name") ?? attr(t[1], "displayName") ?? "Table";
      const unique = uniqueTableName(name, tableNames);
      tableNames.push(unique);
      const id = ++maxTableId;
      let a = withAttr(t[1], "id", String(id));
      a = withAttr(withAttr(a, "name", unique), "displayName", unique);
      content = xml.replace(t[0], () => `<table${a}>`);
      result.tables.push({ from: name, name: unique, id, path: dest });
    } else content = await file.async("uint8array");
    to.file(dest, content);
    result.added.push(dest);
    overrides.push(`<Override PartName="/${esc(dest)}" ContentType="${esc(type)}"/>`);
    if (rels.length) {
      const rp = relsPathOf(dest);
      to.file(rp, relsXml(rels));
      taken.add(rp.toLowerCase());
      result.added.push(rp);
    }
    return dest;
  };

  if (contentType(fromTypes, srcPath) !== CT_WORKSHEET) throw new PatchError(`the scratch sheet ${srcPath} is not a worksheet part`);
  const path = await copy(srcPath);

  // Register the sheet: workbook, its relationships, content types; and the styles it brought.
  const rPrefix = new RegExp(`\\sxmlns:([A-Za-z_][\\w.-]*)="${NS_R.replace(/[./]/g, "\\$&")}"`).exec(root[1])?.[1];
  let workbookXml = book;
  let prefix = rPrefix;
  if (!prefix) {
    if (/\sxmlns:r="/.test(root[1])) throw new PatchError("the workbook part binds the prefix r to another namespace");
    prefix = "r";
    workbookXml = workbookXml.replace(root[0], () => `<workbook${root[1]} xmlns:r="${NS_R}">`);
  }
  const sheetId = Math.max(0, ...sheets.map((s) => Number(attr(s, "sheetId") ?? 0) || 0)) + 1;
  let k = toRels.length + 1;
  while (toRels.some((r) => r.id === `rId${k}`)) k++;
  const relId = `rId${k}`;
  workbookXml = workbookXml.replace(
    /<\/sheets>/,
    () => `<sheet name="${esc(sheetName)}" sheetId="${sheetId}" ${prefix}:id="${relId}"/></sheets>`,
  );
  to.file("xl/workbook.xml", workbookXml);
  to.file(
    bookRelsPath,
    bookRels.replace(
      "</Relationships>",
      () => `${relXml({ id: relId, type: REL_WORKSHEET, target: relativePart("xl", path), external: false })}</Relationships>`,
    ),
  );
  to.file(
    "[Content_Types].xml",
    typesXml.replace("</Types>", () => `${overrides.join("")}</Types>`),
  );
  result.changed.push("[Content_Types].xml", "xl/workbook.xml", bookRelsPath);
  if (styles.changed) {
    to.file(stylesPath, styles.xml());
    result.changed.push(stylesPath);
  }
  return { ...result, path, sheetId, relId };
}
