/**
 * Excel's ordinary functions for `overlay run`: the adapter between the evaluator and @formulajs/formulajs
 * (MIT), which implements them. Only the functions listed in FUNCTIONS are evaluated; any other is reported by
 * the recalculation as one the command cannot evaluate (the cell keeps its cached value and is flagged).
 *
 * What the adapter does around the library, because Excel (Microsoft's function reference) says so:
 *  - SUM, AVERAGE, MIN, MAX, COUNT, COUNTA, PRODUCT, AND, OR: numbers (or, for AND/OR, logical values) in a
 *    reference or an array are used and text, logical values and empty cells in it are ignored, while a value
 *    typed as an argument is converted ("2" counts as 2, TRUE as 1; "a" is #VALUE!). The library cannot tell
 *    the two apart; the adapter passes it only what Excel counts.
 *  - SUMIF(S), COUNTIF(S), AVERAGEIF(S), MAXIFS, MINIFS: criteria as in Excel ("=A*", "<>Bananas", ">=10",
 *    "" for an empty cell, wildcards * ? and ~, text compared ignoring case); the library misses "=A*" and
 *    counts no empty cell for "". The adapter selects the cells; the library adds them up.
 *  - SUMPRODUCT: entries that are not numbers count as 0; arrays of different sizes are #VALUE!.
 *  - INDEX (row or column 0 gives the whole column or row) and XLOOKUP (not in the library) are written here.
 *  - Dates are Excel serial numbers (1900 date system): the library's Date results are converted; TODAY()
 *    and NOW() are the run's date (`--date`), not the clock.
 *  - Scalar functions (ROUND, ABS, DATE...) given an array work element by element (dynamic arrays).
 *  - No NaN or Infinity leaves: a non-finite result is #NUM!; every error names the function.
 */
import { cellToNumber } from "../../../engine/core/cells";
import { ExcelError, Result } from "../../../functions/excel";

type Scalar = number | string | boolean;
type Matrix = Scalar[][];
export type FnValue = Result | ExcelError | undefined;

/** One argument as the evaluator hands it over: its value, and whether it came from a reference (a range). */
export interface Arg {
  value: FnValue;
  ref: boolean;
}

export interface FnContext {
  /** TODAY() as an Excel serial date. */
  today: number;
  /** The largest array a function may build, in cells. */
  maxCells: number;
}

type FormulaJs = Record<string, (...args: unknown[]) => unknown>;

class FnError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const fail = (code: string, message: string): never => {
  throw new FnError(code, message);
};

const isMatrix = (v: FnValue): v is Matrix => Array.isArray(v);

function cells(v: FnValue): Scalar[] {
  if (v === undefined) return [];
  if (v instanceof ExcelError) throw new FnError(v.code, v.message);
  return isMatrix(v) ? v.flat() : [v];
}

function describe(v: unknown): string {
  if (typeof v === "string") return `'${v.length > 30 ? v.slice(0, 27) + "..." : v}'`;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

/** A value typed as an argument, read as Excel reads it for a number. */
function argNumber(v: Scalar | undefined, fn: string, k: number): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === undefined || v === "") return 0;
  const x = cellToNumber(v);
  if (x === undefined) fail("#VALUE!", `${fn}: argument ${k + 1} must be a number, got ${describe(v)}`);
  return x!;
}

function single(v: FnValue, fn: string, k: number): Scalar | undefined {
  if (v instanceof ExcelError) throw new FnError(v.code, v.message);
  if (isMatrix(v)) {
    if (v.length === 1 && v[0].length === 1) return v[0][0];
    return fail("#VALUE!", `${fn}: argument ${k + 1} must be a single value, got a range of ${v.length} x ${v[0]?.length ?? 0}`);
  }
  return v;
}

/** Numbers as SUM counts them: all numbers of references and arrays, typed values converted. */
function numbersOf(args: Arg[], fn: string): number[] {
  const out: number[] = [];
  args.forEach((a, k) => {
    if (a.value instanceof ExcelError) throw new FnError(a.value.code, a.value.message);
    if (a.ref || isMatrix(a.value)) {
      for (const x of cells(a.value)) if (typeof x === "number") out.push(x);
    } else if (a.value !== undefined) out.push(argNumber(a.value, fn, k));
  });
  return out;
}

function logicalsOf(args: Arg[], fn: string): boolean[] {
  const out: boolean[] = [];
  args.forEach((a, k) => {
    if (a.ref || isMatrix(a.value)) {
      for (const x of cells(a.value)) if (typeof x === "number" || typeof x === "boolean") out.push(Boolean(x));
    } else if (a.value !== undefined) {
      const v = single(a.value, fn, k);
      if (typeof v === "string") {
        if (/^(true|false)$/i.test(v)) out.push(/^true$/i.test(v));
        else fail("#VALUE!", `${fn}: argument ${k + 1} must be TRUE or FALSE, got ${describe(v)}`);
      } else out.push(Boolean(v));
    }
  });
  if (out.length === 0) fail("#VALUE!", `${fn} found no logical values`);
  return out;
}

/** Excel's criteria (COUNTIF, SUMIFS...): a predicate over cells ("" is an empty cell). */
export function criterion(c: Scalar | undefined): (x: Scalar) => boolean {
  if (c === undefined) c = "";
  if (typeof c === "number") return (x) => x === c || (typeof x === "string" && x !== "" && cellToNumber(x) === c);
  if (typeof c === "boolean") return (x) => x === c;
  const m = /^(<>|<=|>=|=|<|>)?([\s\S]*)$/.exec(c)!;
  const op = m[1] ?? "=";
  const text = m[2];
  const num = text.trim() === "" ? undefined : cellToNumber(text);
  const bool = /^(true|false)$/i.test(text) ? /^true$/i.test(text) : undefined;
  if (text === "") {
    if (op === "=") return (x) => x === "";
    if (op === "<>") return (x) => x !== "";
  }
  if (num !== undefined) {
    const cmp = (x: Scalar): number | undefined => {
      const y =
        typeof x === "number"
          ? x
          : op === "=" || op === "<>"
            ? typeof x === "string" && x !== ""
              ? cellToNumber(x)
              : undefined
            : undefined;
      return y === undefined ? undefined : y - num;
    };
    return compareWith(op, cmp);
  }
  if (bool !== undefined) return compareWith(op, (x) => (typeof x === "boolean" ? Number(x) - Number(bool) : undefined));
  const lower = text.toLowerCase();
  if (op === "=" || op === "<>") {
    const wild = /[*?]/.test(text) ? wildcard(text) : undefined;
    const plain = lower.replace(/~([*?~])/g, "$1");
    const eq = (x: Scalar) =>
      typeof x === "string" && (wild ? wild.test(x) : x.length === plain.length && (x === plain || x.toLowerCase() === plain));
    return op === "=" ? eq : (x) => !eq(x);
  }
  return compareWith(op, (x) =>
    typeof x === "string" && x !== "" ? (x.toLowerCase() < lower ? -1 : x.toLowerCase() > lower ? 1 : 0) : undefined,
  );
}

function compareWith(op: string, cmp: (x: Scalar) => number | undefined): (x: Scalar) => boolean {
  return (x) => {
    const d = cmp(x);
    if (d === undefined) return op === "<>";
    switch (op) {
      case "=":
        return d === 0;
      case "<>":
        return d !== 0;
      case "<":
        return d < 0;
      case ">":
        return d > 0;
      case "<=":
        return d <= 0;
      default:
        return d >= 0;
    }
  };
}

/** An Excel wildcard pattern (* any run, ? one character, ~ escapes) as a whole-text, case-insensitive test. */
function wildcard(p: string): RegExp {
  let re = "";
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === "~" && i + 1 < p.length) re += p[++i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (ch === "*") re += "[\\s\\S]*";
    else if (ch === "?") re += "[\\s\\S]";
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "i");
}

function matrixOf(v: FnValue, fn: string, what: string): Matrix {
  if (v instanceof ExcelError) throw new FnError(v.code, v.message);
  if (v === undefined) return fail("#VALUE!", `${fn}: ${what} is missing`);
  return isMatrix(v) ? v : [[v]];
}

/** The cells of `target` (default: the first range) where every criteria range meets its criterion. */
function selectIfs(fn: string, target: Matrix, pairs: [Matrix, Scalar | undefined][]): Scalar[] {
  const rows = target.length;
  const cols = target[0]?.length ?? 0;
  const tests = pairs.map(([range, c], k) => {
    if (range.length !== rows || (range[0]?.length ?? 0) !== cols)
      fail(
        "#VALUE!",
        `${fn}: criteria range ${k + 1} is ${range.length} x ${range[0]?.length ?? 0}, the range it selects from ${rows} x ${cols}`,
      );
    return { range, test: criterion(c) };
  });
  const out: Scalar[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      let ok = true;
      for (let k = 0; ok && k < tests.length; k++) ok = tests[k].test(tests[k].range[r][c]);
      if (ok) out.push(target[r][c]);
    }
  return out;
}

function ifsArgs(fn: string, args: Arg[], from: number): [Matrix, Scalar | undefined][] {
  if ((args.length - from) % 2 !== 0 || args.length - from < 2) fail("#VALUE!", `${fn} takes criteria ranges and criteria in pairs`);
  const pairs: [Matrix, Scalar | undefined][] = [];
  for (let k = from; k < args.length; k += 2)
    pairs.push([matrixOf(args[k].value, fn, `criteria range ${(k - from) / 2 + 1}`), single(args[k + 1].value, fn, k + 1)]);
  return pairs;
}

const onlyNumbers = (xs: Scalar[]) => xs.filter((x): x is number => typeof x === "number");

/** Excel's comparison for lookups: numbers, text (ignoring case) and logical values; across types, no match. */
function same(a: Scalar, b: Scalar): boolean {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

function order(a: Scalar, b: Scalar): number | undefined {
  if (typeof a !== typeof b) return undefined;
  if (typeof a === "string") {
    const x = a.toLowerCase();
    const y = (b as string).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Number(a) - Number(b);
}

function index(fn: string, args: Arg[]): FnValue {
  const m = matrixOf(args[0]?.value, fn, "the array");
  let r = args[1] ? argNumber(single(args[1].value, fn, 1), fn, 1) : 0;
  let c = args[2] ? argNumber(single(args[2].value, fn, 2), fn, 2) : 0;
  r = Math.trunc(r);
  c = Math.trunc(c);
  // A one-row array with one index: the index is the column (Microsoft: INDEX function, array form).
  if (m.length === 1 && args.length === 2) [r, c] = [1, r];
  if (r < 0 || c < 0) fail("#VALUE!", `${fn}: row and column must not be negative`);
  if (r > m.length) fail("#REF!", `${fn}: row ${r} is outside the array's ${m.length} rows`);
  if (c > (m[0]?.length ?? 0)) fail("#REF!", `${fn}: column ${c} is outside the array's ${m[0]?.length ?? 0} columns`);
  if (r > 0 && c > 0) return m[r - 1][c - 1];
  if (r > 0) return [m[r - 1].slice()];
  if (c > 0) return m.map((row) => [row[c - 1]]);
  return m;
}

function xlookup(fn: string, args: Arg[]): FnValue {
  if (args.length < 3) fail("#VALUE!", `${fn} needs a lookup value, a lookup array and a return array`);
  const key = single(args[0].value, fn, 0) ?? "";
  const look = matrixOf(args[1].value, fn, "the lookup array");
  const ret = matrixOf(args[2].value, fn, "the return array");
  const mode = args[4]?.value === undefined ? 0 : argNumber(single(args[4].value, fn, 4), fn, 4);
  const search = args[5]?.value === undefined ? 1 : argNumber(single(args[5].value, fn, 5), fn, 5);
  const vertical = look[0].length === 1;
  if (!vertical && look.length !== 1) fail("#VALUE!", `${fn}: the lookup array must be one row or one column`);
  const list = vertical ? look.map((r) => r[0]) : look[0];
  if (vertical ? ret.length !== list.length : (ret[0]?.length ?? 0) !== list.length)
    fail("#VALUE!", `${fn}: the return array does not match the lookup array's ${list.length} ${vertical ? "rows" : "columns"}`);
  const ids = list.map((_, i) => i);
  if (search < 0) ids.reverse();
  let hit = -1;
  if (mode === 2) {
    const re = typeof key === "string" ? wildcard(key) : undefined;
    hit = ids.find((i) => (re ? typeof list[i] === "string" && re.test(list[i] as string) : same(list[i], key))) ?? -1;
  } else {
    hit = ids.find((i) => same(list[i], key)) ?? -1;
    if (hit < 0 && (mode === -1 || mode === 1)) {
      let best = -1;
      for (const i of ids) {
        const d = order(list[i], key);
        if (d === undefined || (mode === -1 ? d > 0 : d < 0)) continue;
        if (best < 0 || (mode === -1 ? order(list[i], list[best])! > 0 : order(list[i], list[best])! < 0)) best = i;
      }
      hit = best;
    }
  }
  if (hit < 0) {
    if (args[3] && args[3].value !== undefined) return args[3].value;
    return fail("#N/A", `${fn}: ${describe(key)} not found in the lookup array`);
  }
  return vertical ? (ret[0].length === 1 ? ret[hit][0] : [ret[hit].slice()]) : ret.length === 1 ? ret[0][hit] : ret.map((r) => [r[hit]]);
}

function sumproduct(fn: string, args: Arg[]): number[][][] {
  const ms = args.map((a, k) => matrixOf(a.value, fn, `array ${k + 1}`));
  const rows = ms[0].length;
  const cols = ms[0][0]?.length ?? 0;
  ms.forEach((m, k) => {
    if (m.length !== rows || (m[0]?.length ?? 0) !== cols)
      fail("#VALUE!", `${fn}: array ${k + 1} is ${m.length} x ${m[0]?.length ?? 0}, array 1 ${rows} x ${cols}`);
  });
  return ms.map((m) => m.map((r) => r.map((x) => (typeof x === "number" ? x : 0))));
}

/** 1900 date system: serial 61 is 1 March 1900 (serial 60 is Excel's phantom 29 February 1900). */
const EPOCH = Date.UTC(1899, 11, 30);

function toSerial(d: Date): number {
  const utc = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
  const s = (utc - EPOCH) / 86_400_000;
  return s < 61 ? s - 1 : s;
}

/** A date as its Excel serial number (whole days since 30 December 1899, 1900 date system). */
export function serialOf(year: number, month: number, day: number): number {
  return toSerial(new Date(year, month - 1, day));
}

type Kind = "n" | "t" | "a";

interface Spec {
  /** scalar: parameter kinds; arrays given to them are mapped element by element. range: takes the values as they are. */
  scalar?: Kind[];
  /** Formulajs's function, when the adapter only converts arguments and results. */
  lib?: string;
  /** The adapter's own body (given the library). */
  call?: (fn: string, args: Arg[], F: FormulaJs, ctx: FnContext) => unknown;
  /** Parameters (0-based) that take a reference or array as it is, in a legacy formula too; the others expect one value. */
  ranges?: number[] | "all";
  min?: number;
  max?: number;
}

/** Values a library call takes at once: it spreads its arguments, which overflows the stack on a million. */
const CHUNK = 10_000;

/** SUM, MIN, MAX or PRODUCT of plain numbers through the library, a chunk at a time (each is associative). */
function reduce(F: FormulaJs, lib: string, xs: number[]): unknown {
  if (xs.length <= CHUNK) return F[lib](xs);
  const parts: unknown[] = [];
  for (let k = 0; k < xs.length; k += CHUNK) {
    const p = F[lib](xs.slice(k, k + CHUNK));
    if (typeof p !== "number") return p;
    parts.push(p);
  }
  return reduce(F, lib, parts as number[]);
}

/** AVERAGE as the library's SUM over the count (the library's AVERAGE spreads its arguments too). */
function average(F: FormulaJs, xs: number[]): unknown {
  if (xs.length <= CHUNK) return F.AVERAGE(xs);
  const sum = reduce(F, "SUM", xs);
  return typeof sum === "number" ? sum / xs.length : sum;
}

const fold = (F: FormulaJs, lib: string, xs: number[]): unknown => (lib === "AVERAGE" ? average(F, xs) : reduce(F, lib, xs));

const aggregate =
  (lib: string, empty?: number) =>
  (fn: string, args: Arg[], F: FormulaJs): unknown => {
    const xs = numbersOf(args, fn);
    if (xs.length === 0 && empty !== undefined) return empty;
    return fold(F, lib, xs);
  };

const ifs =
  (lib: string, hasTarget: boolean, empty?: number) =>
  (fn: string, args: Arg[], F: FormulaJs): unknown => {
    const target = hasTarget ? matrixOf(args[0].value, fn, "the range") : undefined;
    const pairs = ifsArgs(fn, args, hasTarget ? 1 : 0);
    const picked = selectIfs(fn, target ?? pairs[0][0], pairs);
    if (!hasTarget) return picked.length;
    const xs = onlyNumbers(picked);
    if (xs.length === 0 && empty !== undefined) return empty;
    if (xs.length === 0) return fail("#DIV/0!", `${fn}: no cell meets the criteria`);
    return fold(F, lib, xs);
  };

/** SUMIF(range, criterion, [sum_range]) and its kin, in the IFS form. */
const ifOne =
  (lib: string, empty?: number) =>
  (fn: string, args: Arg[], F: FormulaJs): unknown => {
    const range = matrixOf(args[0].value, fn, "the range");
    const target = args[2] && args[2].value !== undefined ? matrixOf(args[2].value, fn, "the sum range") : range;
    // Excel uses a sum range of the criteria range's size, from its top-left cell (Microsoft: SUMIF, Remarks).
    const sized =
      target.length === range.length && target[0].length === range[0].length
        ? target
        : range.map((r, i) => r.map((_, j) => target[i]?.[j] ?? ""));
    const xs = onlyNumbers(selectIfs(fn, sized, [[range, single(args[1]?.value, fn, 1)]]));
    if (xs.length === 0 && empty !== undefined) return empty;
    if (xs.length === 0) return fail("#DIV/0!", `${fn}: no cell meets the criteria`);
    return fold(F, lib, xs);
  };

const R = "all" as const;

/** VLOOKUP and HLOOKUP: lookup value, table, index, [approximate match] (default TRUE), by the library's function. */
function tableLookup(lib: "VLOOKUP" | "HLOOKUP"): Spec {
  return {
    call: (fn, args, F) =>
      F[lib](
        single(args[0].value, fn, 0),
        matrixOf(args[1].value, fn, "the table"),
        argNumber(single(args[2].value, fn, 2), fn, 2),
        args[3] ? Boolean(argNumber(single(args[3].value, fn, 3), fn, 3)) : true,
      ),
    ranges: [1],
    min: 3,
    max: 4,
  };
}

export const FUNCTIONS: Record<string, Spec> = {
  SUM: { call: aggregate("SUM", 0), ranges: R },
  AVERAGE: {
    call: (fn, args, F) => {
      const xs = numbersOf(args, fn);
      return xs.length ? average(F, xs) : fail("#DIV/0!", `${fn}: no numbers to average`);
    },
    ranges: R,
    min: 1,
  },
  MIN: { call: aggregate("MIN", 0), ranges: R, min: 1 },
  MAX: { call: aggregate("MAX", 0), ranges: R, min: 1 },
  PRODUCT: { call: aggregate("PRODUCT", 0), ranges: R, min: 1 },
  COUNT: { call: (fn, args) => numbersOfCount(args), ranges: R },
  COUNTA: {
    call: (fn, args) =>
      args.reduce(
        (n, a) => n + (a.ref || isMatrix(a.value) ? cells(a.value).filter((x) => x !== "").length : a.value === undefined ? 0 : 1),
        0,
      ),
    ranges: R,
  },
  COUNTBLANK: { call: (fn, args) => cells(args[0]?.value).filter((x) => x === "").length, ranges: R, min: 1, max: 1 },
  SUMPRODUCT: { call: (fn, args, F) => F.SUMPRODUCT(...sumproduct(fn, args)), ranges: R, min: 1 },
  SUMIFS: { call: ifs("SUM", true, 0), ranges: R, min: 3 },
  AVERAGEIFS: { call: ifs("AVERAGE", true), ranges: R, min: 3 },
  MAXIFS: { call: ifs("MAX", true, 0), ranges: R, min: 3 },
  MINIFS: { call: ifs("MIN", true, 0), ranges: R, min: 3 },
  COUNTIFS: { call: ifs("SUM", false), ranges: R, min: 2 },
  SUMIF: { call: ifOne("SUM", 0), ranges: R, min: 2, max: 3 },
  AVERAGEIF: { call: ifOne("AVERAGE"), ranges: R, min: 2, max: 3 },
  COUNTIF: {
    call: (fn, args) =>
      selectIfs(fn, matrixOf(args[0].value, fn, "the range"), [[matrixOf(args[0].value, fn, "the range"), single(args[1]?.value, fn, 1)]])
        .length,
    ranges: R,
    min: 2,
    max: 2,
  },
  // Excel's AND, OR and XOR over the logical values Excel counts (the library's spread its arguments).
  AND: { call: (fn, args) => logicalsOf(args, fn).every((x) => x), ranges: R, min: 1 },
  OR: { call: (fn, args) => logicalsOf(args, fn).some((x) => x), ranges: R, min: 1 },
  XOR: { call: (fn, args) => logicalsOf(args, fn).filter((x) => x).length % 2 === 1, ranges: R, min: 1 },
  NOT: { scalar: ["a"], call: (fn, args) => !logicalsOf(args, fn)[0], min: 1, max: 1 },
  INDEX: { call: (fn, args) => index(fn, args), ranges: [0], min: 2, max: 3 },
  MATCH: {
    call: (fn, args, F) =>
      F.MATCH(
        single(args[0].value, fn, 0),
        matrixOf(args[1].value, fn, "the lookup array").flat(),
        args[2] ? argNumber(single(args[2].value, fn, 2), fn, 2) : 1,
      ),
    ranges: [1],
    min: 2,
    max: 3,
  },
  VLOOKUP: tableLookup("VLOOKUP"),
  HLOOKUP: tableLookup("HLOOKUP"),
  XLOOKUP: { call: (fn, args) => xlookup(fn, args), ranges: [1, 2, 3], min: 3, max: 6 },
  ROWS: { call: (fn, args) => matrixOf(args[0].value, fn, "the array").length, ranges: R, min: 1, max: 1 },
  COLUMNS: { call: (fn, args) => matrixOf(args[0].value, fn, "the array")[0].length, ranges: R, min: 1, max: 1 },
  ROUND: { scalar: ["n", "n"], lib: "ROUND", min: 2, max: 2 },
  ROUNDUP: { scalar: ["n", "n"], lib: "ROUNDUP", min: 2, max: 2 },
  ROUNDDOWN: { scalar: ["n", "n"], lib: "ROUNDDOWN", min: 2, max: 2 },
  MROUND: { scalar: ["n", "n"], lib: "MROUND", min: 2, max: 2 },
  INT: { scalar: ["n"], lib: "INT", min: 1, max: 1 },
  TRUNC: { scalar: ["n", "n"], lib: "TRUNC", min: 1, max: 2 },
  ABS: { scalar: ["n"], lib: "ABS", min: 1, max: 1 },
  SIGN: { scalar: ["n"], lib: "SIGN", min: 1, max: 1 },
  SQRT: { scalar: ["n"], lib: "SQRT", min: 1, max: 1 },
  EXP: { scalar: ["n"], lib: "EXP", min: 1, max: 1 },
  LN: { scalar: ["n"], lib: "LN", min: 1, max: 1 },
  LOG10: { scalar: ["n"], lib: "LOG10", min: 1, max: 1 },
  POWER: { scalar: ["n", "n"], lib: "POWER", min: 2, max: 2 },
  MOD: { scalar: ["n", "n"], lib: "MOD", min: 2, max: 2 },
  DATE: { scalar: ["n", "n", "n"], lib: "DATE", min: 3, max: 3 },
  EDATE: { scalar: ["n", "n"], lib: "EDATE", min: 2, max: 2 },
  EOMONTH: { scalar: ["n", "n"], lib: "EOMONTH", min: 2, max: 2 },
  YEAR: { scalar: ["n"], lib: "YEAR", min: 1, max: 1 },
  MONTH: { scalar: ["n"], lib: "MONTH", min: 1, max: 1 },
  DAY: { scalar: ["n"], lib: "DAY", min: 1, max: 1 },
  DAYS: { scalar: ["n", "n"], lib: "DAYS", min: 2, max: 2 },
  YEARFRAC: { scalar: ["n", "n", "n"], lib: "YEARFRAC", min: 2, max: 3 },
  TODAY: { call: (fn, args, F, ctx) => ctx.today, max: 0 },
  NOW: { call: (fn, args, F, ctx) => ctx.today, max: 0 },
  TRUE: { call: () => true, max: 0 },
  FALSE: { call: () => false, max: 0 },
  PI: { call: () => Math.PI, max: 0 },
  LEN: { scalar: ["t"], call: (fn, args) => textOf(args[0].value).length, min: 1, max: 1 },
  UPPER: { scalar: ["t"], call: (fn, args) => textOf(args[0].value).toUpperCase(), min: 1, max: 1 },
  LOWER: { scalar: ["t"], call: (fn, args) => textOf(args[0].value).toLowerCase(), min: 1, max: 1 },
  TRIM: { scalar: ["t"], lib: "TRIM", min: 1, max: 1 },
  CONCATENATE: { call: (fn, args) => args.map((a, k) => textOf(single(a.value, fn, k))).join(""), min: 1 },
};

function numbersOfCount(args: Arg[]): number {
  let n = 0;
  for (const a of args) {
    if (a.value instanceof ExcelError) continue; // COUNT skips error values
    if (a.ref || isMatrix(a.value)) n += cells(a.value).filter((x) => typeof x === "number").length;
    else if (
      typeof a.value === "number" ||
      (typeof a.value === "string" && cellToNumber(a.value) !== undefined) ||
      typeof a.value === "boolean"
    )
      n++;
  }
  return n;
}

function textOf(v: FnValue): string {
  if (v === undefined) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return String(Number(v.toPrecision(15)));
  if (typeof v === "string") return v;
  return "";
}

/** The names of the functions whose arguments are evaluated lazily by the evaluator itself (IF and its kin). */
export const EVALUATOR_FUNCTIONS = new Set([
  "IF",
  "IFERROR",
  "IFNA",
  "IFS",
  "SWITCH",
  "CHOOSE",
  "ISERROR",
  "ISERR",
  "ISNA",
  "ISNUMBER",
  "ISTEXT",
  "ISBLANK",
  "ISLOGICAL",
  "NA",
  "SINGLE",
]);

/** True when `overlay run` evaluates the function (canonical name, without _xlfn.). */
export function isSupported(name: string): boolean {
  return name in FUNCTIONS || EVALUATOR_FUNCTIONS.has(name) || name === "ANCHORARRAY" || name.startsWith("OVERLAY.");
}

/** Whether the function's parameter k takes a reference or an array as it is (no implicit intersection). */
export function takesRange(name: string, k: number): boolean {
  const r = FUNCTIONS[name]?.ranges;
  return r === "all" || (Array.isArray(r) && r.includes(k));
}

function fromLibrary(x: unknown, fn: string): FnValue {
  if (x instanceof Error) {
    const code = /^#[A-Z0-9/!?]+/.exec(x.message)?.[0] ?? "#VALUE!";
    return new ExcelError(code, `${fn} gives ${code}`);
  }
  if (x instanceof Date) return Number.isNaN(x.getTime()) ? new ExcelError("#NUM!", `${fn}: not a valid date`) : toSerial(x);
  if (typeof x === "number")
    return Number.isFinite(x) ? (x === 0 ? 0 : x) : new ExcelError("#NUM!", `${fn}: the result is not a finite number`);
  if (typeof x === "string" || typeof x === "boolean") return x;
  if (x === null || x === undefined) return 0;
  if (Array.isArray(x)) {
    const rows = (Array.isArray(x[0]) ? x : [x]) as unknown[][];
    const out: Matrix = [];
    for (const r of rows) {
      const row: Scalar[] = [];
      for (const c of r) {
        const v = fromLibrary(c, fn);
        if (v instanceof ExcelError) return v;
        if (isMatrix(v) || v === undefined) return new ExcelError("#VALUE!", `${fn}: a nested array`);
        row.push(v);
      }
      out.push(row);
    }
    return out.length === 0 || out[0].length === 0 ? new ExcelError("#CALC!", `${fn}: the result is empty`) : out;
  }
  return new ExcelError("#VALUE!", `${fn}: an unexpected result`);
}

function scalarCall(fn: string, spec: Spec, args: Arg[], F: FormulaJs, ctx: FnContext): FnValue {
  const kinds = spec.scalar!;
  const arrays = args.map((a) => (isMatrix(a.value) && !(a.value.length === 1 && a.value[0].length === 1) ? a.value : undefined));
  const one = (vals: (Scalar | undefined)[]): FnValue => {
    const conv = vals.map((v, k) => {
      const kind = kinds[Math.min(k, kinds.length - 1)];
      if (kind === "n") return v === undefined ? undefined : argNumber(v, fn, k);
      if (kind === "t") return textOf(v);
      return v;
    });
    const r = spec.call
      ? spec.call(
          fn,
          conv.map((v) => ({ value: v as Scalar, ref: false })),
          F,
          ctx,
        )
      : F[spec.lib!](...conv);
    return fromLibrary(r, fn);
  };
  const plain = args.map((a, k) => (arrays[k] ? undefined : single(a.value, fn, k)));
  if (!arrays.some(Boolean)) return one(plain);
  // Element by element over the arrays given (a one-row or one-column array repeats along the other side).
  let rows = 1;
  let cols = 1;
  for (const m of arrays) {
    if (!m) continue;
    if ((m.length !== rows && rows !== 1 && m.length !== 1) || (m[0].length !== cols && cols !== 1 && m[0].length !== 1))
      fail("#VALUE!", `${fn}: arrays of different sizes`);
    rows = Math.max(rows, m.length);
    cols = Math.max(cols, m[0].length);
  }
  if (rows * cols > ctx.maxCells)
    fail("#NUM!", `${fn}: the result would have ${rows * cols} cells, more than the limit of ${ctx.maxCells}`);
  const out: Matrix = [];
  for (let r = 0; r < rows; r++) {
    const row: Scalar[] = [];
    for (let c = 0; c < cols; c++) {
      const v = one(
        args.map((_, k) => (arrays[k] ? arrays[k]![arrays[k]!.length === 1 ? 0 : r][arrays[k]![0].length === 1 ? 0 : c] : plain[k])),
      );
      if (v instanceof ExcelError) return v;
      row.push(v as Scalar);
    }
    out.push(row);
  }
  return out;
}

/** The library, loaded on the first ordinary function (so `overlay eval` of OVERLAY functions never loads it); the handle is kept. */
let library: Promise<FormulaJs> | undefined;
const formulajs = (): Promise<FormulaJs> => (library ??= import("@formulajs/formulajs").then((m) => m as unknown as FormulaJs));

/** Calls one of Excel's ordinary functions (canonical name); never throws. */
export async function callOrdinary(name: string, args: Arg[], ctx: FnContext): Promise<FnValue> {
  const spec = FUNCTIONS[name];
  if (!spec) return new ExcelError("#NAME?", `${name} is not a function overlay run evaluates`);
  // Trailing omitted arguments count as not given.
  while (args.length > 0 && args[args.length - 1].value === undefined) args = args.slice(0, -1);
  if (spec.min !== undefined && args.length < spec.min)
    return new ExcelError("#VALUE!", `${name} needs at least ${spec.min} argument${spec.min === 1 ? "" : "s"}, got ${args.length}`);
  if (spec.max !== undefined && args.length > spec.max)
    return new ExcelError("#VALUE!", `${name} takes at most ${spec.max} argument${spec.max === 1 ? "" : "s"}, got ${args.length}`);
  try {
    const F = await formulajs();
    if (spec.scalar) return scalarCall(name, spec, args, F, ctx);
    return fromLibrary(spec.call ? spec.call(name, args, F, ctx) : F[spec.lib!](...args.map((a) => a.value)), name);
  } catch (e) {
    if (e instanceof FnError) return new ExcelError(e.code, e.message);
    // A failure inside the library: said in our words, never its message.
    return new ExcelError(
      "#VALUE!",
      `${name} could not be evaluated on these values${e instanceof RangeError ? " (too many of them at once)" : ""}`,
    );
  }
}
