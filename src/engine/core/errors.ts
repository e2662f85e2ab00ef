/**
 * The one error type of the engine. The functions layer turns it into a CustomFunctions.Error
 * (Excel shows the message for #VALUE! and #N/A; the `overlay` command prints it for every code).
 *
 * Messages name the argument, and where it applies the row and the column:
 *   "Portfolio row 4 (Private equity): Target must be a number, got 'n/a'".
 */
export type ErrorKind = "value" | "num" | "na" | "div0";

export const EXCEL_CODE: Record<ErrorKind, string> = {
  value: "#VALUE!",
  num: "#NUM!",
  na: "#N/A",
  div0: "#DIV/0!",
};

export class OverlayError extends Error {
  constructor(
    public readonly kind: ErrorKind,
    message: string,
    /** The argument the message is about, as the function names it ("portfolio", "rule"): the task pane places
     * the message beside that field. Undefined where no single argument is at fault. */
    public readonly arg?: string,
  ) {
    super(message);
    this.name = "OverlayError";
  }
}

/** Bad input: the wrong type, a missing column, an unknown choice. Excel: #VALUE! */
export function valueError(message: string, arg?: string): never {
  throw new OverlayError("value", message, arg);
}

/** A numerical problem: no solution, out of bounds, infeasible. Excel: #NUM! */
export function numError(message: string, arg?: string): never {
  throw new OverlayError("num", message, arg);
}

/** Quote a cell's content for an error message, shortened so the message stays readable. */
export function quote(value: unknown): string {
  if (value === null || value === undefined || value === "") return "an empty cell";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (Array.isArray(value)) return "a range";
  const s = String(value);
  return `'${s.length > 40 ? s.slice(0, 37) + "..." : s}'`;
}
