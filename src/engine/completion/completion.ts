/**
 * The completion portfolio (the function reference in the README, OVERLAY.COMPLETION): a physical sleeve c, a share `budget` of the
 * asset class, that closes the gaps between the class's factor exposures and their targets.
 *
 *   post-trade weights      w_i = (1 - b) h_i + c_i                (the holdings h scaled down to make room)
 *   post-trade exposure     x_k = (1 - b) e_k + sum_i L_ik c_i      (e = holdings' exposure, L = loadings)
 *   minimise                sum_{k targeted} (x_k - t_k)^2 + turnover x sum_i c_i^2 + sum_i s_i^2 w_i^2
 *   subject to              sum_i c_i = b,   0 <= c_i <= maxWeight
 * (s_i: specific volatility, so the last term is the specific variance of the post-trade class, where given.)
 * This is budgetLeastSquares.ts with A = the targeted loadings, r_k = (1 - b) e_k - t_k,
 * d_i = 2 (turnover + s_i^2), g_i = 2 s_i^2 (1 - b) h_i and the constant sum_i s_i^2 (1 - b)^2 h_i^2.
 * Factors without a target are reported but not penalised.
 */
import { numError, valueError } from "../core/errors";
import { BudgetLsProblem, solveBudgetLeastSquares } from "../optimise/budgetLeastSquares";
import { exposureVector } from "./exposure";
import type { FactorTarget, Holding, Loadings } from "./factorModel";

/** How far the holdings' weights may be from adding up to 1. */
export const HOLDINGS_SUM_TOLERANCE = 1e-4;

export interface CompletionInput {
  loadings: Loadings;
  holdings: readonly Holding[];
  targets: readonly FactorTarget[];
  /** Share of the asset class given to the sleeve, 0 < budget <= 1 (default 0.1 in the function). */
  budget: number;
  /** Largest weight of one security in the sleeve (as a share of the class). */
  maxWeight: number;
  /** Turnover penalty on sum c_i^2, >= 0. */
  turnover: number;
  /** Specific volatility per security of the loadings, when given. */
  specificRisk?: Float64Array;
}

export interface CompletionFactor {
  factor: string;
  before: number;
  after: number;
  target: number | undefined;
  /** after - target. */
  gap: number | undefined;
}

export interface CompletionResult {
  securities: string[];
  /** The sleeve's weights c, index-aligned with the loadings' securities. */
  weights: Float64Array;
  factors: CompletionFactor[];
  /** The minimised objective, constants included. */
  objective: number;
  /** Bound on the objective's distance to the optimum (duality gap). */
  dualGap: number;
  iterations: number;
}

export interface CompletionProblem {
  problem: BudgetLsProblem;
  /** Constant part of the objective (the specific variance of the scaled holdings). */
  constant: number;
  /** Loadings columns in the objective, in the order of problem.A's columns. */
  targeted: number[];
  /** Holdings' exposure per loadings factor. */
  before: Float64Array;
}

/** Checks the inputs and sets up the problem for budgetLeastSquares. */
export function completionProblem(input: CompletionInput): CompletionProblem {
  const { loadings, holdings, targets, budget, maxWeight, turnover } = input;
  const n = loadings.securities.length;
  const K = loadings.factors.length;
  if (!(budget > 0 && budget <= 1)) numError(`budget must be > 0 and <= 1, got ${budget}`);
  if (!(maxWeight > 0)) numError(`maxWeight must be > 0, got ${maxWeight}`);
  if (!(turnover >= 0)) numError(`turnover must be >= 0, got ${turnover}`);
  const sum = holdings.reduce((s, h) => s + h.weight, 0);
  if (Math.abs(sum - 1) > HOLDINGS_SUM_TOLERANCE) {
    valueError(`Holdings: Weights must add up to 1 (the whole asset class), they add up to ${Math.round(sum * 1e6) / 1e6}`);
  }
  if (n * maxWeight < budget * (1 - 1e-12)) {
    numError(
      `budget ${budget} cannot be met: ${n} securities at most maxWeight ${maxWeight} each hold ${n * maxWeight}; ` +
        `raise maxWeight to at least ${budget / n} or lower the budget`,
    );
  }
  const before = exposureVector(holdings, loadings);
  const h = new Float64Array(n);
  for (const x of holdings) h[x.row] += x.weight;

  // Targeted factors; a factor nobody loads on cannot move, so a non-zero target on it is unreachable.
  const targeted: number[] = [];
  const r: number[] = [];
  for (const t of targets) {
    let any = false;
    for (let i = 0; i < n && !any; i++) any = loadings.values[i * K + t.factor] !== 0;
    if (!any) {
      if (t.target !== 0) {
        numError(
          `${t.where}: no security in ${loadings.arg} loads on '${loadings.factors[t.factor]}' (its column is all zeros), so its target ${t.target} cannot be reached`,
        );
      }
      continue;
    }
    targeted.push(t.factor);
    r.push((1 - budget) * before[t.factor] - t.target);
  }
  const Kt = targeted.length;
  const A = new Float64Array(n * Kt);
  for (let i = 0; i < n; i++) for (let j = 0; j < Kt; j++) A[i * Kt + j] = loadings.values[i * K + targeted[j]];
  const d = new Float64Array(n);
  const g = new Float64Array(n);
  let constant = 0;
  for (let i = 0; i < n; i++) {
    const s2 = input.specificRisk ? input.specificRisk[i] ** 2 : 0;
    const hs = (1 - budget) * h[i];
    d[i] = 2 * (turnover + s2);
    g[i] = 2 * s2 * hs;
    constant += s2 * hs * hs;
  }
  const problem: BudgetLsProblem = {
    n,
    K: Kt,
    A,
    r: Float64Array.from(r),
    d,
    g,
    lower: new Float64Array(n),
    upper: new Float64Array(n).fill(Math.min(maxWeight, budget)),
    budget,
  };
  return { problem, constant, targeted, before };
}

export function completion(input: CompletionInput): CompletionResult {
  const { loadings, targets, budget } = input;
  const setup = completionProblem(input);
  const sol = solveBudgetLeastSquares(setup.problem);
  const objective = sol.objective + setup.constant;
  // The gap must be small against the objective, or against the squared gaps before the sleeve when the
  // targets can be met exactly (objective ~0).
  let scale = setup.constant;
  for (const x of setup.problem.r) scale += x * x;
  if (!(sol.gap <= 1e-8 * Math.max(Math.abs(objective), scale, 1e-300))) {
    numError(
      `the completion optimiser did not converge (duality gap ${sol.gap} on an objective of ${objective}); check the loadings for extreme values`,
    );
  }
  const n = loadings.securities.length;
  const K = loadings.factors.length;
  const after = Float64Array.from(setup.before, (e) => (1 - budget) * e);
  for (let i = 0; i < n; i++) {
    const c = sol.c[i];
    if (c === 0) continue;
    for (let k = 0; k < K; k++) after[k] += loadings.values[i * K + k] * c;
  }
  const targetOf = new Map(targets.map((t) => [t.factor, t.target]));
  const factors = loadings.factors.map((factor, k): CompletionFactor => {
    const target = targetOf.get(k);
    return { factor, before: setup.before[k], after: after[k], target, gap: target === undefined ? undefined : after[k] - target };
  });
  return { securities: loadings.securities.slice(), weights: sol.c, factors, objective, dualGap: sol.gap, iterations: sol.iterations };
}
