/**
 * What an option overlay protects: the value at expiry of the holding plus the overlay, net of premium,
 *   V(S_T) = sum of leg payoffs (payoff.ts: holding Quantity x S_T, futures Quantity x (S_T - F_0), options)
 *            - premium (the option legs' net premium)
 * is piecewise linear in S_T with kinks at the strikes, so its extremes are at S_T = 0, at a strike, or
 * unbounded as S_T -> infinity (the slope beyond the last strike). From it:
 *   floor     = min V (the worst value at expiry), reached at floorLevel (the highest S_T where it is)
 *   cap       = max V when the slope beyond the last strike is 0 (else none: unbounded upside)
 *   max loss  = value today - floor, value today = holding x S_0 (futures and options enter at 0 and the
 *               premium is in V), the loss including the holding
 *   breakeven = the lowest S_T >= 0 where V(S_T) = value today (the holding's value plus the premium paid
 *               is recovered), if any
 *   in a fall = V(S_0 (1 - fall)) - holding x S_0 (1 - fall): what the overlay adds at that level, net of
 *               its premium (> 0: the overlay pays off in that fall)
 */
import { Leg } from "./strategy";
import { strategyPayoff } from "./payoff";

export interface Protection {
  /** Value today: the holding at spot. */
  valueToday: number;
  floor: number;
  floorLevel: number;
  /** Undefined: unbounded. */
  cap?: number;
  capLevel?: number;
  maxLoss: number;
  breakeven?: number;
  /** The overlay's payoff net of premium at spot x (1 - fall). */
  overlayInFall?: number;
  fallLevel?: number;
}

export function protection(legs: readonly Leg[], spot: number, premium: number, forward: number, fall?: number): Protection {
  const holdingUnits = legs.filter((l) => l.kind === "underlying").reduce((s, l) => s + l.quantity, 0);
  const V = (s: number) => strategyPayoff(legs, s, premium, forward);
  const kinks = [...new Set(legs.filter((l) => l.kind === "call" || l.kind === "put").map((l) => l.strike as number))].sort(
    (a, b) => a - b,
  );
  const points = [0, ...kinks];
  const last = kinks.length > 0 ? kinks[kinks.length - 1] : spot;
  const far = Math.max(last, spot) * 2 + 1;
  const slopeBeyond = V(far + 1) - V(far);
  const values = points.map(V);
  let floor = Math.min(...values);
  let floorLevel = points[values.lastIndexOf(floor)];
  let cap: number | undefined = Math.max(...values, V(far));
  let capLevel: number | undefined = cap === V(far) ? last : points[values.indexOf(cap)];
  const flat = Math.abs(slopeBeyond) <= 1e-9 * Math.max(1, Math.abs(holdingUnits));
  if (!flat && slopeBeyond > 0) {
    cap = undefined;
    capLevel = undefined;
  }
  if (!flat && slopeBeyond < 0) {
    floor = -Infinity;
    floorLevel = Infinity;
  }
  const valueToday = holdingUnits * spot;
  // Breakeven: the first crossing of V = valueToday on the segments [0, k1], [k1, k2], ..., [kn, infinity).
  let breakeven: number | undefined;
  const xs = [...points, far];
  for (let i = 0; i + 1 < xs.length && breakeven === undefined; i++) {
    const a = xs[i];
    const b = xs[i + 1];
    const va = V(a) - valueToday;
    const vb = V(b) - valueToday;
    if (va === 0) breakeven = a;
    else if (va < 0 !== vb < 0 || vb === 0) breakeven = a + ((b - a) * -va) / (vb - va);
    else if (i + 2 === xs.length && !flat && vb < 0 === slopeBeyond > 0) breakeven = b - vb / slopeBeyond;
  }
  const out: Protection = { valueToday, floor, floorLevel, cap, capLevel, maxLoss: valueToday - floor, breakeven };
  if (fall !== undefined) {
    const level = spot * (1 - fall);
    out.fallLevel = level;
    out.overlayInFall = V(level) - holdingUnits * level;
  }
  return out;
}
