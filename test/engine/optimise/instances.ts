/**
 * Seeded random instances of the box- and budget-constrained least-squares problem, and a KKT check that uses
 * nothing from the solver: the gradient of f at c, and the sign conditions of a budget with bounds.
 */
import type { BudgetLsProblem } from "../../../src/engine/optimise/budgetLeastSquares";

/** Park-Miller minimal standard generator, for reproducible instances. */
export function rng(seed: number): { uniform: () => number; gauss: () => number } {
  let s = seed % 2147483647 || 1;
  const uniform = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, gauss };
}

export interface InstanceSpec {
  n: number;
  K: number;
  seed: number;
  /** Turnover-style penalty: d_i = 2 x turnover (+ 2 s_i^2 with specific risk). */
  turnover: number;
  maxWeight: number;
  budget?: number;
  specificRisk?: boolean;
}

export function instance(spec: InstanceSpec): BudgetLsProblem {
  const { n, K, seed, turnover, maxWeight } = spec;
  const R = rng(seed);
  const A = new Float64Array(n * K).map(() => R.gauss());
  const r = new Float64Array(K).map(() => 0.3 * R.gauss());
  const d = new Float64Array(n);
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s2 = spec.specificRisk ? (0.1 + 0.3 * R.uniform()) ** 2 : 0;
    const h = spec.specificRisk ? (R.uniform() < 0.3 ? R.uniform() / n : 0) : 0;
    d[i] = 2 * (turnover + s2);
    g[i] = 2 * s2 * h;
  }
  return {
    n,
    K,
    A,
    r,
    d,
    g,
    lower: new Float64Array(n),
    upper: new Float64Array(n).fill(maxWeight),
    budget: spec.budget ?? 0.1,
  };
}

/** Gradient of f(c) = |r + A c|^2 + sum (d c^2 / 2 + g c). */
export function gradient(p: BudgetLsProblem, c: ArrayLike<number>): number[] {
  const { n, K, A, r, d, g } = p;
  const e = Array.from(r);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) e[k] += A[i * K + k] * c[i];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let s = d[i] * c[i] + g[i];
    for (let k = 0; k < K; k++) s += 2 * A[i * K + k] * e[k];
    out.push(s);
  }
  return out;
}

/**
 * The KKT conditions of min f s.t. sum c = b, lo <= c <= hi: a multiplier nu with grad_i = nu where
 * lo < c_i < hi, grad_i >= nu where c_i = lo, grad_i <= nu where c_i = hi. Returns the largest violation,
 * relative to the largest gradient at c or at 0, and the feasibility errors.
 */
export function kktViolation(p: BudgetLsProblem, c: ArrayLike<number>): { stationarity: number; budget: number; bounds: number } {
  const grad = gradient(p, c);
  // Relative to the gradients at c and at c = 0 (where the targets can be met, the gradient at c is ~0).
  const scale = Math.max(1e-300, ...grad.map(Math.abs), ...gradient(p, new Float64Array(p.n)).map(Math.abs));
  const tiny = 1e-10 * p.budget;
  const free: number[] = [];
  let maxAtUpper = -Infinity;
  let minAtLower = Infinity;
  let bounds = 0;
  let sum = 0;
  for (let i = 0; i < p.n; i++) {
    sum += c[i];
    bounds = Math.max(bounds, p.lower[i] - c[i], c[i] - p.upper[i]);
    if (c[i] <= p.lower[i] + tiny) minAtLower = Math.min(minAtLower, grad[i]);
    else if (c[i] >= p.upper[i] - tiny) maxAtUpper = Math.max(maxAtUpper, grad[i]);
    else free.push(grad[i]);
  }
  let viol: number;
  if (free.length > 0) {
    const sorted = free.slice().sort((a, b) => a - b);
    const nu = sorted[Math.floor(sorted.length / 2)];
    viol = Math.max(...free.map((x) => Math.abs(x - nu)), maxAtUpper - nu, nu - minAtLower);
  } else {
    viol = maxAtUpper - minAtLower; // some nu between them must exist
  }
  return { stationarity: Math.max(0, viol) / scale, budget: Math.abs(sum - p.budget), bounds: Math.max(0, bounds) };
}
