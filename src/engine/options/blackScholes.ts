/**
 * Black-Scholes-Merton: European options on an underlying with a continuous dividend yield.
 *
 *   F = S e^{(r-q)T},  s = sigma sqrt(T),  d1 = ln(F/K)/s + s/2,  d2 = d1 - s,  w = +1 call / -1 put
 *   price  = w (S e^{-qT} N(w d1) - K e^{-rT} N(w d2))
 *   delta  = w e^{-qT} N(w d1)                 gamma = e^{-qT} n(d1) / (S s)
 *   vega   = S e^{-qT} n(d1) sqrt(T)           theta = -S e^{-qT} n(d1) sigma / (2 sqrt T) + w (q S e^{-qT} N(w d1) - r K e^{-rT} N(w d2))
 *   rho    = w K T e^{-rT} N(w d2)             dividend rho = -w S T e^{-qT} N(w d1)
 * Merton (1973); Haug, "The Complete Guide to Option Pricing Formulas" (2007), 1.1.6 and 2.1; the
 * conventions of QuantLib's AnalyticEuropeanEngine / BlackCalculator (theta per year, vega and rho per 1.00).
 *
 * One exponential serves both Gaussian factors: exp(-d2^2/2) = exp(-d1^2/2) F/K (since d1 s = ln(F/K) + s^2/2).
 * One kernel serves every caller (BSM, Black-76, strategies; the benchmark's batch loops over it).
 */
import { numError } from "../core/errors";
import { INV_SQRT_2PI, normCdfGiven } from "../core/normal";
import { Greeks, Measure } from "./greeks";
import { OptionKind, optionSign } from "./optionType";

/** Price and all Greeks of one option. w = +1 call, -1 put. */
export function bsmKernel(w: number, S: number, K: number, T: number, r: number, q: number, sigma: number): Greeks {
  const sqT = Math.sqrt(T);
  const s = sigma * sqT;
  const invS = 1 / s;
  const dr = Math.exp(-r * T);
  const dq = q === 0 ? 1 : Math.exp(-q * T);
  const fwdPV = S * dq;
  const kPV = K * dr;
  const x = Math.log(S / K) + (r - q) * T;
  const d1 = x * invS + 0.5 * s;
  const d2 = d1 - s;
  const g1 = Math.exp(-0.5 * d1 * d1);
  let g2 = g1 * (fwdPV / kPV);
  if (!(g1 > 1e-300 && g2 <= 1)) g2 = Math.exp(-0.5 * d2 * d2);
  const n1 = normCdfGiven(w * d1, g1);
  const n2 = normCdfGiven(w * d2, g2);
  const pdf = INV_SQRT_2PI * g1;
  const a = fwdPV * n1;
  const b = kPV * n2;
  const decay = fwdPV * pdf;
  return {
    price: w * (a - b),
    delta: w * dq * n1,
    gamma: (dq * pdf * invS) / S,
    vega: decay * sqT,
    theta: -0.5 * decay * sigma * sigma * invS + w * (q * a - r * b),
    rho: w * T * b,
    dividendRho: -w * T * a,
  };
}

/** Price only (the same formula as bsmKernel, a little faster). */
export function bsmPriceKernel(w: number, S: number, K: number, T: number, r: number, q: number, sigma: number): number {
  const s = sigma * Math.sqrt(T);
  const fwdPV = q === 0 ? S : S * Math.exp(-q * T);
  const kPV = K * Math.exp(-r * T);
  const x = Math.log(S / K) + (r - q) * T;
  const d1 = x * (1 / s) + 0.5 * s;
  const d2 = d1 - s;
  const g1 = Math.exp(-0.5 * d1 * d1);
  let g2 = g1 * (fwdPV / kPV);
  if (!(g1 > 1e-300 && g2 <= 1)) g2 = Math.exp(-0.5 * d2 * d2);
  return w * (fwdPV * normCdfGiven(w * d1, g1) - kPV * normCdfGiven(w * d2, g2));
}

export interface BsmInputs {
  kind: OptionKind;
  spot: number;
  strike: number;
  years: number;
  rate: number;
  yield: number;
  vol: number;
}

/** The checks the kernel relies on; the functions layer has already bounded each argument. */
function checkInputs(p: BsmInputs, model: string): void {
  if (!(p.spot > 0) || !(p.strike > 0) || !(p.years > 0) || !(p.vol > 0)) {
    numError(`${model}: spot, strike, years and vol must be > 0, got ${p.spot}, ${p.strike}, ${p.years}, ${p.vol}`);
  }
  const s = p.vol * Math.sqrt(p.years);
  if (!(s >= 1e-100)) numError(`${model}: vol x sqrt(years) = ${s} is too small to price`);
}

const GREEK_OF: Record<Measure, keyof Greeks> = {
  price: "price",
  delta: "delta",
  gamma: "gamma",
  vega: "vega",
  theta: "theta",
  rho: "rho",
  dividendrho: "dividendRho",
};

/**
 * #NUM! if a Greek the caller uses is not a finite number (gamma overflows when spot x vol x sqrt(years)
 * underflows; an extreme rate x years overflows the discounting). `only`: check just that measure.
 */
function finiteGreeks(g: Greeks, model: string, only?: Measure): Greeks {
  const keys = only ? [GREEK_OF[only]] : (Object.keys(g) as (keyof Greeks)[]);
  for (const k of keys) {
    if (!Number.isFinite(g[k])) {
      numError(
        `${model}: the ${k === "dividendRho" ? "dividend rho" : k} is not a finite number for these inputs (spot x vol x sqrt(years) or rate x years too extreme)`,
      );
    }
  }
  return g;
}

/** Black-Scholes-Merton price and Greeks of one option; `only` limits the finiteness check to one measure. */
export function bsm(p: BsmInputs, only?: Measure): Greeks {
  checkInputs(p, "Black-Scholes");
  return finiteGreeks(bsmKernel(optionSign(p.kind), p.spot, p.strike, p.years, p.rate, p.yield, p.vol), "Black-Scholes", only);
}

export { finiteGreeks as checkFiniteGreeks, checkInputs as checkOptionInputs };
