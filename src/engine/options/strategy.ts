/**
 * Multi-leg option strategies: a Legs table (`Type | Strike | Quantity`, optionally `Vol`, `Years`) valued
 * leg by leg with Black-Scholes-Merton and added up.
 *
 * Quantity is in units of the underlying, negative for a short position. A leg's row shows its position:
 * Quantity x the value per unit, so every column adds up to the Total row (the Total price is the net
 * premium: positive = paid, negative = received). An underlying leg (a holding) is worth the spot per unit,
 * delta 1, every other Greek 0. A future leg is a futures position, marked to market: its Strike is the
 * price F_0 it was traded at (empty: today's fair futures price, so it is worth 0), and per unit
 *   F = S e^{(r-q)T},  value = F - F_0,  delta = dF/dS = e^{(r-q)T},  rho = T F,  dividend rho = -T F,
 *   theta = -(r - q) F (per year, S fixed: F converges to S),  gamma = vega = 0
 * (Hull, "Options, Futures, and Other Derivatives", ch. 5: a futures contract is worth 0 when entered and
 * pays F_T - F_0 = S_T - F_0 at expiry; daily settlement, so no discounting). Each option or future leg uses
 * its own Years when given, else the years argument; options their own Vol, else the vol argument (a number
 * or a Strike | Vol smile read at the leg's strike).
 *
 * Premium: the net premium of the option legs alone (positive = paid); holding: the underlying legs' value.
 * The holding is neither a trade nor a premium; a future costs nothing to enter.
 */
import { Matrix } from "../core/cells";
import { numError, valueError } from "../core/errors";
import { ColumnSpec, parseTable } from "../core/table";
import { bsm } from "./blackScholes";
import { Greeks, Measure, addScaled, scaled, zeroGreeks } from "./greeks";
import { LegKind, parseLegKind } from "./optionType";
import { STRIKE_RULE, VOL_RULE, VolSpec, volAt } from "./smile";

export const YEARS_RULE = { min: 0, minExclusive: true, max: 100 };

export const LEGS_COLUMNS: readonly ColumnSpec[] = [
  { key: "type", header: "Type", synonyms: ["Leg", "Option type", "Call/Put", "Put/Call", "CP", "Kind", "Instrument"], type: "text" },
  { key: "strike", header: "Strike", synonyms: ["K", "Strike price", "Exercise price"], type: "number", optional: true, rule: STRIKE_RULE },
  {
    key: "quantity",
    header: "Quantity",
    synonyms: ["Qty", "Units", "Position", "Amount", "Size", "Notional units"],
    type: "number",
    rule: { min: -1e15, max: 1e15 },
  },
  {
    key: "vol",
    header: "Vol",
    synonyms: ["Volatility", "Implied vol", "Implied volatility", "IV", "Sigma"],
    type: "number",
    optional: true,
    rule: VOL_RULE,
  },
  {
    key: "years",
    header: "Years",
    synonyms: ["Time", "Expiry", "Maturity", "T", "Tenor", "Time to expiry", "Years to expiry"],
    type: "number",
    optional: true,
    rule: YEARS_RULE,
  },
];

export interface Leg {
  kind: LegKind;
  /** Undefined for an underlying leg; for a future leg, the price it was traded at (undefined: fair value). */
  strike?: number;
  quantity: number;
  vol?: number;
  years?: number;
  /** "Legs row 2 (put)", for messages. */
  where: string;
}

/** Reads and checks a Legs table: every option leg needs a strike. */
export function readLegs(matrix: Matrix, arg = "Legs"): Leg[] {
  const t = parseTable<{ type: string; strike?: number; quantity: number; vol?: number; years?: number }>(matrix, {
    arg,
    columns: LEGS_COLUMNS,
  });
  if (t.headers.strike === undefined) {
    valueError(
      `${arg}: missing column 'Strike' (headers found: ${Object.values(t.headers)
        .map((h) => `'${h}'`)
        .join(", ")})`,
    );
  }
  return t.rows.map((r, i) => {
    const base = `${arg} row ${t.rowNumbers[i]}`;
    const kind = parseLegKind(r.type, `${base}: ${t.headers.type}`);
    const where = `${base} (${kind})`;
    if ((kind === "call" || kind === "put") && r.strike === undefined)
      valueError(`${where}: ${t.headers.strike} is empty: an option leg needs a strike`);
    return { kind, strike: kind === "underlying" ? undefined : r.strike, quantity: r.quantity, vol: r.vol, years: r.years, where };
  });
}

export interface StrategyMarket {
  spot: number;
  /** Default time to expiry for legs without Years. */
  years?: number;
  rate: number;
  yield: number;
  /** Default vol for legs without Vol: a number or a smile. */
  vol?: VolSpec;
}

export interface LegLine {
  leg: Leg;
  /** Value and Greeks per unit. */
  unit: Greeks;
  /** Quantity x unit. */
  position: Greeks;
}

export interface StrategyValue {
  lines: LegLine[];
  total: Greeks;
  /** Net premium of the option legs (positive = paid). */
  premium: number;
  /** Value of the underlying legs (the holding). */
  holding: number;
}

/** F = S e^{(r-q)T}: the fair futures price of a future leg's expiry. */
export function fairForward(m: StrategyMarket, years: number): number {
  return m.spot * Math.exp((m.rate - m.yield) * years);
}

/** Value and Greeks per unit of one leg (`only`: the one measure the caller needs finite). */
export function legGreeks(leg: Leg, m: StrategyMarket, only?: Measure): Greeks {
  if (leg.kind === "underlying") return { ...zeroGreeks(), price: m.spot, delta: 1 };
  const years = leg.years ?? m.years;
  if (years === undefined) valueError(`${leg.where}: Years is empty and the years argument is not given`);
  if (leg.kind === "future") {
    const growth = Math.exp((m.rate - m.yield) * years);
    const f = m.spot * growth;
    if (!Number.isFinite(f)) numError(`${leg.where}: the futures price spot x e^((rate - yield) x years) is too large to compute`);
    return {
      price: leg.strike === undefined ? 0 : f - leg.strike,
      delta: growth,
      gamma: 0,
      vega: 0,
      theta: -(m.rate - m.yield) * f,
      rho: years * f,
      dividendRho: -years * f,
    };
  }
  const strike = leg.strike as number;
  const vol = leg.vol ?? (m.vol === undefined ? undefined : volAt(m.vol, strike));
  if (vol === undefined) valueError(`${leg.where}: Vol is empty and the vol argument is not given`);
  return bsm({ kind: leg.kind, spot: m.spot, strike, years, rate: m.rate, yield: m.yield, vol }, only);
}

export function valueStrategy(legs: Leg[], m: StrategyMarket, only?: Measure): StrategyValue {
  let total = zeroGreeks();
  let premium = 0;
  let holding = 0;
  const lines = legs.map((leg) => {
    const unit = legGreeks(leg, m, only);
    const position = scaled(leg.quantity, unit);
    total = addScaled(total, 1, position);
    if (leg.kind === "call" || leg.kind === "put") premium += position.price;
    else if (leg.kind === "underlying") holding += position.price;
    return { leg, unit, position };
  });
  return { lines, total, premium, holding };
}
