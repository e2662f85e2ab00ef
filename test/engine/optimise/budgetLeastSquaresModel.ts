/**
 * The box- and budget-constrained least-squares problem of budgetLeastSquares.ts as a HiGHS QP, with the
 * auxiliary variables y = A c that make its Hessian diagonal:
 *   minimise    sum_k (y_k^2 + 2 r_k y_k) + sum_i (d_i c_i^2 / 2 + g_i c_i) + sum_k r_k^2
 *   subject to  y_k - sum_i A_ik c_i = 0  (k = 1..K),   sum_i c_i = b,   lo <= c <= hi,  y free.
 * Columns: c_1..c_n, then y_1..y_K. HiGHS's QP solver (a primal active-set method) is the independent check
 * of the dual Newton solver, in the tests and the benchmark: a test oracle, not product code.
 */
import type { BudgetLsProblem } from "../../../src/engine/optimise/budgetLeastSquares";
import type { Highs } from "../../../src/engine/optimise/highs";
import { OptModel, OptSolution, SparseRow, solveModel } from "../../../src/engine/optimise/model";

export function budgetLsModel(p: BudgetLsProblem): OptModel {
  const { n, K, A, r, d, g, lower, upper, budget } = p;
  const rows: SparseRow[] = [];
  const all = Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < K; k++) {
    const values: number[] = [];
    for (let i = 0; i < n; i++) values.push(-A[i * K + k]);
    rows.push({ indices: [...all, n + k], values: [...values, 1], lower: 0, upper: 0 });
  }
  rows.push({ indices: all, values: all.map(() => 1), lower: budget, upper: budget });
  let offset = 0;
  for (let k = 0; k < K; k++) offset += r[k] * r[k];
  return {
    numCols: n + K,
    cost: [...Array.from(g), ...Array.from(r, (x) => 2 * x)],
    lower: [...Array.from(lower), ...new Array<number>(K).fill(-Infinity)],
    upper: [...Array.from(upper), ...new Array<number>(K).fill(Infinity)],
    hessianDiag: [...Array.from(d), ...new Array<number>(K).fill(2)],
    rows,
    offset,
  };
}

/**
 * Solves the QP with HiGHS. Its active-set QP solver can stop with a "solve error" (a primal infeasibility
 * of ~1e-5 it will not accept) when many small bounds bind; scaling the bounds by a power of two
 * (HiGHS's user_bound_scale, exact) avoids it, so those scales are tried in turn.
 */
export function solveBudgetLsWithHighs(highs: Highs, p: BudgetLsProblem, timeLimitSeconds = 60): OptSolution & { boundScale: number } {
  const model = budgetLsModel(p);
  let last: (OptSolution & { boundScale: number }) | undefined;
  for (const boundScale of [0, 5, 3, 8]) {
    try {
      const s = solveModel(highs, model, { timeLimitSeconds, boundScale });
      last = { ...s, boundScale };
      if (s.status === "optimal") return last;
    } catch {
      // HiGHS "solve error": try the next scaling
    }
  }
  return last ?? { status: "other", code: -1, x: undefined, objective: NaN, boundScale: NaN };
}
