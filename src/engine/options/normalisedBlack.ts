/**
 * The normalised Black function and its inverse, the engine of implied volatility.
 *
 * With x = ln(F/K) and s = sigma sqrt(T) (total standard deviation), a Black call is
 *   price = discount sqrt(F K) b(x, s),   b(x, s) = e^{x/2} N(x/s + s/2) - e^{-x/2} N(x/s - s/2)
 * (P. Jäckel, "Let's Be Rational", Wilmott 2015, section 2). b(x, s) - b(-x, s) = e^{x/2} - e^{-x/2}, and a
 * put at x is a call at -x, so every option reduces to an out-of-the-money call, x <= 0, with
 * 0 < b < e^{x/2}. Its derivatives in s are closed-form:
 *   b' = exp(-(h^2 + t^2)/2) / sqrt(2 pi)   (h = x/s, t = s/2)
 *   b'' / b' = x^2/s^3 - s/4,   b''' / b' = (b''/b')^2 - 3 x^2/s^4 - 1/4.
 * In the lower tail (d1 = h + t < -0.66) b is evaluated as 0.5 exp(-(h^2+t^2)/2) (erfcx(-d1/sqrt2) -
 * erfcx(-d2/sqrt2)), which never underflows when taken as a logarithm; above the inflection point
 * s_c = sqrt(2|x|), e^{x/2} - b = e^{x/2} N(-d1) + e^{-x/2} N(d2) is computed without cancellation.
 *
 * The inverse follows Jäckel's plan: split at s_c, transform the objective on each side so that it is
 * nearly linear in s, start from his asymptotic guesses, and take third-order Householder steps:
 *   below s_c:  f(s) = 1/sqrt(-2 ln b(s)) - 1/sqrt(-2 ln beta)  (~ s/|x| in the deep tail)
 *   above s_c:  f(s) = ln(e^{x/2} - beta) - ln(e^{x/2} - b(s))
 * Each step is kept inside a bracket that the signs of f maintain (bisection if a step leaves it), and the
 * iteration stops once a cubic step is below 2^-36 s, which leaves an error far below double precision.
 * This is our own implementation of the approach, not a port of Jäckel's code; it is measured against
 * his accuracy (round trips to ~1e-15 relative in s) in the tests.
 */
import { INV_SQRT_2PI, erf, erfcxTail, normCdf, normInvApprox } from "../core/normal";

const SQRT1_2 = Math.SQRT1_2;
/** d1 below this is in the tail where both N terms are computed through erfcx. */
const TAIL_D1 = -0.46875 * Math.SQRT2;
const CENTRAL = 0.46875 * Math.SQRT2;

/**
 * b outside the lower tail. Near the money (|d1|, |d2| < 0.66) as sinh(x/2) + (e^{x/2} erf(d1/sqrt2) -
 * e^{-x/2} erf(d2/sqrt2)) / 2, which keeps the 0.5 + 0.5 of the two N terms out of the difference
 * (at x = 0 it is erf(s / 2 sqrt2) exactly).
 */
function centralCall(x: number, d1: number, d2: number): number {
  const ep = Math.exp(0.5 * x);
  const em = 1 / ep;
  if (d1 < CENTRAL && d2 > -CENTRAL) return Math.sinh(0.5 * x) + 0.5 * (ep * erf(d1 * SQRT1_2) - em * erf(d2 * SQRT1_2));
  return ep * normCdf(d1) - em * normCdf(d2);
}

/** b(x, s) for x <= 0, s > 0. */
export function otmCall(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  const d1 = h + t;
  if (d1 < TAIL_D1) {
    const d2 = h - t;
    return 0.5 * Math.exp(-0.5 * (h * h + t * t)) * (erfcxTail(-d1 * SQRT1_2) - erfcxTail(-d2 * SQRT1_2));
  }
  return centralCall(x, d1, h - t);
}

/** e^{x/2} - b(x, s) for x <= 0: the distance to the upper bound, without cancellation. */
export function otmCallComplement(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return Math.exp(0.5 * x) * normCdf(-(h + t)) + Math.exp(-0.5 * x) * normCdf(h - t);
}

/** Normalised vega b'(s) = exp(-(h^2 + t^2)/2) / sqrt(2 pi). */
export function otmVega(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return INV_SQRT_2PI * Math.exp(-0.5 * (h * h + t * t));
}

/** ln b(x, s) and b'/b into out[0], out[1], without underflow in the tail. */
function lowerEval(x: number, s: number, out: Float64Array): void {
  const h = x / s;
  const t = 0.5 * s;
  const d1 = h + t;
  if (d1 < TAIL_D1) {
    const d2 = h - t;
    const diff = 0.5 * (erfcxTail(-d1 * SQRT1_2) - erfcxTail(-d2 * SQRT1_2));
    out[0] = -0.5 * (h * h + t * t) + Math.log(diff);
    out[1] = INV_SQRT_2PI / diff;
    return;
  }
  const b = centralCall(x, d1, h - t);
  out[0] = Math.log(b);
  out[1] = (INV_SQRT_2PI * Math.exp(-0.5 * (h * h + t * t))) / b;
}

const MAX_ITER = 100;
const STOP = 2 ** -36;
const NOISE = 1e-9;

/** A solve's result: s and the number of iterations it took (for the tests and the benchmark's notes). */
export interface StdDevSolve {
  stdDev: number;
  iterations: number;
}

/**
 * One objective of the three branches at s: writes f (increasing in s), the Newton step nu = -f/f' and the
 * ratios h2 = f''/f', h3 = f'''/f' of Householder's third-order step into out[0..3] and returns EVALUATED;
 * where f cannot be evaluated (b underflowed or rounded to its bound) it returns ABOVE or BELOW the root.
 * (A scratch array rather than an object per iteration: this is the hot loop of every implied vol.)
 */
type Objective = (s: number, out: Float64Array) => number;
const EVALUATED = 0;
const ABOVE = 1;
const BELOW = -1;

/**
 * The safeguarded Householder iteration shared by the three branches: from s inside (lo, hi) (hi may be
 * infinite), third-order steps kept inside the bracket the signs of f maintain (a Newton step, then
 * bisection, when a step leaves it; doubling while hi is infinite). Stops once a cubic step is below
 * 2^-36 s, or the steps stop shrinking at the level of the rounding noise of b itself (near the money at
 * tiny s), or the bracket is a few ulps wide.
 */
function householderSolve(objective: Objective, s: number, lo: number, hi: number): StdDevSolve {
  const o = new Float64Array(4);
  let it = 0;
  let prev = Infinity;
  for (; it < MAX_ITER; it++) {
    const status = objective(s, o);
    let next: number;
    let cubic = false;
    if (status !== EVALUATED) {
      if (status === ABOVE) hi = s;
      else lo = s;
      next = Number.isFinite(hi) ? 0.5 * (lo + hi) : 2 * s;
    } else {
      const f = o[0];
      const nu = o[1];
      if (f === 0) break;
      if (f > 0) hi = s;
      else lo = s;
      const hh = householder(nu, o[2], o[3]);
      if (Math.abs(hh) <= STOP * s) {
        if (s + hh > lo && s + hh < hi) s += hh;
        break;
      }
      next = s + hh;
      cubic = true;
      if (!(next > lo && next < hi)) {
        next = s + nu;
        if (!(next > lo && next < hi)) {
          next = Number.isFinite(hi) ? 0.5 * (lo + hi) : 2 * s;
          cubic = false;
        }
      }
    }
    const step = Math.abs(next - s);
    const done = step <= NOISE * s && (!cubic || step >= 0.5 * prev);
    prev = step;
    s = next;
    if (done || hi - lo <= 4 * Number.EPSILON * s) break;
  }
  return { stdDev: s, iterations: it + 1 };
}

/** Householder's third-order step from the Newton step nu and f''/f', f'''/f'. */
function householder(nu: number, h2: number, h3: number): number {
  return (nu * (1 + 0.5 * h2 * nu)) / (1 + nu * (h2 + (h3 * nu) / 6));
}

/**
 * s > 0 with b(x, s) = beta, for x <= 0 and 0 < beta < e^{x/2}; betaC = e^{x/2} - beta, given separately
 * because the caller can often compute it without cancellation (upper bound minus price). NaN if the
 * inputs are outside those bounds.
 */
export function otmImpliedStdDev(beta: number, betaC: number, x: number): number {
  return otmImpliedStdDevSolve(beta, betaC, x).stdDev;
}

/** otmImpliedStdDev with the number of iterations it took. */
export function otmImpliedStdDevSolve(beta: number, betaC: number, x: number): StdDevSolve {
  if (!(x <= 0) || !(beta > 0) || !(betaC > 0)) return { stdDev: NaN, iterations: 0 };
  const sc = Math.sqrt(-2 * x);
  const bc = x < 0 ? otmCall(x, sc) : 0;
  const vc = x < 0 ? otmVega(x, sc) : INV_SQRT_2PI;
  if (beta < bc) return solveLower(beta, x, sc, bc, vc);
  // Above s_c b is concave; the tangent at s_c reaches the bound e^{x/2} at s_u. Up to there b - beta is
  // a good objective; beyond it the distance to the bound is (Jäckel's upper middle and upper branches).
  const su = sc + (Math.exp(0.5 * x) - bc) / vc;
  const bu = otmCall(x, su);
  if (beta <= bu) return solveMiddle(beta, x, sc, bc, su, bu);
  return solveUpper(betaC, x, su);
}

function solveLower(beta: number, x: number, sc: number, bc: number, vc: number): StdDevSolve {
  // The tangent at s_c meets zero at s_l; on [s_l, s_c] b is convex and close to linear, below s_l it
  // falls off like exp(-x^2 / 2s^2) (Jäckel's lower and middle branches).
  const sl = sc - bc / vc;
  const bl = sl > 0 ? otmCall(x, sl) : 0;
  if (beta >= bl && sl > 0) return solveMiddle(beta, x, sl, bl, sc, bc);
  const ax = -x;
  const target = 1 / Math.sqrt(-2 * Math.log(beta));
  const top = sl > 0 ? sl : sc;
  // Jäckel's lower map: b ~ (2 pi |x| / 3^1.5) N(-|x| / (sqrt3 s))^3 as s -> 0.
  const p = Math.cbrt((beta * 3 * Math.sqrt(3)) / (2 * Math.PI * ax));
  let s = 0.5 * top;
  if (p < 0.5) {
    const z = normInvApprox(p);
    const g = ax / (Math.sqrt(3) * -z);
    if (g > 0 && g < top) s = g;
  }
  // f(s) = 1/sqrt(-2 ln b(s)) - 1/sqrt(-2 ln beta), through L = ln b and its derivatives.
  return householderSolve(
    (s, out) => {
      lowerEval(x, s, out);
      const L = out[0];
      const L1 = out[1];
      // b underflowed or rounding put it at 1: no usable derivative.
      if (!(L < 0) || !(L1 > 0) || !Number.isFinite(L)) return L < 0 ? BELOW : ABOVE;
      const w = 1 / (-2 * L);
      const psi = Math.sqrt(w);
      const c2 = (x * x) / (s * s * s) - 0.25 * s;
      const c3 = c2 * c2 - (3 * x * x) / (s * s * s * s) - 0.25;
      const L2 = c2 * L1 - L1 * L1;
      const L3 = c3 * L1 - 3 * c2 * L1 * L1 + 2 * L1 * L1 * L1;
      out[0] = psi - target;
      out[1] = -(psi - target) / (L1 * w * psi);
      out[2] = (L2 + 3 * L1 * L1 * w) / L1;
      out[3] = (L3 + 9 * L1 * L2 * w + 15 * L1 * L1 * L1 * w * w) / L1;
      return EVALUATED;
    },
    s,
    0,
    top,
  );
}

/** On [sa, sb] (around s_c, where b has no strong curvature): Householder on b - beta, from the chord. */
function solveMiddle(beta: number, x: number, sa: number, ba: number, sb: number, bb: number): StdDevSolve {
  let s = bb > ba ? sa + ((beta - ba) * (sb - sa)) / (bb - ba) : 0.5 * (sa + sb);
  if (!(s > sa && s < sb)) s = 0.5 * (sa + sb);
  return householderSolve(
    (s, out) => {
      const f = otmCall(x, s) - beta;
      const v = otmVega(x, s);
      if (!(v > 0)) return f > 0 ? ABOVE : BELOW;
      const c2 = (x * x) / (s * s * s) - 0.25 * s;
      out[0] = f;
      out[1] = -f / v;
      out[2] = c2;
      out[3] = c2 * c2 - (3 * x * x) / (s * s * s * s) - 0.25;
      return EVALUATED;
    },
    s,
    sa,
    sb,
  );
}

function solveUpper(betaC: number, x: number, su: number): StdDevSolve {
  const ex = Math.exp(0.5 * x);
  const target = Math.log(betaC);
  // Jäckel's upper map: e^{x/2} - b ~ (e^{x/2} + e^{-x/2}) N(-s/2) as s -> infinity (exact at x = 0).
  let s = -2 * normInvApprox(betaC / (ex + 1 / ex));
  if (!(s > su)) s = su;
  // f(s) = ln(e^{x/2} - beta) - ln(e^{x/2} - b(s)).
  return householderSolve(
    (s, out) => {
      const bm = otmCallComplement(x, s);
      const vega = otmVega(x, s);
      // Far beyond the solution (b at its bound) or before it with no slope.
      if (!(bm > 0) || !(vega > 0)) return bm > 0 ? BELOW : ABOVE;
      const f = target - Math.log(bm);
      const q = vega / bm;
      const c2 = (x * x) / (s * s * s) - 0.25 * s;
      const c3 = c2 * c2 - (3 * x * x) / (s * s * s * s) - 0.25;
      out[0] = f;
      out[1] = -f / q;
      out[2] = c2 + q;
      out[3] = c3 + 3 * c2 * q + 2 * q * q;
      return EVALUATED;
    },
    s,
    su,
    Infinity,
  );
}
