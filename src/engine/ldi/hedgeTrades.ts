/**
 * Hedge sizing: the units of each hedge instrument that bring the plan's key-rate hedge ratios to a target.
 *
 * Gap per key tenor: g_k = target x L_k - A_k (liability and asset KR01s). Instrument j has a PV01 per unit
 * P_j placed on its tenor T_j with the key-rate triangle weights: H_kj = P_j h_k(T_j) (a 12-year swap's PV01
 * goes 60% to the 10-year key and 40% to the 15-year key). Units u minimise sum_k (g_k - sum_j H_kj u_j)^2.
 *
 *  1. Continuous least squares (leastSquares.ts): instruments that are collinear (same tenor) take equal shares
 *     of the PV01 they add.
 *  2. Instruments flagged Integer (futures contracts) take whole units. With the continuous instruments
 *     re-optimised for any choice of integers, the objective is f(x) = ||a - B x||^2 (a, B: the gap and the
 *     integer columns projected off the continuous columns' span). Start from the best floor/ceiling
 *     rounding of the continuous optimum (all 2^m combinations when m <= 12 integer instruments, nearest
 *     rounding otherwise), then coordinate descent: move one instrument by +/-1 contract while that lowers
 *     f strictly. Every accepted move lowers the objective, so the result is never worse than the
 *     rounding it started from, and no single-contract change improves it.
 *  3. The continuous instruments are re-solved for the final integers.
 *
 * Hedge ratio per key after the trades: (A_k + sum_j H_kj u_j) / L_k.
 */
import { Matrix } from "../core/cells";
import { numError } from "../core/errors";
import { ColumnSpec, parseTable, whereRow } from "../core/table";
import { MAX_YEARS } from "../rates/curve";
import { triangleVector } from "../rates/keyRates";
import { Mat, matVec, pseudoInverse } from "./leastSquares";
import { ratioOrUndefined } from "./hedgeRatio";

export interface HedgeInstrument {
  name: string;
  /** Tenor in years where its PV01 sits. */
  tenor: number;
  /** PV01 per unit (a contract, or 1 of notional), base currency. */
  pv01: number;
  /** Whole units only (futures contracts). */
  integer: boolean;
}

export const INSTRUMENT_COLUMNS: readonly ColumnSpec[] = [
  { key: "name", header: "Instrument", synonyms: ["Name", "Hedge", "Contract", "Security"], type: "text" },
  { key: "tenor", header: "Tenor", synonyms: ["Years", "Maturity", "Term", "Time"], type: "number", rule: { min: 0, max: MAX_YEARS } },
  {
    key: "pv01",
    header: "PV01",
    synonyms: ["DV01", "PV01 per unit", "DV01 per unit", "BPV", "PVBP"],
    type: "number",
    rule: { min: -1e12, max: 1e12 },
  },
  {
    key: "integer",
    header: "Integer",
    synonyms: ["Whole", "Whole units", "Integer units", "Round"],
    type: "boolean",
    optional: true,
    default: false,
  },
];

export const MAX_INSTRUMENTS = 50;
const ENUMERATE_UP_TO = 12;

export function readInstruments(matrix: Matrix, arg = "instruments"): HedgeInstrument[] {
  const t = parseTable<HedgeInstrument>(matrix, { arg, columns: INSTRUMENT_COLUMNS, key: "name" });
  if (t.rows.length > MAX_INSTRUMENTS) numError(`${arg} has ${t.rows.length} instruments; at most ${MAX_INSTRUMENTS} are supported`);
  t.rows.forEach((r, i) => {
    if (r.pv01 === 0) numError(`${whereRow(t, i)}: PV01 must not be 0 (an instrument without rate risk cannot hedge)`);
  });
  return t.rows;
}

export interface HedgeProblem {
  keys: readonly number[];
  liabilityKr01: readonly number[];
  assetKr01: readonly number[];
  instruments: readonly HedgeInstrument[];
  targetRatio: number;
}

export interface HedgeSolution {
  units: number[];
  /** units x PV01 per instrument. */
  pv01Added: number[];
  /** Hedge KR01 per key (sum over instruments). */
  hedgeKr01: number[];
  ratioBefore: (number | undefined)[];
  ratioAfter: (number | undefined)[];
  /** Sum of squared key-rate gaps after the trades. */
  objective: number;
  /** The same for the continuous (unrounded) solution: a lower bound. */
  continuousObjective: number;
}

function objectiveOf(g: readonly number[], h: Mat, u: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < g.length; k++) {
    let r = g[k];
    for (let j = 0; j < u.length; j++) r -= h[k][j] * u[j];
    s += r * r;
  }
  return s;
}

function columns(h: Mat, idx: readonly number[]): Mat {
  return h.map((row) => idx.map((j) => row[j]));
}

/** Integer x minimising ||a - B x||^2 near the continuous optimum (see the header). */
function integerSearch(a: number[], b: Mat, start: number[]): number[] {
  const m = start.length;
  const k = a.length;
  const f = (x: number[]) => {
    let s = 0;
    for (let i = 0; i < k; i++) {
      let r = a[i];
      for (let j = 0; j < m; j++) r -= b[i][j] * x[j];
      s += r * r;
    }
    return s;
  };
  let best = start.map(Math.round);
  let bestF = f(best);
  if (m <= ENUMERATE_UP_TO) {
    const lo = start.map(Math.floor);
    const x = lo.slice();
    for (let mask = 0; mask < 1 << m; mask++) {
      for (let j = 0; j < m; j++) x[j] = lo[j] + ((mask >> j) & 1);
      const fx = f(x);
      if (fx < bestF) {
        bestF = fx;
        best = x.slice();
      }
    }
  }
  for (let iter = 0; iter < 100000; iter++) {
    let improved = false;
    for (let j = 0; j < m; j++) {
      for (const step of [1, -1]) {
        best[j] += step;
        const fx = f(best);
        if (fx < bestF * (1 - 1e-12) && bestF - fx > 1e-300) {
          bestF = fx;
          improved = true;
        } else {
          best[j] -= step;
        }
      }
    }
    if (!improved) break;
  }
  return best;
}

export function solveHedge(p: HedgeProblem): HedgeSolution {
  const K = p.keys.length;
  const J = p.instruments.length;
  const g = p.keys.map((_, k) => p.targetRatio * p.liabilityKr01[k] - p.assetKr01[k]);
  const h: Mat = Array.from({ length: K }, () => new Array<number>(J).fill(0));
  p.instruments.forEach((ins, j) => {
    const w = triangleVector(p.keys, ins.tenor);
    for (let k = 0; k < K; k++) h[k][j] = w[k] * ins.pv01;
  });
  const continuous = matVec(pseudoInverse(h, K, J), g);
  const intIdx = p.instruments.map((ins, j) => (ins.integer ? j : -1)).filter((j) => j >= 0);
  const conIdx = p.instruments.map((ins, j) => (ins.integer ? -1 : j)).filter((j) => j >= 0);
  let units = continuous.slice();
  if (intIdx.length > 0) {
    const hc = columns(h, conIdx);
    const hi = columns(h, intIdx);
    const pinvC = pseudoInverse(hc, K, conIdx.length);
    // Project off the continuous span: a = g - Hc pinv(Hc) g, B = Hi - Hc pinv(Hc) Hi.
    const project = (v: number[]) => {
      if (conIdx.length === 0) return v.slice();
      const fit = matVec(hc, matVec(pinvC, v));
      return v.map((x, k) => x - fit[k]);
    };
    const a = project(g);
    const bCols = intIdx.map((_, c) => project(hi.map((row) => row[c])));
    const b: Mat = Array.from({ length: K }, (_, k) => bCols.map((col) => col[k]));
    const x = integerSearch(
      a,
      b,
      intIdx.map((j) => continuous[j]),
    );
    const rest = g.map((gk, k) => gk - hi[k].reduce((s, v, c) => s + v * x[c], 0));
    const uc = conIdx.length ? matVec(pinvC, rest) : [];
    units = new Array<number>(J).fill(0);
    intIdx.forEach((j, c) => (units[j] = x[c] === 0 ? 0 : x[c]));
    conIdx.forEach((j, c) => (units[j] = uc[c]));
  }
  const hedgeKr01 = h.map((row) => row.reduce((s, v, j) => s + v * units[j], 0));
  const scale = Math.max(0, ...p.liabilityKr01.map(Math.abs));
  return {
    units,
    pv01Added: units.map((u, j) => u * p.instruments[j].pv01),
    hedgeKr01,
    ratioBefore: p.keys.map((_, k) => ratioOrUndefined(p.assetKr01[k], p.liabilityKr01[k], scale)),
    ratioAfter: p.keys.map((_, k) => ratioOrUndefined(p.assetKr01[k] + hedgeKr01[k], p.liabilityKr01[k], scale)),
    objective: objectiveOf(g, h, units),
    continuousObjective: objectiveOf(g, h, continuous),
  };
}
