/**
 * Box- and budget-constrained least squares with a diagonal penalty, solved by a dual semismooth Newton method.
 *
 *   minimise    f(c) = sum_k (r_k + (A c)_k)^2 + sum_i (d_i c_i^2 / 2 + g_i c_i)
 *   subject to  sum_i c_i = b,   lo_i <= c_i <= hi_i                      (n variables, K rows of A, d_i >= 0)
 *
 * With auxiliary variables y = A c the Hessian is diagonal and only K + 1 constraints link the variables
 * (y - A c = 0 and sum c = b). Their Lagrangian, with multipliers mu (K) and nu,
 *   L = sum_k (r_k + y_k)^2 + sum_i (d_i c_i^2 / 2 + g_i c_i) + mu'(y - A c) - nu (sum_i c_i - b),
 * separates: y_k = -r_k - mu_k / 2 and c_i = clip((A_i'mu + nu - g_i) / d_i, lo_i, hi_i), so the dual function
 *   theta(mu, nu) = -|mu|^2/4 - mu'r + nu b - sum_i (s_i c_i - d_i c_i^2 / 2),   s_i = A_i'mu + nu - g_i,
 * is concave, piecewise quadratic and continuously differentiable in K + 1 unknowns. nu is eliminated exactly
 * (a monotone piecewise-linear equation sum_i c_i(nu) = b, solved by safeguarded Newton), which keeps the
 * budget met at every step; psi(mu) = -max_nu theta(mu, nu) is then strongly convex (the -|mu|^2/4 term) with
 *   grad psi = mu/2 + r + A c,   generalised Hessian  H = I/2 + sum_F A_i A_i'/d_i - h h' / eta,
 *   h = sum_F A_i / d_i,  eta = sum_F 1/d_i  (F: the c_i strictly inside their bounds),
 * and a damped Newton method (Armijo backtracking) on psi converges in a few iterations: once the set F is
 * right, one step is exact. Each iteration costs O(n K) plus O(|F| K^2) for H and O(K^3) for its Cholesky
 * factor, so the cost grows linearly in the number of securities.
 *   Method: Qi & Sun, "A nonsmooth version of Newton's method", Math. Programming 58 (1993); the dual of a
 *   diagonal QP with few linking constraints as in Li, Sun & Toh, "A highly efficient semismooth Newton
 *   augmented Lagrangian method for solving Lasso problems", SIAM J. Optim. 28 (2018).
 * Certificate: c is always feasible, and f(c) - theta = |grad psi|^2 (weak duality), so the objective is within
 * |grad psi|^2 of the optimum; iterations stop when that gap is at round-off level.
 * Where some d_i is 0 (no turnover penalty) the dual is not smooth: a proximal-point outer loop adds
 * rho (c_i - c_i^prev)^2 / 2 to every term (Rockafellar, "Monotone operators and the proximal point
 * algorithm", SIAM J. Control Optim. 14, 1976) until the true duality gap closes.
 */
import { numError } from "../core/errors";

export interface BudgetLsProblem {
  n: number;
  K: number;
  /** Row-major n x K: A[i * K + k] is the coefficient of c_i in row k (a security's loading on factor k). */
  A: Float64Array;
  r: Float64Array;
  /** Diagonal penalty, >= 0. */
  d: Float64Array;
  g: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  budget: number;
}

export interface BudgetLsSolution {
  c: Float64Array;
  /** f(c). */
  objective: number;
  /** Upper bound on f(c) - min f, from the dual. */
  gap: number;
  /** Newton iterations (over all proximal rounds). */
  iterations: number;
  /** Proximal rounds (1 when every d_i > 0). */
  rounds: number;
  mu: Float64Array;
  nu: number;
}

const EPS = Number.EPSILON;

/** f(c) = sum_k (r_k + (A c)_k)^2 + sum_i (d_i c_i^2 / 2 + g_i c_i). */
export function budgetLsObjective(p: BudgetLsProblem, c: ArrayLike<number>): number {
  const { n, K, A, r, d, g } = p;
  const e = Float64Array.from(r);
  let pen = 0;
  for (let i = 0; i < n; i++) {
    const ci = c[i];
    if (ci !== 0) {
      const o = i * K;
      for (let k = 0; k < K; k++) e[k] += A[o + k] * ci;
    }
    pen += 0.5 * d[i] * ci * ci + g[i] * ci;
  }
  let s = 0;
  for (let k = 0; k < K; k++) s += e[k] * e[k];
  return s + pen;
}

/** The dual function theta(mu, nu) of the problem (d_i >= 0; a zero d_i puts c_i at a bound). */
function dualValue(p: BudgetLsProblem, mu: Float64Array, nu: number): { value: number; magnitude: number } {
  const { n, K, A, r, d, g, lower, upper, budget } = p;
  let t = nu * budget;
  let mag = Math.abs(t);
  for (let k = 0; k < K; k++) {
    t -= 0.25 * mu[k] * mu[k] + mu[k] * r[k];
    mag += 0.25 * mu[k] * mu[k] + Math.abs(mu[k] * r[k]);
  }
  for (let i = 0; i < n; i++) {
    const o = i * K;
    let s = nu - g[i];
    for (let k = 0; k < K; k++) s += A[o + k] * mu[k];
    // min over c in [lo, hi] of d c^2 / 2 - s c
    let c: number;
    if (d[i] > 0) c = Math.min(upper[i], Math.max(lower[i], s / d[i]));
    else c = s > 0 ? upper[i] : lower[i];
    t += 0.5 * d[i] * c * c - s * c;
    mag += 0.5 * d[i] * c * c + Math.abs(s * c);
  }
  return { value: t, magnitude: mag };
}

/** Cholesky solve of the symmetric positive-definite m x m system H x = b (H row-major, overwritten). */
function choleskySolve(H: Float64Array, m: number, b: Float64Array): Float64Array | undefined {
  for (let j = 0; j < m; j++) {
    let s = H[j * m + j];
    for (let k = 0; k < j; k++) s -= H[j * m + k] * H[j * m + k];
    if (!(s > 0)) return undefined;
    const l = Math.sqrt(s);
    H[j * m + j] = l;
    for (let i = j + 1; i < m; i++) {
      let t = H[i * m + j];
      for (let k = 0; k < j; k++) t -= H[i * m + k] * H[j * m + k];
      H[i * m + j] = t / l;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < m; i++) {
    let t = x[i];
    for (let k = 0; k < i; k++) t -= H[i * m + k] * x[k];
    x[i] = t / H[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let t = x[i];
    for (let k = i + 1; k < m; k++) t -= H[k * m + i] * x[k];
    x[i] = t / H[i * m + i];
  }
  return x;
}

/**
 * nu such that sum_i clip((s0_i + nu) / d_i, lo_i, hi_i) = b (every d_i > 0): safeguarded Newton on the
 * nondecreasing piecewise-linear sum, from a warm start, inside a shrinking bracket.
 */
function solveNu(s0: Float64Array, d: Float64Array, lo: Float64Array, hi: Float64Array, b: number, start: number): number {
  const n = s0.length;
  let nuL = Infinity;
  let nuH = -Infinity;
  for (let i = 0; i < n; i++) {
    const a = d[i] * lo[i] - s0[i];
    const z = d[i] * hi[i] - s0[i];
    if (a < nuL) nuL = a;
    if (z > nuH) nuH = z;
  }
  let nu = Math.min(nuH, Math.max(nuL, Number.isFinite(start) ? start : 0.5 * (nuL + nuH)));
  let lastS = NaN;
  let lastNu = NaN;
  for (let it = 0; it < 200; it++) {
    let S = 0;
    let slope = 0;
    let mag = 0;
    for (let i = 0; i < n; i++) {
      const z = (s0[i] + nu) / d[i];
      let c: number;
      if (z <= lo[i]) c = lo[i];
      else if (z >= hi[i]) c = hi[i];
      else {
        c = z;
        slope += 1 / d[i];
      }
      S += c;
      mag += Math.abs(c);
    }
    const f = S - b;
    if (Math.abs(f) <= 4 * EPS * (mag + Math.abs(b)) * Math.max(1, Math.sqrt(n))) return nu;
    if (f < 0) nuL = Math.max(nuL, nu);
    else nuH = Math.min(nuH, nu);
    if (!(nuH - nuL > 2 * EPS * Math.max(Math.abs(nuL), Math.abs(nuH)))) return nu;
    let next = slope > 0 ? nu - f / slope : NaN;
    if (!(next > nuL && next < nuH)) {
      // Outside the bracket: a secant step through the previous point if it helps, else bisection.
      const sec = Number.isFinite(lastS) && lastS !== S ? nu - (f * (nu - lastNu)) / (S - lastS) : NaN;
      next = sec > nuL && sec < nuH ? sec : 0.5 * (nuL + nuH);
    }
    lastS = S;
    lastNu = nu;
    nu = next;
  }
  return nu;
}

interface DualState {
  mu: Float64Array;
  nu: number;
  /** A_i'mu - g_i per variable. */
  s0: Float64Array;
  c: Float64Array;
  grad: Float64Array;
  psi: number;
}

/** Evaluates psi, c and grad psi at mu (s0 = A mu - g given), solving for nu. */
function evaluate(p: BudgetLsProblem, d: Float64Array, mu: Float64Array, s0: Float64Array, nuStart: number): DualState {
  const { n, K, A, r, lower, upper, budget } = p;
  const nu = solveNu(s0, d, lower, upper, budget, nuStart);
  const c = new Float64Array(n);
  const grad = new Float64Array(K);
  let psi = -nu * budget;
  for (let k = 0; k < K; k++) {
    psi += 0.25 * mu[k] * mu[k] + mu[k] * r[k];
    grad[k] = 0.5 * mu[k] + r[k];
  }
  let sum = 0;
  let eta = 0;
  for (let i = 0; i < n; i++) {
    const z = (s0[i] + nu) / d[i];
    const ci = z <= lower[i] ? lower[i] : z >= upper[i] ? upper[i] : z;
    c[i] = ci;
    sum += ci;
    if (ci > lower[i] && ci < upper[i]) eta += 1 / d[i];
  }
  // nu is only known to round-off, and where 1/d_i is large that leaves sum c off the budget by more than
  // round-off in c: spread the remainder over the free c_i as a last Newton step in nu would.
  const rest = budget - sum;
  if (rest !== 0 && eta > 0) {
    for (let i = 0; i < n; i++) {
      const ci = c[i];
      if (ci > lower[i] && ci < upper[i]) c[i] = Math.min(upper[i], Math.max(lower[i], ci + rest / d[i] / eta));
    }
  }
  for (let i = 0; i < n; i++) {
    const s = s0[i] + nu;
    const ci = c[i];
    psi += s * ci - 0.5 * d[i] * ci * ci;
    if (ci !== 0) {
      const o = i * K;
      for (let k = 0; k < K; k++) grad[k] += A[o + k] * ci;
    }
  }
  return { mu, nu, s0, c, grad, psi };
}

function norm2(v: Float64Array): number {
  let s = 0;
  for (let k = 0; k < v.length; k++) s += v[k] * v[k];
  return s;
}

/** Dual Newton on psi for penalties d > 0 and linear terms g; warm start (mu, nu). */
function newton(
  p: BudgetLsProblem,
  d: Float64Array,
  g: Float64Array,
  mu0: Float64Array,
  nu0: number,
  maxIter: number,
): { st: DualState; iterations: number } {
  const { n, K, A, lower, upper } = p;
  const s0 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * K;
    let s = -g[i];
    for (let k = 0; k < K; k++) s += A[o + k] * mu0[k];
    s0[i] = s;
  }
  let st = evaluate(p, d, Float64Array.from(mu0), s0, nu0);
  const m = K;
  const H = new Float64Array(m * m);
  const h = new Float64Array(K);
  const Ap = new Float64Array(n);
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    // Stop when the duality gap |grad|^2 is at round-off level against f(c) = |grad - mu/2|^2 + penalties.
    const g2 = norm2(st.grad);
    let e2 = 0;
    let scale = 0;
    for (let k = 0; k < K; k++) {
      const e = st.grad[k] - 0.5 * st.mu[k];
      e2 += e * e;
      scale = Math.max(scale, Math.abs(p.r[k]), Math.abs(st.mu[k]));
    }
    let pen = 0;
    for (let i = 0; i < n; i++) pen += 0.5 * d[i] * st.c[i] * st.c[i] + g[i] * st.c[i];
    if (g2 <= 1e-15 * Math.abs(e2 + pen) + (16 * EPS * (1 + scale)) ** 2 * K) break;
    // Generalised Hessian of psi on the current free set.
    H.fill(0);
    h.fill(0);
    let eta = 0;
    for (let i = 0; i < n; i++) {
      const ci = st.c[i];
      if (!(ci > lower[i] && ci < upper[i])) continue;
      const w = 1 / d[i];
      eta += w;
      const o = i * K;
      for (let a = 0; a < K; a++) {
        const va = A[o + a] * w;
        if (va === 0) continue;
        h[a] += va;
        const row = a * m;
        for (let b = 0; b <= a; b++) H[row + b] += va * A[o + b];
      }
    }
    for (let a = 0; a < K; a++) {
      for (let b = 0; b <= a; b++) {
        let v = H[a * m + b] - (eta > 0 ? (h[a] * h[b]) / eta : 0);
        if (a === b) v += 0.5;
        H[a * m + b] = v;
        H[b * m + a] = v;
      }
    }
    const neg = new Float64Array(K);
    for (let k = 0; k < K; k++) neg[k] = -st.grad[k];
    let dir = choleskySolve(H, m, neg);
    if (!dir || !dir.every(Number.isFinite)) dir = neg.map((x) => 2 * x); // gradient step: psi's curvature is >= 1/2
    let slope = 0;
    for (let k = 0; k < K; k++) slope += st.grad[k] * dir[k];
    for (let i = 0; i < n; i++) {
      const o = i * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[o + k] * dir[k];
      Ap[i] = s;
    }
    let alpha = 1;
    let accepted: DualState | undefined;
    for (let ls = 0; ls < 60; ls++) {
      const mu = new Float64Array(K);
      for (let k = 0; k < K; k++) mu[k] = st.mu[k] + alpha * dir[k];
      const s1 = new Float64Array(n);
      for (let i = 0; i < n; i++) s1[i] = st.s0[i] + alpha * Ap[i];
      const trial = evaluate(p, d, mu, s1, st.nu);
      const slack = 1e3 * EPS * (Math.abs(st.psi) + 1e-300);
      if (trial.psi <= st.psi + 1e-4 * alpha * slope + slack) {
        accepted = trial;
        break;
      }
      alpha *= 0.5;
    }
    if (!accepted) break; // no progress at round-off level
    const before = g2;
    st = accepted;
    if (alpha < 1 && norm2(st.grad) >= before && Math.abs(slope) * alpha < EPS * (Math.abs(st.psi) + 1e-300)) break;
  }
  return { st, iterations };
}

/** Solves the problem; numError when the budget cannot be met within the bounds. */
export function solveBudgetLeastSquares(p: BudgetLsProblem, opts: { maxIterations?: number } = {}): BudgetLsSolution {
  const { n, K, A, d, g, lower, upper, budget } = p;
  let sumLo = 0;
  let sumHi = 0;
  for (let i = 0; i < n; i++) {
    if (!(lower[i] <= upper[i])) numError(`variable ${i + 1}: lower bound ${lower[i]} is above its upper bound ${upper[i]}`);
    sumLo += lower[i];
    sumHi += upper[i];
  }
  const tol = 1e-12 * Math.max(1, Math.abs(budget));
  if (budget < sumLo - tol || budget > sumHi + tol) {
    numError(`the budget ${budget} is outside what the bounds allow (${sumLo} to ${sumHi})`);
  }
  const maxIter = opts.maxIterations ?? 200;
  // Degenerate budgets: only one feasible point.
  if (budget <= sumLo + tol || budget >= sumHi - tol) {
    const c = Float64Array.from(budget <= sumLo + tol ? lower : upper);
    return { c, objective: budgetLsObjective(p, c), gap: 0, iterations: 0, rounds: 0, mu: new Float64Array(K), nu: 0 };
  }
  // Curvature scale of the factor term: 2 |A_i|^2 on average. Proximal rounds start with that weight and
  // shrink it tenfold each round (a proximal point method with decreasing weights converges superlinearly);
  // once it is well below every d_i, a last round solves the problem itself.
  let rowNorm = 0;
  for (let j = 0; j < n * K; j++) rowNorm += A[j] * A[j];
  const rho0 = Math.max((2 * rowNorm) / n, 1e-8);
  let dMin = Infinity;
  for (let i = 0; i < n; i++) dMin = Math.min(dMin, d[i]);
  const strictlyConvex = dMin > 1e-12 * rho0;
  const rhoFloor = 1e-4 * rho0;

  const dr = new Float64Array(n);
  const gr = new Float64Array(n);
  let mu: Float64Array = new Float64Array(K);
  let nu = NaN;
  let c: Float64Array = new Float64Array(n);
  for (let i = 0; i < n; i++) c[i] = Math.min(upper[i], Math.max(lower[i], budget / n));
  let best: { c: Float64Array; objective: number; mu: Float64Array; nu: number } = { c, objective: Infinity, mu, nu: 0 };
  let bestTheta = -Infinity;
  let rho = strictlyConvex && dMin >= 1e-2 * rho0 ? 0 : rho0;
  let iterations = 0;
  let rounds = 0;
  let stalled = 0;
  while (rounds < 500 && iterations < 20 * maxIter) {
    rounds++;
    for (let i = 0; i < n; i++) {
      dr[i] = d[i] + rho;
      gr[i] = g[i] - rho * c[i];
    }
    const { st, iterations: it } = newton(p, dr, gr, mu, nu, maxIter);
    iterations += it;
    mu = st.mu;
    nu = st.nu;
    c = st.c;
    const objective = budgetLsObjective(p, c);
    const theta = dualValue(p, mu, nu);
    bestTheta = Math.max(bestTheta, theta.value);
    if (objective < best.objective) {
      best = { c, objective, mu, nu };
      stalled = 0;
    } else stalled++;
    // Converged: the duality gap is at the round-off level of the dual function's terms (or 1e-13 of f).
    if (best.objective - bestTheta <= 1e-13 * Math.abs(best.objective) + 256 * EPS * theta.magnitude) break;
    if (stalled >= 8) break;
    if (rho === 0) {
      if (it < maxIter) break; // converged as far as round-off allows
      rho = 1e-3 * dMin; // did not converge: go back to small proximal steps
      continue;
    }
    rho = rho / 10;
    if (strictlyConvex && rho < 1e-3 * dMin) rho = 0;
    else if (!strictlyConvex) rho = Math.max(rho, rhoFloor);
  }
  const gap = Math.max(0, best.objective - bestTheta);
  return { c: best.c, objective: best.objective, gap, iterations, rounds, mu: best.mu, nu: best.nu };
}
