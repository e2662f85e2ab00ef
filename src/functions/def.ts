/**
 * What a catalogue function is to its hosts: its id, its body and its parameters, written as in the function
 * reference with `#` marking range arguments. The catalogue files import this module; the registry imports the
 * catalogue. Nothing here imports a catalogue file, so there is no import circle (Excel's runtime evaluates the
 * bundle's modules in order, and a circle leaves a binding uninitialised).
 */
export interface ParamDef {
  name: string;
  /** A range argument (table, list, or a value-or-table): Excel passes a matrix. */
  range: boolean;
  optional: boolean;
}

export interface FunctionDef {
  /** Id without the namespace: "REBALANCE" for OVERLAY.REBALANCE. */
  id: string;
  fn: (...args: any[]) => unknown;
  params: ParamDef[];
  /**
   * The typed half: the same arguments as `fn`, the engine's result as plain typed data (a Promise where the
   * solver runs); it throws the engine's OverlayError. `fn` is its layout: `run(() => layout(typed(...)))`.
   * Workflows take their figures from here and use `fn` only to show the table a cell would show.
   */
  typed?: (...args: any[]) => unknown;
}

/**
 * One entry from a signature written as in the function reference, with `#` marking range arguments:
 *   entry("REBALANCE", rebalance, "portfolio#, futures#, [rule], [trigger], [rounding]")
 */
export function entry(id: string, fn: FunctionDef["fn"], signature: string, typed?: FunctionDef["typed"]): FunctionDef {
  const params = signature
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => {
      const optional = s.startsWith("[") && s.endsWith("]");
      const bare = optional ? s.slice(1, -1) : s;
      const range = bare.endsWith("#");
      return { name: range ? bare.slice(0, -1) : bare, range, optional };
    });
  return typed ? { id, fn, params, typed } : { id, fn, params };
}
