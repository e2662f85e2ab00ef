/**
 * Evaluates a parsed formula: OVERLAY functions through the one function registry, Excel's ordinary functions
 * through functions.ts (the @formulajs/formulajs adapter), IF, IFERROR, IFNA, IFS, SWITCH, CHOOSE and the IS
 * functions here (their arguments are evaluated only as Excel would), ANCHORARRAY(H2) (the form Excel saves
 * the spill reference H2# in) and SINGLE (the @ operator). References are resolved by the caller's resolver
 * (`overlay run` resolves them against a workbook; `overlay eval` has none and rejects them).
 *
 * Implicit intersection (Microsoft, "Implicit intersection operator: @"): in a formula Excel saved as an
 * ordinary formula (not an array formula or a dynamic array), a reference where one value is expected (an
 * operand of an operator, an argument of ROUND or IF) gives the cell in the formula's row or column; the
 * resolver is asked for that with `single`. In array formulas and dynamic arrays the whole range is used and
 * a scalar function works element by element.
 *
 * Recursion is bounded by the parser's depth limit (FORMULA_LIMITS in parse.ts).
 */
import { ExcelError, Result } from "../../../functions/excel";
import { callFunction, findFunction } from "../../../functions/registry";
import { Arg, callOrdinary, EVALUATOR_FUNCTIONS, FUNCTIONS, takesRange } from "./functions";
import { binary, negate, percent } from "./operators";
import { Expr, canonicalName } from "./parse";

export type Value = Result | ExcelError | undefined;

/** Resolves a reference's text to a value (a range as a matrix, a cell as a scalar); `single`: implicit intersection. */
export type Resolver = (ref: string, single?: boolean) => Value | Promise<Value>;

export interface EvalOptions {
  resolve?: Resolver;
  /** Excel's semantics of an ordinary (not array) formula: implicit intersection where one value is expected. */
  legacy?: boolean;
  /** TODAY() and NOW() as this Excel serial date (default: today's date). */
  today?: number;
  /** The largest array an operator or function may build, in cells (default 4,000,000). */
  maxCells?: number;
}

/** Default bound on the arrays a formula builds (the area a reference may expand to is bounded by the resolver). */
export const DEFAULT_MAX_CELLS = 4_000_000;

const noReferences: Resolver = (ref) =>
  new ExcelError("#REF!", `References such as ${ref} need a workbook: use "overlay run model.xlsx"; "overlay eval" takes literals only`);

interface Ctx {
  resolve: Resolver;
  legacy: boolean;
  today: number;
  maxCells: number;
}

function todaySerial(): number {
  const d = new Date();
  return Math.round((Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

export async function evaluate(e: Expr, options: Resolver | EvalOptions = {}): Promise<Value> {
  const o: EvalOptions = typeof options === "function" ? { resolve: options } : options;
  const ctx: Ctx = {
    resolve: o.resolve ?? noReferences,
    legacy: o.legacy === true,
    today: o.today ?? todaySerial(),
    maxCells: o.maxCells ?? DEFAULT_MAX_CELLS,
  };
  const v = await ev(e, ctx, true);
  // An ordinary formula shows one value: the top-left one of an array (implicit intersection of a reference is done above).
  if (ctx.legacy && Array.isArray(v)) return v[0]?.[0] ?? "";
  return v;
}

function isReference(e: Expr): boolean {
  if (e.kind === "ref") return true;
  if (e.kind === "call") {
    const n = canonicalName(e.name);
    return n === "ANCHORARRAY" || n === "INDEX";
  }
  return false;
}

function truth(v: Result, fn: string): boolean | ExcelError {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") {
    if (/^true$/i.test(v)) return true;
    if (/^false$/i.test(v) || v === "") return false;
    return new ExcelError("#VALUE!", `${fn} needs a condition that is TRUE or FALSE, got '${v.length > 30 ? v.slice(0, 27) + "..." : v}'`);
  }
  return new ExcelError("#VALUE!", `${fn} needs one condition here, got an array`);
}

/** An omitted argument where Excel puts 0 (IF(A1,,1) gives 0 when A1 is TRUE). */
const orZero = (v: Value): Value => (v === undefined ? 0 : v);

async function ev(e: Expr, ctx: Ctx, single: boolean): Promise<Value> {
  switch (e.kind) {
    case "number":
    case "string":
    case "boolean":
      return e.value;
    case "error":
      return new ExcelError(e.value, `${e.value} given as an argument`);
    case "array":
      return e.rows;
    case "missing":
      return undefined;
    case "ref":
      return ctx.resolve(e.text, single && ctx.legacy);
    case "negate":
    case "percent": {
      const v = await ev(e.arg, ctx, true);
      if (v instanceof ExcelError) return v;
      if (v === undefined) return new ExcelError("#VALUE!", "An operator is missing its value");
      return e.kind === "negate" ? negate(v) : percent(v);
    }
    case "binary": {
      const a = await ev(e.left, ctx, true);
      if (a instanceof ExcelError) return a;
      const b = await ev(e.right, ctx, true);
      if (b instanceof ExcelError) return b;
      if (a === undefined || b === undefined) return new ExcelError("#VALUE!", `The operator ${e.op} is missing a value`);
      return binary(e.op, a, b, ctx.maxCells);
    }
    case "call":
      return call(e, ctx, single);
  }
}

async function call(e: Extract<Expr, { kind: "call" }>, ctx: Ctx, single: boolean): Promise<Value> {
  const name = canonicalName(e.name);
  const args = e.args;
  if (name === "ANCHORARRAY") {
    const arg = args[0];
    if (args.length !== 1 || arg.kind !== "ref") return new ExcelError("#VALUE!", "ANCHORARRAY takes one cell reference");
    return ctx.resolve(arg.text.endsWith("#") ? arg.text : `${arg.text}#`, false);
  }
  if (name.startsWith("OVERLAY.")) {
    const def = findFunction(name);
    if (!def) return new ExcelError("#NAME?", `Unknown function ${name}`);
    const values: unknown[] = [];
    for (const a of args) {
      const v = await ev(a, ctx, false);
      if (v instanceof ExcelError) return v; // Excel passes the error on
      values.push(v);
    }
    // Trailing omitted arguments count as not given.
    while (values.length > 0 && values[values.length - 1] === undefined) values.pop();
    return callFunction(def, values);
  }
  if (EVALUATOR_FUNCTIONS.has(name)) return lazy(name, args, ctx, single);
  if (!(name in FUNCTIONS)) return new ExcelError("#NAME?", `${name} is not a function the overlay command evaluates`);
  const values: Arg[] = [];
  for (const [k, a] of args.entries()) {
    const v = await ev(a, ctx, !takesRange(name, k));
    if (v instanceof ExcelError && !(name === "XLOOKUP" && k === 3)) return v;
    values.push({ value: v, ref: isReference(a) });
  }
  return callOrdinary(name, values, { today: ctx.today, maxCells: ctx.maxCells });
}

async function lazy(name: string, args: Expr[], ctx: Ctx, single: boolean): Promise<Value> {
  const need = (n: number, most = n) =>
    args.length < n || args.length > most
      ? new ExcelError(
          "#VALUE!",
          `${name} takes ${n === most ? n : `${n} to ${most}`} argument${most === 1 ? "" : "s"}, got ${args.length}`,
        )
      : undefined;
  switch (name) {
    case "NA":
      return need(0) ?? new ExcelError("#N/A", "NA() gives #N/A");
    case "SINGLE": {
      const bad = need(1);
      if (bad) return bad;
      const v = await ev(args[0], { ...ctx, legacy: true }, true);
      return Array.isArray(v) ? v[0][0] : v;
    }
    case "IF": {
      const bad = need(1, 3);
      if (bad) return bad;
      const c = await ev(args[0], ctx, true);
      if (c instanceof ExcelError) return c;
      if (Array.isArray(c)) return elementwiseIf(c, args, ctx);
      const t = truth(c ?? false, "IF");
      if (t instanceof ExcelError) return t;
      if (t) return args.length > 1 ? orZero(await ev(args[1], ctx, single)) : true;
      return args.length > 2 ? orZero(await ev(args[2], ctx, single)) : false;
    }
    case "IFERROR":
    case "IFNA": {
      const bad = need(2);
      if (bad) return bad;
      const v = await ev(args[0], ctx, single);
      const caught = v instanceof ExcelError && (name === "IFERROR" || v.code === "#N/A");
      return caught ? orZero(await ev(args[1], ctx, single)) : orZero(v);
    }
    case "IFS": {
      if (args.length < 2 || args.length % 2 !== 0) return new ExcelError("#VALUE!", "IFS takes conditions and values in pairs");
      for (let k = 0; k < args.length; k += 2) {
        const c = await ev(args[k], ctx, true);
        if (c instanceof ExcelError) return c;
        const t = truth(c ?? false, "IFS");
        if (t instanceof ExcelError) return t;
        if (t) return orZero(await ev(args[k + 1], ctx, single));
      }
      return new ExcelError("#N/A", "IFS: no condition is TRUE");
    }
    case "SWITCH": {
      if (args.length < 3) return new ExcelError("#VALUE!", "SWITCH takes a value, then values and results in pairs");
      const x = await ev(args[0], ctx, true);
      if (x instanceof ExcelError) return x;
      const pairs = args.length - 1;
      for (let k = 1; k + 1 < args.length; k += 2) {
        const c = await ev(args[k], ctx, true);
        if (c instanceof ExcelError) return c;
        const eq = binary("=", x ?? "", c ?? "");
        if (eq === true) return orZero(await ev(args[k + 1], ctx, single));
      }
      if (pairs % 2 === 1) return orZero(await ev(args[args.length - 1], ctx, single));
      return new ExcelError("#N/A", "SWITCH: no value matches");
    }
    case "CHOOSE": {
      if (args.length < 2) return new ExcelError("#VALUE!", "CHOOSE takes an index and at least one value");
      const i = await ev(args[0], ctx, true);
      if (i instanceof ExcelError) return i;
      const k = typeof i === "number" ? Math.trunc(i) : typeof i === "boolean" ? Number(i) : Number.NaN;
      if (!(k >= 1 && k < args.length)) return new ExcelError("#VALUE!", `CHOOSE: the index must be 1 to ${args.length - 1}`);
      return orZero(await ev(args[k], ctx, single));
    }
    default: {
      // ISERROR, ISERR, ISNA, ISNUMBER, ISTEXT, ISBLANK, ISLOGICAL: any value, errors included.
      const bad = need(1);
      if (bad) return bad;
      const v = await ev(args[0], ctx, true);
      const test = (x: unknown): boolean => {
        switch (name) {
          case "ISERROR":
            return x instanceof ExcelError;
          case "ISERR":
            return x instanceof ExcelError && x.code !== "#N/A";
          case "ISNA":
            return x instanceof ExcelError && x.code === "#N/A";
          case "ISNUMBER":
            return typeof x === "number";
          case "ISTEXT":
            return typeof x === "string" && x !== "";
          case "ISLOGICAL":
            return typeof x === "boolean";
          default:
            return x === "" || x === undefined;
        }
      };
      return Array.isArray(v) ? v.map((r) => r.map(test)) : test(v);
    }
  }
}

/** IF over an array of conditions (a dynamic array): each branch evaluated once, chosen element by element. */
async function elementwiseIf(c: Result[][] | (number | string | boolean)[][], args: Expr[], ctx: Ctx): Promise<Value> {
  const yes = args.length > 1 ? orZero(await ev(args[1], ctx, false)) : true;
  const no = args.length > 2 ? orZero(await ev(args[2], ctx, false)) : false;
  const pick = (v: Value, r: number, col: number): Value => {
    if (!Array.isArray(v)) return v;
    const row = v.length === 1 ? v[0] : v[r];
    return row?.[row.length === 1 ? 0 : col];
  };
  const out: (number | string | boolean)[][] = [];
  for (let r = 0; r < c.length; r++) {
    const row: (number | string | boolean)[] = [];
    for (let k = 0; k < c[r].length; k++) {
      const t = truth(c[r][k] as number | string | boolean, "IF");
      if (t instanceof ExcelError) return t;
      const v = pick(t ? yes : no, r, k);
      if (v instanceof ExcelError) return v;
      if (v === undefined || Array.isArray(v)) return new ExcelError("#VALUE!", "IF: arrays of different sizes");
      row.push(v);
    }
    out.push(row);
  }
  return out;
}
