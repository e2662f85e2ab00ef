/**
 * Key-rate 01s with triangle weights (README, Conventions).
 *
 * h_k(t) is the triangle that is 1 at key tenor K_k and 0 at its neighbours K_(k-1) and K_(k+1), linear in
 * between; h_1 = 1 below the first key and h_last = 1 above the last key. For any t the weights add up to 1.
 * Key-rate 01 at K_k shifts the zero rate at t by -1bp x h_k(t).
 *
 * We compute KR01_k = sum_i h_k(t_i) x PV01_i, where PV01_i = A_i (DF_i(r - 1bp) - DF_i(r)) is cash flow i's
 * own PV01: the -1bp x h_k(t) shift linearised per cash flow. It differs from revaluing under the bumped
 * curve only by a second-order term (relative size h_k (1 - h_k) x 1bp x t / 2: under 0.07% of the
 * PV01 of a flow within 50 years), and in exchange the key-rate 01s add up to the PV01 exactly, for every curve and cash flow.
 */
import { argNumberList, normaliseName } from "../core/cells";
import { numError, valueError } from "../core/errors";
import { MAX_YEARS, ZeroCurve } from "./curve";
import { CashFlows, flowPv01 } from "./cashflows";

/**
 * Default key tenors, market-aware for USD: the swap and Treasury curves' liquid points, 1 to 30 years (no USD
 * hedge instrument reaches 40 or 50 years, so keys there would hold liability risk nothing can hedge). Flows
 * beyond 30 years load the 30-year key (h_last = 1 above it). Other markets pass their own keyTenors.
 */
export const DEFAULT_KEY_TENORS: readonly number[] = [1, 2, 3, 5, 7, 10, 15, 20, 25, 30];

/** Checks key tenors: at least one, each in (0, 500] years, strictly increasing. */
export function checkKeyTenors(keys: readonly number[], arg = "keyTenors"): number[] {
  if (keys.length === 0) valueError(`${arg} has no tenors`);
  keys.forEach((k, i) => {
    if (!(k > 0 && k <= MAX_YEARS)) numError(`${arg} item ${i + 1} must be a tenor in years > 0 and <= ${MAX_YEARS}, got ${k}`);
    if (i > 0 && !(k > keys[i - 1])) valueError(`${arg} must be strictly increasing, but ${k} (item ${i + 1}) follows ${keys[i - 1]}`);
  });
  return keys.slice();
}

/**
 * The two non-zero triangle weights at t: weight `w` on key `lo` and 1 - w on key `lo + 1`
 * (hi = lo when t is at or outside the ends).
 */
export function triangleWeights(keys: readonly number[], t: number): { lo: number; hi: number; wLo: number } {
  const n = keys.length;
  if (t <= keys[0]) return { lo: 0, hi: 0, wLo: 1 };
  if (t >= keys[n - 1]) return { lo: n - 1, hi: n - 1, wLo: 1 };
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] <= t) lo = mid;
    else hi = mid;
  }
  return { lo, hi: lo + 1, wLo: (keys[lo + 1] - t) / (keys[lo + 1] - keys[lo]) };
}

/** h_k(t) for every key (a full vector; mostly zeros). */
export function triangleVector(keys: readonly number[], t: number): number[] {
  const h = new Array<number>(keys.length).fill(0);
  const { lo, hi, wLo } = triangleWeights(keys, t);
  h[lo] += wLo;
  if (hi !== lo) h[hi] += 1 - wLo;
  return h;
}

/** Key-rate 01s of cash flows: KR01_k = sum_i h_k(t_i) PV01_i (they add up to the PV01). */
export function keyRate01s(cf: CashFlows, curve: ZeroCurve, keys: readonly number[]): number[] {
  const out = new Array<number>(keys.length).fill(0);
  for (let i = 0; i < cf.times.length; i++) {
    const t = cf.times[i];
    const p = flowPv01(curve, t, cf.amounts[i]);
    const { lo, hi, wLo } = triangleWeights(keys, t);
    out[lo] += wLo * p;
    if (hi !== lo) out[hi] += (1 - wLo) * p;
  }
  return out;
}

/** A PV01 placed at one tenor, spread over the keys with the same triangle weights. */
export function bucketPv01(keys: readonly number[], tenor: number, pv01: number): number[] {
  return triangleVector(keys, tenor).map((h) => h * pv01);
}

/**
 * Key tenors from a range argument: a row or column of tenors in years (strictly increasing); TRUE or the
 * text "default" for DEFAULT_KEY_TENORS; omitted or empty gives `fallback`.
 */
export function readKeyTenors(v: unknown, arg: string, fallback: readonly number[] | undefined): number[] | undefined {
  const cell = Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && (v[0] as unknown[]).length === 1 ? (v[0] as unknown[])[0] : v;
  if (cell === undefined || cell === null || (typeof cell === "string" && cell.trim() === "")) return fallback?.slice();
  if (cell === true || (typeof cell === "string" && normaliseName(cell) === "default")) return DEFAULT_KEY_TENORS.slice();
  if (cell === false) return undefined;
  return checkKeyTenors(argNumberList(v, arg), arg);
}
