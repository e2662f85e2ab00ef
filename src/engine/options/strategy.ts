/**
 * Multi-leg option strategies: a Legs table (`Type | Strike | Quantity`, optionally `Vol`, `Years`) valued
 * leg by leg with Black-Scholes-Merton and added up.
 *
 * Quantity is in units of the underlying, negative for a short position. A leg's row shows its position:
 * Quantity x the value per unit, so every column adds up to the Total row (the Total price is the net
 * premium: positive = paid, negative = received). An underlying leg is worth the spot per unit, delta 1,
 * every other Greek 0. Each option leg uses its own Years and Vol when given, else the years argument and
 * the vol argument (a number or a Strike | Vol smile read at the leg's strike).
 */
import { Matrix } from "../core/cells";
import { valueError } from "../core/errors";
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
  /** Undefined for an underlying leg. */
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
    if (kind !== "underlying" && r.strike === undefined) valueError(`${where}: ${t.headers.strike} is empty: an option leg needs a strike`);
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
}

/** Value and Greeks per unit of one leg (`only`: the one measure the caller needs finite). */
export function legGreeks(leg: Leg, m: StrategyMarket, only?: Measure): Greeks {
  if (leg.kind === "underlying") return { ...zeroGreeks(), price: m.spot, delta: 1 };
  const years = leg.years ?? m.years;
  if (years === undefined) valueError(`${leg.where}: Years is empty and the years argument is not given`);
  const strike = leg.strike as number;
  const vol = leg.vol ?? (m.vol === undefined ? undefined : volAt(m.vol, strike));
  if (vol === undefined) valueError(`${leg.where}: Vol is empty and the vol argument is not given`);
  return bsm({ kind: leg.kind, spot: m.spot, strike, years, rate: m.rate, yield: m.yield, vol }, only);
}

export function valueStrategy(legs: Leg[], m: StrategyMarket, only?: Measure): StrategyValue {
  let total = zeroGreeks();
  const lines = legs.map((leg) => {
    const unit = legGreeks(leg, m, only);
    const position = scaled(leg.quantity, unit);
    total = addScaled(total, 1, position);
    return { leg, unit, position };
  });
  return { lines, total };
}
