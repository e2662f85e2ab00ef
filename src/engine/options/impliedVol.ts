/**
 * Black-Scholes-Merton implied volatility: the sigma whose price is the given one.
 *
 * No-arbitrage bounds (continuous rate r and yield q, F = S e^{(r-q)T}):
 *   call: max(S e^{-qT} - K e^{-rT}, 0) < price < S e^{-qT}
 *   put:  max(K e^{-rT} - S e^{-qT}, 0) < price < K e^{-rT}
 * A price on or outside a bound has no volatility (#NUM! with the reason). Inside, the price is reduced to
 * the normalised out-of-the-money call of normalisedBlack.ts (an in-the-money option through put-call
 * parity: its time value is the out-of-the-money option's price), solved for s = sigma sqrt(T).
 *
 * Accuracy: the inversion itself is good to ~1e-15 relative in s. What limits sigma is how well the price
 * determines it: a price is known to about one unit in its last place, and deep in the money or near the
 * money at tiny T that rounding, divided by vega, is the uncertainty of sigma (the tests measure against
 * exactly that bound).
 */
import { numError } from "../core/errors";
import { otmImpliedStdDev } from "./normalisedBlack";
import { OptionKind } from "./optionType";

export interface ImpliedVolInputs {
  kind: OptionKind;
  price: number;
  spot: number;
  strike: number;
  years: number;
  rate: number;
  yield: number;
}

/** The no-arbitrage bounds of a European option's price. */
export function priceBounds(
  kind: OptionKind,
  spot: number,
  strike: number,
  years: number,
  rate: number,
  yld: number,
): { lower: number; upper: number } {
  const fwdPV = spot * Math.exp(-yld * years);
  const kPV = strike * Math.exp(-rate * years);
  return kind === "call" ? { lower: Math.max(fwdPV - kPV, 0), upper: fwdPV } : { lower: Math.max(kPV - fwdPV, 0), upper: kPV };
}

/**
 * Kernel: the implied vol of one option, NaN when the price is not strictly inside its bounds.
 * w = +1 call, -1 put.
 */
export function impliedVolKernel(w: number, price: number, S: number, K: number, T: number, r: number, q: number): number {
  const fwdPV = S * Math.exp(-q * T);
  const kPV = K * Math.exp(-r * T);
  const upper = w > 0 ? fwdPV : kPV;
  const intrinsic = w > 0 ? fwdPV - kPV : kPV - fwdPV;
  if (!(price > intrinsic && price > 0 && price < upper)) return NaN;
  const x = Math.log(S / K) + (r - q) * T;
  const norm = Math.sqrt(fwdPV) * Math.sqrt(kPV);
  // The out-of-the-money option: the option itself, or its time value when it is in the money.
  const otm = intrinsic > 0 ? price - intrinsic : price;
  const s = otmImpliedStdDev(otm / norm, (upper - price) / norm, -Math.abs(x));
  return s / Math.sqrt(T);
}

function fmt(x: number): string {
  return Number(x.toPrecision(10)).toString();
}

/** The top of OPTION's and BLACK76's vol domain (0, 10]: an implied vol must be a vol they accept. */
export const MAX_IMPLIED_VOL = 10;

/** The implied volatility, or #NUM! naming the bound the price violates. */
export function impliedVol(p: ImpliedVolInputs): number {
  return solveImpliedVol(p, "spot x e^(-yield x years)", "OVERLAY.OPTION");
}

export interface Black76ImpliedVolInputs {
  kind: OptionKind;
  price: number;
  forward: number;
  strike: number;
  years: number;
  rate: number;
}

/**
 * Black-76 implied volatility: Black-76 is Black-Scholes-Merton with S = F and q = r (black76.ts), so the
 * bounds are max(w e^{-rT} (F - K), 0) < price < e^{-rT} F (call) or e^{-rT} K (put), and the same solver
 * inverts it.
 */
export function black76ImpliedVol(p: Black76ImpliedVolInputs): number {
  const { kind, price, forward, strike, years, rate } = p;
  return solveImpliedVol(
    { kind, price, spot: forward, strike, years, rate, yield: rate },
    "forward x e^(-rate x years)",
    "OVERLAY.BLACK76",
  );
}

function solveImpliedVol(p: ImpliedVolInputs, callBound: string, pricer: string): number {
  const { kind, price, spot, strike, years, rate, yield: q } = p;
  if (!(spot > 0) || !(strike > 0) || !(years > 0)) numError(`implied vol: spot, strike and years must be > 0`);
  const { lower, upper } = priceBounds(kind, spot, strike, years, rate, q);
  if (!(price > lower)) {
    numError(
      lower > 0
        ? `price ${fmt(price)} is at or below the ${kind}'s discounted intrinsic value ${fmt(lower)} (the lower no-arbitrage bound): no volatility reproduces it`
        : `price ${fmt(price)} must be > 0: a ${kind} worth nothing has no implied volatility`,
    );
  }
  if (!(price < upper)) {
    numError(
      kind === "call"
        ? `price ${fmt(price)} is at or above the call's upper no-arbitrage bound ${fmt(upper)} (${callBound}): no volatility reproduces it`
        : `price ${fmt(price)} is at or above the put's upper no-arbitrage bound ${fmt(upper)} (strike x e^(-rate x years)): no volatility reproduces it`,
    );
  }
  const v = impliedVolKernel(kind === "call" ? 1 : -1, price, spot, strike, years, rate, q);
  if (!Number.isFinite(v) || !(v > 0)) {
    numError(
      `price ${fmt(price)} is too close to a no-arbitrage bound (${fmt(lower)}, ${fmt(upper)}) to determine a volatility in double precision`,
    );
  }
  if (v > MAX_IMPLIED_VOL) {
    numError(
      `price ${fmt(price)} needs a volatility of ${fmt(v)}, above ${MAX_IMPLIED_VOL} (${MAX_IMPLIED_VOL * 100}%), the top of ${pricer}'s vol domain (0, ${MAX_IMPLIED_VOL}]: ` +
        `no volatility in it reproduces the price (its time value ${fmt(price - lower)} is too large for ${fmt(years)} years)`,
    );
  }
  return v;
}
