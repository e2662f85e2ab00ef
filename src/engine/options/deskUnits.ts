/**
 * Greeks in desk units, beside the raw ones (greeks.ts: per 1.00 of vol, per year, per unit of spot):
 *   dollar delta          = delta x S                        (currency per 100% move, i.e. exposure)
 *   dollar gamma per 1%   = gamma x S^2 / 100                (change in dollar delta for a 1% move in S)
 *   vega per vol point    = vega / 100                       (per 0.01 of vol)
 *   theta per day         = theta / 365                      (calendar days)
 *   rho per bp            = rho / 10^4
 * Hull, "Options, Futures, and Other Derivatives", ch. 19 ("The Greek letters": vega per 1% change in
 * volatility, theta per calendar day); the dollar gamma of a 1% move as trading desks quote it.
 */
import { Greeks } from "./greeks";

export interface DeskGreeks {
  /** Units of the underlying. */
  delta: number;
  dollarDelta: number;
  dollarGammaPer1pct: number;
  vegaPerVolPoint: number;
  thetaPerDay: number;
  rhoPerBp: number;
}

export function deskGreeks(g: Greeks, spot: number): DeskGreeks {
  return {
    delta: g.delta,
    dollarDelta: g.delta * spot,
    dollarGammaPer1pct: (g.gamma * spot * spot) / 100,
    vegaPerVolPoint: g.vega / 100,
    thetaPerDay: g.theta / 365,
    rhoPerBp: g.rho / 1e4,
  };
}
