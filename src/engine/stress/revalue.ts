/**
 * Full revaluation of derivatives positions under stress scenarios: every position is repriced from its own
 * terms at the shocked market, never extrapolated from a sensitivity.
 *
 * Factors (columns of a scenario; a position may depend on several):
 *   return  an equity or index level, shocked by a return (-0.25 = a 25% fall): S1 = S0 (1 + r)
 *   rate    a yield curve, shocked in bp, in parallel (one column "Rates") or by key tenor ("Rates 2y",
 *           "Rates 10y", ...): the shift at time t is the triangle interpolation of the key shocks
 *           (src/engine/rates/keyRates.ts's weights), flat outside the first and last key; it moves the
 *           period forward rates, so the key shocks add up to the parallel one
 *   spread  a credit spread, shocked in bp, added to the yield of the instruments that name it
 *   fx      the base-currency value of a foreign currency, shocked by a return (-0.1 = it falls 10%)
 *   vol     an implied volatility, shocked in vol points (0.15 = +15 points), floored at 0.01
 *
 * Instruments, value V per unit in the contract currency:
 *   future   V = Price x Multiplier x (1 + r)                                       (futures on an index)
 *   forward  FX forward, per 1 of foreign notional, valued in base: V = FX x (1 + fx shock) - FX
 *   bond     periodic cash flows A_k at t_k = t_1 + (k-1)/f, per 100 face: V = sum_k A_k DF_k x Multiplier / 100,
 *            DF_1 = (1 + y_1/f)^(-f t_1), DF_k = DF_(k-1) / (1 + y_k/f), y_k = yield + shift at t_k + spread (a
 *            shift of the period forward rates; a uniform one is Excel's PRICE at the shocked yield: Microsoft's
 *            PRICE page, t_1 = DSC/E / f)
 *   swap     receive fixed K per 1 notional on a flat curve at the swap's yield (default K), compounding f:
 *            V = sum_i K tau_i DF(t_i) + DF(T) - 1 (Hull, "Options, Futures, and Other Derivatives": a swap
 *            as a fixed-rate bond less a floating-rate note worth par)
 *   tfuture  Treasury future through its cheapest-to-deliver: V = CTD dirty price / conversion factor x
 *            contract size / 100 (the futures price tracks the CTD's price over its factor: CME Group,
 *            "Understanding Treasury Futures"; the change in V is the variation margin). The CTD's terms are read
 *            once (rates/ctdFuture.ts) and scaled per contract by rates/treasuryFutures.ts's perContract, as the
 *            book's DV01 of the same future is: its first-order figure here is the book's DV01.
 *   option   Black-Scholes-Merton on the shocked underlying (Haug 2007, 1.1.6): V = BSM(S0 (1 + r), K, T, r, q,
 *            vol) x Multiplier; Black-76 is Yield = Rate (options on futures)
 *   linear   a DV01 and nothing else: V = -DV01 x shift (bp) at the position's tenor, the first-order figure
 *            (kept for rows that give no cash flows; the report says which rows are linear)
 *
 * Loss of a position in base currency: -Quantity x (V1 - V0) x FX x (1 + fx shock) (the variation margin is paid
 * in the contract currency and converted at the stressed rate); for a forward, V is already in base.
 * The linear figure for comparison: -Quantity x FX x sum_j dV/ds_j x s_j over the factor slots at today's
 * market (central differences), i.e. DV01 x shock for rates and delta x shock for returns.
 */
import { numError } from "../core/errors";
import { bsmPriceKernel } from "../options/blackScholes";
import { Frequency, coupDays, coupDaysBs, couponPeriod } from "../rates/couponDates";
import { Basis } from "../rates/dayCount";
import { triangleWeights } from "../rates/keyRates";
import { Flows, bondFlows } from "../rates/periodicFlows";
import { perContract } from "../rates/treasuryFutures";

// The periodic flows live with the rates (rates/periodicFlows.ts: the book's bond futures use them too).
export { bondFlows };
export type { Flows };

export type FactorKind = "return" | "rate" | "spread" | "fx" | "vol";

export interface Factor {
  name: string;
  kind: FactorKind;
  /** Rate factors: the key tenors (years) of its columns, ascending; [] = one parallel column. */
  tenors: number[];
  /** First slot of this factor in a scenario's shock vector. */
  offset: number;
}

/** The factors of a book and the layout of a scenario's shocks (one slot per factor, one per key tenor). */
export interface FactorSpace {
  factors: Factor[];
  slots: number;
}

export function factorSpace(defs: readonly { name: string; kind: FactorKind; tenors?: readonly number[] }[]): FactorSpace {
  let offset = 0;
  const factors = defs.map((d) => {
    const tenors = d.kind === "rate" ? [...(d.tenors ?? [])] : [];
    const f = { name: d.name, kind: d.kind, tenors, offset };
    offset += Math.max(1, tenors.length);
    return f;
  });
  return { factors, slots: offset };
}

/** A stress scenario: shocks per slot (bp for rate and spread slots, returns otherwise) and margin add-ons. */
export interface StressScenario {
  name: string;
  shocks: Float64Array;
  /** Initial margin scales by this in the scenario (clearing houses raise margins in stress). Default 1. */
  imMultiplier: number;
  /** Collateral haircuts scale by this (capped at 100%). Default 1. */
  haircutMultiplier: number;
}

export type Instrument =
  | { kind: "future"; price: number; multiplier: number; factor: number }
  | { kind: "forward"; factor: number }
  | { kind: "bond"; flows: Flows; yld: number; rate: number; spread: number; multiplier: number }
  | { kind: "swap"; flows: Flows; yld: number; rate: number; spread: number }
  | { kind: "tfuture"; flows: Flows; yld: number; rate: number; conversionFactor: number; contractSize: number }
  | {
      kind: "option";
      sign: 1 | -1;
      price: number;
      strike: number;
      years: number;
      riskFree: number;
      dividendYield: number;
      vol: number;
      multiplier: number;
      factor: number;
      /** The vol factor, or -1. */
      volFactor: number;
    }
  | { kind: "linear"; dv01: number; rate: number; years: number };

/** How a position's variation margin is paid: in cash (futures and listed options at a clearing house), or in
 * cash or the securities a CSA lists (OTC swaps, forwards, repo). */
export type MarginChannel = "cash" | "csa";

export interface StressPosition {
  id: string;
  quantity: number;
  instrument: Instrument;
  /** Initial margin per unit, contract currency. */
  margin: number;
  /** Base currency per unit of the contract currency today. */
  fxRate: number;
  /** The fx factor of the contract currency, or -1 for the base currency. */
  fx: number;
  channel: MarginChannel;
}

/** Flows of a bond with Excel's dates (PRICE's schedule: t_k = (k - 1 + DSC/E) / f), and its accrued interest. */
export function bondFlowsExcel(
  settlement: number,
  maturity: number,
  coupon: number,
  frequency: Frequency,
  basis: Basis,
  redemption = 100,
): { flows: Flows; accrued: number } {
  const p = couponPeriod(settlement, maturity, frequency);
  const e = coupDays(p, basis);
  const a = coupDaysBs(p, basis);
  const c = (100 * coupon) / frequency;
  const amounts = new Float64Array(p.count).fill(c);
  amounts[p.count - 1] += redemption;
  return { flows: { t1: (e - a) / e / frequency, frequency, amounts }, accrued: (c * a) / e };
}

/** Receive-fixed flows of a swap per 1 notional: K tau_i at t_i, plus 1 at maturity (the bond view). */
export function swapFlows(years: number, fixedRate: number, frequency: number): Flows {
  const f = bondFlows(years, fixedRate, frequency, 100);
  const amounts = f.amounts.map((x) => x / 100);
  // A short first period accrues for t_1 only.
  amounts[0] -= fixedRate / frequency - fixedRate * f.t1;
  return { t1: f.t1, frequency, amounts };
}

/** The rate shift (bp) of factor f at time t under shocks s. */
export function rateShift(f: Factor, s: ArrayLike<number>, t: number): number {
  if (f.tenors.length <= 1) return s[f.offset];
  const w = triangleWeights(f.tenors, t);
  return w.wLo * s[f.offset + w.lo] + (1 - w.wLo) * s[f.offset + w.hi];
}

/**
 * Present value of periodic flows at yield y with the rate factor's shift: the period ending at t_k is discounted
 * at y + s(t_k) (a shift of the one-period forward rates, in the flows' compounding), so
 *   DF_1 = (1 + (y + s(t_1))/f)^(-f t_1),  DF_k = DF_(k-1) / (1 + (y + s(t_k))/f)
 * A uniform shift s is then exactly a shift of the yield (Excel's PRICE at y + s); key-tenor shocks move each
 * period by its triangle weights, and the key shocks add up to the parallel one.
 */
function flowsValue(fl: Flows, y: number, f: Factor | undefined, s: ArrayLike<number>, extraBp: number): number {
  const freq = fl.frequency;
  const n = fl.amounts.length;
  const step = 1 / freq;
  const keys = f ? f.tenors : [];
  const keyed = keys.length > 1;
  const last = keys.length - 1;
  const o = f ? f.offset : 0;
  const flat = f ? s[o] : 0;
  let seg = 0;
  let pv = 0;
  let df = 1;
  for (let k = 0; k < n; k++) {
    const t = fl.t1 + k * step;
    let shift = flat;
    if (keyed) {
      while (seg < last && keys[seg + 1] <= t) seg++;
      if (t <= keys[0]) shift = s[o];
      else if (seg >= last) shift = s[o + last];
      else {
        const w = (keys[seg + 1] - t) / (keys[seg + 1] - keys[seg]);
        shift = w * s[o + seg] + (1 - w) * s[o + seg + 1];
      }
    }
    const yy = y + (shift + extraBp) * 1e-4;
    const base = 1 + yy / freq;
    if (!(base > 0)) numError(`a shocked yield of ${(yy * 100).toFixed(2)}% is below -100% a period: the scenario is too extreme`);
    df = k === 0 ? Math.pow(base, -freq * fl.t1) : df / base;
    pv += fl.amounts[k] * df;
  }
  return pv;
}

/** Value per unit of an instrument (contract currency; base for a forward) under shocks s. */
export function unitValue(ins: Instrument, space: FactorSpace, s: ArrayLike<number>): number {
  const F = space.factors;
  switch (ins.kind) {
    case "future":
      return ins.price * ins.multiplier * (1 + s[F[ins.factor].offset]);
    case "forward":
      return s[F[ins.factor].offset];
    case "bond":
      return (flowsValue(ins.flows, ins.yld, F[ins.rate], s, ins.spread >= 0 ? s[F[ins.spread].offset] : 0) * ins.multiplier) / 100;
    case "swap":
      return flowsValue(ins.flows, ins.yld, F[ins.rate], s, ins.spread >= 0 ? s[F[ins.spread].offset] : 0) - 1;
    case "tfuture":
      return perContract(flowsValue(ins.flows, ins.yld, F[ins.rate], s, 0), ins.conversionFactor, ins.contractSize);
    case "option": {
      const S = ins.price * (1 + s[F[ins.factor].offset]);
      if (!(S > 0)) return ins.sign > 0 ? 0 : ins.strike * Math.exp(-ins.riskFree * ins.years) * ins.multiplier;
      const vol = ins.volFactor >= 0 ? Math.max(MIN_VOL, ins.vol + s[F[ins.volFactor].offset]) : ins.vol;
      return bsmPriceKernel(ins.sign, S, ins.strike, ins.years, ins.riskFree, ins.dividendYield, vol) * ins.multiplier;
    }
    case "linear":
      return -ins.dv01 * rateShift(F[ins.rate], s, ins.years);
  }
}

/** The floor of a shocked implied volatility. */
export const MIN_VOL = 0.01;

/** Today's market: every shock 0. */
export function zeroShocks(space: FactorSpace): Float64Array {
  return new Float64Array(space.slots);
}

/** A revalued book: today's unit values and the first-order sensitivities per slot, computed once. */
export interface PreparedBook {
  space: FactorSpace;
  positions: readonly StressPosition[];
  /** V0 per position. */
  base: Float64Array;
  /** Per position, the slots it depends on and dV/ds per slot (per bp, or per 1.00 of return). */
  gradient: { slot: number; dv: number }[][];
}

/** The slots an instrument's value depends on (its fx slot apart). */
function slotsOf(ins: Instrument, space: FactorSpace): number[] {
  const span = (j: number) => {
    const f = space.factors[j];
    return Array.from({ length: Math.max(1, f.tenors.length) }, (_, k) => f.offset + k);
  };
  switch (ins.kind) {
    case "future":
    case "forward":
      return span(ins.factor);
    case "option":
      return [...span(ins.factor), ...(ins.volFactor >= 0 ? span(ins.volFactor) : [])];
    case "bond":
    case "swap":
      return [...span(ins.rate), ...(ins.spread >= 0 ? span(ins.spread) : [])];
    case "tfuture":
    case "linear":
      return span(ins.rate);
  }
}

export function prepareBook(space: FactorSpace, positions: readonly StressPosition[]): PreparedBook {
  const zero = zeroShocks(space);
  const base = new Float64Array(positions.length);
  const gradient = positions.map((p, i) => {
    base[i] = unitValue(p.instrument, space, zero);
    return slotsOf(p.instrument, space).map((slot) => {
      const kind = space.factors.find((f) => slot >= f.offset && slot < f.offset + Math.max(1, f.tenors.length))!.kind;
      // Exact for the instruments linear in their factors; small central steps for the others.
      const linearIns = p.instrument.kind === "future" || p.instrument.kind === "forward" || p.instrument.kind === "linear";
      const h = linearIns ? 1 : kind === "rate" || kind === "spread" ? 0.01 : 1e-5;
      const up = zeroShocks(space);
      const dn = zeroShocks(space);
      up[slot] = h;
      dn[slot] = -h;
      return { slot, dv: (unitValue(p.instrument, space, up) - unitValue(p.instrument, space, dn)) / (2 * h) };
    });
  });
  return { space, positions, base, gradient };
}

/** Loss of position i (base currency; negative = gain) under shocks s, fully revalued. */
export function positionLoss(book: PreparedBook, i: number, s: ArrayLike<number>, scale = 1): number {
  const p = book.positions[i];
  const fx = p.fx >= 0 ? 1 + s[book.space.factors[p.fx].offset] : 1;
  const dv = unitValue(p.instrument, book.space, s) - book.base[i];
  return -scale * p.quantity * dv * p.fxRate * (p.instrument.kind === "forward" ? 1 : fx);
}

/** The first-order (linear) loss of position i: -Quantity x FX x sum_j dV/ds_j x s_j. */
export function linearLoss(book: PreparedBook, i: number, s: ArrayLike<number>): number {
  const p = book.positions[i];
  let dv = 0;
  for (const g of book.gradient[i]) dv += g.dv * s[g.slot];
  return -p.quantity * p.fxRate * dv;
}

/** Initial margin of position i in base currency under shocks s (the scenario's IM multiplier apart). */
export function positionIm(book: PreparedBook, i: number, s: ArrayLike<number>, scale = 1): number {
  const p = book.positions[i];
  const fx = p.fx >= 0 ? 1 + s[book.space.factors[p.fx].offset] : 1;
  return Math.abs(scale * p.quantity) * p.margin * p.fxRate * fx;
}

/** Notional per unit in base currency today (exposure for leverage): futures Price x Multiplier, a swap 1, a
 * bond or Treasury future its value, an option its underlying x Multiplier, a forward FX; a linear row none. */
export function unitNotional(book: PreparedBook, i: number): number {
  const p = book.positions[i];
  const ins = p.instrument;
  switch (ins.kind) {
    case "future":
      return ins.price * ins.multiplier * p.fxRate;
    case "forward":
      return p.fxRate;
    case "swap":
      return p.fxRate;
    case "bond":
    case "tfuture":
      return Math.abs(book.base[i]) * p.fxRate;
    case "option":
      return ins.price * ins.multiplier * p.fxRate;
    case "linear":
      return 0;
  }
}

/** Whether a position carries rate risk (the hedge the resilience figure scales). */
export function isRatePosition(p: StressPosition): boolean {
  const k = p.instrument.kind;
  return k === "bond" || k === "swap" || k === "tfuture" || k === "linear";
}

export interface BookLoss {
  /** Variation margin per channel (positive = to pay), netted within the channel. */
  cashVm: number;
  csaVm: number;
  /** Sum of the positions' losses (all channels, netted). */
  total: number;
  /** The same by the linear (first-order) figure. */
  linear: number;
  initialMargin: number;
}

/**
 * Losses and margin of the book under one scenario. `scaleRates` scales the rate positions (the resilience
 * search); `from`: the rate positions are scaled only on the move beyond these shocks (already paid before).
 */
export function bookLoss(book: PreparedBook, sc: StressScenario, scaleRates = 1, from?: ArrayLike<number>, withLinear = true): BookLoss {
  let cashVm = 0;
  let csaVm = 0;
  let linear = 0;
  let im = 0;
  for (let i = 0; i < book.positions.length; i++) {
    const p = book.positions[i];
    const rate = isRatePosition(p);
    let loss: number;
    if (rate && scaleRates !== 1) {
      if (from) {
        const paid = positionLoss(book, i, from);
        loss = paid + scaleRates * (positionLoss(book, i, sc.shocks) - paid);
      } else loss = positionLoss(book, i, sc.shocks, scaleRates);
    } else loss = positionLoss(book, i, sc.shocks);
    if (p.channel === "cash") cashVm += loss;
    else csaVm += loss;
    if (withLinear) linear += linearLoss(book, i, sc.shocks);
    im += positionIm(book, i, sc.shocks, rate ? scaleRates : 1);
  }
  const total = cashVm + csaVm;
  if (![cashVm, csaVm, im, linear].every(Number.isFinite)) numError(`Scenarios: the margin call of '${sc.name}' is too large to compute`);
  return { cashVm, csaVm, total, linear, initialMargin: im * sc.imMultiplier };
}
