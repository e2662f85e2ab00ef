/**
 * An independent high-precision reference for the standard normal distribution (tests only):
 *   Phi(x) = 1/2 + phi(x) sum_{n>=0} x^{2n+1} / (2n+1)!!          (Abramowitz & Stegun 26.2.10)
 *   erf(y) = 2/sqrt(pi) e^{-y^2} sum_{n>=0} 2^n y^{2n+1} / (2n+1)!!  (A&S 7.1.6)
 * summed in exact fixed-point arithmetic (BigInt, 800 decimal digits) for the exact rational value of a
 * double, with exp by its Taylor series and pi by Machin's formula. It shares no code or approximation
 * with src/engine/core/normal.ts; results become doubles once, by correctly rounded parsing.
 */
export const D = 800;
export const SCALE = 10n ** BigInt(D);

/** atan(1/m) x SCALE by its Taylor series. */
function atanInv(m: bigint): bigint {
  let term = SCALE / m;
  let sum = term;
  const m2 = m * m;
  for (let k = 1n; term !== 0n; k++) {
    term /= m2;
    sum += (k % 2n === 1n ? -term : term) / (2n * k + 1n);
  }
  return sum;
}

const PI = 16n * atanInv(5n) - 4n * atanInv(239n); // Machin (1706)

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x =
    BigInt(Math.floor(Math.sqrt(Number(n.toString().slice(0, 15))))) *
    10n ** BigInt(Math.max(0, Math.floor((n.toString().length - 15) / 2)));
  if (x === 0n) x = 1n;
  for (;;) {
    const y = (x + n / x) / 2n;
    if (y >= x && y - x <= 1n) {
      let r = x < y ? x : y;
      while (r * r > n) r--;
      while ((r + 1n) * (r + 1n) <= n) r++;
      return r;
    }
    x = y;
  }
}

const SQRT_2PI = isqrt(2n * PI * SCALE); // sqrt(2 pi) x SCALE
const SQRT_PI = isqrt(PI * SCALE);

/** exp(-num/den) x SCALE for num/den >= 0: 1 / sum a^k/k!. */
export function expNeg(num: bigint, den: bigint): bigint {
  let term = SCALE * SCALE; // carry SCALE^2 so the sum keeps D digits below the point of 1/e^a
  let sum = term;
  for (let k = 1n; term !== 0n; k++) {
    term = (term * num) / (den * k);
    sum += term;
  }
  return (SCALE * SCALE * SCALE) / sum;
}

/** sum_{n>=0} c^n x^{2n+1}/(2n+1)!! x SCALE for x = p/q. */
function kummer(p: bigint, q: bigint, c: bigint): bigint {
  let term = (p * SCALE * SCALE) / q; // extra SCALE of guard digits
  let sum = term;
  const p2 = p * p * c;
  const q2 = q * q;
  for (let n = 0n; term !== 0n; n++) {
    term = (term * p2) / (q2 * (2n * n + 3n));
    sum += term;
  }
  return sum / SCALE;
}

/** A double as an exact fraction p/q. */
export function rational(x: number): [bigint, bigint] {
  let k = 0;
  while (!Number.isInteger(x * 2 ** k)) k++;
  return [BigInt(x * 2 ** k), 2n ** BigInt(k)];
}

export function toDouble(v: bigint): number {
  const neg = v < 0n;
  const s = (neg ? -v : v).toString().padStart(D + 1, "0");
  return Number(`${neg ? "-" : ""}${s.slice(0, -D)}.${s.slice(-D)}`);
}

/** Phi(p/q) x SCALE, exact to ~D - 330 digits. */
export function refPhiFixedQ(p: bigint, q: bigint): bigint {
  const pdf = (expNeg(p * p, 2n * q * q) * SCALE) / SQRT_2PI;
  return SCALE / 2n + (pdf * kummer(p, q, 1n)) / SCALE;
}

/** Phi(x) x SCALE for a double x. */
export function refPhiFixed(x: number): bigint {
  const [p, q] = rational(x);
  return refPhiFixedQ(p, q);
}
export const refPhi = (x: number) => toDouble(refPhiFixed(x));
export function refPdf(x: number): number {
  const [p, q] = rational(x);
  return toDouble((expNeg(p * p, 2n * q * q) * SCALE) / SQRT_2PI);
}
export function refErfc(y: number): number {
  const [p, q] = rational(y);
  const e = expNeg(p * p, q * q);
  const erfFixed = (((2n * SCALE * e) / SQRT_PI) * kummer(p, q, 2n)) / SCALE;
  return toDouble(SCALE - erfFixed);
}
