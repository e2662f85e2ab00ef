/**
 * The tables of a completion analysis: holdings, factor loadings, factor targets and specific risk.
 *
 *   Holdings       Security | Weight                     (weights of the asset class's current holdings, decimals)
 *   Loadings       Security | <one column per factor>    (every column other than Security is a factor)
 *   Targets        Factor | Target                       (target exposure per factor, in the loadings' units)
 *   Specific risk  Security | Specific risk              (specific volatility per security, decimal; or one number)
 *
 * Securities and factors match like headers (case, spaces and punctuation ignored).
 */
import { Matrix, cellToNumber, isEmpty, normaliseName } from "../core/cells";
import { numError, quote, valueError } from "../core/errors";
import { ColumnSpec, parseTable, whereRow } from "../core/table";

/** Largest loading, target or weight magnitude accepted (beyond it a number is a typo, and squares overflow). */
export const FACTOR_LIMIT = 1e6;

export const SECURITY_COLUMN: ColumnSpec = {
  key: "security",
  header: "Security",
  synonyms: ["Name", "Ticker", "Stock", "Asset", "Identifier", "ID", "Instrument", "Issuer", "Holding"],
  type: "text",
};

export const HOLDINGS_COLUMNS: readonly ColumnSpec[] = [
  SECURITY_COLUMN,
  {
    key: "weight",
    header: "Weight",
    synonyms: ["Portfolio weight", "Wt", "Allocation", "Holding weight"],
    type: "number",
    rule: { min: -10, max: 10 },
  },
];

export const LOADINGS_COLUMNS: readonly ColumnSpec[] = [SECURITY_COLUMN];

export const TARGETS_COLUMNS: readonly ColumnSpec[] = [
  { key: "factor", header: "Factor", synonyms: ["Exposure", "Style", "Characteristic"], type: "text" },
  {
    key: "target",
    header: "Target",
    synonyms: ["Target exposure", "Goal", "Desired"],
    type: "number",
    rule: { min: -FACTOR_LIMIT, max: FACTOR_LIMIT },
  },
];

export const SPECIFIC_RISK_COLUMNS: readonly ColumnSpec[] = [
  SECURITY_COLUMN,
  {
    key: "risk",
    header: "Specific risk",
    synonyms: ["Specific vol", "Specific volatility", "Idiosyncratic risk", "Residual risk", "Residual vol", "Risk", "Vol", "Volatility"],
    type: "number",
    rule: { min: 0, max: 10 },
  },
];

export interface Holding {
  security: string;
  weight: number;
  /** Row of the security in the loadings. */
  row: number;
  where: string;
}

export interface Loadings {
  arg: string;
  securities: string[];
  factors: string[];
  /** Row-major n x K: values[i * K + k] is security i's loading on factor k. */
  values: Float64Array;
  /** "Loadings row 3 (ABC)" per security. */
  where: string[];
  /** Normalised security name -> row. */
  index: Map<string, number>;
}

export interface FactorTarget {
  /** Column of the factor in the loadings. */
  factor: number;
  target: number;
  where: string;
}

/** Reads a Loadings table: Security plus at least one factor column, every loading a number within +-1e6. */
export function readLoadings(matrix: Matrix, arg = "Loadings"): Loadings {
  const t = parseTable<{ security: string }>(matrix, { arg, columns: LOADINGS_COLUMNS, key: "security", extraColumns: "numbers" });
  const K = t.extraHeaders.length;
  if (K === 0) valueError(`${arg}: no factor columns: give one column per factor beside Security (headers found: '${t.headers.security}')`);
  const n = t.rows.length;
  const values = new Float64Array(n * K);
  const where: string[] = [];
  const index = new Map<string, number>();
  t.rows.forEach((r, i) => {
    const w = whereRow(t, i);
    where.push(w);
    index.set(normaliseName(r.security), i);
    for (let k = 0; k < K; k++) {
      const x = t.extra[i][k];
      if (!(Math.abs(x) <= FACTOR_LIMIT))
        numError(`${w}: ${t.extraHeaders[k]} must be between -${FACTOR_LIMIT} and ${FACTOR_LIMIT}, got ${x}`);
      values[i * K + k] = x;
    }
  });
  return { arg, securities: t.rows.map((r) => r.security), factors: t.extraHeaders.slice(), values, where, index };
}

/** Reads a Holdings table; every security must have a row in the loadings. */
export function readHoldings(matrix: Matrix, loadings: Loadings, arg = "Holdings"): Holding[] {
  const t = parseTable<{ security: string; weight: number }>(matrix, { arg, columns: HOLDINGS_COLUMNS, key: "security" });
  return t.rows.map((r, i) => {
    const where = whereRow(t, i);
    const row = loadings.index.get(normaliseName(r.security));
    if (row === undefined) valueError(`${where}: security '${r.security}' has no row in ${loadings.arg}`);
    return { security: r.security, weight: r.weight, row, where };
  });
}

/** Reads a Targets table; every factor must be a column of the loadings. */
export function readTargets(matrix: Matrix, loadings: Loadings, arg = "Targets"): FactorTarget[] {
  const t = parseTable<{ factor: string; target: number }>(matrix, { arg, columns: TARGETS_COLUMNS, key: "factor" });
  const byName = new Map(loadings.factors.map((f, k) => [normaliseName(f), k]));
  return t.rows.map((r, i) => {
    const where = whereRow(t, i);
    const k = byName.get(normaliseName(r.factor));
    if (k === undefined) {
      valueError(
        `${where}: factor '${r.factor}' is not a column of ${loadings.arg} (factors: ${loadings.factors.map((f) => `'${f}'`).join(", ")})`,
      );
    }
    return { factor: k, target: r.target, where };
  });
}

/**
 * Specific volatility per security of the loadings (index-aligned). One number applies to every security;
 * a `Security | Specific risk` table must give every security of the loadings, and only those.
 */
export function readSpecificRisk(matrix: Matrix, loadings: Loadings, arg = "Specific risk"): Float64Array {
  const n = loadings.securities.length;
  const filled = matrix.filter((r) => Array.isArray(r) && !r.every(isEmpty));
  if (filled.length === 1 && filled[0].filter((c) => !isEmpty(c)).length === 1) {
    const cell = filled[0].find((c) => !isEmpty(c));
    const x = cellToNumber(cell);
    if (x !== undefined && typeof cell !== "boolean") {
      if (!(x >= 0 && x <= 10)) numError(`${arg} must be between 0 and 10 (a volatility as a decimal), got ${quote(cell)}`);
      return new Float64Array(n).fill(x);
    }
  }
  const t = parseTable<{ security: string; risk: number }>(matrix, { arg, columns: SPECIFIC_RISK_COLUMNS, key: "security" });
  const out = new Float64Array(n).fill(NaN);
  t.rows.forEach((r, i) => {
    const row = loadings.index.get(normaliseName(r.security));
    if (row === undefined) valueError(`${whereRow(t, i)}: security '${r.security}' has no row in ${loadings.arg}`);
    out[row] = r.risk;
  });
  const missing = loadings.securities.filter((_, i) => Number.isNaN(out[i]));
  if (missing.length > 0) {
    const list = missing
      .slice(0, 3)
      .map((s) => `'${s}'`)
      .join(", ");
    valueError(
      `${arg}: no row for ${missing.length} securit${missing.length > 1 ? "ies" : "y"} of ${loadings.arg} (${list}${missing.length > 3 ? ", ..." : ""}); give every security a specific risk, or one number for all`,
    );
  }
  return out;
}
