/**
 * A parser for the formulas the `overlay` command evaluates: function calls (OVERLAY.* and others, which
 * the evaluator may reject), literals (numbers, 5%, "text" with "" escapes, TRUE/FALSE), array constants
 * {1,2;3,4}, omitted arguments (`,,`), the operators of Excel with its precedence (comparison = <> < > <= >=,
 * then &, then + -, then * /, then ^, then unary - and +, then the postfix %), parentheses, and references,
 * kept as their source text for a workbook resolver (A1, $A$1:B2, A:A, 1:3, Sheet1!A1, 'My sheet'!A1:B9,
 * defined names, Table[#All], Table[[#Headers],[Col]], [@Col], and the spill operator H2#).
 *
 * Function names are kept as written (upper case). Excel saves an add-in's custom function in the file as
 * `_xldudf_OVERLAY_REBALANCE` (and Excel's newer functions with an `_xlfn.` prefix): `canonicalName` maps
 * those forms back to `OVERLAY.REBALANCE`.
 */
export type Expr =
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "error"; value: string }
  | { kind: "array"; rows: (number | string | boolean)[][] }
  | { kind: "missing" }
  | { kind: "call"; name: string; args: Expr[] }
  | { kind: "ref"; text: string }
  | { kind: "negate"; arg: Expr }
  | { kind: "percent"; arg: Expr }
  | { kind: "binary"; op: BinaryOp; left: Expr; right: Expr };

export type BinaryOp = "+" | "-" | "*" | "/" | "^" | "&" | "=" | "<>" | "<" | ">" | "<=" | ">=";

/**
 * Limits that keep parsing and evaluation bounded whatever the input (no recursion a formula can drive past them):
 * Excel's own formula length (8,192 characters, "Excel specifications and limits"), at most 100 levels of nested
 * parentheses, function calls and signs (Excel allows 64 levels of nested functions), and at most 1,000 levels in
 * the formula's tree, counting chains of operators (=A1+A2+...+A1000).
 */
export const FORMULA_LIMITS = { maxLength: 8192, maxNesting: 100, maxDepth: 1000 } as const;

/**
 * A function's name in its canonical form: `_XLDUDF_OVERLAY_REBALANCE`, `_XLDUDF_OVERLAY.REBALANCE`,
 * `_XLL.OVERLAY.REBALANCE`, `_XLUDF.OVERLAY.REBALANCE` and `[2]!_XLDUDF_OVERLAY_REBALANCE` (the forms Excel
 * writes a custom function in a file)
 * become `OVERLAY.REBALANCE`; `_XLFN.ANCHORARRAY` becomes `ANCHORARRAY`. Other names are returned upper case.
 */
export function canonicalName(name: string): string {
  let n = name.toUpperCase().replace(/^\[\d+\]!/, "");
  n = n
    .replace(/^_XLFN\.(_XLWS\.)?/, "")
    .replace(/^_XLL\./, "")
    .replace(/^_XLUDF\./, "");
  const udf = /^_XLDUDF_OVERLAY[._]([A-Z0-9]+)$/.exec(n);
  if (udf) return `OVERLAY.${udf[1]}`;
  return n;
}

export class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    public readonly position: number,
  ) {
    super(message);
    this.name = "FormulaSyntaxError";
  }
}

const ERROR_LITERALS = ["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!"];

export interface ParseOptions {
  /**
   * Excel's binary operators (+ - * / ^ & = <> < > <= >=) and % after any value. `overlay run` reads workbook
   * formulas with them; `overlay eval` keeps to literals, calls and unary minus (the default).
   */
  operators?: boolean;
}

class Parser {
  private i = 0;
  private nesting = 0;
  /** Tree depth of each expression built, by identity: bounds operator chains as well as nesting. */
  private readonly depths = new WeakMap<Expr, number>();
  private readonly operators: boolean;
  constructor(
    private readonly s: string,
    options: ParseOptions = {},
  ) {
    this.operators = options.operators === true;
  }

  private depthOf(e: Expr): number {
    return this.depths.get(e) ?? 1;
  }

  /** Records a node's depth (1 + its deepest child); refuses a tree deeper than the limit. */
  private node<E extends Expr>(e: E, ...children: Expr[]): E {
    let d = 0;
    for (const c of children) d = Math.max(d, this.depthOf(c));
    if (d + 1 > FORMULA_LIMITS.maxDepth)
      this.fail(
        `the formula is more than ${FORMULA_LIMITS.maxDepth} levels deep (a chain of operators or nested calls); split it over cells`,
      );
    if (d > 0) this.depths.set(e, d + 1);
    return e;
  }

  private enter(): void {
    if (++this.nesting > FORMULA_LIMITS.maxNesting)
      this.fail(
        `more than ${FORMULA_LIMITS.maxNesting} levels of nested parentheses, functions or signs (Excel allows 64 nested functions)`,
      );
  }

  fail(msg: string): never {
    throw new FormulaSyntaxError(
      `${msg} at position ${this.i + 1} of ${JSON.stringify(this.s.length > 80 ? this.s.slice(0, 77) + "..." : this.s)}`,
      this.i,
    );
  }

  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  peek(): string {
    this.ws();
    return this.s[this.i] ?? "";
  }

  eat(ch: string): boolean {
    if (this.peek() === ch) {
      this.i++;
      return true;
    }
    return false;
  }

  expect(ch: string): void {
    if (!this.eat(ch)) this.fail(`expected '${ch}'`);
  }

  atEnd(): boolean {
    return this.peek() === "";
  }

  number(): number {
    const m = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (!m) this.fail("expected a number");
    this.i += m[0].length;
    let x = Number(m[0]);
    if (this.s[this.i] === "%") {
      this.i++;
      x /= 100;
    }
    return x;
  }

  string(): string {
    // at the opening quote
    this.i++;
    let out = "";
    for (;;) {
      if (this.i >= this.s.length) this.fail('unterminated text: a closing " is missing');
      const c = this.s[this.i++];
      if (c === '"') {
        if (this.s[this.i] === '"') {
          out += '"';
          this.i++;
        } else return out;
      } else out += c;
    }
  }

  errorLiteral(): string | undefined {
    const rest = this.s.slice(this.i).toUpperCase();
    const hit = ERROR_LITERALS.find((e) => rest.startsWith(e));
    if (hit) this.i += hit.length;
    return hit;
  }

  arrayConstant(): Expr {
    this.expect("{");
    const rows: (number | string | boolean)[][] = [[]];
    for (;;) {
      const c = this.peek();
      let v: number | string | boolean;
      let sign = 1;
      if (c === "-" || c === "+") {
        this.i++;
        sign = c === "-" ? -1 : 1;
        if (!/[\d.]/.test(this.peek())) this.fail("expected a number after the sign");
      }
      const d = this.peek();
      if (/[\d.]/.test(d)) v = sign * this.number();
      else if (d === '"') v = this.string();
      else if (/^true\b/i.test(this.s.slice(this.i))) {
        this.i += 4;
        v = true;
      } else if (/^false\b/i.test(this.s.slice(this.i))) {
        this.i += 5;
        v = false;
      } else if (d === "," || d === ";" || d === "}") v = "";
      else this.fail('array constants hold numbers, "text", TRUE or FALSE');
      rows[rows.length - 1].push(v === 0 ? 0 : v);
      if (this.eat(",")) continue;
      if (this.eat(";")) {
        rows.push([]);
        continue;
      }
      this.expect("}");
      break;
    }
    const width = rows[0].length;
    if (rows.some((r) => r.length !== width)) this.fail("every row of an array constant needs the same number of values");
    return { kind: "array", rows };
  }

  /** A reference or a name, up to the end of the operand: sheet prefix, A1 ranges, structured references. */
  reference(): Expr {
    const start = this.i;
    const s = this.s;
    const part = () => {
      if (s[this.i] === "'") {
        this.i++;
        while (this.i < s.length) {
          if (s[this.i] === "'" && s[this.i + 1] === "'") this.i += 2;
          else if (s[this.i] === "'") break;
          else this.i++;
        }
        if (s[this.i] !== "'") this.fail("unterminated sheet name: a closing ' is missing");
        this.i++;
      } else {
        while (this.i < s.length && /[A-Za-z0-9_.$\\]/.test(s[this.i])) this.i++;
      }
      if (s[this.i] === "[") {
        let depth = 0;
        do {
          if (s[this.i] === "'")
            this.i++; // ' escapes a bracket, # or ' in a column name
          else if (s[this.i] === "[") depth++;
          else if (s[this.i] === "]") depth--;
          this.i++;
        } while (this.i < s.length && depth > 0);
        if (depth !== 0) this.fail("unterminated structured reference: a closing ] is missing");
      }
    };
    part();
    if (s[this.i] === "!") {
      this.i++;
      part();
    }
    if (s[this.i] === ":") {
      this.i++;
      part();
    }
    if (s[this.i] === "#") this.i++; // the spill operator: H2# is the whole spilled range of H2
    const text = s.slice(start, this.i);
    if (text === "") this.fail("expected a value");
    return { kind: "ref", text };
  }

  /** Comparison, the lowest precedence: a = b, a <> b, a < b, a > b, a <= b, a >= b. */
  expression(): Expr {
    let left = this.concatenation();
    if (!this.operators) return left;
    for (;;) {
      this.ws();
      const m = /^(<>|<=|>=|=|<|>)/.exec(this.s.slice(this.i));
      if (!m) return left;
      this.i += m[1].length;
      const right = this.concatenation();
      left = this.node({ kind: "binary", op: m[1] as BinaryOp, left, right }, left, right);
    }
  }

  concatenation(): Expr {
    let left = this.additive();
    while (this.operators && this.peek() === "&") {
      this.i++;
      const right = this.additive();
      left = this.node({ kind: "binary", op: "&", left, right }, left, right);
    }
    return left;
  }

  additive(): Expr {
    let left = this.multiplicative();
    while (this.operators) {
      const c = this.peek();
      if (c !== "+" && c !== "-") return left;
      this.i++;
      const right = this.multiplicative();
      left = this.node({ kind: "binary", op: c, left, right }, left, right);
    }
    return left;
  }

  multiplicative(): Expr {
    let left = this.power();
    while (this.operators) {
      const c = this.peek();
      if (c !== "*" && c !== "/") return left;
      this.i++;
      const right = this.power();
      left = this.node({ kind: "binary", op: c, left, right }, left, right);
    }
    return left;
  }

  /** Excel's ^ is left-associative (2^3^2 = 64) and binds looser than unary minus (-2^2 = 4). */
  power(): Expr {
    let left = this.unary();
    while (this.operators && this.peek() === "^") {
      this.i++;
      const right = this.unary();
      left = this.node({ kind: "binary", op: "^", left, right }, left, right);
    }
    return left;
  }

  unary(): Expr {
    const c = this.peek();
    if (c === "-" || c === "+") {
      this.i++;
      this.enter();
      const arg = this.unary();
      this.nesting--;
      if (c === "+") return arg;
      if (arg.kind === "number") return { kind: "number", value: arg.value === 0 ? 0 : -arg.value };
      return this.node({ kind: "negate", arg }, arg);
    }
    let e = this.operand();
    while (this.operators && this.peek() === "%") {
      this.i++;
      e = e.kind === "number" ? { kind: "number", value: e.value / 100 } : this.node({ kind: "percent", arg: e }, e);
    }
    return e;
  }

  operand(): Expr {
    const c = this.peek();
    if (c === "(") {
      this.i++;
      this.enter();
      const e = this.expression();
      this.expect(")");
      this.nesting--;
      return e;
    }
    // A whole-row reference (1:1, $3:$5) starts with a digit like a number does.
    if (/^\$?\d+:\$?\d+(?![\d.])/.test(this.s.slice(this.i))) return this.reference();
    if (/[\d.]/.test(c)) return { kind: "number", value: this.number() };
    if (c === '"') return { kind: "string", value: this.string() };
    if (c === "{") return this.arrayConstant();
    if (c === "#") {
      const e = this.errorLiteral();
      if (e) return { kind: "error", value: e };
      this.fail("unknown error value");
    }
    // A function call; [2]! is the external-workbook prefix Excel sometimes puts before an add-in's function.
    const fn = /^((?:\[\d+\]!)?[A-Za-z_][A-Za-z0-9_.]*)\s*\(/.exec(this.s.slice(this.i));
    if (fn) {
      this.i += fn[0].length;
      const args: Expr[] = [];
      if (this.eat(")")) return { kind: "call", name: fn[1].toUpperCase(), args };
      this.enter();
      for (;;) {
        const d = this.peek();
        args.push(d === "," || d === ")" ? { kind: "missing" } : this.expression());
        if (this.eat(",")) continue;
        this.expect(")");
        break;
      }
      this.nesting--;
      return this.node({ kind: "call", name: fn[1].toUpperCase(), args }, ...args);
    }
    const bool = /^(TRUE|FALSE)\b(?![([!:.])/i.exec(this.s.slice(this.i));
    if (bool) {
      this.i += bool[0].length;
      return { kind: "boolean", value: bool[1].toUpperCase() === "TRUE" };
    }
    if (c === "" || /[,)};=<>&*/^%]/.test(c)) this.fail("expected a value");
    return this.reference();
  }

  formula(): Expr {
    if (this.s.length > FORMULA_LIMITS.maxLength)
      throw new FormulaSyntaxError(
        `the formula has ${this.s.length} characters, more than Excel's limit of ${FORMULA_LIMITS.maxLength}`,
        FORMULA_LIMITS.maxLength,
      );
    this.eat("=");
    if (this.atEnd()) this.fail("the formula is empty");
    const e = this.expression();
    if (!this.atEnd())
      this.fail(`unexpected '${this.peek()}'${this.operators ? "" : " (operators other than unary minus are not supported)"}`);
    return e;
  }
}

/** A formula as a person reads it: Excel's saved forms of OVERLAY functions shown as OVERLAY.NAME. */
export function displayFormula(formula: string): string {
  return formula
    .replace(/(\[\d+\]!)?_xldudf_OVERLAY[._]([A-Za-z0-9]+)\s*\(/gi, (_, _x, id: string) => `OVERLAY.${id.toUpperCase()}(`)
    .replace(/_xll\.OVERLAY\.|_xludf\.OVERLAY\./gi, "OVERLAY.")
    .replace(/_xlfn\./gi, "");
}

/** Parses one formula ("=OVERLAY.CONTRACTS(25000000,5000,250)"; the leading = is optional). */
export function parseFormula(text: string, options: ParseOptions = {}): Expr {
  return new Parser(text.trim(), options).formula();
}
