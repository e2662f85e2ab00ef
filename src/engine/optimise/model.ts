/**
 * LP, MILP and QP models for HiGHS, written row by row, and one solve call.
 *
 *   minimise    offset + cost'x + 1/2 sum_j q_j x_j^2      (q: a diagonal Hessian, QP only)
 *   subject to  row.lower <= row'x <= row.upper             (one sparse row per constraint)
 *               lower <= x <= upper,  x_j integer where integer[j]
 *
 * HiGHS's own form (README of highs-js: "minimize 1/2 x'Qx + c'x subject to L <= Ax <= U, l <= x <= u");
 * the rows are passed in compressed sparse row form, infinities as highs.infinity.
 */
import type { Highs } from "./highs";

export interface SparseRow {
  indices: number[];
  values: number[];
  lower: number;
  upper: number;
}

export interface OptModel {
  numCols: number;
  cost: number[];
  lower: number[];
  upper: number[];
  rows: SparseRow[];
  /** Integer columns (a MILP); omitted: all continuous. */
  integer?: boolean[];
  /** Diagonal of the Hessian Q (objective adds 1/2 q_j x_j^2); omitted: linear. */
  hessianDiag?: number[];
  offset?: number;
}

export interface SolveOptions {
  /** Wall-clock limit in seconds; the best solution found by then is returned (status "time limit"). */
  timeLimitSeconds?: number;
  /** A starting point (an incumbent for a MILP). */
  start?: number[];
  /** Relative MIP gap at which HiGHS stops (its default is 1e-4). */
  mipRelGap?: number;
  /** Absolute MIP gap at which HiGHS stops (its default is 1e-6). */
  mipAbsGap?: number;
  /** HiGHS's user_bound_scale: bounds (and so the columns) scaled by 2^boundScale inside the solver. */
  boundScale?: number;
}

export type SolveStatus = "optimal" | "time limit" | "infeasible" | "unbounded" | "other";

export interface OptSolution {
  status: SolveStatus;
  /** HiGHS's model status code, for messages. */
  code: number;
  /** Primal solution when one is available. */
  x: number[] | undefined;
  /** Objective at x, offset included (NaN without a solution). */
  objective: number;
}

export function solveModel(highs: Highs, m: OptModel, opts: SolveOptions = {}): OptSolution {
  const inf = highs.infinity;
  const fin = (x: number) => (x === Infinity ? inf : x === -Infinity ? -inf : x);
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of m.rows) {
    for (let k = 0; k < r.indices.length; k++) {
      if (r.values[k] === 0) continue;
      indices.push(r.indices[k]);
      values.push(r.values[k]);
    }
    starts.push(indices.length);
  }
  const hessian = m.hessianDiag
    ? (() => {
        const hs: number[] = [0];
        const hi: number[] = [];
        const hv: number[] = [];
        m.hessianDiag!.forEach((q, j) => {
          if (q !== 0) {
            hi.push(j);
            hv.push(q);
          }
          hs.push(hi.length);
        });
        return { format: "triangular" as const, dimension: m.numCols, starts: hs, indices: hi, values: hv };
      })()
    : undefined;
  const data = {
    numCols: m.numCols,
    numRows: m.rows.length,
    offset: m.offset ?? 0,
    colCost: m.cost,
    colLower: m.lower.map(fin),
    colUpper: m.upper.map(fin),
    rowLower: m.rows.map((r) => fin(r.lower)),
    rowUpper: m.rows.map((r) => fin(r.upper)),
    matrix: { format: "csr" as const, numRows: m.rows.length, numCols: m.numCols, starts, indices, values },
    ...(m.integer ? { integrality: m.integer.map((b) => (b ? 1 : 0) as 0 | 1) } : {}),
    ...(hessian && hessian.values.length > 0 ? { hessian } : {}),
  };
  return highs.withModel(data, (model) => {
    const options: Record<string, number | boolean | string> = { output_flag: false };
    if (opts.timeLimitSeconds !== undefined) options.time_limit = opts.timeLimitSeconds;
    if (opts.mipRelGap !== undefined) options.mip_rel_gap = opts.mipRelGap;
    if (opts.mipAbsGap !== undefined) options.mip_abs_gap = opts.mipAbsGap;
    if (opts.boundScale) options.user_bound_scale = opts.boundScale;
    model.options.set(options);
    if (opts.start) model.setSolution({ colValue: opts.start });
    model.run();
    const code = model.getModelStatus() as number;
    const S = highs.constants.modelStatus;
    const status: SolveStatus =
      code === S.optimal
        ? "optimal"
        : code === S.timeLimit
          ? "time limit"
          : code === S.infeasible
            ? "infeasible"
            : code === S.unbounded || code === S.unboundedOrInfeasible
              ? "unbounded"
              : "other";
    const primal = Number(model.info.get("primal_solution_status"));
    const hasX = primal === highs.constants.solutionStatus.feasible;
    const x = hasX ? Array.from(model.getSolution().colValue) : undefined;
    return { status, code, x, objective: x ? model.getObjectiveValue() : NaN };
  });
}
