/**
 * The book's derivations: what each position of the Positions table (positions.ts) means for the plan, and
 * the sums per asset class. Nothing here is typed by the user; every figure comes from the position's terms.
 *
 * Per position (q = Quantity, base currency throughout):
 *   unit value         = Price x Multiplier x FX (futures, options); FX (swaps, TRS, forwards: q is notional)
 *   notional           = q x unit value                                        (an option: of its underlying)
 *   delta              = 1 (linear), or the option's Delta, or Black-Scholes-Merton's delta
 *                        (Haug 2007, 1.1.6: w e^{-qT} N(w d1)) from its terms (Option type, Strike, Vol, Years
 *                        or Expiry - valuation date, Rate, Yield)
 *   DV01               = q x DV01 per unit x FX                                (0 when not given); a bond
 *                        future with a Conversion factor has its DV01 per contract from its cheapest-to-deliver,
 *                        CTD DV01 per 100 x face / 100 / CF (positions.ts, rates/ctdFuture.ts: Hull ch. 6, CME), the
 *                        basis LIQUIDITY's revaluation of the same row is on
 *   exposure           = a rate position (a swap; a future with a DV01 in a class with a Duration):
 *                            DV01 / (Duration x 1bp)          the class exposure with the same DV01
 *                        otherwise: notional x delta / Beta
 *   initial margin     = |q| x Margin x FX
 *   adjusted notional  = SEC Rule 18f-4's derivatives exposure (17 CFR 270.18f-4(a), "derivatives exposure":
 *                        gross notional, options delta-adjusted, interest rate derivatives as 10-year bond
 *                        equivalents):  |DV01| / (D10 x 1bp) for rate positions, |notional x delta| otherwise;
 *                        D10 = the modified duration of a 10-year par bond, (1 - (1 + y/2)^-20) / y at y = 4%
 *                        semiannual (8.18 years) unless given.
 * Per class: synthetic exposure = sum of exposure; levered = the exposure of the positions marked Levered;
 * gross = sum of |exposure|; margin, DV01, notional and adjusted notional summed.
 */
import { normaliseName } from "../core/cells";
import { numError, valueError } from "../core/errors";
import { bsm } from "../options/blackScholes";
import { Plan } from "../portfolio/portfolio";
import { Position, PositionKind, inContracts } from "./positions";

/** The modified duration of a 10-year par bond, semiannual coupons, at yield y. */
export function parBondDuration10(y = 0.04): number {
  return (1 - Math.pow(1 + y / 2, -20)) / y;
}

export const TEN_YEAR_DURATION = parBondDuration10(0.04);

export interface BookOptions {
  /** Valuation date (Excel serial): options with an Expiry but no Years take (Expiry - date) / 365. */
  valuationDate?: number;
  /** Modified duration of the 10-year bond of the 18f-4 equivalents, years. Default TEN_YEAR_DURATION. */
  tenYearDuration?: number;
}

export type ExposureBasis = "notional" | "delta" | "dv01";

export interface DerivedPosition {
  id: string;
  /** Index of the position's class in the plan. */
  classIndex: number;
  assetClass: string;
  instrument: string;
  kind: PositionKind;
  quantity: number;
  /** Base currency per unit (contract, or 1 of notional). */
  unitValue: number;
  notional: number;
  delta: number;
  /** Signed exposure equivalent in the class, base currency. */
  exposure: number;
  /** Exposure per unit: exposure / quantity (the exposure one more contract or 1 of notional adds). */
  exposurePerUnit: number;
  dv01: number;
  margin: number;
  /** 18f-4 derivatives exposure, >= 0. */
  adjustedNotional: number;
  levered: boolean;
  basis: ExposureBasis;
  factor?: string;
  where: string;
}

export interface ClassBook {
  synthetic: number;
  levered: number;
  gross: number;
  notional: number;
  adjustedNotional: number;
  margin: number;
  dv01: number;
  positions: number;
}

export interface Book {
  positions: DerivedPosition[];
  /** Index-aligned with plan.classes. */
  byClass: ClassBook[];
  total: ClassBook;
  tenYearDuration: number;
}

function emptyClass(): ClassBook {
  return { synthetic: 0, levered: 0, gross: 0, notional: 0, adjustedNotional: 0, margin: 0, dv01: 0, positions: 0 };
}

function optionDelta(p: Position, opts: BookOptions, arg: string): number {
  if (p.delta !== undefined) return p.delta;
  let years = p.years;
  if (years === undefined) {
    if (opts.valuationDate === undefined) {
      valueError(`${p.where}: the option's delta needs Years, or a valuation date for its Expiry (or give its Delta)`, arg);
    }
    years = (p.expiry! - opts.valuationDate) / 365;
    if (!(years > 0))
      valueError(`${p.where}: the option has expired (Expiry ${p.expiry} is not after the valuation date ${opts.valuationDate})`, arg);
  }
  return bsm(
    { kind: p.optionType!, spot: p.price, strike: p.strike!, years, rate: p.rate ?? 0, yield: p.dividendYield ?? 0, vol: p.vol! },
    "delta",
  ).delta;
}

/** One position's derived figures against its class. */
export function derivePosition(p: Position, classIndex: number, plan: Plan, opts: BookOptions = {}, arg = "Positions"): DerivedPosition {
  const c = plan.classes[classIndex];
  const d10 = opts.tenYearDuration ?? TEN_YEAR_DURATION;
  const unitValue = inContracts(p.kind) ? p.price * p.multiplier * p.fx : p.fx;
  const notional = p.quantity * unitValue;
  const delta = p.kind === "option" ? optionDelta(p, opts, arg) : 1;
  const dv01 = p.dv01 === undefined ? 0 : p.quantity * p.dv01 * p.fx;
  const rateByDv01 = p.dv01 !== undefined && c.duration !== undefined && (p.kind === "swap" || p.kind === "future");
  if (p.kind === "swap" && !rateByDv01) {
    valueError(
      p.dv01 === undefined
        ? `${p.where}: a swap counts by its DV01: give its DV01 (per 1 of notional per 1bp)`
        : `${p.where}: a swap counts by its DV01 against the class's duration: give Portfolio a Duration for '${c.name}'`,
      arg,
    );
  }
  let exposure: number;
  let basis: ExposureBasis;
  if (rateByDv01) {
    if (p.dv01 === 0) valueError(`${p.where}: DV01 is 0: a rate position needs its DV01 per unit`, arg);
    exposure = dv01 / (c.duration! * 1e-4);
    basis = "dv01";
  } else {
    exposure = (notional * delta) / p.beta;
    basis = p.kind === "option" ? "delta" : "notional";
  }
  const adjustedNotional =
    p.dv01 !== undefined && (p.kind === "swap" || p.kind === "future") ? Math.abs(dv01) / (d10 * 1e-4) : Math.abs(notional * delta);
  const out: DerivedPosition = {
    id: p.id,
    classIndex,
    assetClass: c.name,
    instrument: p.instrument,
    kind: p.kind,
    quantity: p.quantity,
    unitValue,
    notional,
    delta,
    exposure,
    exposurePerUnit:
      p.quantity === 0 ? (rateByDv01 ? (p.dv01! * p.fx) / (c.duration! * 1e-4) : (unitValue * delta) / p.beta) : exposure / p.quantity,
    dv01,
    margin: Math.abs(p.quantity) * (p.margin ?? 0) * p.fx,
    adjustedNotional,
    levered: p.levered,
    basis,
    factor: p.factor,
    where: p.where,
  };
  for (const k of ["notional", "exposure", "exposurePerUnit", "dv01", "margin", "adjustedNotional"] as const) {
    if (!Number.isFinite(out[k])) numError(`${p.where}: the position's ${k} is too large to compute`, arg);
  }
  return out;
}

/** Every position derived against the plan, and the sums per class. */
export function deriveBook(positions: readonly Position[], plan: Plan, opts: BookOptions = {}, arg = "Positions"): Book {
  const byClass = plan.classes.map(emptyClass);
  const derived = positions.map((p) => {
    const i = plan.index.get(normaliseName(p.assetClass));
    if (i === undefined) valueError(`${p.where}: asset class '${p.assetClass}' is not in the portfolio`, arg);
    if (plan.classes[i].isCash) valueError(`${p.where}: a position expresses an asset class, not Cash (Cash is the funding leg)`, arg);
    const d = derivePosition(p, i, plan, opts, arg);
    const b = byClass[i];
    b.synthetic += d.exposure;
    if (d.levered) b.levered += d.exposure;
    b.gross += Math.abs(d.exposure);
    b.notional += d.notional;
    b.adjustedNotional += d.adjustedNotional;
    b.margin += d.margin;
    b.dv01 += d.dv01;
    b.positions += 1;
    return d;
  });
  const total = emptyClass();
  for (const b of byClass) for (const k of Object.keys(total) as (keyof ClassBook)[]) total[k] += b[k];
  return { positions: derived, byClass, total, tenYearDuration: opts.tenYearDuration ?? TEN_YEAR_DURATION };
}
