/**
 * Value of a strategy at expiry as a function of the underlying's price S_T:
 *   call: Quantity x max(S_T - K, 0);  put: Quantity x max(K - S_T, 0);  underlying: Quantity x S_T;
 *   future: Quantity x (S_T - F_0), F_0 the price it was traded at (its Strike, else the forward given)
 * summed over the legs, minus the premium when one is given (the net premium paid for the structure,
 * negative for a net credit: STRATEGY's Total price). All legs are taken at their expiry together.
 */
import { Cell, Matrix, cellToNumber, checkNumber, isEmpty } from "../core/cells";
import { quote, valueError } from "../core/errors";
import { Leg } from "./strategy";

/** F_0 of a future leg: its Strike (the price it was traded at), else the forward given. */
export function futureEntry(leg: Leg, forward: number | undefined): number {
  const f = leg.strike ?? forward;
  if (f === undefined) {
    valueError(
      `${leg.where}: Strike is empty and no forward is given: a future pays Quantity x (S_T - F_0), give the price F_0 it was traded at`,
    );
  }
  return f;
}

export function legPayoff(leg: Leg, spot: number, forward?: number): number {
  if (leg.kind === "underlying") return leg.quantity * spot;
  if (leg.kind === "future") return leg.quantity * (spot - futureEntry(leg, forward));
  const k = leg.strike as number;
  return leg.quantity * (leg.kind === "call" ? Math.max(spot - k, 0) : Math.max(k - spot, 0));
}

export function strategyPayoff(legs: readonly Leg[], spot: number, premium = 0, forward?: number): number {
  let v = 0;
  for (const leg of legs) v += legPayoff(leg, spot, forward);
  return v - premium;
}

/**
 * Payoffs laid out like the spots range: a number for each spot, "Payoff" for a header cell (text first
 * in the row or column), "" for an empty cell, so the result lines up with the spots beside it.
 */
export function payoffLike(legs: readonly Leg[], spots: Matrix, arg: string, premium = 0, forward?: number): (number | string)[][] {
  for (const leg of legs) if (leg.kind === "future") futureEntry(leg, forward);
  const width = spots.reduce((w, r) => Math.max(w, r.length), 0);
  if (spots.length > 1 && width > 1)
    valueError(`${arg} must be a single row or column of prices, got a range of ${spots.length} x ${width}`);
  const column = spots.length > 1;
  const cells: Cell[] = column ? spots.map((r) => r[0]) : (spots[0] ?? []);
  const unit = column ? "row" : "item";
  let numbers = 0;
  const out = cells.map((c, k): number | string => {
    if (isEmpty(c)) return "";
    const x = cellToNumber(c);
    if (x === undefined) {
      if (k === 0 && typeof c === "string") return "Payoff";
      valueError(`${arg} ${unit} ${k + 1} must be a number, got ${quote(c)}`);
    }
    checkNumber(x, `${arg} ${unit} ${k + 1}`, { min: 0, max: 1e15 }, c);
    numbers++;
    return strategyPayoff(legs, x, premium, forward);
  });
  if (numbers === 0) valueError(`${arg} has no prices`);
  return column ? out.map((v) => [v]) : [out];
}
