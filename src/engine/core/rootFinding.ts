/**
 * Brent's method: a bracketed root of f on [a, b] (f(a) and f(b) of opposite signs).
 * Brent, "Algorithms for Minimization without Derivatives" (1973), ch. 4; the same scheme as
 * QuantLib's Brent solver and Numerical Recipes' zbrent.
 */
import { numError } from "./errors";

export interface RootOptions {
  /** Absolute tolerance in x (default 1e-12). */
  xTol?: number;
  maxIterations?: number;
  /** Words for the message when [a, b] does not bracket a root. */
  what?: string;
}

export function brent(f: (x: number) => number, a: number, b: number, opts: RootOptions = {}): number {
  const xTol = opts.xTol ?? 1e-12;
  const maxIter = opts.maxIterations ?? 200;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (!(fa * fb < 0)) numError(`${opts.what ?? "no root"}: no sign change between ${a} and ${b}`);
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < maxIter; iter++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * xTol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      // Inverse quadratic interpolation, or the secant step when only two points differ.
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return numError(`${opts.what ?? "root"}: did not converge in ${maxIter} iterations`);
}
