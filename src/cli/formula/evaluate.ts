/**
 * Evaluates a parsed formula through the one function registry. References are resolved by the caller's
 * resolver (`overlay run` resolves them against a workbook; `overlay eval` has none and rejects them).
 */
import { ExcelError, Result } from "../../functions/excel";
import { callFunction, findFunction } from "../../functions/registry";
import { Expr } from "./parse";

export type Value = Result | ExcelError | undefined;

/** Resolves a reference's text to a value (a range as a matrix, a cell as a scalar). */
export type Resolver = (ref: string) => Value | Promise<Value>;

const noReferences: Resolver = (ref) =>
  new ExcelError("#REF!", `References such as ${ref} need a workbook: use "overlay run model.xlsx"; "overlay eval" takes literals only`);

export async function evaluate(e: Expr, resolve: Resolver = noReferences): Promise<Value> {
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
      return resolve(e.text);
    case "negate": {
      const v = await evaluate(e.arg, resolve);
      if (v instanceof ExcelError) return v;
      if (typeof v === "number") return v === 0 ? 0 : -v;
      if (Array.isArray(v)) {
        const out = v.map((row) => row.map((c) => (typeof c === "number" ? -c : c)));
        return out;
      }
      return new ExcelError("#VALUE!", `Cannot negate ${JSON.stringify(v)}`);
    }
    case "call": {
      if (!e.name.startsWith("OVERLAY.")) {
        return new ExcelError("#NAME?", `${e.name} is not an OVERLAY function; the overlay command evaluates OVERLAY functions only`);
      }
      const def = findFunction(e.name);
      if (!def) return new ExcelError("#NAME?", `Unknown function ${e.name}`);
      const args: unknown[] = [];
      for (const a of e.args) {
        const v = await evaluate(a, resolve);
        if (v instanceof ExcelError) return v; // Excel passes the error on
        args.push(v);
      }
      // Trailing omitted arguments count as not given.
      while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
      return callFunction(def, args);
    }
  }
}
