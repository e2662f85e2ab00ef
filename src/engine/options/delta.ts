/**
 * An option position's delta, for the book's delta-adjusted exposure (src/engine/book): a pure function of
 * the position's terms, Black-Scholes-Merton (blackScholes.ts):
 *   delta per unit = w e^{-qT} N(w d1);   delta-adjusted exposure = Quantity x Multiplier x delta x S
 * (in the contract's currency; the book applies FX and beta).
 */
import { bsm } from "./blackScholes";
import { OptionKind } from "./optionType";

export interface OptionTerms {
  kind: OptionKind;
  spot: number;
  strike: number;
  years: number;
  rate: number;
  yield: number;
  vol: number;
}

/** Delta per unit of the underlying. */
export function optionDelta(t: OptionTerms): number {
  return bsm(t, "delta").delta;
}

/** Quantity (contracts) x Multiplier x delta x spot: the exposure the position adds. */
export function optionDeltaExposure(t: OptionTerms, quantity: number, multiplier: number): number {
  return quantity * multiplier * optionDelta(t) * t.spot;
}
