/**
 * Black-76: European options on a futures (or forward) price F, premium paid up front.
 *
 *   s = sigma sqrt(T),  d1 = ln(F/K)/s + s/2,  d2 = d1 - s,  w = +1 call / -1 put
 *   price = e^{-rT} w (F N(w d1) - K N(w d2))
 *   delta = w e^{-rT} N(w d1) (per unit of F)    gamma = e^{-rT} n(d1) / (F s)    vega = F e^{-rT} n(d1) sqrt(T)
 *   theta = r price - F e^{-rT} n(d1) sigma / (2 sqrt T)   (per year, F fixed)
 *   rho   = -T price                                       (per 1.00 of rate, F fixed)
 * Black, "The pricing of commodity contracts", J. Financial Economics 3 (1976); Hull, "Options, Futures,
 * and Other Derivatives", ch. 18 (Black's model); Haug (2007) 1.1.4 (the generalised formula with b = 0).
 * It is Black-Scholes-Merton with q = r and S = F, which is how it is computed; only rho differs, because
 * here the futures price, not the spot, is held fixed when the rate moves.
 */
import { bsmKernel, checkFiniteGreeks, checkOptionInputs, greeksArrays } from "./blackScholes";
import { Greeks, Measure } from "./greeks";
import { OptionKind, optionSign } from "./optionType";

export interface Black76Inputs {
  kind: OptionKind;
  forward: number;
  strike: number;
  years: number;
  rate: number;
  vol: number;
}

const SCRATCH = greeksArrays(1);

/** Black-76 price and Greeks of one option on a futures price (dividendRho is 0: there is no yield). */
export function black76(p: Black76Inputs, only?: Measure): Greeks {
  const model = "Black-76";
  checkOptionInputs({ kind: p.kind, spot: p.forward, strike: p.strike, years: p.years, rate: p.rate, yield: p.rate, vol: p.vol }, model);
  bsmKernel(optionSign(p.kind), p.forward, p.strike, p.years, p.rate, p.rate, p.vol, SCRATCH, 0);
  const price = SCRATCH.price[0];
  return checkFiniteGreeks(
    {
      price,
      delta: SCRATCH.delta[0],
      gamma: SCRATCH.gamma[0],
      vega: SCRATCH.vega[0],
      theta: SCRATCH.theta[0],
      rho: -p.years * price,
      dividendRho: 0,
    },
    model,
    only,
  );
}
