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
 *
 * At vol = 0 (s = 0) the option is its discounted intrinsic value, as QuantLib's BlackCalculator gives it
 * (ql/pricingengines/blackcalculator.cpp, the stdDev < QL_EPSILON branch): N(w d1) = N(w d2) = 1 in the
 * money, 0 out of it, 1/2 at the money with n(d1) = 1/sqrt(2 pi). So price = e^{-rT} max(w (F - K), 0),
 * delta = w e^{-rT} (in the money) / w e^{-rT} / 2 (at the money) / 0, gamma 0 away from the money (at the
 * money it is infinite: #NUM!), vega = F e^{-rT} sqrt(T) / sqrt(2 pi) at the money and 0 elsewhere,
 * theta = r price, rho = -T price.
 */
import { numError } from "../core/errors";
import { INV_SQRT_2PI } from "../core/normal";
import { bsmKernel, checkFiniteGreeks, checkOptionInputs } from "./blackScholes";
import { Greeks, Measure } from "./greeks";
import { OptionKind, optionSign } from "./optionType";

export interface Black76Inputs {
  kind: OptionKind;
  forward: number;
  strike: number;
  years: number;
  rate: number;
  /** >= 0; 0 gives the discounted intrinsic value. */
  vol: number;
}

/** Black-76 price and Greeks at vol = 0 (QuantLib's limits, see the header). */
function black76AtZeroVol(p: Black76Inputs, only?: Measure): Greeks {
  const w = optionSign(p.kind);
  const disc = Math.exp(-p.rate * p.years);
  const atTheMoney = Math.abs(p.forward - p.strike) <= 1e-12 * Math.max(p.forward, p.strike);
  const itm = !atTheMoney && w * (p.forward - p.strike) > 0;
  const n = atTheMoney ? 0.5 : itm ? 1 : 0;
  const price = itm ? disc * w * (p.forward - p.strike) : 0;
  if (atTheMoney && (only === undefined || only === "gamma")) {
    numError("Black-76: at vol 0 and the money (forward = strike) the gamma is infinite");
  }
  return checkFiniteGreeks(
    {
      price,
      delta: w * disc * n,
      gamma: 0,
      vega: atTheMoney ? p.forward * disc * Math.sqrt(p.years) * INV_SQRT_2PI : 0,
      theta: p.rate * price,
      rho: -p.years * price,
      dividendRho: 0,
    },
    "Black-76",
    only,
  );
}

/** Black-76 price and Greeks of one option on a futures price (dividendRho is 0: there is no yield). */
export function black76(p: Black76Inputs, only?: Measure): Greeks {
  const model = "Black-76";
  if (p.vol === 0 && p.forward > 0 && p.strike > 0 && p.years > 0) return black76AtZeroVol(p, only);
  checkOptionInputs({ kind: p.kind, spot: p.forward, strike: p.strike, years: p.years, rate: p.rate, yield: p.rate, vol: p.vol }, model);
  const g = bsmKernel(optionSign(p.kind), p.forward, p.strike, p.years, p.rate, p.rate, p.vol);
  return checkFiniteGreeks({ ...g, rho: -p.years * g.price, dividendRho: 0 }, model, only);
}
