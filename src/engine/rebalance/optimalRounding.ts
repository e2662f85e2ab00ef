/**
 * Optimal whole contracts: rounding "optimal" for OVERLAY.REBALANCE and OVERLAY.EQUITISE.
 *
 * Each futures leg i asks for x_i contracts (fractional); n_i whole contracts leave the leg
 * e_i = (x_i - n_i) v_i away from its goal (v_i: the exposure, or weight, of one contract). The Cash row
 * absorbs what the futures legs leave, so it ends sum_i e_i away from its own goal. Rounding each leg to the
 * nearest contract minimises sum_i |e_i| but ignores how the errors add up in Cash; the optimal contracts
 * minimise the summed absolute distance of every post-trade weight to its goal,
 *   D(n) = sum_i |e_i| + |sum_i e_i|      (the last term only where a Cash row absorbs the residual).
 * Only floor(x_i) and ceil(x_i) can be optimal: one more contract away from x_i adds v_i to |e_i| and takes at
 * most v_i off |sum e|. With n_i = floor(x_i) + z_i, z_i binary, and rho_i = (x_i - floor(x_i)) v_i,
 * |e_i| = rho_i + z_i (v_i - 2 rho_i) is linear in z, and the MILP is
 *   minimise  sum_i z_i (v_i - 2 rho_i) + s       subject to  s >= +-(sum_i rho_i - sum_i v_i z_i)
 * (a subset-sum problem in disguise, so a MILP: HiGHS, with a time limit; the nearest rounding is its starting
 * incumbent and the answer is never worse than nearest rounding).
 * A basket (several futures for a class) gives one leg per future, each asking for its Weight of the class's
 * trade: every future is its own hedge of w_j E (futures.ts), so its residual counts on its own.
 */
import { normaliseName } from "../core/cells";
import { roundContracts } from "../core/rounding";
import { EquitiseOptions, EquitiseResult, equitiseAligned } from "../futures/equitise";
import { ClassContracts, FutureSpec, contractsFor, exposureOf, futuresByClass } from "../futures/futures";
import { loadHighs } from "../optimise/highs";
import { OptModel, SolveStatus, solveModel } from "../optimise/model";
import { Plan } from "../portfolio/portfolio";
import { keepRanges } from "./ranges";
import { RebalanceOptions, RebalanceResult, contractsForTrades, groupLines, rebalanceLines, rebalanceTrades } from "./rebalance";

/** Default time limit of the MILP, seconds. */
export const ROUNDING_TIME_LIMIT_SECONDS = 2;

export interface RoundingLeg {
  /** Contracts asked for (fractional, either sign). */
  contracts: number;
  /** Exposure (or weight) of one contract, > 0. */
  size: number;
}

export interface RoundingResult {
  contracts: number[];
  /** D at the chosen contracts. */
  distance: number;
  /** D at the nearest-rounded contracts. */
  nearestDistance: number;
  /** "optimal" (proved), "time limit" (best found in time), or "nearest" (nearest rounding kept). */
  status: SolveStatus | "nearest";
}

/** D(n) = sum_i |(x_i - n_i) v_i| (+ |sum_i (x_i - n_i) v_i| with an absorber). */
export function roundingDistance(legs: readonly RoundingLeg[], contracts: readonly number[], absorber: boolean): number {
  let sum = 0;
  let abs = 0;
  legs.forEach((l, i) => {
    const e = (l.contracts - contracts[i]) * l.size;
    sum += e;
    abs += Math.abs(e);
  });
  return abs + (absorber ? Math.abs(sum) : 0);
}

/** A requested count within 1e-9 of a whole number is that number (as roundContracts does). */
function snap(x: number): number {
  const w = Math.round(x);
  return Math.abs(x - w) <= 1e-9 * Math.max(1, Math.abs(x)) ? w : x;
}

/** Integer contracts minimising D, never worse than nearest rounding. */
export async function optimalContracts(
  legs: readonly RoundingLeg[],
  opts: { absorber: boolean; timeLimitSeconds?: number },
): Promise<RoundingResult> {
  const nearest = legs.map((l) => roundContracts(l.contracts, "nearest"));
  const nearestDistance = roundingDistance(legs, nearest, opts.absorber);
  const keep: RoundingResult = { contracts: nearest, distance: nearestDistance, nearestDistance, status: "nearest" };
  const free = legs
    .map((l, i) => ({ i, x: snap(l.contracts), v: l.size }))
    .filter((l) => !Number.isInteger(l.x) && l.v > 0 && Number.isFinite(l.v));
  // Without an absorber D is separable and nearest rounding is optimal; with fewer than two fractional legs too.
  if (!opts.absorber || free.length < 2 || nearestDistance === 0) return keep;

  // Scaled so the largest contract size is 1 (HiGHS's tolerances are absolute).
  const V = Math.max(...free.map((l) => l.v));
  const m = free.length;
  const rho = free.map((l) => ((l.x - Math.floor(l.x)) * l.v) / V);
  const v = free.map((l) => l.v / V);
  const R = rho.reduce((s, x) => s + x, 0);
  const model: OptModel = {
    numCols: m + 1,
    cost: [...v.map((vi, k) => vi - 2 * rho[k]), 1],
    lower: new Array<number>(m + 1).fill(0),
    upper: [...new Array<number>(m).fill(1), Infinity],
    integer: [...new Array<boolean>(m).fill(true), false],
    rows: [
      // s + sum v z >= R   and   s - sum v z >= -R
      { indices: [...v.map((_, k) => k), m], values: [...v, 1], lower: R, upper: Infinity },
      { indices: [...v.map((_, k) => k), m], values: [...v.map((x) => -x), 1], lower: -R, upper: Infinity },
    ],
    offset: R,
  };
  const zNear = free.map((l) => nearest[l.i] - Math.floor(l.x));
  const sNear = Math.abs(R - zNear.reduce((s, z, k) => s + z * v[k], 0));
  const highs = await loadHighs();
  const sol = solveModel(highs, model, {
    timeLimitSeconds: opts.timeLimitSeconds ?? ROUNDING_TIME_LIMIT_SECONDS,
    start: [...zNear, sNear],
    mipRelGap: 1e-9,
  });
  if (!sol.x) return keep;
  const contracts = nearest.slice();
  free.forEach((l, k) => (contracts[l.i] = Math.floor(l.x) + (sol.x![k] > 0.5 ? 1 : 0)));
  const distance = roundingDistance(legs, contracts, opts.absorber);
  // Strictly better by more than round-off, or keep nearest rounding.
  if (!(distance < nearestDistance - 1e-12 * Math.max(nearestDistance, 1e-300))) return keep;
  return { contracts, distance, nearestDistance, status: sol.status };
}

/** OVERLAY.REBALANCE with optimal rounding: the same goal trades, optimal whole contracts. */
export async function rebalanceOptimal(
  plan: Plan,
  futures: readonly FutureSpec[],
  opts: RebalanceOptions & { timeLimitSeconds?: number },
): Promise<RebalanceResult> {
  const fut = futuresByClass(plan, futures);
  const p = rebalanceTrades(plan, fut, opts);
  const nearest = contractsForTrades(plan, fut, p.trades);
  // One rounding leg per future: a basket's legs each for its Weight of the class's trade.
  const legIdx: [number, number][] = [];
  const legs: RoundingLeg[] = [];
  nearest.forEach((n, i) => {
    const b = fut[i];
    if (n === null || !b) return;
    b.forEach((f, j) => {
      legIdx.push([i, j]);
      legs.push({ contracts: contractsFor(p.trades[i] * plan.nav * f.weight, f), size: exposureOf(1, f) / plan.nav });
    });
  });
  const r = await optimalContracts(legs, { absorber: plan.cash >= 0, timeLimitSeconds: opts.timeLimitSeconds });
  const contracts: ClassContracts = nearest.map((n) => (n === null ? null : n.slice()));
  legIdx.forEach(([i, j], k) => (contracts[i]![j] = r.contracts[k]));
  // Both roundings after the ranges are kept (ranges.ts): the optimal one unless the range step made it worse.
  const kept = keepRanges(plan, fut, p.trades, contracts);
  const keptNearest = keepRanges(plan, fut, p.trades, nearest);
  const lines = rebalanceLines(plan, fut, p.trades, kept.contracts);
  const linesNearest = rebalanceLines(plan, fut, p.trades, keptNearest.contracts);
  const dist = (ls: typeof lines) => ls.reduce((s, l) => s + Math.abs(l.postWeight - l.goal), 0);
  if (dist(linesNearest) < dist(lines)) {
    return {
      triggered: p.triggered,
      lines: linesNearest,
      groups: groupLines(plan, linesNearest),
      notes: [...p.notes, ...keptNearest.notes],
    };
  }
  return { triggered: p.triggered, lines, groups: groupLines(plan, lines), notes: [...p.notes, ...kept.notes] };
}

/** OVERLAY.EQUITISE with optimal rounding: the same exposures, optimal whole contracts (the residual stays in cash). */
export async function equitiseOptimal(
  plan: Plan,
  futures: readonly FutureSpec[],
  opts: EquitiseOptions & { timeLimitSeconds?: number },
): Promise<EquitiseResult> {
  const fut = futuresByClass(plan, futures);
  const first = equitiseAligned(plan, fut, { ...opts, contracts: undefined });
  const byName = new Map(plan.classes.map((c, i) => [normaliseName(c.name), i]));
  const legIdx: [number, number][] = [];
  const legs: RoundingLeg[] = [];
  for (const l of first.lines) {
    const i = byName.get(normaliseName(l.assetClass));
    const b = i === undefined ? undefined : fut[i];
    if (i === undefined || !b || l.legs.length === 0) continue;
    b.forEach((f, j) => {
      legIdx.push([i, j]);
      legs.push({ contracts: contractsFor(l.exposure * f.weight, f), size: exposureOf(1, f) });
    });
  }
  const r = await optimalContracts(legs, { absorber: true, timeLimitSeconds: opts.timeLimitSeconds });
  if (r.status === "nearest") return first;
  const contracts: ClassContracts = new Array<number[] | null>(plan.classes.length).fill(null);
  legIdx.forEach(([i, j], k) => ((contracts[i] ??= fut[i]!.map(() => 0))[j] = r.contracts[k]));
  return equitiseAligned(plan, fut, { ...opts, contracts });
}
