/**
 * Options: OVERLAY.OPTION, BLACK76, IMPLIEDVOL, BLACK76VOL, STRATEGY, PAYOFF, ZEROCOST, PNLGRID.
 * Thin: parse the arguments, call the engine (src/engine/options), lay out the spill. Each function has a
 * typed half (`...Result`) returning the engine's result; the Excel function is its layout.
 * Conventions (README, Conventions): continuous rate and dividend yield, time in years, vols and rates as
 * decimals; Greeks per unit change (vega per 1.00 of vol, rho per 1.00 of rate), theta per year.
 *
 * The function reference names the dividend-yield argument `yield`, a reserved word in JavaScript modules, so the
 * parameter is declared as `Yield` (what Excel's function wizard shows); the registry keeps `yield`.
 */
import { argChoice, argMatrix, argNumber, argOptionalNumber, scalarOf } from "../../engine/core/cells";
import { black76 as black76Engine } from "../../engine/options/black76";
import { bsm } from "../../engine/options/blackScholes";
import { BLACK76_MEASURES, Greeks, MEASURES, MEASURE_TITLES, Measure, measureOf } from "../../engine/options/greeks";
import { black76ImpliedVol, impliedVol as impliedVolEngine } from "../../engine/options/impliedVol";
import { parseOptionKind } from "../../engine/options/optionType";
import { payoffLike } from "../../engine/options/payoff";
import { STRIKE_RULE, VOL_RULE, readVolSpec } from "../../engine/options/smile";
import { DeskGreeks, deskGreeks } from "../../engine/options/deskUnits";
import { Protection, protection } from "../../engine/options/protection";
import { Leg, StrategyValue, YEARS_RULE, fairForward, readLegs, valueStrategy } from "../../engine/options/strategy";
import { ZERO_COST_STRUCTURES, zeroCostStrike } from "../../engine/options/zeroCost";
import { run, spill } from "../excel";
import { entry } from "../def";

const PRICE_RULE = { min: 0, minExclusive: true, max: 1e15 };
const RATE_RULE = { min: -1, max: 1 };

function market(spot: unknown, years: unknown, rate: unknown, yld: unknown, spotName = "spot") {
  return {
    spot: argNumber(spot, spotName, PRICE_RULE),
    years: argNumber(years, "years", YEARS_RULE),
    rate: argNumber(rate, "rate", RATE_RULE),
    yield: argNumber(yld, "yield", { ...RATE_RULE, default: 0 }),
  };
}

/**
 * Black-Scholes-Merton price or Greek of a European option on an underlying with a continuous dividend yield. Greeks per unit change: delta and gamma per unit of spot, vega per 1.00 of vol, theta per year, rho and dividend rho per 1.00 of rate and yield (QuantLib's conventions).
 * @customfunction OPTION
 * @param {any} type "call" or "put".
 * @param {any} spot Price of the underlying (> 0).
 * @param {any} strike Strike price (> 0).
 * @param {any} years Time to expiry in years (> 0).
 * @param {any} rate Continuously compounded risk-free rate, decimal (0.05 = 5%).
 * @param {any} Yield Continuous dividend yield, decimal. Empty = 0.
 * @param {any} vol Volatility, decimal (0.2 = 20%).
 * @param {any} [measure] "price" (default), "delta", "gamma", "vega", "theta", "rho" or "dividendrho".
 * @returns {any} The price or the Greek of one unit.
 */
export function option(type: any, spot: any, strike: any, years: any, rate: any, Yield: any, vol: any, measure?: any) {
  return run(() => {
    const which = argChoice(measure, "measure", MEASURES, "price");
    return measureOf(optionResult(type, spot, strike, years, rate, Yield, vol, which), which);
  });
}

/** The typed half of OPTION: price and every Greek (only `measure` is checked finite). */
export function optionResult(type: any, spot: any, strike: any, years: any, rate: any, Yield: any, vol: any, measure?: any): Greeks {
  const kind = parseOptionKind(scalarOf(type, "type"), "type");
  const m = market(spot, years, rate, Yield);
  const k = argNumber(strike, "strike", STRIKE_RULE);
  const v = argNumber(vol, "vol", VOL_RULE);
  return bsm({ kind, ...m, strike: k, vol: v }, argChoice(measure, "measure", MEASURES, "price"));
}

/**
 * Black-76 price or Greek of a European option on a futures price (premium paid up front, discounted at the rate). Delta and gamma per unit of the futures price, vega per 1.00 of vol, theta per year and rho per 1.00 of rate with the futures price held fixed (rho = -years x price). At vol 0 the discounted intrinsic value (QuantLib's Black calculator).
 * @customfunction BLACK76
 * @param {any} type "call" or "put".
 * @param {any} forward Futures (or forward) price (> 0).
 * @param {any} strike Strike price (> 0).
 * @param {any} years Time to expiry in years (> 0).
 * @param {any} rate Continuously compounded risk-free rate for discounting, decimal.
 * @param {any} vol Volatility of the futures price, decimal, 0 to 10 (0: the discounted intrinsic value).
 * @param {any} [measure] "price" (default), "delta", "gamma", "vega", "theta" or "rho".
 * @returns {any} The price or the Greek of one unit.
 */
export function black76(type: any, forward: any, strike: any, years: any, rate: any, vol: any, measure?: any) {
  return run(() => {
    const which = argChoice(measure, "measure", BLACK76_MEASURES, "price");
    return measureOf(black76Result(type, forward, strike, years, rate, vol, which), which);
  });
}

/** The typed half of BLACK76. */
export function black76Result(type: any, forward: any, strike: any, years: any, rate: any, vol: any, measure?: any): Greeks {
  const kind = parseOptionKind(scalarOf(type, "type"), "type");
  const f = argNumber(forward, "forward", PRICE_RULE);
  const k = argNumber(strike, "strike", STRIKE_RULE);
  const t = argNumber(years, "years", YEARS_RULE);
  const r = argNumber(rate, "rate", RATE_RULE);
  const v = argNumber(vol, "vol", { ...VOL_RULE, minExclusive: false });
  return black76Engine(
    { kind, forward: f, strike: k, years: t, rate: r, vol: v },
    argChoice(measure, "measure", BLACK76_MEASURES, "price"),
  );
}

/**
 * Black-Scholes-Merton implied volatility: the vol that reproduces the option's price, to about 1e-12 wherever the price determines it that well. #NUM! with the reason when the price is outside the no-arbitrage bounds (at or below the discounted intrinsic value, at or above spot x e^(-yield x years) for a call or strike x e^(-rate x years) for a put).
 * @customfunction IMPLIEDVOL
 * @param {any} type "call" or "put".
 * @param {any} price Option price per unit (> 0).
 * @param {any} spot Price of the underlying (> 0).
 * @param {any} strike Strike price (> 0).
 * @param {any} years Time to expiry in years (> 0).
 * @param {any} rate Continuously compounded risk-free rate, decimal.
 * @param {any} Yield Continuous dividend yield, decimal. Empty = 0.
 * @returns {any} Implied volatility, decimal (0.2 = 20%).
 */
export function impliedvol(type: any, price: any, spot: any, strike: any, years: any, rate: any, Yield: any) {
  return run(() => impliedVolResult(type, price, spot, strike, years, rate, Yield));
}

/** The typed half of IMPLIEDVOL. */
export function impliedVolResult(type: any, price: any, spot: any, strike: any, years: any, rate: any, Yield: any): number {
  const kind = parseOptionKind(scalarOf(type, "type"), "type");
  const p = argNumber(price, "price", { min: 0, max: 1e15 });
  const m = market(spot, years, rate, Yield);
  const k = argNumber(strike, "strike", STRIKE_RULE);
  return impliedVolEngine({ kind, price: p, ...m, strike: k });
}

/**
 * Black-76 implied volatility: the vol of the futures price that reproduces the option's price, in OVERLAY.BLACK76's domain (0, 10]. #NUM! with the reason when the price is outside the no-arbitrage bounds (the discounted intrinsic value, and e^(-rate x years) x forward for a call or x strike for a put) or needs a vol above 10.
 * @customfunction BLACK76VOL
 * @param {any} type "call" or "put".
 * @param {any} price Option price per unit (> 0).
 * @param {any} forward Futures (or forward) price (> 0).
 * @param {any} strike Strike price (> 0).
 * @param {any} years Time to expiry in years (> 0).
 * @param {any} rate Continuously compounded risk-free rate for discounting, decimal.
 * @returns {any} Implied volatility of the futures price, decimal.
 */
export function black76vol(type: any, price: any, forward: any, strike: any, years: any, rate: any) {
  return run(() => black76VolResult(type, price, forward, strike, years, rate));
}

/** The typed half of BLACK76VOL. */
export function black76VolResult(type: any, price: any, forward: any, strike: any, years: any, rate: any): number {
  const kind = parseOptionKind(scalarOf(type, "type"), "type");
  return black76ImpliedVol({
    kind,
    price: argNumber(price, "price", { min: 0, max: 1e15 }),
    forward: argNumber(forward, "forward", PRICE_RULE),
    strike: argNumber(strike, "strike", STRIKE_RULE),
    years: argNumber(years, "years", YEARS_RULE),
    rate: argNumber(rate, "rate", RATE_RULE),
  });
}

export interface StrategyResult extends StrategyValue {
  legs: Leg[];
  market: { spot: number; years?: number; rate: number; yield: number };
  /** The fair futures price at the default expiry (future legs without a Strike enter at it). */
  forward: number;
  /** The total's Greeks in desk units. */
  desk: DeskGreeks;
  /** Floor, cap, maximum loss including the holding, breakeven (protection.ts). */
  protection: Protection;
}

/** The typed half of STRATEGY: the legs, the market and the value (premium and holding apart), desk Greeks, protection. */
export function strategyResult(legs: any[][], spot: any, years: any, rate: any, Yield: any, vol: any[][], measure?: any): StrategyResult {
  const parsed = readLegs(argMatrix(legs, "legs"), "Legs");
  const s = argNumber(spot, "spot", PRICE_RULE);
  const t = argOptionalNumber(years, "years", YEARS_RULE);
  const r = argNumber(rate, "rate", RATE_RULE);
  const q = argNumber(Yield, "yield", { ...RATE_RULE, default: 0 });
  const v = readVolSpec(vol, "vol");
  const mkt = { spot: s, years: t, rate: r, yield: q, vol: v };
  const value = valueStrategy(parsed, mkt, argOptionalChoice(measure));
  const forward = fairForward(mkt, t ?? parsed.find((l) => l.kind === "future")?.years ?? 0);
  return {
    ...value,
    legs: parsed,
    market: { spot: s, years: t, rate: r, yield: q },
    forward,
    desk: deskGreeks(value.total, s),
    protection: protection(parsed, s, value.premium, forward),
  };
}

/**
 * Values a multi-leg option strategy with Black-Scholes-Merton: one row per leg and a Total row. Each leg row is the position (Quantity x the per-unit value), so the columns add up to the Total. Underlying legs (a holding) are worth the spot, delta 1; future legs are futures, worth 0 when entered at today's fair price spot x e^((rate - yield) x years) (or fair price minus their Strike, the price they were traded at), delta e^((rate - yield) x years). The Total price is the net premium of the options plus the holding's value.
 * @customfunction STRATEGY
 * @param {any[][]} legs Legs table with headers: Type (call, put, underlying or future), Strike (a future's traded price; empty = fair), Quantity (units of the underlying, negative = short); optional Vol and Years per leg.
 * @param {any} spot Price of the underlying (> 0).
 * @param {any} years Time to expiry in years for legs without Years.
 * @param {any} rate Continuously compounded risk-free rate, decimal.
 * @param {any} Yield Continuous dividend yield, decimal. Empty = 0.
 * @param {any[][]} vol Volatility for legs without Vol: a number, or a Strike | Vol smile table (linear in strike, flat outside).
 * @param {any} [measure] One column only: "price", "delta", "gamma", "vega", "theta", "rho" or "dividendrho". Default: Price, Delta, Gamma, Vega, Theta.
 * @returns {any[][]} Table: Type, Strike, Quantity, Price, Delta, Gamma, Vega, Theta (or the one measure), with a Total row.
 */
export function strategy(legs: any[][], spot: any, years: any, rate: any, Yield: any, vol: any[][], measure?: any) {
  return run(() => {
    const one = argOptionalChoice(measure);
    const value = strategyResult(legs, spot, years, rate, Yield, vol, measure);
    const measures: Measure[] = one ? [one] : ["price", "delta", "gamma", "vega", "theta"];
    return spill(
      ["Type", "Strike", "Quantity", ...measures.map((m) => MEASURE_TITLES[m])],
      [
        ...value.lines.map((l) => [l.leg.kind, l.leg.strike ?? "", l.leg.quantity, ...measures.map((m) => measureOf(l.position, m))]),
        ["Total", "", "", ...measures.map((m) => measureOf(value.total, m))],
      ],
    );
  });
}

function argOptionalChoice(measure: unknown): Measure | undefined {
  const cell = scalarOf(measure, "measure");
  if (cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "")) return undefined;
  return argChoice(cell, "measure", MEASURES);
}

/**
 * Value of a strategy at expiry for each price of the underlying: sum of Quantity x max(S - K, 0) for calls, Quantity x max(K - S, 0) for puts, Quantity x S for the underlying and Quantity x (S - F0) for futures (F0 their Strike, else forward), minus the premium when given. The result has the shape of spots (a header cell gets "Payoff", empty cells stay empty), so it lines up beside them.
 * @customfunction PAYOFF
 * @param {any[][]} legs Legs table with headers: Type (call, put, underlying or future), Strike (a future's traded price), Quantity (negative = short). Vol and Years are ignored.
 * @param {any[][]} spots A row or column of underlying prices at expiry (>= 0); a text cell first is a header.
 * @param {any} [premium] Net premium paid for the structure (negative for a net credit), subtracted from every value. Default 0.
 * @param {any} [forward] The futures price F0 that future legs without a Strike were traded at.
 * @returns {any[][]} Values at expiry, one per spot.
 */
export function payoff(legs: any[][], spots: any[][], premium?: any, forward?: any) {
  return run(() => payoffResult(legs, spots, premium, forward));
}

/** The typed half of PAYOFF: the values laid out like the spots. */
export function payoffResult(legs: any[][], spots: any[][], premium?: any, forward?: any): (number | string)[][] {
  const parsed = readLegs(argMatrix(legs, "legs"), "Legs");
  const p = argOptionalNumber(premium, "premium", { min: -1e15, max: 1e15 }) ?? 0;
  const f = argOptionalNumber(forward, "forward", PRICE_RULE);
  return payoffLike(parsed, argMatrix(spots, "spots"), "spots", p, f);
}

/**
 * The call strike that makes a structure cost zero, one unit per leg, Black-Scholes-Merton. "collar": long put at strike1, short call; "riskreversal": short put at strike1, long call; "putspreadcollar": long put at strike1, short put at strike2 (below strike1), short call. #NUM! when no strike can fund the puts (a call is worth less than spot x e^(-yield x years)).
 * @customfunction ZEROCOST
 * @param {any} structure "collar", "riskreversal" or "putspreadcollar".
 * @param {any} spot Price of the underlying (> 0).
 * @param {any} years Time to expiry in years (> 0).
 * @param {any} rate Continuously compounded risk-free rate, decimal.
 * @param {any} Yield Continuous dividend yield, decimal. Empty = 0.
 * @param {any[][]} vol Volatility: a number, or a Strike | Vol smile table (linear in strike, flat outside), read at each strike.
 * @param {any} strike1 Strike of the (long, or for a risk reversal short) put.
 * @param {any} [strike2] Strike of the short put of a putspreadcollar.
 * @returns {any} The call strike.
 */
export function zerocost(structure: any, spot: any, years: any, rate: any, Yield: any, vol: any[][], strike1: any, strike2?: any) {
  return run(() => zeroCostResult(structure, spot, years, rate, Yield, vol, strike1, strike2));
}

/** The typed half of ZEROCOST. */
export function zeroCostResult(
  structure: any,
  spot: any,
  years: any,
  rate: any,
  Yield: any,
  vol: any[][],
  strike1: any,
  strike2?: any,
): number {
  const kind = argChoice(structure, "structure", ZERO_COST_STRUCTURES);
  const m = market(spot, years, rate, Yield);
  const v = readVolSpec(vol, "vol");
  if (v === undefined) argNumber(undefined, "vol");
  const k1 = argNumber(strike1, "strike1", STRIKE_RULE);
  const k2 = argOptionalNumber(strike2, "strike2", STRIKE_RULE);
  return zeroCostStrike({ structure: kind, ...m, vol: v!, strike1: k1, strike2: k2 });
}

export const OPTIONS_FUNCTIONS = [
  entry("OPTION", option, "type, spot, strike, years, rate, yield, vol, [measure]", optionResult),
  entry("BLACK76", black76, "type, forward, strike, years, rate, vol, [measure]", black76Result),
  entry("IMPLIEDVOL", impliedvol, "type, price, spot, strike, years, rate, yield", impliedVolResult),
  entry("BLACK76VOL", black76vol, "type, price, forward, strike, years, rate", black76VolResult),
  entry("STRATEGY", strategy, "legs#, spot, years, rate, yield, vol#, [measure]", strategyResult),
  entry("PAYOFF", payoff, "legs#, spots#, [premium], [forward]", payoffResult),
  entry("ZEROCOST", zerocost, "structure, spot, years, rate, yield, vol#, strike1, [strike2]", zeroCostResult),
];
