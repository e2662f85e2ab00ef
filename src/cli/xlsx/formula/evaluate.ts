/**
 * Evaluates a parsed formula through the one function registry. References are resolved by the caller's
 * resolver (`overlay run` resolves them against a workbook; `overlay eval` has none and rejects them).
 * Operators follow Excel (see operators.ts); functions other than OVERLAY.* give #NAME?, except
 * ANCHORARRAY(H2), the form Excel saves the spill reference H2# in.
 */
import { ExcelError, Result } from "../../../functions/excel";
import { callFunction, findFunction } from "../../../functions/registry";
import { binary, negate, percent } from "./operators";
import { Expr, canonicalName } from "./parse";

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
    case "negate":
    case "percent": {
      const v = await evaluate(e.arg, resolve);
      if (v instanceof ExcelError) return v;
      if (v === undefined) return new ExcelError("#VALUE!", "An operator is missing its value");
      return e.kind === "negate" ? negate(v) : percent(v);
    }
    case "binary": {
      const a = await evaluate(e.left, resolve);
      if (a instanceof ExcelError) return a;
      const b = await evaluate(e.right, resolve);
      if (b instanceof ExcelError) return b;
      if (a === undefined || b === undefined) return new ExcelError("#VALUE!", `The operator ${e.op} is missing a value`);
      return binary(e.op, a, b);
    }
    case "call": {
      const name = canonicalName(e.name);
      if (name === "ANCHORARRAY") {
        const arg = e.args[0];
        if (e.args.length !== 1 || arg.kind !== "ref") return new ExcelError("#VALUE!", "ANCHORARRAY takes one cell reference");
        return resolve(arg.text.endsWith("#") ? arg.text : `${arg.text}#`);
      }
      if (!name.startsWith("OVERLAY.")) {
        return new ExcelError("#NAME?", `${name} is not an OVERLAY function; the overlay command evaluates OVERLAY functions only`);
      }
      const def = findFunction(name);
      if (!def) return new ExcelError("#NAME?", `Unknown function ${name}`);
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
