/**
 * Recalculates the OVERLAY formulas of a workbook and the ordinary formulas around them, as Excel would with
 * the add-in loaded: the dependency cone.
 *
 * - The cone: every OVERLAY formula; every formula that reads an OVERLAY result, directly or through other
 *   formulas (found from the references of every formula in the file); and every formula those read,
 *   transitively (met while evaluating: before reading a range, the formulas whose cell or spilled range may
 *   lie in it are evaluated first). Formulas outside the cone keep their cached values and are not reported.
 * - Ordinary functions are Excel's, through functions.ts (@formulajs/formulajs). A formula in the cone that
 *   uses a function the command does not evaluate (OFFSET, INDIRECT, a function it does not know), refers to
 *   another workbook, or cannot be read, is skipped: it keeps its cached value, and the formulas computed from
 *   it are named in its outcome (`dependents`), so the summary says which results rest on a cached value.
 * - Semantics: an ordinary formula saved as such gets implicit intersection (see evaluate.ts); an array
 *   formula or dynamic array, and every OVERLAY formula, spills. A result table spills right and down from
 *   its cell; a spill that would cover a non-empty cell (or another formula's spill, or a merged cell, or run
 *   off the sheet) gives #SPILL! in the formula's cell, as in Excel.
 * - A formula met again while it is being evaluated closes a circular reference, and each formula of the
 *   cycle gets a #REF! error naming it. Where a result spills further than the file recorded, a formula may
 *   have read those cells before the spill; a second round (with the spill areas of the first) settles that.
 * - An error in a cell a formula reads (a range with #N/A in it, another formula's error) makes that formula's
 *   result the same error, its message saying which cell.
 * - Limits (issue 20): a reference expands to at most `maxCells` cells after whole columns and rows are cut to
 *   the used range; arrays built by operators and functions, and each spilled result, are bounded the same way.
 */
import { ExcelError, Result } from "../../functions/excel";
import { DEFAULT_MAX_CELLS, Value, evaluate, EvalOptions } from "./formula/evaluate";
import { isSupported } from "./formula/functions";
import { Expr, FormulaSyntaxError, canonicalName, parseFormula } from "./formula/parse";
import {
  Area,
  MAX_COLS,
  MAX_ROWS,
  areaAddress,
  areaOf,
  cellAddress,
  cellKey,
  contains,
  intersects,
  qualified,
  union,
} from "../../workbook/address";
import { BookModel, CellRecord, SheetModel } from "./model";
import { resolveReference } from "./references";
import { SpatialIndex } from "./spatial";

export interface FormulaOutcome {
  sheet: SheetModel;
  row: number;
  col: number;
  /** Sheet-qualified address: 'My sheet'!H2. */
  address: string;
  /** The formula as saved in the file, without "=". */
  formula: string;
  /** True for a formula that calls an OVERLAY function; false for an ordinary formula of the cone. */
  overlay: boolean;
  /** evaluated: value holds the result; error: value holds the Excel error; skipped: not evaluated, reason says why. */
  status: "evaluated" | "error" | "skipped";
  value?: Result | ExcelError;
  /** The cells the result occupies (the formula's cell alone for a single value or an error). */
  spill?: Area;
  /** The area the file recorded for the formula's result (an array formula's ref), cleared where the new result does not reach. */
  previous?: Area;
  reason?: string;
  /** For a skipped formula: the evaluated formulas computed from its cached value (addresses). */
  dependents?: string[];
  /** For an evaluated formula: the skipped formulas whose cached values it was computed from (addresses). */
  restsOn?: string[];
}

export interface RecalcResult {
  /** The OVERLAY formulas and the ordinary formulas of their cone, in sheet, row, column order. */
  formulas: FormulaOutcome[];
  /** Rounds needed for spills to settle (1 when the file's recorded spill areas were right). */
  rounds: number;
}

export interface RecalcOptions {
  /** TODAY() and NOW() as this date (default: today). */
  today?: Date;
  /** The most cells a reference may expand to, an array may have and a result may spill over (default 4,000,000). */
  maxCells?: number;
}

/** The most cells all results together may spill over: beyond, #SPILL! (keeps the bookkeeping bounded). */
const MAX_SPILLED_CELLS = 10_000_000;

/** The function names a formula calls, canonical. */
function callsOf(e: Expr, out: string[] = []): string[] {
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === "call") {
      out.push(canonicalName(x.name));
      stack.push(...x.args);
    } else if (x.kind === "negate" || x.kind === "percent") stack.push(x.arg);
    else if (x.kind === "binary") stack.push(x.left, x.right);
  }
  return out;
}

/** The reference texts of a formula (spill references of ANCHORARRAY with their #). */
function refsOf(e: Expr): string[] {
  const out: string[] = [];
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === "ref") out.push(x.text);
    else if (x.kind === "call") {
      if (canonicalName(x.name) === "ANCHORARRAY" && x.args[0]?.kind === "ref") out.push(x.args[0].text.replace(/#?$/, "#"));
      else stack.push(...x.args);
    } else if (x.kind === "negate" || x.kind === "percent") stack.push(x.arg);
    else if (x.kind === "binary") stack.push(x.left, x.right);
  }
  return out;
}

const DATE_FUNCTIONS = new Set(["DATE", "EDATE", "EOMONTH", "YEAR", "MONTH", "DAY", "TODAY", "NOW", "DAYS", "YEARFRAC"]);

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
  /** In the cone: evaluated (or, when skipped, met) this run. */
  met = false;
  /** Skipped formulas whose cached values this one's value rests on. */
  restsOn = new Set<Node>();
  /** A range this formula read that holds an error value (the range read as that error). */
  rangeError?: string;
  /** Why the fresh value is not trusted and the cached one is kept (an ordinary formula that caught a range's error). */
  held?: string;
  /** What the formula's references point at, resolved once (for the cone). */
  targets?: ({ kind: "area"; sheet: SheetModel; area: Area } | { kind: "spill"; sheet: SheetModel; row: number; col: number })[];
  readonly address: string;

  constructor(
    readonly sheet: SheetModel,
    readonly row: number,
    readonly col: number,
    readonly record: CellRecord,
    readonly overlay: boolean,
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

  /** Excel's semantics of a formula saved as an ordinary one: implicit intersection, one value. */
  get legacy(): boolean {
    return !this.overlay && !this.record.arrayRef;
  }
}

export class Recalc {
  private readonly nodes: Node[] = [];
  private readonly anchors = new Map<SheetModel, Map<number, Node>>();
  private index = new Map<SheetModel, SpatialIndex<Node>>();
  /** Cells of the file's recorded spill of an evaluable formula: stale until that formula spills again. */
  private readonly oldOwner = new Map<SheetModel, Map<number, Node>>();
  private spillOwner = new Map<SheetModel, Map<number, Node>>();
  private spilledCells = 0;
  private readonly stack: Node[] = [];
  private seq = 0;
  /** Nodes whose result spilled beyond their footprint this round: only they can have been read too early. */
  private grown: Node[] = [];
  /** Ranges read this round, after their formulas settled (cleared when a result grows). */
  private cache = new Map<string, Result | ExcelError>();
  /** Areas whose formulas are all computed this round, with the skipped formulas their values rest on. */
  private settled = new Map<string, Set<Node>>();
  private readonly today: number;
  private readonly maxCells: number;

  constructor(
    private readonly book: BookModel,
    options: RecalcOptions = {},
  ) {
    const d = options.today ?? new Date();
    this.today =
      Math.round((Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - Date.UTC(1899, 11, 30)) / 86_400_000) - (book.date1904 ? 1462 : 0);
    this.maxCells = options.maxCells ?? DEFAULT_MAX_CELLS;
    let oldCells = 0;
    for (const sheet of book.sheets) {
      const keys = [...sheet.cells.keys()].sort((a, b) => a - b);
      const anchors = new Map<number, Node>();
      const old = new Map<number, Node>();
      for (const key of keys) {
        const rec = sheet.cells.get(key)!;
        if (rec.formula === undefined) continue;
        const row = Math.floor(key / MAX_COLS);
        const col = key % MAX_COLS;
        const n = this.makeNode(sheet, row, col, rec);
        this.nodes.push(n);
        anchors.set(key, n);
        if (n.evaluable && rec.arrayRef) {
          const a = rec.arrayRef;
          const size = (a.bottom - a.top + 1) * (a.right - a.left + 1);
          // Bounded like the spills (a file may record huge array areas): beyond, the old cells block as values do.
          if (size <= this.maxCells && (oldCells += size) <= MAX_SPILLED_CELLS)
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

  private makeNode(sheet: SheetModel, row: number, col: number, rec: CellRecord): Node {
    const text = rec.formula!;
    const mentions = /overlay/i.test(text);
    let expr: Expr | undefined;
    let reason: string | undefined;
    let overlay = false;
    try {
      expr = parseFormula(text, { operators: true });
    } catch (e) {
      overlay = mentions && /overlay\.|_xldudf_overlay/i.test(text);
      reason = `cannot read the formula: ${e instanceof FormulaSyntaxError ? e.message : String(e)}`;
    }
    if (expr) {
      const calls = callsOf(expr);
      overlay = calls.some((c) => c.startsWith("OVERLAY."));
      const others = [...new Set(calls.filter((c) => !isSupported(c)))];
      if (others.length) {
        reason = `uses ${others.join(", ")}, which overlay run does not evaluate`;
        expr = undefined;
      } else if (this.book.date1904 && calls.some((c) => DATE_FUNCTIONS.has(c))) {
        reason = "uses date functions in a workbook with the 1904 date system, which overlay run does not evaluate";
        expr = undefined;
      } else {
        const place = { sheet, row, col };
        const external = refsOf(expr).find((r) => {
          if (!/[[\]]|:[^!]*!/.test(r)) return false; // only [1]Sheet!A1, Sheet1:Sheet3!A1 and the like
          const t = resolveReference(this.book, r, place);
          return t.kind === "error" && /not supported/.test(t.error.message);
        });
        if (external) {
          reason = `refers to ${external}, which overlay run cannot read (another workbook or a 3-D reference)`;
          expr = undefined;
        }
      }
    }
    return new Node(sheet, row, col, rec, overlay, expr, reason);
  }

  /** The areas a formula reads, from its references (names followed, spill references to their recorded area). */
  private precedents(n: Node): { sheet: SheetModel; area: Area }[] {
    if (!n.targets) n.targets = this.targets(n);
    return n.targets.map((t) => {
      if (t.kind === "area") return t;
      const anchor = this.anchors.get(t.sheet)?.get(cellKey(t.row, t.col));
      return { sheet: t.sheet, area: anchor ? anchor.footprint : areaOf(t.row, t.col) };
    });
  }

  /** What a formula's references point at (names followed), resolved once. */
  private targets(
    n: Node,
  ): ({ kind: "area"; sheet: SheetModel; area: Area } | { kind: "spill"; sheet: SheetModel; row: number; col: number })[] {
    const out: ({ kind: "area"; sheet: SheetModel; area: Area } | { kind: "spill"; sheet: SheetModel; row: number; col: number })[] = [];
    const expr = n.expr ?? tryParse(n.record.formula!);
    if (!expr) return out;
    const place = { sheet: n.sheet, row: n.row, col: n.col };
    const todo: { text: string; depth: number }[] = refsOf(expr).map((text) => ({ text, depth: 0 }));
    while (todo.length) {
      const { text, depth } = todo.pop()!;
      const t = resolveReference(this.book, text, place);
      if (t.kind === "area" || t.kind === "spill") out.push(t);
      else if (t.kind === "name" && depth < 16) for (const r of refsOf(t.expr)) todo.push({ text: r, depth: depth + 1 });
    }
    return out;
  }

  /** The OVERLAY formulas and every formula that reads their results, transitively. */
  private roots(): Node[] {
    const idx = new Map<SheetModel, SpatialIndex<Node>>();
    for (const s of this.book.sheets) idx.set(s, new SpatialIndex<Node>());
    for (const n of this.nodes) idx.get(n.sheet)!.add(n, n.footprint);
    // Each distinct area read, once: the formulas reading it, and the formulas whose results lie in it.
    // (A column of 2,000 SUMIFS over the same range is one area, not 2,000 x 2,000 edges.)
    const areas = new Map<string, { readers: Node[]; done: boolean }>();
    const readAreas = new Map<Node, { readers: Node[]; done: boolean }[]>();
    for (const f of this.nodes) {
      if (f.overlay) continue; // a root already: what it reads does not matter here
      for (const p of this.precedents(f)) {
        const key = `${p.sheet.index}:${p.area.top}:${p.area.left}:${p.area.bottom}:${p.area.right}`;
        let a = areas.get(key);
        if (!a) {
          areas.set(key, (a = { readers: [], done: false }));
          for (const b of idx.get(p.sheet)!.query(p.area, (x) => intersects(x.footprint, p.area))) {
            let list = readAreas.get(b);
            if (!list) readAreas.set(b, (list = []));
            list.push(a);
          }
        }
        a.readers.push(f);
      }
    }
    const seen = new Set<Node>();
    const queue = this.nodes.filter((n) => n.overlay);
    for (const n of queue) seen.add(n);
    for (let k = 0; k < queue.length; k++) {
      for (const a of readAreas.get(queue[k]) ?? []) {
        if (a.done) continue;
        a.done = true;
        for (const d of a.readers) {
          if (seen.has(d)) continue;
          seen.add(d);
          queue.push(d);
        }
      }
    }
    return this.nodes.filter((n) => seen.has(n));
  }

  /** Evaluates the cone; returns one outcome per formula of the cone, in sheet, row, column order. */
  async run(maxRounds = 4): Promise<RecalcResult> {
    let rounds = 0;
    let stale: Node[] = [];
    let coneSize = -1;
    for (;;) {
      rounds++;
      const roots = this.roots();
      // A result that spilled further than the file recorded can bring new readers into the cone: another round.
      const widened = coneSize >= 0 && roots.length > coneSize;
      if (coneSize >= 0 && !widened && stale.length === 0) {
        rounds--; // nothing new to evaluate: the last round stands
        break;
      }
      coneSize = roots.length;
      this.startRound();
      for (const n of roots) {
        n.met = true;
        if (n.evaluable && n.state === 0) await this.evaluateNode(n);
      }
      stale = this.staleReaders();
      const grew = this.grown.length > 0;
      if ((stale.length === 0 && !grew) || rounds >= maxRounds) break;
      for (const n of this.nodes) n.footprint = union(n.footprint, n.spill);
    }
    for (const n of stale) {
      n.value = new ExcelError(
        "#REF!",
        `Circular reference through a spill: ${n.address} reads cells that a result spills into only after it is computed`,
      );
    }
    const cone = this.nodes.filter((n) => n.met);
    const dependents = new Map<Node, string[]>();
    for (const n of cone)
      for (const s of n.restsOn) {
        let list = dependents.get(s);
        if (!list) dependents.set(s, (list = []));
        list.push(n.address);
      }
    return { formulas: cone.map((n) => this.outcome(n, dependents.get(n))), rounds };
  }

  private outcome(n: Node, dependents: string[] | undefined): FormulaOutcome {
    const base = {
      sheet: n.sheet,
      row: n.row,
      col: n.col,
      address: n.address,
      formula: n.record.formula ?? "",
      overlay: n.overlay,
      previous: n.record.arrayRef,
    };
    if (!n.evaluable || n.held) return { ...base, status: "skipped", reason: n.held ?? n.reason, ...(dependents ? { dependents } : {}) };
    const error = n.value instanceof ExcelError;
    const restsOn = n.restsOn.size ? { restsOn: [...n.restsOn].map((x) => x.address) } : {};
    return { ...base, status: error ? "error" : "evaluated", value: n.value, spill: error ? areaOf(n.row, n.col) : n.spill, ...restsOn };
  }

  private startRound(): void {
    this.index = new Map();
    this.spillOwner = new Map();
    this.spilledCells = 0;
    this.cache = new Map();
    this.settled = new Map();
    this.seq = 0;
    this.grown = [];
    for (const sheet of this.book.sheets) {
      this.index.set(sheet, new SpatialIndex<Node>());
      this.spillOwner.set(sheet, new Map());
    }
    for (const n of this.nodes) {
      n.state = 0;
      n.reads = [];
      n.restsOn = new Set();
      n.rangeError = undefined;
      n.held = undefined;
      n.spill = areaOf(n.row, n.col);
      this.index.get(n.sheet)!.add(n, n.footprint);
    }
  }

  /** Formulas that read cells a result spilled into after they read them. */
  private staleReaders(): Node[] {
    if (this.grown.length === 0) return [];
    const out: Node[] = [];
    for (const f of this.nodes) {
      if (!f.evaluable || f.state !== 2) continue;
      const isStale = f.reads.some((rd) =>
        this.grown.some((b) => b !== f && b.sheet === rd.sheet && b.doneSeq > rd.seq && intersects(b.spill, rd.area)),
      );
      if (isStale) out.push(f);
    }
    return out;
  }

  private async evaluateNode(n: Node): Promise<void> {
    n.state = 1;
    n.met = true;
    this.stack.push(n);
    // Yield once: a chain of dependencies then unwinds between formulas instead of growing the call stack
    // (a column of formulas each reading the next would otherwise overflow it after a few hundred).
    await undefined;
    let value: Value;
    let rethrow: CycleError | undefined;
    try {
      value = await evaluate(n.expr!, this.options(n, 0));
    } catch (e) {
      if (!(e instanceof CycleError)) throw e;
      value = new ExcelError("#REF!", e.message);
      if (e.start !== n) rethrow = e;
    }
    this.stack.pop();
    if (!n.overlay && n.rangeError && value !== undefined && !(value instanceof ExcelError)) {
      // Excel passes an error inside a range on cell by cell (VLOOKUP can skip a row with #N/A); here the
      // whole range read as that error, and the formula caught it (IFERROR): its value is not trusted.
      n.held = `reads ${n.rangeError}, which holds an error value: overlay run reads such a range as that error, and this formula catches it (Excel may give another value)`;
      const cached = n.record.value;
      value = cached === null ? "" : cached;
    }
    this.finish(n, value);
    if (rethrow) throw rethrow;
  }

  private options(n: Node, depth: number): EvalOptions {
    return {
      resolve: (text, single) => this.resolve(n, text, depth, single === true),
      legacy: n.legacy,
      today: this.today,
      maxCells: this.maxCells,
    };
  }

  private async resolve(n: Node, text: string, depth: number, single: boolean): Promise<Value> {
    const t = resolveReference(this.book, text, { sheet: n.sheet, row: n.row, col: n.col });
    switch (t.kind) {
      case "error":
        return t.error;
      case "area":
        return this.readArea(n, t.sheet, t.area, single);
      case "spill":
        return this.readSpill(n, t.sheet, t.row, t.col, text, single);
      case "name": {
        if (depth > 16) return new ExcelError("#NAME?", `The name ${t.name} refers to itself through other names`);
        if (t.expr.kind === "ref") return this.resolve(n, t.expr.text, depth + 1, single);
        const v = await evaluate(t.expr, { ...this.options(n, depth + 1), legacy: false });
        return single && n.legacy && Array.isArray(v) ? v[0][0] : v;
      }
    }
  }

  /** Makes sure the formulas whose results may lie in the area are computed; a formula in progress there closes a cycle. */
  private async settle(reader: Node, sheet: SheetModel, area: Area): Promise<void> {
    const key = `${sheet.index}:${area.top}:${area.left}:${area.bottom}:${area.right}`;
    const known = this.settled.get(key);
    if (known) {
      for (const s of known) reader.restsOn.add(s);
      return;
    }
    const rests = new Set<Node>();
    for (const b of this.index.get(sheet)!.query(area, (x) => intersects(x.footprint, area))) {
      if (b.state === 2) {
        for (const s of b.restsOn) rests.add(s);
        if (b.held) rests.add(b);
        continue;
      }
      if (!b.evaluable) {
        b.met = true;
        rests.add(b);
        continue;
      }
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
      for (const s of b.restsOn) rests.add(s);
      if (b.held) rests.add(b);
    }
    for (const s of rests) reader.restsOn.add(s);
    if (area.bottom - area.top + area.right - area.left > 0) this.settled.set(key, rests);
  }

  /** Implicit intersection: the cell of the area in the formula's row (one column) or column (one row), or both. */
  private intersect(reader: Node, sheet: SheetModel, a: Area): Area | ExcelError {
    const rowIn = reader.row >= a.top && reader.row <= a.bottom;
    const colIn = reader.col >= a.left && reader.col <= a.right;
    if (a.left === a.right && rowIn) return areaOf(reader.row, a.left);
    if (a.top === a.bottom && colIn) return areaOf(a.top, reader.col);
    if (rowIn && colIn) return areaOf(reader.row, reader.col);
    return new ExcelError(
      "#VALUE!",
      `${qualified(sheet.name, a)} is a range where one value is expected, and ${reader.address} is not in its rows or columns (implicit intersection)`,
    );
  }

  private async readArea(reader: Node, sheet: SheetModel, area: Area, single = false): Promise<Value> {
    const idx = this.index.get(sheet)!;
    let a = area;
    if (single && (a.top !== a.bottom || a.left !== a.right)) {
      const one = this.intersect(reader, sheet, a);
      if (one instanceof ExcelError) return one;
      a = one;
    }
    if (a.bottom === MAX_ROWS || a.right === MAX_COLS) {
      // Whole columns or rows: read up to the last used row or column (trailing empty cells carry nothing).
      const bottom = a.bottom === MAX_ROWS ? Math.max(a.top, Math.min(a.bottom, Math.max(sheet.maxRow, idx.maxRow))) : a.bottom;
      const right = a.right === MAX_COLS ? Math.max(a.left, Math.min(a.right, Math.max(sheet.maxCol, idx.maxCol))) : a.right;
      a = { ...a, bottom, right };
    }
    const rows = a.bottom - a.top + 1;
    const cols = a.right - a.left + 1;
    if (rows * cols > this.maxCells) {
      return new ExcelError(
        "#NUM!",
        `${qualified(sheet.name, a)} has ${rows * cols} cells in use, more than a reference may expand to (${this.maxCells}; --max-ref-cells to raise it)`,
      );
    }
    await this.settle(reader, sheet, a);
    reader.reads.push({ sheet, area: a, seq: this.seq });
    if (rows === 1 && cols === 1) {
      const v = this.cellValue(sheet, a.top, a.left);
      return v === null ? "" : v instanceof ExcelError ? this.passOn(sheet, a.top, a.left, v) : v;
    }
    const key = `${sheet.index}:${a.top}:${a.left}:${a.bottom}:${a.right}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      if (hit instanceof ExcelError) reader.rangeError ??= qualified(sheet.name, a);
      return hit;
    }
    const out: Result = [];
    let value: Result | ExcelError = out;
    fill: for (let r = a.top; r <= a.bottom; r++) {
      const row: (number | string | boolean)[] = [];
      for (let c = a.left; c <= a.right; c++) {
        const v = this.cellValue(sheet, r, c);
        if (v instanceof ExcelError) {
          value = this.passOn(sheet, r, c, v);
          break fill;
        }
        row.push(v === null ? "" : v);
      }
      out.push(row);
    }
    this.cache.set(key, value);
    if (value instanceof ExcelError) reader.rangeError ??= qualified(sheet.name, a);
    return value;
  }

  private passOn(sheet: SheetModel, row: number, col: number, e: ExcelError): ExcelError {
    return new ExcelError(e.code, `${qualified(sheet.name, { row, col })} is ${e.code}${e.message ? `: ${e.message}` : ""}`);
  }

  private async readSpill(reader: Node, sheet: SheetModel, row: number, col: number, text: string, single: boolean): Promise<Value> {
    const key = cellKey(row, col);
    const n = this.anchors.get(sheet)!.get(key);
    if (n && n.evaluable) {
      await this.settle(reader, sheet, areaOf(row, col));
      if (n.value instanceof ExcelError) return this.passOn(sheet, row, col, n.value);
      return this.readArea(reader, sheet, n.spill, single);
    }
    const rec = sheet.get(row, col);
    if (rec?.arrayRef) return this.readArea(reader, sheet, rec.arrayRef, single);
    if (rec?.formula !== undefined) return this.readArea(reader, sheet, areaOf(row, col));
    return new ExcelError("#REF!", `${text}: ${qualified(sheet.name, { row, col })} holds no formula whose result spills`);
  }

  /** The value a formula reads in a cell now. */
  private cellValue(sheet: SheetModel, row: number, col: number): number | string | boolean | ExcelError | null {
    const key = cellKey(row, col);
    const n = this.anchors.get(sheet)!.get(key);
    if (n && n.evaluable && n.state === 2) {
      const v = n.value;
      return Array.isArray(v) ? v[0][0] : v;
    }
    const owner = this.spillOwner.get(sheet)!.get(key);
    if (owner) {
      const v = owner.value as (number | string | boolean)[][];
      return v[row - owner.row][col - owner.col];
    }
    const old = this.oldOwner.get(sheet)!.get(key);
    if (old && old.state === 2) return null;
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
      const size = value.length * value[0].length;
      const blocker =
        size > this.maxCells || this.spilledCells + size > MAX_SPILLED_CELLS
          ? `that is more cells than overlay run spills (${Math.min(this.maxCells, MAX_SPILLED_CELLS)}; --max-ref-cells to raise it)`
          : this.blocker(n, target);
      if (blocker)
        value = new ExcelError("#SPILL!", `The result (${value.length} x ${value[0].length}) needs ${areaAddress(target)}, but ${blocker}`);
      else {
        spill = target;
        this.spilledCells += size;
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
      this.cache.clear();
      this.settled.clear();
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
        if (other) return other.overlay ? `${at} holds another OVERLAY formula` : `${at} holds a formula`;
        const owner = spilled.get(key);
        if (owner) return `${at} is in the spilled result of ${owner.address}`;
        const stale = old.get(key);
        if (stale && (stale === n || stale.met)) continue; // the file's old spill of a formula evaluated now: cleared
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

function tryParse(text: string): Expr | undefined {
  try {
    return parseFormula(text, { operators: true });
  } catch {
    return undefined;
  }
}

/** Recalculates the OVERLAY formulas of a workbook model and the ordinary formulas of their cone. */
export function recalc(book: BookModel, options: RecalcOptions = {}): Promise<RecalcResult> {
  return new Recalc(book, options).run();
}
