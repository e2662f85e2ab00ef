/**
 * Recalculates every OVERLAY formula of a workbook, as Excel would with the add-in loaded.
 *
 * - A formula is an OVERLAY formula when it calls an OVERLAY function. It is evaluated when everything in it
 *   is something the command can evaluate: OVERLAY calls, constants, references, Excel's operators, and
 *   ANCHORARRAY (the spill operator as saved in a file). One that also calls another function (ROUND, SUM...)
 *   is reported as skipped, and keeps its cached value: the command does not guess what it would give.
 * - Other cells give their cached values (for a formula, its last result saved in the file).
 * - Order: lazily, by dependency. Before reading a range, the formulas whose cell or spilled range may lie in it
 *   are evaluated first; a formula met again while it is being evaluated closes a circular reference, and each
 *   formula of the cycle gets a #REF! error naming it. Where a result spills further than the file recorded,
 *   a formula may have read those cells before the spill; a second round (with the spill areas of the first)
 *   settles that.
 * - A result table spills right and down from its cell. A spill that would cover a non-empty cell (or another
 *   formula's spill, or a merged cell, or run off the sheet) gives #SPILL! in the formula's cell, as in Excel.
 * - An error in a cell a formula reads (a range with #N/A in it, another formula's error) makes that formula's
 *   result the same error, its message saying which cell.
 */
import { ExcelError, Result } from "../../functions/excel";
import { Value, evaluate, Resolver } from "./formula/evaluate";
import { Expr, FormulaSyntaxError, canonicalName, parseFormula } from "./formula/parse";
import { Area, MAX_COLS, MAX_ROWS, areaAddress, areaOf, cellAddress, cellKey, contains, intersects, qualified, union } from "../../workbook/address";
import { BookModel, CellRecord, SheetModel } from "./model";
import { resolveReference } from "./references";

export interface FormulaOutcome {
  sheet: SheetModel;
  row: number;
  col: number;
  /** Sheet-qualified address: 'My sheet'!H2. */
  address: string;
  /** The formula as saved in the file, without "=". */
  formula: string;
  /** evaluated: value holds the result; error: value holds the Excel error; skipped: not evaluated, reason says why. */
  status: "evaluated" | "error" | "skipped";
  value?: Result | ExcelError;
  /** The cells the result occupies (the formula's cell alone for a single value or an error). */
  spill?: Area;
  /** The area the file recorded for the formula's result (an array formula's ref), cleared where the new result does not reach. */
  previous?: Area;
  reason?: string;
}

export interface RecalcResult {
  formulas: FormulaOutcome[];
  /** Rounds needed for spills to settle (1 when the file's recorded spill areas were right). */
  rounds: number;
}

/** A quick test before parsing: only formulas that mention OVERLAY can call it. */
const MENTIONS_OVERLAY = /overlay/i;

/** The function names a formula calls, canonical. */
function callsOf(e: Expr, out: string[] = []): string[] {
  switch (e.kind) {
    case "call":
      out.push(canonicalName(e.name));
      e.args.forEach((a) => callsOf(a, out));
      break;
    case "negate":
    case "percent":
      callsOf(e.arg, out);
      break;
    case "binary":
      callsOf(e.left, out);
      callsOf(e.right, out);
      break;
    default:
      break;
  }
  return out;
}

class CycleError extends Error {
  constructor(
    public readonly start: Node,
    message: string,
  ) {
    super(message);
  }
}

class Node {
  state: 0 | 1 | 2 = 0;
  value: Result | ExcelError = "";
  spill: Area;
  /** Where the node's cell and result may lie: its cell, the file's array ref, the previous round's spill. */
  footprint: Area;
  doneSeq = 0;
  reads: { sheet: SheetModel; area: Area; seq: number }[] = [];
  readonly address: string;

  constructor(
    readonly sheet: SheetModel,
    readonly row: number,
    readonly col: number,
    readonly record: CellRecord,
    readonly expr: Expr | undefined,
    readonly reason: string | undefined,
  ) {
    this.spill = areaOf(row, col);
    this.footprint = record.arrayRef ? union(this.spill, record.arrayRef) : this.spill;
    this.address = qualified(sheet.name, { row, col });
  }

  get evaluable(): boolean {
    return this.expr !== undefined;
  }
}

const BUCKET_ROWS = 8;
const BUCKET_COLS = 4;

/** Per sheet, the formula nodes by the buckets of the grid their footprints cover. */
class SpatialIndex {
  private readonly buckets = new Map<number, Set<Node>>();
  maxRow = 0;
  maxCol = 0;

  private static bucket(br: number, bc: number): number {
    return br * 4096 + bc;
  }

  add(n: Node, a: Area): void {
    this.maxRow = Math.max(this.maxRow, a.bottom);
    this.maxCol = Math.max(this.maxCol, a.right);
    for (let br = Math.floor(a.top / BUCKET_ROWS); br <= Math.floor(a.bottom / BUCKET_ROWS); br++) {
      for (let bc = Math.floor(a.left / BUCKET_COLS); bc <= Math.floor(a.right / BUCKET_COLS); bc++) {
        const k = SpatialIndex.bucket(br, bc);
        let set = this.buckets.get(k);
        if (!set) this.buckets.set(k, (set = new Set()));
        set.add(n);
      }
    }
  }

  /** Nodes whose footprint (or, with `bySpill`, spill) intersects the area. */
  query(a: Area, bySpill = false): Node[] {
    const bottom = Math.min(a.bottom, this.maxRow);
    const right = Math.min(a.right, this.maxCol);
    if (bottom < a.top || right < a.left) return [];
    if (a.top === a.bottom && a.left === a.right) {
      // One cell, one bucket: no duplicates to remove.
      const set = this.buckets.get(SpatialIndex.bucket(Math.floor(a.top / BUCKET_ROWS), Math.floor(a.left / BUCKET_COLS)));
      const hits: Node[] = [];
      if (set) for (const n of set) if (contains(bySpill ? n.spill : n.footprint, a.top, a.left)) hits.push(n);
      return hits;
    }
    const out = new Set<Node>();
    for (let br = Math.floor(a.top / BUCKET_ROWS); br <= Math.floor(bottom / BUCKET_ROWS); br++) {
      for (let bc = Math.floor(a.left / BUCKET_COLS); bc <= Math.floor(right / BUCKET_COLS); bc++) {
        const set = this.buckets.get(SpatialIndex.bucket(br, bc));
        if (set) for (const n of set) if (intersects(bySpill ? n.spill : n.footprint, a)) out.add(n);
      }
    }
    return [...out];
  }
}

/** The largest range read at once (cells): beyond it a formula gets #VALUE! rather than exhausting memory. */
const MAX_READ_CELLS = 20_000_000;

export class Recalc {
  private readonly nodes: Node[] = [];
  private readonly anchors = new Map<SheetModel, Map<number, Node>>();
  private index = new Map<SheetModel, SpatialIndex>();
  /** Cells of the file's recorded spill of an evaluable formula: stale until that formula spills again. */
  private readonly oldOwner = new Map<SheetModel, Map<number, Node>>();
  private spillOwner = new Map<SheetModel, Map<number, Node>>();
  private readonly stack: Node[] = [];
  private seq = 0;
  /** Nodes whose result spilled beyond their footprint this round: only they can have been read too early. */
  private grown: Node[] = [];

  constructor(private readonly book: BookModel) {
    for (const sheet of book.sheets) {
      const keys = [...sheet.cells.keys()].sort((a, b) => a - b);
      const anchors = new Map<number, Node>();
      const old = new Map<number, Node>();
      for (const key of keys) {
        const rec = sheet.cells.get(key)!;
        if (rec.formula === undefined || !MENTIONS_OVERLAY.test(rec.formula)) continue;
        const row = Math.floor(key / MAX_COLS);
        const col = key % MAX_COLS;
        let expr: Expr | undefined;
        let reason: string | undefined;
        try {
          expr = parseFormula(rec.formula, { operators: true });
        } catch (e) {
          if (!/overlay\.|_xldudf_overlay/i.test(rec.formula)) continue;
          reason = `cannot read the formula: ${e instanceof FormulaSyntaxError ? e.message : String(e)}`;
        }
        if (expr) {
          const calls = callsOf(expr);
          if (!calls.some((c) => c.startsWith("OVERLAY."))) continue;
          const others = [...new Set(calls.filter((c) => !c.startsWith("OVERLAY.") && c !== "ANCHORARRAY"))];
          if (others.length) {
            reason = `it also calls ${others.join(", ")}, which overlay run does not evaluate (only OVERLAY functions, references, constants and operators)`;
            expr = undefined;
          }
        }
        const n = new Node(sheet, row, col, rec, expr, reason);
        this.nodes.push(n);
        anchors.set(key, n);
        if (n.evaluable && rec.arrayRef) {
          const a = rec.arrayRef;
          for (let r = a.top; r <= a.bottom; r++)
            for (let c = a.left; c <= a.right; c++) {
              // A formula typed into the old spill area is not part of the result: it stays, and blocks the spill.
              if ((r !== row || c !== col) && sheet.get(r, c)?.formula === undefined) old.set(cellKey(r, c), n);
            }
        }
      }
      this.anchors.set(sheet, anchors);
      this.oldOwner.set(sheet, old);
    }
  }

  /** Evaluates every OVERLAY formula; returns one outcome per OVERLAY formula, in sheet, row, column order. */
  async run(maxRounds = 4): Promise<RecalcResult> {
    let rounds = 0;
    let stale: Node[] = [];
    for (;;) {
      rounds++;
      this.startRound();
      for (const n of this.nodes) if (n.evaluable && n.state === 0) await this.evaluateNode(n);
      stale = this.staleReaders();
      if (stale.length === 0 || rounds >= maxRounds) break;
      for (const n of this.nodes) n.footprint = union(n.footprint, n.spill);
    }
    for (const n of stale) {
      n.value = new ExcelError(
        "#REF!",
        `Circular reference through a spill: ${n.address} reads cells that a result spills into only after it is computed`,
      );
    }
    return { formulas: this.nodes.map((n) => this.outcome(n)), rounds };
  }

  private outcome(n: Node): FormulaOutcome {
    const base = {
      sheet: n.sheet,
      row: n.row,
      col: n.col,
      address: n.address,
      formula: n.record.formula ?? "",
      previous: n.record.arrayRef,
    };
    if (!n.evaluable) return { ...base, status: "skipped", reason: n.reason };
    const error = n.value instanceof ExcelError;
    return { ...base, status: error ? "error" : "evaluated", value: n.value, spill: error ? areaOf(n.row, n.col) : n.spill };
  }

  private startRound(): void {
    this.index = new Map();
    this.spillOwner = new Map();
    this.seq = 0;
    this.grown = [];
    for (const sheet of this.book.sheets) {
      this.index.set(sheet, new SpatialIndex());
      this.spillOwner.set(sheet, new Map());
    }
    for (const n of this.nodes) {
      n.state = 0;
      n.reads = [];
      n.spill = areaOf(n.row, n.col);
      this.index.get(n.sheet)!.add(n, n.footprint);
    }
  }

  /** Formulas that read cells a result spilled into after they read them. */
  private staleReaders(): Node[] {
    if (this.grown.length === 0) return [];
    const out: Node[] = [];
    for (const f of this.nodes) {
      if (!f.evaluable) continue;
      const isStale = f.reads.some((rd) =>
        this.grown.some((b) => b !== f && b.sheet === rd.sheet && b.doneSeq > rd.seq && intersects(b.spill, rd.area)),
      );
      if (isStale) out.push(f);
    }
    return out;
  }

  private async evaluateNode(n: Node): Promise<void> {
    n.state = 1;
    this.stack.push(n);
    // Yield once: a chain of dependencies then unwinds between formulas instead of growing the call stack
    // (a column of formulas each reading the next would otherwise overflow it after a few hundred).
    await undefined;
    let value: Value;
    let rethrow: CycleError | undefined;
    try {
      value = await evaluate(n.expr!, this.resolver(n, 0));
    } catch (e) {
      if (!(e instanceof CycleError)) throw e;
      value = new ExcelError("#REF!", e.message);
      if (e.start !== n) rethrow = e;
    }
    this.stack.pop();
    this.finish(n, value);
    if (rethrow) throw rethrow;
  }

  private resolver(n: Node, depth: number): Resolver {
    return (text) => this.resolve(n, text, depth);
  }

  private async resolve(n: Node, text: string, depth: number): Promise<Value> {
    const t = resolveReference(this.book, text, { sheet: n.sheet, row: n.row, col: n.col });
    switch (t.kind) {
      case "error":
        return t.error;
      case "area":
        return this.readArea(n, t.sheet, t.area);
      case "spill":
        return this.readSpill(n, t.sheet, t.row, t.col, text);
      case "name": {
        if (depth > 16) return new ExcelError("#NAME?", `The name ${t.name} refers to itself through other names`);
        return evaluate(t.expr, this.resolver(n, depth + 1));
      }
    }
  }

  /** Makes sure the formulas whose results may lie in the area are computed; a formula in progress there closes a cycle. */
  private async settle(sheet: SheetModel, area: Area): Promise<void> {
    for (const b of this.index.get(sheet)!.query(area)) {
      if (!b.evaluable || b.state === 2) continue;
      if (b.state === 1) {
        const chain = this.stack.slice(this.stack.indexOf(b));
        const cells = [...chain, b].map((x) => x.address);
        // A long cycle is named by its ends.
        const path =
          cells.length > 12
            ? [...cells.slice(0, 5), `... (${cells.length - 10} more)`, ...cells.slice(-5)].join(" -> ")
            : cells.join(" -> ");
        throw new CycleError(
          b,
          chain.length === 1 ? `Circular reference: ${b.address} refers to its own cell or result` : `Circular reference: ${path}`,
        );
      }
      await this.evaluateNode(b);
    }
  }

  private async readArea(reader: Node, sheet: SheetModel, area: Area): Promise<Value> {
    const idx = this.index.get(sheet)!;
    let a = area;
    if (a.bottom === MAX_ROWS || a.right === MAX_COLS) {
      // Whole columns or rows: read up to the last used row or column (trailing empty cells carry nothing).
      const bottom = a.bottom === MAX_ROWS ? Math.max(a.top, Math.min(a.bottom, Math.max(sheet.maxRow, idx.maxRow))) : a.bottom;
      const right = a.right === MAX_COLS ? Math.max(a.left, Math.min(a.right, Math.max(sheet.maxCol, idx.maxCol))) : a.right;
      a = { ...a, bottom, right };
    }
    const rows = a.bottom - a.top + 1;
    const cols = a.right - a.left + 1;
    if (rows * cols > MAX_READ_CELLS) {
      return new ExcelError(
        "#VALUE!",
        `${qualified(sheet.name, a)} has ${rows * cols} cells, more than overlay run reads at once (${MAX_READ_CELLS})`,
      );
    }
    await this.settle(sheet, a);
    reader.reads.push({ sheet, area: a, seq: this.seq });
    if (rows === 1 && cols === 1) {
      const v = this.cellValue(sheet, a.top, a.left);
      return v === null ? "" : v instanceof ExcelError ? this.passOn(sheet, a.top, a.left, v) : v;
    }
    const out: Result = [];
    for (let r = a.top; r <= a.bottom; r++) {
      const row: (number | string | boolean)[] = [];
      for (let c = a.left; c <= a.right; c++) {
        const v = this.cellValue(sheet, r, c);
        if (v instanceof ExcelError) return this.passOn(sheet, r, c, v);
        row.push(v === null ? "" : v);
      }
      out.push(row);
    }
    return out;
  }

  private passOn(sheet: SheetModel, row: number, col: number, e: ExcelError): ExcelError {
    return new ExcelError(e.code, `${qualified(sheet.name, { row, col })} is ${e.code}${e.message ? `: ${e.message}` : ""}`);
  }

  private async readSpill(reader: Node, sheet: SheetModel, row: number, col: number, text: string): Promise<Value> {
    const key = cellKey(row, col);
    const n = this.anchors.get(sheet)!.get(key);
    if (n && n.evaluable) {
      await this.settle(sheet, areaOf(row, col));
      if (n.value instanceof ExcelError) return this.passOn(sheet, row, col, n.value);
      return this.readArea(reader, sheet, n.spill);
    }
    const rec = sheet.get(row, col);
    if (rec?.arrayRef) return this.readArea(reader, sheet, rec.arrayRef);
    if (rec?.formula !== undefined) return this.readArea(reader, sheet, areaOf(row, col));
    return new ExcelError("#REF!", `${text}: ${qualified(sheet.name, { row, col })} holds no formula whose result spills`);
  }

  /** The value a formula reads in a cell now. */
  private cellValue(sheet: SheetModel, row: number, col: number): number | string | boolean | ExcelError | null {
    const key = cellKey(row, col);
    const n = this.anchors.get(sheet)!.get(key);
    if (n && n.evaluable) {
      const v = n.value;
      return Array.isArray(v) ? v[0][0] : v;
    }
    const owner = this.spillOwner.get(sheet)!.get(key);
    if (owner) {
      const v = owner.value as (number | string | boolean)[][];
      return v[row - owner.row][col - owner.col];
    }
    if (this.oldOwner.get(sheet)!.has(key)) return null;
    const rec = sheet.cells.get(key);
    if (!rec || rec.merged) return null;
    return rec.value;
  }

  /** Lays out the result: its spill area, or #SPILL! when something is in the way. */
  private finish(n: Node, v: Value): void {
    let value: Result | ExcelError;
    if (v === undefined) value = new ExcelError("#VALUE!", "The formula gives no value");
    else if (Array.isArray(v) && (v.length === 0 || v[0].length === 0)) value = new ExcelError("#CALC!", "The result is empty");
    else if (Array.isArray(v) && v.length === 1 && v[0].length === 1) value = v[0][0];
    else value = v;
    let spill = areaOf(n.row, n.col);
    if (Array.isArray(value)) {
      const target = areaOf(n.row, n.col, value.length, value[0].length);
      const blocker = this.blocker(n, target);
      if (blocker)
        value = new ExcelError("#SPILL!", `The result (${value.length} x ${value[0].length}) needs ${areaAddress(target)}, but ${blocker}`);
      else {
        spill = target;
        const owners = this.spillOwner.get(n.sheet)!;
        for (let r = target.top; r <= target.bottom; r++)
          for (let c = target.left; c <= target.right; c++) if (r !== n.row || c !== n.col) owners.set(cellKey(r, c), n);
      }
    }
    n.value = value;
    n.spill = spill;
    n.state = 2;
    n.doneSeq = ++this.seq;
    if (spill.bottom > n.footprint.bottom || spill.right > n.footprint.right) {
      this.index.get(n.sheet)!.add(n, spill);
      this.grown.push(n);
    }
  }

  /** Why the result cannot spill over the target area, or undefined when it can. */
  private blocker(n: Node, target: Area): string | undefined {
    if (target.bottom > MAX_ROWS || target.right > MAX_COLS) return "it runs off the edge of the sheet";
    // Excel spills neither from a formula in a table nor into a table.
    for (const t of this.book.tables) {
      if (t.sheet !== n.sheet || !intersects(t.area, target)) continue;
      return contains(t.area, n.row, n.col)
        ? `the formula is in the table ${t.name}, and a table result cannot spill there`
        : `it would spill into the table ${t.name}`;
    }
    const anchors = this.anchors.get(n.sheet)!;
    const spilled = this.spillOwner.get(n.sheet)!;
    const old = this.oldOwner.get(n.sheet)!;
    const describe = (v: unknown) =>
      typeof v === "string" ? `'${v.length > 30 ? v.slice(0, 27) + "..." : v}'` : v instanceof ExcelError ? v.code : String(v);
    for (let r = target.top; r <= target.bottom; r++) {
      for (let c = target.left; c <= target.right; c++) {
        if (r === n.row && c === n.col) continue;
        const key = cellKey(r, c);
        const at = cellAddress(r, c);
        const other = anchors.get(key);
        if (other) return `${at} holds another OVERLAY formula`;
        const owner = spilled.get(key);
        if (owner) return `${at} is in the spilled result of ${owner.address}`;
        const stale = old.get(key);
        if (stale) continue; // the file's old spill of an evaluable formula: cleared now
        const rec = n.sheet.cells.get(key);
        if (!rec) continue;
        if (rec.merged) return `${at} is part of a merged cell`;
        if (rec.formula !== undefined) return `${at} holds a formula`;
        if (rec.value !== null && rec.value !== "") return `${at} is not empty (${describe(rec.value)})`;
      }
    }
    return undefined;
  }
}

/** Recalculates the OVERLAY formulas of a workbook model. */
export function recalc(book: BookModel): Promise<RecalcResult> {
  return new Recalc(book).run();
}
