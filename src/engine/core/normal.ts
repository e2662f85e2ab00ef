/**
 * The standard normal distribution: density, cumulative distribution, its inverse, and erf/erfc/erfcx.
 *
 * erf, erfc and erfcx(x) = exp(x^2) erfc(x) use W. J. Cody's rational Chebyshev approximations,
 * "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631-638, with the
 * coefficients of his CALERF routine (Netlib SPECFUN, 1990), the same scheme QuantLib and Jäckel's
 * "Let's Be Rational" reference code use. Those approximations are good to ~18 digits; what limits the
 * accuracy of Phi deep in a tail is the Gaussian factor exp(-x^2/2), whose argument carries the
 * rounding error of x^2 (a relative error of x^2 * 1e-16 in the result at x = -38 if done naively).
 * Here the factor is split as Cody does, exp(-xs^2/2) * exp(-(x-xs)(x+xs)/2) with xs = x truncated to a
 * multiple of 1/16 (so xs^2/2 is exact), and Phi(x) for x < -0.66 is 0.5 * exp(-x^2/2) * erfcx(-x/sqrt2):
 * the rounding of x/sqrt2 only enters the smooth erfcx factor. The result is accurate to about 1e-16
 * relative in the whole lower tail down to the smallest normal double (Phi(-37.5) ~ 4.6e-308); below it
 * (Phi(-38) ~ 2.885e-316 is subnormal) the result is the correctly scaled value rounded once into the
 * subnormal range, as precise as a subnormal can be.
 */

const SQRT1_2 = Math.SQRT1_2;
/** 1/sqrt(pi). */
const SQRPI = 5.6418958354775628695e-1;
/** 1/sqrt(2 pi). */
export const INV_SQRT_2PI = 0.3989422804014326779399461;
/** Cody's first break point: |y| <= 0.46875 uses the erf approximation. */
const THRESH = 0.46875;

/** erf(y) for |y| <= 0.46875 (Cody's first interval). */
function erfSmall(y: number): number {
  const z = y * y;
  let num = 1.85777706184603153e-1 * z;
  let den = z;
  num = (num + 3.1611237438705656) * z;
  den = (den + 2.36012909523441209e1) * z;
  num = (num + 1.13864154151050156e2) * z;
  den = (den + 2.44024637934444173e2) * z;
  num = (num + 3.77485237685302021e2) * z;
  den = (den + 1.28261652607737228e3) * z;
  return (y * (num + 3.20937758913846947e3)) / (den + 2.84423683343917062e3);
}

/** erfcx(y) = exp(y^2) erfc(y) for 0.46875 <= y <= 4 (Cody's second interval). */
function erfcxMid(y: number): number {
  let num = 2.15311535474403846e-8 * y;
  let den = y;
  num = (num + 5.64188496988670089e-1) * y;
  den = (den + 1.57449261107098347e1) * y;
  num = (num + 8.88314979438837594) * y;
  den = (den + 1.17693950891312499e2) * y;
  num = (num + 6.61191906371416295e1) * y;
  den = (den + 5.37181101862009858e2) * y;
  num = (num + 2.98635138197400131e2) * y;
  den = (den + 1.62138957456669019e3) * y;
  num = (num + 8.8195222124176909e2) * y;
  den = (den + 3.29079923573345963e3) * y;
  num = (num + 1.71204761263407058e3) * y;
  den = (den + 4.36261909014324716e3) * y;
  num = (num + 2.05107837782607147e3) * y;
  den = (den + 3.43936767414372164e3) * y;
  return (num + 1.23033935479799725e3) / (den + 1.23033935480374942e3);
}

/** erfcx(y) for y > 4 (Cody's third interval, a rational function of 1/y^2). */
function erfcxLarge(y: number): number {
  const z = 1 / (y * y);
  let num = 1.63153871373020978e-2 * z;
  let den = z;
  num = (num + 3.05326634961232344e-1) * z;
  den = (den + 2.56852019228982242) * z;
  num = (num + 3.60344899949804439e-1) * z;
  den = (den + 1.87295284992346047) * z;
  num = (num + 1.25781726111229246e-1) * z;
  den = (den + 5.27905102951428412e-1) * z;
  num = (num + 1.60837851487422766e-2) * z;
  den = (den + 6.05183413124413191e-2) * z;
  const r = (z * (num + 6.58749161529837803e-4)) / (den + 2.33520497626869185e-3);
  return (SQRPI - r) / y;
}

/** erfcx(y) = exp(y^2) erfc(y) for y >= 0.46875 (no exponential: the smooth factor of the tail). */
export function erfcxTail(y: number): number {
  return y <= 4 ? erfcxMid(y) : erfcxLarge(y);
}

/** exp(-x^2/2), with the rounding of x^2 kept out of the exponent (Cody's split). */
export function gauss(x: number): number {
  const a = Math.abs(x);
  if (a < 1) return Math.exp(-0.5 * a * a);
  if (a > 40) return 0;
  const xs = Math.trunc(a * 16) / 16;
  const del = 0.5 * (a - xs) * (a + xs);
  return Math.exp(-0.5 * xs * xs) * Math.exp(-del);
}

/** Standard normal density phi(x) = exp(-x^2/2) / sqrt(2 pi). */
export function normPdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return INV_SQRT_2PI * gauss(x);
}

/** The lower tail Phi(x) for x <= -0.6629 (|x|/sqrt2 >= 0.46875), scaled so that a subnormal result is rounded once. */
function lowerTail(x: number): number {
  const a = -x;
  const r = 0.5 * erfcxTail(a * SQRT1_2);
  const xs = Math.trunc(a * 16) / 16;
  const del = 0.5 * (a - xs) * (a + xs);
  const half = 0.25 * xs * xs; // exact: xs is a multiple of 1/16
  if (half < 350) return r * Math.exp(-del) * Math.exp(-2 * half);
  // exp(-xs^2/2) would be subnormal: multiply by exp(-xs^2/4) twice, the last product rounding once.
  const e = Math.exp(-half);
  return r * Math.exp(-del) * e * e;
}

/** Standard normal cumulative distribution Phi(x), ~1e-16 relative in the lower tail (see the file comment). */
export function normCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x) * SQRT1_2;
  if (y <= THRESH) return 0.5 + 0.5 * erfSmall(x * SQRT1_2);
  if (x < -40) return 0;
  if (x > 40) return 1;
  if (x < 0) return lowerTail(x);
  return 1 - lowerTail(-x);
}

/**
 * Phi(x) given g = exp(-x^2/2) already computed (pricing kernels share one exponential between the
 * density and the distribution). Same approximations as normCdf, without the exponent split.
 */
export function normCdfGiven(x: number, g: number): number {
  const y = Math.abs(x) * SQRT1_2;
  if (y <= THRESH) return 0.5 + 0.5 * erfSmall(x * SQRT1_2);
  const tail = 0.5 * g * (y <= 4 ? erfcxMid(y) : erfcxLarge(y));
  return x < 0 ? tail : 1 - tail;
}

/** erf(x). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= THRESH) return erfSmall(x);
  const r = 1 - erfc(y);
  return x < 0 ? -r : r;
}

/** erfc(x) = 1 - erf(x), accurate relative to its value for large x (Cody, with the exponent split). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= THRESH) return 1 - erfSmall(x);
  if (y > 28) return x < 0 ? 2 : 0;
  const ys = Math.trunc(y * 16) / 16;
  const del = (y - ys) * (y + ys);
  const sq = ys * ys;
  let r: number;
  if (sq < 700) r = erfcxTail(y) * Math.exp(-del) * Math.exp(-sq);
  else {
    const e = Math.exp(-0.5 * sq);
    r = erfcxTail(y) * Math.exp(-del) * e * e;
  }
  return x < 0 ? 2 - r : r;
}

/** erfcx(x) = exp(x^2) erfc(x); Infinity where it overflows (x < -26.6). */
export function erfcx(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 0) return x <= THRESH ? Math.exp(x * x) * (1 - erfSmall(x)) : erfcxTail(x);
  const y = -x;
  if (y > 26.7) return Infinity;
  const small = y <= THRESH ? Math.exp(y * y) * (1 - erfSmall(y)) : erfcxTail(y);
  const ys = Math.trunc(y * 16) / 16;
  const del = (y - ys) * (y + ys);
  const e = Math.exp(ys * ys) * Math.exp(del);
  return e + e - small;
}

// Acklam's rational approximation of the inverse normal (relative error < 1.15e-9), refined below.
const IA = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const IB = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const IC = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ID = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Acklam's approximation alone (~1e-9 relative): a starting point for solvers that need no more. */
export function normInvApprox(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((IC[0] * q + IC[1]) * q + IC[2]) * q + IC[3]) * q + IC[4]) * q + IC[5]) /
      ((((ID[0] * q + ID[1]) * q + ID[2]) * q + ID[3]) * q + 1)
    );
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    return (
      -(((((IC[0] * q + IC[1]) * q + IC[2]) * q + IC[3]) * q + IC[4]) * q + IC[5]) /
      ((((ID[0] * q + ID[1]) * q + ID[2]) * q + ID[3]) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((IA[0] * r + IA[1]) * r + IA[2]) * r + IA[3]) * r + IA[4]) * r + IA[5]) * q) /
    (((((IB[0] * r + IB[1]) * r + IB[2]) * r + IB[3]) * r + IB[4]) * r + 1)
  );
}

/**
 * Inverse of Phi: Acklam's approximation (P. J. Acklam, "An algorithm for computing the inverse normal
 * cumulative distribution function", 2003) refined by one Halley step on normCdf, which brings it to
 * full double precision. p in (0, 1); -Infinity / Infinity at 0 / 1; NaN outside.
 */
export function normInv(p: number): number {
  const x = normInvApprox(p);
  if (!Number.isFinite(x)) return x;
  // Halley step on Phi(x) - p, relative to the tail that is small, so tiny p keep their precision.
  const e = x <= 0 ? normCdf(x) - p : 1 - p - normCdf(-x);
  const pdf = normPdf(x);
  if (!(pdf > 0)) return x;
  const u = e / pdf;
  return x - u / (1 + 0.5 * x * u);
}
