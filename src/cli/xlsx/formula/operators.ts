/**
 * Excel's operators on the values the evaluator handles: numbers, text, booleans and arrays of them.
 *
 *  - Arithmetic (+ - * / ^, unary -, postfix %) reads text Excel's VALUE() would read ("1,250", "5%") and
 *    TRUE/FALSE as 1/0, an empty cell as 0; other text is #VALUE!. x/0 is #DIV/0!; 0^0, a negative number to a
 *    fractional power and overflow are #NUM!.
 *  - & joins the values as text (numbers in Excel's General form, up to 15 significant digits).
 *  - Comparisons (= <> < > <= >=) give TRUE/FALSE; text compares case-insensitively; numbers sort before
 *    text and text before booleans, as in Excel.
 *  - Arrays work element by element; a 1-row or 1-column array (or a single value) is repeated along the
 *    other dimension. Arrays of other different sizes, or an error in any element, make the whole result
 *    an error (a cell of a result cannot hold an error here), with a message saying where.
 */
import { cellToNumber } from "../../../engine/core/cells";
import { CellOut, ExcelError } from "../../../functions/excel";
import type { BinaryOp } from "./parse";

type Scalar = CellOut;
type Operand = Scalar | Scalar[][];

class OpError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function describe(v: Scalar): string {
  if (typeof v === "string") return `'${v.length > 40 ? v.slice(0, 37) + "..." : v}'`;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

function toNumber(v: Scalar, op: string): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === "") return 0;
  const x = cellToNumber(v);
  if (x === undefined) throw new OpError("#VALUE!", `${op} needs numbers, got ${describe(v)}`);
  return x;
}

/** A number as Excel's General format writes it in text (=1/3&"" gives 0.333333333333333). */
export function numberToText(x: number): string {
  if (x === 0) return "0";
  const r = Number(x.toPrecision(15));
  const a = Math.abs(r);
  if (a >= 1e15 || a < 1e-9) {
    const [m, e] = r.toExponential().split("e");
    const exp = Number(e);
    return `${m}E${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(r);
}

function toText(v: Scalar): string {
  if (typeof v === "number") return numberToText(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}

function finite(x: number, what: string): number {
  if (!Number.isFinite(x)) throw new OpError("#NUM!", `${what} is not a finite number`);
  return x === 0 ? 0 : x; // no -0
}

/** Excel's sort order across types: numbers < text < booleans; an empty cell compares as 0 or "". */
function compare(a: Scalar, b: Scalar): number {
  const rank = (v: Scalar) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  if (a === "" && typeof b === "number") a = 0;
  if (b === "" && typeof a === "number") b = 0;
  if (a === "" && typeof b === "boolean") a = false;
  if (b === "" && typeof a === "boolean") b = false;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === "string" && typeof b === "string") {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function applyScalar(op: BinaryOp, a: Scalar, b: Scalar): Scalar {
  switch (op) {
    case "+":
      return finite(toNumber(a, "+") + toNumber(b, "+"), "The sum");
    case "-":
      return finite(toNumber(a, "-") - toNumber(b, "-"), "The difference");
    case "*":
      return finite(toNumber(a, "*") * toNumber(b, "*"), "The product");
    case "/": {
      const x = toNumber(a, "/");
      const y = toNumber(b, "/");
      if (y === 0) throw new OpError("#DIV/0!", `Division by zero (${numberToText(x)}/0)`);
      return finite(x / y, "The quotient");
    }
    case "^": {
      const x = toNumber(a, "^");
      const y = toNumber(b, "^");
      if (x === 0 && y === 0) throw new OpError("#NUM!", "0^0 has no value");
      if (x === 0 && y < 0) throw new OpError("#DIV/0!", `Division by zero (0^${numberToText(y)})`);
      if (x < 0 && !Number.isInteger(y))
        throw new OpError("#NUM!", `A negative number to a fractional power (${numberToText(x)}^${numberToText(y)})`);
      return finite(Math.pow(x, y), "The power");
    }
    case "&":
      return toText(a) + toText(b);
    case "=":
      return compare(a, b) === 0;
    case "<>":
      return compare(a, b) !== 0;
    case "<":
      return compare(a, b) < 0;
    case ">":
      return compare(a, b) > 0;
    case "<=":
      return compare(a, b) <= 0;
    case ">=":
      return compare(a, b) >= 0;
  }
}

function dims(v: Operand): [number, number] {
  return Array.isArray(v) ? [v.length, v.reduce((w, r) => Math.max(w, r.length), 0)] : [1, 1];
}

function at(v: Operand, r: number, c: number): Scalar {
  if (!Array.isArray(v)) return v;
  const row = v.length === 1 ? v[0] : v[r];
  const cell = row.length === 1 ? row[0] : row[c];
  return cell ?? "";
}

/** The largest array an operator builds by default (cells): a broadcast over a huge range is refused, not attempted. */
export const MAX_OPERATOR_CELLS = 4_000_000;

function elementwise(a: Operand, b: Operand, f: (x: Scalar, y: Scalar) => Scalar, what: string, maxCells = MAX_OPERATOR_CELLS): Operand {
  if (!Array.isArray(a) && !Array.isArray(b)) return f(a, b);
  const [ra, ca] = dims(a);
  const [rb, cb] = dims(b);
  if ((ra !== rb && ra !== 1 && rb !== 1) || (ca !== cb && ca !== 1 && cb !== 1)) {
    throw new OpError(
      "#VALUE!",
      `${what} needs arrays of the same size (or a single row, column or value), got ${ra} x ${ca} and ${rb} x ${cb}`,
    );
  }
  const rows = Math.max(ra, rb);
  const cols = Math.max(ca, cb);
  if (rows * cols > maxCells)
    throw new OpError("#NUM!", `${what} would build an array of ${rows} x ${cols} cells, more than the limit of ${maxCells} cells`);
  const out: Scalar[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: Scalar[] = [];
    for (let c = 0; c < cols; c++) {
      try {
        row.push(f(at(a, r, c), at(b, r, c)));
      } catch (e) {
        if (e instanceof OpError && (rows > 1 || cols > 1)) throw new OpError(e.code, `${e.message} (array row ${r + 1}, column ${c + 1})`);
        throw e;
      }
    }
    out.push(row);
  }
  return out;
}

function guard(f: () => Operand): Operand | ExcelError {
  try {
    return f();
  } catch (e) {
    if (e instanceof OpError) return new ExcelError(e.code, e.message);
    throw e;
  }
}

/** a op b, element by element for arrays; an Excel error value on failure. */
export function binary(op: BinaryOp, a: Operand, b: Operand, maxCells = MAX_OPERATOR_CELLS): Operand | ExcelError {
  return guard(() => elementwise(a, b, (x, y) => applyScalar(op, x, y), `The operator ${op}`, maxCells));
}

/** Unary minus. */
export function negate(a: Operand): Operand | ExcelError {
  return guard(() => elementwise(a, 0, (x) => finite(-toNumber(x, "-"), "The negation"), "-"));
}

/** The postfix percent: x% = x / 100. */
export function percent(a: Operand): Operand | ExcelError {
  return guard(() => elementwise(a, 0, (x) => finite(toNumber(x, "%") / 100, "The percentage"), "%"));
}
