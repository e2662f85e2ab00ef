/**
 * Small hand-made ZIP archives for the package check's tests (APPNOTE.TXT layout: local headers, central
 * directory, end record), with the liberties a hostile file takes: declared sizes that lie, flags, methods.
 */
import { deflateRawSync } from "node:zlib";

export interface FixturePart {
  name: string;
  data: Buffer | string;
  /** 0 stored, 8 deflated (default). */
  method?: number;
  /** The uncompressed size the directory declares (default: the true one). */
  declared?: number;
  flags?: number;
}

const HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const TAIL = `</sheetData></worksheet>`;

export function zipOf(parts: FixturePart[], opts: { comment?: Buffer; tail?: Buffer } = {}): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data);
    const method = p.method ?? 8;
    const body = method === 8 ? deflateRawSync(raw, { level: 9 }) : raw;
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(p.declared ?? raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(p.flags ?? 0, 8);
    c.writeUInt16LE(method, 10);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(p.declared ?? raw.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    chunks.push(local, name, body);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const comment = opts.comment ?? Buffer.alloc(0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...chunks, cd, end, comment, opts.tail ?? Buffer.alloc(0)]);
}

/** A worksheet part of `rows` rows of `cols` cells, one formula a row when `formulas`. */
export function sheetXml(rows: number, cols = 1, formulas = false): string {
  const out: string[] = [HEAD];
  for (let r = 1; r <= rows; r++) {
    out.push(`<row r="${r}">`);
    for (let c = 0; c < cols; c++) {
      const ref = `${String.fromCharCode(65 + (c % 26))}${r}`;
      out.push(formulas && c === 0 ? `<c r="${ref}"><f>1+1</f><v>2</v></c>` : `<c r="${ref}"><v>${r}</v></c>`);
    }
    out.push("</row>");
  }
  out.push(TAIL);
  return out.join("");
}

/** A worksheet part padded with whitespace to about `bytes` bytes (valid XML that compresses a thousandfold). */
export function paddedSheet(bytes: number): Buffer {
  const head = Buffer.from(HEAD + `<row r="1"><c r="A1"><v>1</v></c></row>`);
  const tail = Buffer.from(TAIL);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, bytes - head.length - tail.length), 0x20), tail]);
}

export function sharedStringsXml(n: number): string {
  const si: string[] = [];
  for (let i = 0; i < n; i++) si.push(`<si><t>s${i}</t></si>`);
  return `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${n}" uniqueCount="${n}">${si.join("")}</sst>`;
}

const CT = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WB = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WBRELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

/** A minimal workbook package: one sheet "S" with the given part, and a shared strings part. */
export function workbookZip(sheet: Buffer | string, strings: string = sharedStringsXml(0), extra: FixturePart[] = []): Buffer {
  return zipOf([
    { name: "[Content_Types].xml", data: CT },
    { name: "_rels/.rels", data: RELS },
    { name: "xl/workbook.xml", data: WB },
    { name: "xl/_rels/workbook.xml.rels", data: WBRELS },
    { name: "xl/worksheets/sheet1.xml", data: sheet },
    { name: "xl/sharedStrings.xml", data: strings },
    ...extra,
  ]);
}
