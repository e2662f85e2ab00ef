/**
 * Hedge sizing a mandate can sign: the trades in each hedge instrument that bring the plan's total hedge ratio
 * inside its band and each key-rate hedge ratio as close to the target as the instruments allow.
 *
 * Every side on one basis: liability KR01s L_k, asset KR01s A_k, existing positions' E_k, and per unit of
 * instrument j its own vector H_kj (instruments.ts: from its cash flows under the same bump). Trades u_j.
 *
 *   gap per key      g_k = (T L_k - A_k - E_k - sum_j H_kj u_j) / L~_k,  L~_k = max(|L_k|, 1% of sum L):
 *                    the key's hedge-ratio gap in ratio points (every key counts alike)
 *   total ratio      (sum_k (A_k + E_k) + sum_j P_j u_j) / sum_k L_k  in [T - totalBand, T + totalBand]  (hard)
 *   key bands        |g_k| <= bucketBand |L_k| / L~_k (soft: the excess e_k is penalised 100 times the gaps)
 *   limits           Min_j <= existing_j + u_j <= Max_j;  u_j a whole number of increments (or continuous)
 *   minimise         sum_k |g_k| + 100 sum_k e_k + 0.001 sum_j |P_j u_j| / sum_k L_k
 *
 * A mixed-integer LP (absolute values split into positive and negative parts) solved by HiGHS
 * (optimise/model.ts): the LP relaxation, then the MILP with each whole-unit column between the floor and the
 * ceiling of the relaxed optimum, from a rounded start, to within 1% or 0.01 (one ratio point summed over the
 * keys) of the relaxation's bound (the full MILP only when that box holds no solution). The relaxation's
 * objective is reported as the bound. The L1 gaps keep the problem linear, so whole contracts and notional increments are
 * exact rather than rounded afterwards; the small turnover term picks the smallest trades among equal fits.
 * Reported ratios are recomputed from the trades and the instruments' vectors, never read from the solver's
 * auxiliary variables.
 */
import { numError } from "../core/errors";
import { loadHighs } from "../optimise/highs";
import { SolveStatus, SparseRow, solveModel } from "../optimise/model";
import { ratioOrUndefined } from "./hedgeRatio";
import { HedgeInstrument } from "./instruments";

export interface HedgeProblem {
  keys: readonly number[];
  liabilityKr01: readonly number[];
  assetKr01: readonly number[];
  instruments: readonly HedgeInstrument[];
  targetRatio: number;
  /** Half-width of the total hedge ratio's band (0: equality). */
  totalBand: number;
  /** Half-width of each key-rate hedge ratio's band. */
  bucketBand: number;
}

export interface HedgeSolution {
  /** Trade per instrument, in its unit (notional, contracts, face). */
  trades: number[];
  /** Position after the trade: existing + trade. */
  positions: number[];
  /** PV01 the trade adds per instrument. */
  pv01Added: number[];
  /** KR01 of the existing positions, and of the trades, per key. */
  existingKr01: number[];
  hedgeKr01: number[];
  /** Key-rate hedge ratios before ((A + E) / L) and after ((A + E + H u) / L); undefined where L is nil. */
  ratioBefore: (number | undefined)[];
  ratioAfter: (number | undefined)[];
  totalBefore: number;
  totalAfter: number;
  /** Keys whose ratio after ends outside the band (indices into keys), material or not. */
  outside: number[];
  status: SolveStatus;
  /** The solve's objective and the LP relaxation's (a lower bound on any whole-unit solution's). */
  objective?: number;
  bound?: number;
}

const BAND_WEIGHT = 100;
const TURNOVER_WEIGHT = 1e-3;
const RATIO_FLOOR = 0.01;
/**
 * Gaps to the LP relaxation's bound at which a whole-unit solution is accepted: 1% of the bound, or 0.01 in
 * absolute terms (one ratio point summed over all the keys), whichever is larger.
 */
const MIP_GAP = 1e-2;
const MIP_ABS_GAP = 1e-2;

function sum(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}

/** KR01 per key of positions u in the instruments. */
export function positionKr01(instruments: readonly HedgeInstrument[], units: readonly number[], keys: number): number[] {
  const out = new Array<number>(keys).fill(0);
  instruments.forEach((ins, j) => {
    if (units[j] !== 0) for (let k = 0; k < keys; k++) out[k] += ins.kr01[k] * units[j];
  });
  return out;
}

export async function solveHedge(p: HedgeProblem): Promise<HedgeSolution> {
  const K = p.keys.length;
  const J = p.instruments.length;
  const L = p.liabilityKr01;
  const lSum = sum(L);
  if (!(lSum > 0)) numError(`liabilities: the liability PV01 is ${lSum}, so there is no hedge ratio to reach`, "liabilities");
  if (J === 0) numError("instruments has no instruments", "instruments");
  const existing = positionKr01(
    p.instruments,
    p.instruments.map((x) => x.existing),
    K,
  );
  const held = p.keys.map((_, k) => p.assetKr01[k] + existing[k]);
  const heldSum = sum(held);
  const lo = p.targetRatio - p.totalBand;
  const hi = p.targetRatio + p.totalBand;

  // Columns: x_j (J), then p_k, m_k, e_k (3K), then a_j (J). Trade u_j = c_j x_j.
  const scale = p.instruments.map((ins) => (ins.increment > 0 ? ins.increment : 1 / Math.abs(ins.pv01)));
  const n = J + 3 * K + J;
  const P = (k: number) => J + k;
  const M = (k: number) => J + K + k;
  const E = (k: number) => J + 2 * K + k;
  const A = (j: number) => J + 3 * K + j;
  const lower = new Array<number>(n).fill(0);
  const upper = new Array<number>(n).fill(Infinity);
  const integer = new Array<boolean>(n).fill(false);
  p.instruments.forEach((ins, j) => {
    const l = (ins.min - ins.existing) / scale[j];
    const u = (ins.max - ins.existing) / scale[j];
    integer[j] = ins.increment > 0;
    lower[j] = integer[j] ? Math.ceil(l - 1e-9) : l;
    upper[j] = integer[j] ? Math.floor(u + 1e-9) : u;
    if (lower[j] > upper[j]) {
      numError(
        `instruments: ${ins.name} cannot trade a whole number of increments (${ins.increment}) between its Min and Max`,
        "instruments",
      );
    }
  });
  const cost = new Array<number>(n).fill(0);
  for (let k = 0; k < K; k++) {
    cost[P(k)] = 1;
    cost[M(k)] = 1;
    cost[E(k)] = BAND_WEIGHT;
  }
  for (let j = 0; j < J; j++) cost[A(j)] = TURNOVER_WEIGHT;
  const rows: SparseRow[] = [];
  for (let k = 0; k < K; k++) {
    // Gaps in ratio points of the key's own liability (floored at 1% of the total, so a nearly empty key does not
    // dominate): every key's hedge ratio counts alike.
    const lk = Math.max(Math.abs(L[k]), RATIO_FLOOR * lSum);
    const g = (p.targetRatio * L[k] - held[k]) / lk;
    const idx: number[] = [];
    const val: number[] = [];
    p.instruments.forEach((ins, j) => {
      if (ins.kr01[k] !== 0) {
        idx.push(j);
        val.push((ins.kr01[k] * scale[j]) / lk);
      }
    });
    rows.push({ indices: [...idx, P(k), M(k)], values: [...val, 1, -1], lower: g, upper: g });
    rows.push({ indices: [P(k), M(k), E(k)], values: [1, 1, -1], lower: -Infinity, upper: (p.bucketBand * Math.abs(L[k])) / lk });
  }
  const pv = p.instruments.map((ins, j) => (ins.pv01 * scale[j]) / lSum);
  rows.push({
    indices: p.instruments.map((_, j) => j),
    values: pv,
    lower: lo - heldSum / lSum,
    upper: hi - heldSum / lSum,
  });
  for (let j = 0; j < J; j++) {
    rows.push({ indices: [A(j), j], values: [1, -pv[j]], lower: 0, upper: Infinity });
    rows.push({ indices: [A(j), j], values: [1, pv[j]], lower: 0, upper: Infinity });
  }
  const highs = await loadHighs();
  // The LP relaxation first; then a rounding of it (rounded, pushed into the total band, then one-increment
  // moves while they lower the objective), kept when within the gaps of the relaxation's bound; otherwise the MILP
  // with each whole-unit column boxed to the floor and ceiling of the relaxed optimum, from that start, to within
  // the gaps; the full MILP only if the box holds no solution.
  const relaxed = solveModel(highs, { numCols: n, cost, lower, upper, rows });
  let sol = relaxed;
  let bound = relaxed.objective;
  if (integer.some((b) => b) && relaxed.x) {
    const x0 = relaxed.x;
    const boxLower = lower.map((l, j) => (integer[j] ? Math.max(l, Math.floor(x0[j] + 1e-9)) : l));
    const boxUpper = upper.map((u, j) => (integer[j] ? Math.min(u, Math.ceil(x0[j] - 1e-9)) : u));
    const start = roundedStart(x0, integer, boxLower, boxUpper, rows, cost, J, K);
    const startObjective = start ? start.reduce((s, v, j) => s + cost[j] * v, 0) : Infinity;
    if (startObjective <= relaxed.objective + Math.max(MIP_GAP * Math.abs(relaxed.objective), MIP_ABS_GAP)) {
      // Within the gaps of the relaxation's bound already: HiGHS would stop there too.
      sol = { status: "optimal", code: relaxed.code, x: start, objective: startObjective };
    } else {
      const box = { numCols: n, cost, lower: boxLower, upper: boxUpper, rows, integer };
      const gaps = { timeLimitSeconds: 20, mipRelGap: MIP_GAP, mipAbsGap: MIP_ABS_GAP };
      sol = solveModel(highs, box, { ...gaps, ...(start ? { start } : {}) });
      if (!sol.x) sol = solveModel(highs, { ...box, lower, upper }, gaps);
    }
    bound = relaxed.objective;
  }
  if (!sol.x) {
    const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
    if (sol.status === "infeasible") {
      numError(
        `targetRatio: no trades within the instruments' limits (Min, Max, increments) bring the total hedge ratio from ` +
          `${pct(heldSum / lSum)} into ${pct(lo)} to ${pct(hi)}; widen totalBand or the limits`,
        "targetRatio",
      );
    }
    numError(`The hedge solve found no solution (HiGHS status ${sol.status}, code ${sol.code})`);
  }
  const trades = p.instruments.map((ins, j) => {
    const x = integer[j] ? Math.round(sol.x![j]) : sol.x![j];
    const u = x * scale[j];
    return u === 0 ? 0 : u;
  });
  return { ...evaluateHedge(p, trades, sol.status), objective: sol.objective, bound };
}

/**
 * A feasible whole-unit start near the LP optimum x0, or undefined: integer columns rounded to nearest, moved
 * into the total row's band, then one-increment moves, and pairs of opposite moves, while they lower the
 * objective; the auxiliary columns
 * (gaps, band excess, turnover) set to their values at that point. Rows are laid out as in solveHedge: per key
 * a gap row and a band row, then the total row, then two turnover rows per instrument.
 */
function roundedStart(
  x0: readonly number[],
  integer: readonly boolean[],
  lo: readonly number[],
  hi: readonly number[],
  rows: readonly SparseRow[],
  cost: readonly number[],
  J: number,
  K: number,
): number[] | undefined {
  const x = x0.slice(0, J).map((v, j) => (integer[j] ? Math.min(hi[j], Math.max(lo[j], Math.round(v))) : v));
  const gapRows = Array.from({ length: K }, (_, k) => rows[2 * k]);
  const bandRows = Array.from({ length: K }, (_, k) => rows[2 * k + 1]);
  const total = rows[2 * K];
  const totalOf = (v: readonly number[]) => total.indices.reduce((s, j, i) => s + total.values[i] * v[j], 0);
  const objective = (v: readonly number[]) => {
    let f = 0;
    for (let k = 0; k < K; k++) {
      const r = gapRows[k];
      let res = r.lower;
      for (let i = 0; i < r.indices.length - 2; i++) res -= r.values[i] * v[r.indices[i]];
      const a = Math.abs(res);
      f += cost[J + k] * a + cost[J + 2 * K + k] * Math.max(0, a - bandRows[k].upper);
    }
    for (let j = 0; j < J; j++) f += cost[J + 3 * K + j] * Math.abs(total.values[j] * v[j]);
    return f;
  };
  const inBand = (t: number) => t >= total.lower - 1e-12 && t <= total.upper + 1e-12;
  // Into the band: step the integer column with the largest effect toward it, while one helps.
  for (let guard = 0; guard < 10000 && !inBand(totalOf(x)); guard++) {
    const t = totalOf(x);
    const dir = t < total.lower ? 1 : -1;
    let best = -1;
    for (let j = 0; j < J; j++) {
      if (!integer[j]) continue;
      const step = dir * Math.sign(total.values[j]);
      if (step === 0 || x[j] + step < lo[j] || x[j] + step > hi[j]) continue;
      if (best < 0 || Math.abs(total.values[j]) > Math.abs(total.values[best])) best = j;
    }
    if (best < 0) return undefined;
    x[best] += dir * Math.sign(total.values[best]);
  }
  if (!inBand(totalOf(x))) return undefined;
  let f = objective(x);
  const ints = x.map((_, j) => j).filter((j) => integer[j]);
  const fits = (j: number, step: number) => x[j] + step >= lo[j] && x[j] + step <= hi[j];
  /** Applies the moves; keeps them if the total stays in its band and the objective falls. */
  const attempt = (moves: [number, number][]): boolean => {
    if (!moves.every(([j, st]) => fits(j, st))) return false;
    for (const [j, st] of moves) x[j] += st;
    const fx = inBand(totalOf(x)) ? objective(x) : Infinity;
    if (fx < f - 1e-12) {
      f = fx;
      return true;
    }
    for (const [j, st] of moves) x[j] -= st;
    return false;
  };
  for (let pass = 0; pass < 1000; pass++) {
    let improved = false;
    // One-increment moves, then pairs (one up, one down: the total barely moves, so pairs get past its band).
    for (const j of ints) for (const st of [1, -1]) improved = attempt([[j, st]]) || improved;
    if (!improved) {
      for (const i of ints) {
        for (const j of ints) {
          if (i !== j)
            improved =
              attempt([
                [i, 1],
                [j, -1],
              ]) || improved;
        }
      }
    }
    if (!improved) break;
  }
  const full = new Array<number>(cost.length).fill(0);
  for (let j = 0; j < J; j++) full[j] = x[j];
  for (let k = 0; k < K; k++) {
    const r = gapRows[k];
    let res = r.lower;
    for (let i = 0; i < r.indices.length - 2; i++) res -= r.values[i] * x[r.indices[i]];
    full[J + k] = Math.max(0, res);
    full[J + K + k] = Math.max(0, -res);
    full[J + 2 * K + k] = Math.max(0, Math.abs(res) - bandRows[k].upper);
  }
  for (let j = 0; j < J; j++) full[J + 3 * K + j] = Math.abs(total.values[j] * x[j]);
  return full;
}

/** Every figure of a hedge from its trades and the instruments' true vectors (also the independent check). */
export function evaluateHedge(p: HedgeProblem, trades: readonly number[], status: SolveStatus = "optimal"): HedgeSolution {
  const K = p.keys.length;
  const L = p.liabilityKr01;
  const lSum = sum(L);
  const existing = positionKr01(
    p.instruments,
    p.instruments.map((x) => x.existing),
    K,
  );
  const hedgeKr01 = positionKr01(p.instruments, trades, K);
  const scale = Math.max(0, ...L.map(Math.abs));
  const before = p.keys.map((_, k) => p.assetKr01[k] + existing[k]);
  const after = before.map((b, k) => b + hedgeKr01[k]);
  const ratioAfter = p.keys.map((_, k) => ratioOrUndefined(after[k], L[k], scale));
  const outside = ratioAfter
    .map((r, k) => (r === undefined || Math.abs(r - p.targetRatio) <= p.bucketBand + 1e-9 ? -1 : k))
    .filter((k) => k >= 0);
  return {
    trades: trades.slice(),
    positions: p.instruments.map((ins, j) => ins.existing + trades[j]),
    pv01Added: p.instruments.map((ins, j) => ins.pv01 * trades[j]),
    existingKr01: existing,
    hedgeKr01,
    ratioBefore: p.keys.map((_, k) => ratioOrUndefined(before[k], L[k], scale)),
    ratioAfter,
    totalBefore: sum(before) / lSum,
    totalAfter: sum(after) / lSum,
    outside,
    status,
  };
}
