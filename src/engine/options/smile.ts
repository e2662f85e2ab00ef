/**
 * Volatility as one number or a smile: a `Strike | Vol` table, linear in strike between its points and
 * flat beyond the first and last strikes (the function reference in the README, OVERLAY.STRATEGY).
 */
import { Matrix, argMatrix, argNumber, isEmpty } from "../core/cells";
import { valueError } from "../core/errors";
import { ColumnSpec, parseTable } from "../core/table";

/** Volatility bounds: decimals, so 0.2 is 20%; 10 (1000%) is far beyond any market. */
export const VOL_RULE = { min: 0, minExclusive: true, max: 10 };
export const STRIKE_RULE = { min: 0, minExclusive: true, max: 1e15 };

export const SMILE_COLUMNS: readonly ColumnSpec[] = [
  { key: "strike", header: "Strike", synonyms: ["K", "Strike price", "Exercise price"], type: "number", rule: STRIKE_RULE },
  {
    key: "vol",
    header: "Vol",
    synonyms: ["Volatility", "Implied vol", "Implied volatility", "IV", "Sigma"],
    type: "number",
    rule: VOL_RULE,
  },
];

export interface Smile {
  /** Ascending, distinct. */
  strikes: number[];
  vols: number[];
}

export type VolSpec = number | Smile;

/** Reads a Strike | Vol table; rows in any order, each strike once. */
export function readSmile(matrix: Matrix, arg: string): Smile {
  const t = parseTable<{ strike: number; vol: number }>(matrix, { arg, columns: SMILE_COLUMNS });
  const order = t.rows.map((_, i) => i).sort((a, b) => t.rows[a].strike - t.rows[b].strike);
  for (let k = 1; k < order.length; k++) {
    const a = order[k - 1];
    const b = order[k];
    if (t.rows[a].strike === t.rows[b].strike) {
      valueError(
        `${arg} rows ${t.rowNumbers[Math.min(a, b)]} and ${t.rowNumbers[Math.max(a, b)]}: strike ${t.rows[a].strike} appears twice`,
      );
    }
  }
  return { strikes: order.map((i) => t.rows[i].strike), vols: order.map((i) => t.rows[i].vol) };
}

/**
 * The vol argument of STRATEGY and ZEROCOST: a number (or a 1x1 range holding one), or a Strike | Vol
 * table with a header row. Empty: undefined (legs may carry their own Vol).
 */
export function readVolSpec(v: unknown, arg: string): VolSpec | undefined {
  if (v === null || v === undefined) return undefined;
  const m = argMatrix(v, arg);
  const cells = m.flat();
  if (cells.every(isEmpty)) return undefined;
  if (m.length === 1 && m[0].length === 1) return argNumber(m[0][0], arg, VOL_RULE);
  return readSmile(m, arg);
}

/** The smile's vol at strike k: linear between the two strikes around k, flat outside. */
export function smileVol(smile: Smile, k: number): number {
  const { strikes, vols } = smile;
  const n = strikes.length;
  if (k <= strikes[0]) return vols[0];
  if (k >= strikes[n - 1]) return vols[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (strikes[mid] <= k) lo = mid;
    else hi = mid;
  }
  const w = (k - strikes[lo]) / (strikes[hi] - strikes[lo]);
  return vols[lo] + w * (vols[hi] - vols[lo]);
}

export function volAt(spec: VolSpec, k: number): number {
  return typeof spec === "number" ? spec : smileVol(spec, k);
}
