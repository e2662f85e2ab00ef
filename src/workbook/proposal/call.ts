/**
 * Workflows compute through the one function registry, exactly as a formula does: the same arguments and the
 * same error messages. A workflow takes its figures from a function's typed half (callTyped: the engine's result
 * as data) and calls the function itself (callRegistry) only for the table a cell would show; it never reads a
 * spill back. An error becomes a WorkflowError placed at the input or option it names, so the pane shows it there.
 */
import { EXCEL_CODE, OverlayError } from "../../engine/core/errors";
import { ExcelError, Result } from "../../functions/excel";
import { callFunction, findFunction } from "../../functions/registry";
import { PortMatrix } from "../WorkbookPort";
import { InputName, OptionDef, OptionValue, WorkflowError, WorkflowInputs, WorkflowOptions } from "./model";

/** An argument of a call: an input table, an option, or a literal. */
export type Arg = { input: InputName } | { option: string } | { value: unknown; field?: string };

export interface Call {
  fn: string;
  args: Arg[];
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * The field an error message concerns. Messages name their argument first ("Portfolio row 4 (Private
 * equity): ...", "rule must be one of ...", "cash: the portfolio has no Cash row"); failing that, the
 * earliest argument named anywhere in the message.
 */
export function attributeError(message: string, fields: { field: string; names: string[] }[]): string | undefined {
  const lower = message.toLowerCase();
  let best: { field: string; at: number; len: number } | undefined;
  for (const f of fields) {
    for (const name of f.names) {
      const n = name.toLowerCase();
      if (n === "") continue;
      const re = new RegExp(`(^|[^a-z0-9])${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^a-z0-9])`);
      const m = re.exec(lower);
      if (!m) continue;
      const at = m.index + m[1].length;
      if (!best || at < best.at || (at === best.at && n.length > best.len)) best = { field: f.field, at, len: n.length };
    }
  }
  return best?.field;
}

/** The value an argument passes: an input's matrix, an option's value (empty for undefined), a literal. */
function argValue(a: Arg, inputs: WorkflowInputs, options: WorkflowOptions): unknown {
  if ("input" in a) return inputs[a.input]?.values;
  if ("option" in a) return emptyToUndefined(options[a.option]);
  return a.value;
}

function emptyToUndefined(v: OptionValue): OptionValue {
  return typeof v === "string" && v.trim() === "" ? undefined : v;
}

/**
 * Calls a registered function. Returns its result; throws a WorkflowError (attributed to a field) for an
 * Excel error, or when the function is not in this version's catalogue.
 */
export async function callRegistry(call: Call, inputs: WorkflowInputs, options: WorkflowOptions): Promise<Result> {
  const def = findFunction(call.fn);
  if (!def) throw new WorkflowError(`OVERLAY.${call.fn} is not available in this version of Overlay, so this workflow cannot run yet.`);
  const values = call.args.map((a) => argValue(a, inputs, options));
  // Trailing omitted arguments are left out, as in a formula.
  while (values.length > 0 && values[values.length - 1] === undefined) values.pop();
  const r = await callFunction(def, values);
  if (r instanceof ExcelError) {
    const fields = call.args.map((a, i) => {
      const param = def.params[i]?.name ?? "";
      if ("input" in a) return { field: a.input, names: [a.input, param] };
      if ("option" in a) return { field: a.option, names: [a.option, param] };
      return { field: a.field ?? "", names: a.field ? [a.field, param] : [] };
    });
    const field = attributeError(
      r.message,
      fields.filter((f) => f.field !== ""),
    );
    throw new WorkflowError(r.message || `OVERLAY.${call.fn} returned ${r.code}`, field, r.code);
  }
  return r;
}

/**
 * Calls a registered function's typed half (its engine result, for a workflow's figures) with the same
 * arguments as `callRegistry`. An engine error becomes a WorkflowError placed at the field of the argument the
 * error names (OverlayError.arg), else at the field its message names first.
 */
export async function callTyped<T>(call: Call, inputs: WorkflowInputs, options: WorkflowOptions): Promise<T> {
  const def = findFunction(call.fn);
  if (!def?.typed) throw new WorkflowError(`OVERLAY.${call.fn} has no typed result in this version of Overlay.`);
  const values = call.args.map((a) => argValue(a, inputs, options));
  const full = def.params.map((p, i) => {
    const a = values[i];
    if (p.range && a !== undefined && a !== null && !Array.isArray(a)) return [[a]];
    return a;
  });
  try {
    return (await def.typed(...full)) as T;
  } catch (e) {
    if (!(e instanceof OverlayError))
      throw new WorkflowError(`Overlay could not compute this: ${e instanceof Error ? e.message : String(e)}`);
    const fields = call.args.map((a, i) => {
      const param = def.params[i]?.name ?? "";
      if ("input" in a) return { field: a.input, names: [a.input, param] };
      if ("option" in a) return { field: a.option, names: [a.option, param] };
      return { field: a.field ?? "", names: a.field ? [a.field, param] : [] };
    });
    const named = e.arg ? fields.find((f) => f.field !== "" && f.names.some((n) => norm(n) === norm(e.arg!))) : undefined;
    const field =
      named?.field ??
      attributeError(
        e.message,
        fields.filter((f) => f.field !== ""),
      );
    throw new WorkflowError(e.message, field, EXCEL_CODE[e.kind]);
  }
}

/** The formula that computes the same thing in a cell: =OVERLAY.REBALANCE(Portfolio[#All],Futures[#All],"edge"). */
export function formulaOf(call: Call, inputs: WorkflowInputs, options: WorkflowOptions): string {
  const parts = call.args.map((a) => {
    if ("input" in a) return inputs[a.input]?.ref ?? a.input;
    const v = "option" in a ? emptyToUndefined(options[a.option]) : a.value;
    return literalText(v);
  });
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return `=OVERLAY.${call.fn}(${parts.join(",")})`;
}

function literalText(v: unknown): string {
  if (v === undefined || v === null || v === "") return "";
  if (Array.isArray(v))
    return `{${(v as unknown[][]).map((row) => (Array.isArray(row) ? row : [row]).map(literalText).join(",")).join(";")}}`;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return String(v);
  const s = String(v).trim();
  const pct = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%$/.exec(s);
  if (pct) return s;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return s;
  return `"${s.replace(/"/g, '""')}"`;
}

/** The options as the proposal records them: label and value in words. */
export function describeOptions(defs: readonly OptionDef[], options: WorkflowOptions): { label: string; value: string }[] {
  return defs.map((d) => {
    const v = emptyToUndefined(options[d.key]) ?? d.default;
    let text: string;
    if (v === undefined) text = "(function default)";
    else if (d.kind === "choice") text = d.choices?.find((c) => norm(c.value) === norm(String(v)))?.label ?? String(v);
    else if (typeof v === "boolean") text = v ? "Yes" : "No";
    else if (d.percent && typeof v === "number") text = `${round(v * 100, 6)}%`;
    else text = String(v);
    return { label: d.label, value: text };
  });
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** The options with each unset one at its default. */
export function withDefaults(defs: readonly OptionDef[], options: WorkflowOptions): WorkflowOptions {
  const out: WorkflowOptions = { ...options };
  for (const d of defs) if (emptyToUndefined(out[d.key]) === undefined && d.default !== undefined) out[d.key] = d.default;
  return out;
}

/** Copies a matrix (so a proposal never shares arrays with the workbook it read). */
export function copyMatrix(m: PortMatrix): PortMatrix {
  return m.map((r) => r.slice());
}
