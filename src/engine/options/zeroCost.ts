/**
 * Zero-cost structures: the call strike that makes a structure's premium zero (the function reference in the README, OVERLAY.ZEROCOST).
 *   collar           long put at strike1, short call:             C(K) = P(strike1)
 *   riskreversal     short put at strike1, long call:             C(K) = P(strike1)
 *   putspreadcollar  long put strike1, short put strike2, short call:  C(K) = P(strike1) - P(strike2)
 * all one unit each, Black-Scholes-Merton, the vol a number or a smile read at each strike.
 *
 * A call is worth between 0 (K -> infinity) and S e^{-qT} (K -> 0), so a zero-cost strike exists exactly
 * when the premium to fund is in that interval; otherwise #NUM! says which side fails. The strike is
 * solved in u = ln(K/F) with Brent's method on C(F e^u) - target, bracketed by stepping out from the
 * forward (the call is decreasing in K for any arbitrage-free smile; with another smile the root found
 * is the one the bracket encloses).
 */
import { numError, valueError } from "../core/errors";
import { brent } from "../core/rootFinding";
import { bsm } from "./blackScholes";
import { OptionKind } from "./optionType";
import { VolSpec, volAt } from "./smile";

export const ZERO_COST_STRUCTURES = ["collar", "riskreversal", "putspreadcollar"] as const;
export type ZeroCostStructure = (typeof ZERO_COST_STRUCTURES)[number];

export interface ZeroCostInputs {
  structure: ZeroCostStructure;
  spot: number;
  years: number;
  rate: number;
  yield: number;
  vol: VolSpec;
  strike1: number;
  strike2?: number;
}

function fmt(x: number): string {
  return Number(x.toPrecision(8)).toString();
}

export function zeroCostStrike(p: ZeroCostInputs): number {
  const { structure, spot, years, rate, yield: q, vol } = p;
  const price = (kind: OptionKind, strike: number) =>
    bsm({ kind, spot, strike, years, rate, yield: q, vol: volAt(vol, strike) }, "price").price;
  const put1 = price("put", p.strike1);
  let target = put1;
  if (structure === "putspreadcollar") {
    if (p.strike2 === undefined) valueError("strike2 is required for a putspreadcollar: the strike of the short put, below strike1");
    const put2 = price("put", p.strike2);
    target = put1 - put2;
    if (!(target > 0)) {
      numError(
        `no zero-cost put-spread collar: the put spread (long put at strike1 ${fmt(p.strike1)}, short put at strike2 ${fmt(p.strike2)}) ` +
          `costs ${fmt(target)}, so there is no premium for a short call to fund (strike2 must be below strike1)`,
      );
    }
  } else if (p.strike2 !== undefined) {
    valueError(`strike2 is only used by a putspreadcollar; leave it empty for a ${structure}`);
  }
  const what = structure === "riskreversal" ? "the short put at strike1 brings in" : "the put premium to fund is";
  if (!(target > 0)) {
    numError(
      `no zero-cost call strike: ${what} ${fmt(target)}: the put at strike1 ${fmt(p.strike1)} is worth nothing in double precision, so the call strike would be infinite`,
    );
  }
  const fwdPV = spot * Math.exp(-q * years);
  if (!(target < fwdPV)) {
    numError(
      `no zero-cost call strike: ${what} ${fmt(target)}, but a call is worth less than spot x e^(-yield x years) = ${fmt(fwdPV)} ` +
        `at any strike (lower strike1)`,
    );
  }
  const forward = spot * Math.exp((rate - q) * years);
  const g = (u: number) => price("call", forward * Math.exp(u)) - target;
  // Step out from the forward in units of the ATM standard deviation until the sign changes.
  const step = Math.max(volAt(vol, forward) * Math.sqrt(years), 1e-3);
  let hi = step;
  // Messages name a finite strike or say "any strike double precision can represent" (issue 20: never
  // "below Infinity").
  const beyond = (x: number, side: string) =>
    Number.isFinite(x) && x > 0 ? `any strike ${side} ${fmt(x)}` : "any strike double precision can represent";
  while (g(hi) >= 0) {
    hi *= 2;
    if (hi > 700)
      numError(
        `no zero-cost call strike: ${what} ${fmt(target)}, less than a call is worth at ${beyond(forward * Math.exp(700), "below")}`,
      );
  }
  let lo = -step;
  while (g(lo) <= 0) {
    lo *= 2;
    if (lo < -700)
      numError(
        `no zero-cost call strike: ${what} ${fmt(target)}, more than a call is worth at ${beyond(forward * Math.exp(-700), "above")}`,
      );
  }
  const u = brent(g, lo, hi, { xTol: 1e-15, what: "zero-cost strike" });
  return forward * Math.exp(u);
}
