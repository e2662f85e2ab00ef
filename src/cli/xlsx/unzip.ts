/**
 * The package check done before any work on a workbook (issue 20): the file is read as a ZIP archive by
 * this module (APPNOTE.TXT, PKWARE's ZIP specification: end of central directory record, central directory
 * file headers, local file headers), and every part is inflated once, counting what comes out and stopping
 * at the limit (as a stream: memory stays at one chunk); the sizes the archive declares are never trusted.
 * It refuses, in our words, naming the part and the limit and the flag that raises it:
 *
 *   - a part that inflates past --max-part-mb (default 200 MB), or all parts together past --max-total-mb (1,000 MB);
 *   - a part that inflates more than --max-ratio (default 1,000) times its compressed size, once past 10 MB:
 *     text compresses 5 to 100 times, a "zip bomb" 1,000 times or more;
 *   - more than --max-parts parts (10,000), shared strings (--max-strings, 2,000,000), cells (--max-cells,
 *     1,000,000) or formulas (--max-formulas, 500,000), counted in the XML as it inflates (the workbook
 *     reader, exceljs, holds about 1.4 KB per cell: a million cells take some 1.4 GB and 25 s);
 *   - a file larger than --max-file-mb (200 MB), checked by the command before it reads the file;
 *   - what is not a ZIP archive, an encrypted or unknown compression method, ZIP64, a part whose contents do
 *     not match its declared size or that lies outside the file.
 *
 * Counting: a cell is an element <c ...> (or <x:c ...>, prefixed) of a worksheet part, a formula an element <f ...>, a shared string
 * an element <si ...> of the shared strings part (ECMA-376 Part 1, 18.3.1.4 c, 18.3.1.40 f, 18.4.8 si).
 */
import { createInflateRaw } from "node:zlib";

export interface PackageLimits {
  maxPartMb: number;
  maxTotalMb: number;
  maxRatio: number;
  maxParts: number;
  maxStrings: number;
  maxCells: number;
  maxFormulas: number;
  /** The file itself, before it is read (checked by the command with the file's size). */
  maxFileMb: number;
}

export const DEFAULT_LIMITS: PackageLimits = {
  maxPartMb: 200,
  maxTotalMb: 1000,
  maxRatio: 1000,
  maxParts: 10000,
  maxStrings: 2_000_000,
  maxCells: 1_000_000,
  maxFormulas: 500_000,
  maxFileMb: 200,
};

/** The command-line flag of each limit, for the messages and the argument parsers. */
export const LIMIT_FLAGS: Record<keyof PackageLimits, string> = {
  maxPartMb: "--max-part-mb",
  maxTotalMb: "--max-total-mb",
  maxRatio: "--max-ratio",
  maxParts: "--max-parts",
  maxStrings: "--max-strings",
  maxCells: "--max-cells",
  maxFormulas: "--max-formulas",
  maxFileMb: "--max-file-mb",
};

/** The ratio limit applies once a part has inflated past this many bytes (small parts may compress well). */
const RATIO_FLOOR = 10 * 1024 * 1024;
const MB = 1024 * 1024;

/** A workbook refused by the package check, or a package the check cannot read. */
export class PackageError extends Error {
  constructor(
    message: string,
    /** The part at fault, when there is one. */
    public readonly part?: string,
    /** The limit exceeded, when a limit was. */
    public readonly limit?: keyof PackageLimits,
  ) {
    super(message);
    this.name = "PackageError";
  }
}

export interface PartInfo {
  name: string;
  compressedBytes: number;
  bytes: number;
}

export interface PackageReport {
  parts: PartInfo[];
  totalBytes: number;
  strings: number;
  cells: number;
  formulas: number;
}

const fmt = (n: number) => n.toLocaleString("en-US");

function limitText(limits: PackageLimits, key: keyof PackageLimits, what: string): string {
  return `${what} (limit; ${LIMIT_FLAGS[key]} to raise it)`;
}

/** The longest match of tagPattern: "<", a namespace prefix of up to 10 characters and ":", the name, one more. */
const TAIL = 16;

/** An element's start tag, with or without a namespace prefix (<c r="A1">, <x:c r="A1">, <c/>). */
export function tagPattern(name: string): RegExp {
  return new RegExp(`<(?:[A-Za-z_][\\w.-]{0,9}:)?${name}[\\s>/]`, "g");
}

/** Counts elements <tag followed by a space, > or / in latin1 text, carrying a tail across chunks. */
export class TagCounter {
  count = 0;
  private tail = "";
  constructor(private readonly re: RegExp) {}
  push(chunk: Buffer): void {
    const text = this.tail + chunk.toString("latin1");
    this.re.lastIndex = 0;
    let n = 0;
    while (this.re.exec(text)) n++;
    // A tag split across two chunks is counted in the next one: the last TAIL characters are carried over,
    // and the matches wholly inside them are counted with the next chunk instead.
    const cut = Math.max(0, text.length - TAIL);
    const end = text.slice(cut);
    const inEnd = end.match(this.re)?.length ?? 0;
    this.count += n - inEnd;
    this.tail = end;
  }
  finish(): number {
    this.count += this.tail.match(this.re)?.length ?? 0;
    this.tail = "";
    return this.count;
  }
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  declared: number;
  offset: number;
}

function readEntries(data: Buffer, limits: PackageLimits): Entry[] {
  // End of central directory: signature 0x06054b50, at most 65,535 bytes of comment after its 22 bytes.
  const from = Math.max(0, data.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = data.length - 22; i >= from; i--) {
    if (data.readUInt32LE(i) === 0x06054b50 && i + 22 + data.readUInt16LE(i + 20) <= data.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw new PackageError(
      data.length >= 8 && data.readUInt32LE(0) === 0xe011cfd0
        ? "is not an .xlsx package but an OLE file (a password-protected workbook, or an old .xls): open it in Excel, remove the password or save it as .xlsx"
        : "is not an .xlsx package (no ZIP directory found: the file is damaged, cut short, or not a workbook)",
    );
  const count = data.readUInt16LE(eocd + 10);
  const size = data.readUInt32LE(eocd + 12);
  const start = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff)
    throw new PackageError("is a ZIP64 archive (over 4 GB or 65,535 parts), which Overlay does not read");
  if (count > limits.maxParts)
    throw new PackageError(
      limitText(limits, "maxParts", `has ${fmt(count)} parts, more than ${fmt(limits.maxParts)}`),
      undefined,
      "maxParts",
    );
  if (start + size > eocd) throw new PackageError("is a damaged ZIP archive (its directory lies outside the file)");
  const entries: Entry[] = [];
  let p = start;
  for (let k = 0; k < count; k++) {
    if (p + 46 > eocd || data.readUInt32LE(p) !== 0x02014b50)
      throw new PackageError("is a damaged ZIP archive (its directory is cut short)");
    const flags = data.readUInt16LE(p + 8);
    const method = data.readUInt16LE(p + 10);
    const compressed = data.readUInt32LE(p + 20);
    const declared = data.readUInt32LE(p + 24);
    const nameLen = data.readUInt16LE(p + 28);
    const extraLen = data.readUInt16LE(p + 30);
    const commentLen = data.readUInt16LE(p + 32);
    const offset = data.readUInt32LE(p + 42);
    const name = data.toString(flags & 0x800 ? "utf8" : "latin1", p + 46, p + 46 + nameLen);
    if (compressed === 0xffffffff || declared === 0xffffffff || offset === 0xffffffff)
      throw new PackageError(`${name}: is stored in ZIP64 form (over 4 GB), which Overlay does not read`, name);
    entries.push({ name, method, flags, compressed, declared, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The compressed bytes of an entry, from its local header. */
function entryData(data: Buffer, e: Entry): Buffer {
  const h = e.offset;
  if (h + 30 > data.length || data.readUInt32LE(h) !== 0x04034b50)
    throw new PackageError(`${e.name}: is damaged (its local header is missing)`, e.name);
  const begin = h + 30 + data.readUInt16LE(h + 26) + data.readUInt16LE(h + 28);
  if (begin + e.compressed > data.length) throw new PackageError(`${e.name}: is cut short (it lies past the end of the file)`, e.name);
  return data.subarray(begin, begin + e.compressed);
}

function counterFor(name: string): {
  kind: "cells" | "strings" | undefined;
  cells?: TagCounter;
  formulas?: TagCounter;
  strings?: TagCounter;
} {
  if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name))
    return { kind: "cells", cells: new TagCounter(tagPattern("c")), formulas: new TagCounter(tagPattern("f")) };
  if (/^xl\/sharedStrings\.xml$/i.test(name)) return { kind: "strings", strings: new TagCounter(tagPattern("si")) };
  return { kind: undefined };
}

/**
 * Inflates one part as a stream, chunk by chunk, counting what comes out and stopping at the first limit it
 * passes: memory stays at a chunk, whatever the part would inflate to.
 */
function inflatePart(raw: Buffer, e: Entry, limits: PackageLimits, budget: number, visit: (chunk: Buffer) => void): Promise<number> {
  const partCap = limits.maxPartMb * MB;
  const ratioCap = Math.max(RATIO_FLOOR, limits.maxRatio * Math.max(1, raw.length));
  const cap = Math.min(partCap, ratioCap, budget);
  const tooBig = (): PackageError =>
    cap === partCap
      ? new PackageError(limitText(limits, "maxPartMb", `${e.name} inflates past ${fmt(limits.maxPartMb)} MB`), e.name, "maxPartMb")
      : cap === ratioCap
        ? new PackageError(
            limitText(
              limits,
              "maxRatio",
              `${e.name} inflates more than ${fmt(limits.maxRatio)} times its compressed size of ${fmt(raw.length)} bytes`,
            ),
            e.name,
            "maxRatio",
          )
        : new PackageError(
            limitText(limits, "maxTotalMb", `its parts inflate past ${fmt(limits.maxTotalMb)} MB in all (at ${e.name})`),
            e.name,
            "maxTotalMb",
          );
  if (e.method === 0) {
    if (raw.length > Math.min(partCap, budget)) return Promise.reject(tooBig());
    visit(raw);
    return Promise.resolve(raw.length);
  }
  return new Promise((resolve, reject) => {
    const z = createInflateRaw({ chunkSize: 1 << 20 });
    let n = 0;
    let settled = false;
    const finish = (err?: PackageError) => {
      if (settled) return;
      settled = true;
      if (err) {
        z.destroy();
        reject(err);
      } else resolve(n);
    };
    z.on("data", (chunk: Buffer) => {
      if (settled) return;
      n += chunk.length;
      if (n > cap) return finish(tooBig());
      visit(chunk);
    });
    z.on("end", () => finish());
    z.on("error", () => finish(new PackageError(`${e.name}: is damaged (its compressed data cannot be inflated)`, e.name)));
    z.end(raw);
  });
}

/** Checks a workbook's bytes against the limits (see the header); throws PackageError. */
export async function checkPackage(data: Buffer | Uint8Array, limits: PackageLimits = DEFAULT_LIMITS): Promise<PackageReport> {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.length < 22) throw new PackageError("is not an .xlsx package (the file is empty or too short)");
  const entries = readEntries(buf, limits);
  const parts: PartInfo[] = [];
  let total = 0;
  let strings = 0;
  let cells = 0;
  let formulas = 0;
  for (const e of entries) {
    if (e.name.endsWith("/")) continue;
    if (e.flags & 1) throw new PackageError(`${e.name}: is encrypted, which Overlay does not read`, e.name);
    if (e.method !== 0 && e.method !== 8)
      throw new PackageError(
        `${e.name}: is compressed with method ${e.method}, which Overlay does not read (only stored and deflated parts)`,
        e.name,
      );
    const raw = entryData(buf, e);
    const c = counterFor(e.name);
    const budget = limits.maxTotalMb * MB - total;
    const bytes = await inflatePart(raw, e, limits, budget, (chunk) => {
      c.cells?.push(chunk);
      c.formulas?.push(chunk);
      c.strings?.push(chunk);
    });
    if (bytes !== e.declared)
      throw new PackageError(
        `${e.name}: inflates to ${fmt(bytes)} bytes, not the ${fmt(e.declared)} its ZIP directory declares (a damaged or altered file)`,
        e.name,
      );
    total += bytes;
    parts.push({ name: e.name, compressedBytes: raw.length, bytes });
    if (c.kind === "strings") {
      strings += c.strings!.finish();
      if (strings > limits.maxStrings)
        throw new PackageError(
          limitText(limits, "maxStrings", `${e.name} holds ${fmt(strings)} shared strings, more than ${fmt(limits.maxStrings)}`),
          e.name,
          "maxStrings",
        );
    } else if (c.kind === "cells") {
      cells += c.cells!.finish();
      formulas += c.formulas!.finish();
      if (cells > limits.maxCells)
        throw new PackageError(
          limitText(limits, "maxCells", `the worksheets hold ${fmt(cells)} cells by ${e.name}, more than ${fmt(limits.maxCells)}`),
          e.name,
          "maxCells",
        );
      if (formulas > limits.maxFormulas)
        throw new PackageError(
          limitText(
            limits,
            "maxFormulas",
            `the worksheets hold ${fmt(formulas)} formulas by ${e.name}, more than ${fmt(limits.maxFormulas)}`,
          ),
          e.name,
          "maxFormulas",
        );
    }
  }
  return { parts, totalBytes: total, strings, cells, formulas };
}

/** The file's size against --max-file-mb, before it is read; throws PackageError. */
export function checkFileSize(bytes: number, limits: PackageLimits = DEFAULT_LIMITS): void {
  if (bytes > limits.maxFileMb * MB)
    throw new PackageError(
      limitText(limits, "maxFileMb", `the file is ${fmt(Math.ceil(bytes / MB))} MB, more than ${fmt(limits.maxFileMb)} MB`),
      undefined,
      "maxFileMb",
    );
}

/** Parses a --max-... flag's value: a positive number. */
export function parseLimit(flag: string, value: string): number | string {
  const x = Number(value);
  if (!Number.isFinite(x) || x <= 0) return `${flag} takes a positive number, got '${value}'`;
  return x;
}

/** The limit a --max-... flag sets, or undefined when the flag is not one of them. */
export function limitOfFlag(flag: string): keyof PackageLimits | undefined {
  return (Object.keys(LIMIT_FLAGS) as (keyof PackageLimits)[]).find((k) => LIMIT_FLAGS[k] === flag);
}

/**
 * A failure of a dependency (the ZIP reader, the XML parser, exceljs) in our words: what the file is not,
 * never a JavaScript internal message ("Cannot read properties of undefined", "Maximum call stack size
 * exceeded", "Invalid string length") or a stack trace.
 */
export function readerFailure(e: unknown): Error {
  if (e instanceof PackageError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const column = /Invalid column letter: ([A-Za-z]+)/.exec(msg);
  if (column)
    return new PackageError(
      `is not a valid workbook: a cell or range names column ${column[1].slice(0, 10).toUpperCase()}, beyond Excel's last column XFD (the file is damaged)`,
    );
  if (/A Cell needs a Row|Invalid Address/i.test(msg))
    return new PackageError("is not a valid workbook: a cell's address is not one (the file is damaged)");
  if (/reading 'richText'/.test(msg))
    return new PackageError(
      "is not a valid workbook: a cell refers to a shared string that its string table does not hold (the file is damaged)",
    );
  if (/call stack|string length|array length|out of memory|allocation failed/i.test(msg))
    return new PackageError("is too large or too deeply nested for the workbook reader (lower its size, or check what produced it)");
  if (/sheet|xml|tag|attribute|entity|unexpected|closing|unclosed|invalid character/i.test(msg) && !/undefined|null|properties/i.test(msg))
    return new PackageError(
      "is not a valid workbook: its XML is malformed (the file is damaged, or was not written by a spreadsheet program)",
    );
  return new PackageError(
    "is not a valid workbook: the reader could not make sense of its contents (the file is damaged, or was not written by a spreadsheet program)",
  );
}
