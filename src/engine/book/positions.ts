/**
 * The book: the Positions table, one row per overlay position (futures, options, swaps, total return swaps,
 * forwards), as desks hold them. Every derived figure (exposure, notional, margin, DV01, funding, leverage)
 * is computed from these rows in src/engine/book/derive.ts, never typed twice.
 *
 *   Quantity   contracts for futures and options; notional (contract currency) for swaps, TRS and forwards;
 *              signed: + long / receive fixed, - short / pay fixed
 *   unit value = Price x Multiplier x FX (base currency per contract, futures and options);
 *                FX for swaps, TRS and forwards (their Quantity is already notional)
 *   notional   = Quantity x unit value (base currency, signed)
 *   DV01       per unit (contract, or 1 of notional) per 1bp, contract currency, positive = gains when rates fall;
 *              a bond future with a Conversion factor has it derived from its cheapest-to-deliver (Coupon, Years,
 *              Yield, Frequency: rates/ctdFuture.ts), CTD DV01 per 100 x face / 100 / CF, the figure the stress
 *              revaluation of the same row differentiates; a DV01 typed beside it must agree within 2% (else an error
 *              naming both figures)
 *   Margin     initial margin per unit, contract currency
 *   Delta      per unit of the underlying (an option's Black-Scholes delta); overrides the option model
 *
 * Kinds: "future", "option", "swap" (interest rate swap), "trs" (total return swap), "forward". Options need
 * either a Delta or the terms of the model (Option type, Strike, Vol, and Expiry or Years; Rate and Yield default
 * to 0). Levered TRUE declares a position not financed from cash (its exposure is leverage, not equitised cash).
 */
import { Cell, Matrix, isEmpty, normaliseName } from "../core/cells";
import { quote, valueError } from "../core/errors";
import { ColumnSpec, Table, parseTable, whereRow } from "../core/table";
import { OptionKind, parseOptionKind } from "../options/optionType";
import { CtdFuture, ctdFutureDv01, readCtdFuture } from "../rates/ctdFuture";

export const POSITION_KINDS = ["future", "option", "swap", "trs", "forward"] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

export interface Position {
  id: string;
  /** The asset class the position expresses (a Portfolio row). */
  assetClass: string;
  /** Contract code or name: "ESH7", "SPX 4800 P Dec26", "USD 10y IRS". */
  instrument: string;
  kind: PositionKind;
  /** Contracts (futures, options) or notional in contract currency (swaps, TRS, forwards); signed. */
  quantity: number;
  /** Futures price, or the option's underlying level; unused by swaps, TRS and forwards (0 when empty). */
  price: number;
  multiplier: number;
  /** Base currency per unit of contract currency. */
  fx: number;
  /** The asset class's beta to the instrument's underlying: exposure = notional / beta. */
  beta: number;
  /** Option delta per unit of the underlying, when given (overrides the model). */
  delta?: number;
  optionType?: OptionKind;
  strike?: number;
  /** Excel date serial. */
  expiry?: number;
  /** Option time to expiry in years (instead of Expiry). */
  years?: number;
  vol?: number;
  /** Continuous rate (options). */
  rate?: number;
  /** Continuous dividend yield (options). */
  dividendYield?: number;
  /** Per unit per 1bp, contract currency, positive = gains when rates fall (a bond future's from its CTD). */
  dv01?: number;
  /** A bond future's cheapest-to-deliver (the row gives a Conversion factor; Fixed rate or Coupon, Years and Yield
   * are then the CTD's), from which its DV01 is derived. */
  ctd?: CtdFuture;
  /** The CTD's conversion factor and coupons a year, as typed. */
  conversionFactor?: number;
  frequency?: number;
  /** Swap fixed rate (decimal). */
  fixedRate?: number;
  /** Swap maturity, Excel date serial. */
  maturity?: number;
  /** Initial margin per unit, contract currency. */
  margin?: number;
  /** Not financed from cash. */
  levered: boolean;
  /** Risk-factor name for stress tests (a scenario column). */
  factor?: string;
  /** "Positions row 3 (ES1)", for messages. */
  where: string;
}

const LIMIT = { min: -1e15, max: 1e15 };
const POSITIVE = { min: 0, minExclusive: true, max: 1e15 };
const NONNEG = { min: 0, max: 1e15 };
const SERIAL = { min: 0, max: 2958465 };

export const POSITIONS_COLUMNS: readonly ColumnSpec[] = [
  { key: "id", header: "Id", synonyms: ["Position", "Position id", "Ref", "Reference", "Trade id"], type: "text" },
  { key: "assetClass", header: "Asset class", synonyms: ["Asset", "Class", "Sleeve"], type: "text" },
  { key: "instrument", header: "Instrument", synonyms: ["Contract", "Ticker", "Security", "Name"], type: "text" },
  { key: "kind", header: "Kind", synonyms: ["Type", "Instrument type", "Product"], type: "text" },
  {
    key: "quantity",
    header: "Quantity",
    synonyms: ["Qty", "Contracts", "Notional", "Position size", "Amount"],
    type: "number",
    rule: LIMIT,
  },
  {
    key: "price",
    header: "Price",
    synonyms: ["Level", "Futures price", "Underlying price", "Spot", "Last"],
    type: "number",
    optional: true,
    rule: NONNEG,
  },
  {
    key: "multiplier",
    header: "Multiplier",
    synonyms: ["Mult", "Point value", "Contract size"],
    type: "number",
    optional: true,
    default: 1,
    rule: POSITIVE,
  },
  { key: "fx", header: "FX", synonyms: ["FX rate", "Currency rate"], type: "number", optional: true, default: 1, rule: POSITIVE },
  { key: "beta", header: "Beta", type: "number", optional: true, default: 1, rule: { min: 0, minExclusive: true, max: 100 } },
  { key: "delta", header: "Delta", type: "number", optional: true, rule: { min: -1e6, max: 1e6 } },
  { key: "optionType", header: "Option type", synonyms: ["Call/put", "Put/call", "CP", "Right"], type: "text", optional: true },
  { key: "strike", header: "Strike", synonyms: ["K", "Strike price"], type: "number", optional: true, rule: POSITIVE },
  { key: "expiry", header: "Expiry", synonyms: ["Expiration", "Expiry date", "Last trade"], type: "number", optional: true, rule: SERIAL },
  {
    key: "years",
    header: "Years",
    synonyms: ["Time", "Years to expiry", "T", "Years to maturity", "Maturity (years)"],
    type: "number",
    optional: true,
    rule: { min: 0, minExclusive: true, max: 100 },
  },
  {
    key: "vol",
    header: "Vol",
    synonyms: ["Volatility", "Implied vol", "IV"],
    type: "number",
    optional: true,
    rule: { min: 0, minExclusive: true, max: 10 },
  },
  { key: "rate", header: "Rate", synonyms: ["Risk-free rate", "Interest rate"], type: "number", optional: true, rule: { min: -1, max: 1 } },
  {
    key: "dividendYield",
    header: "Yield",
    synonyms: ["Dividend yield", "Div yield", "Dividend", "YTM", "CTD yield"],
    type: "number",
    optional: true,
    rule: { min: -1, max: 1 },
  },
  { key: "dv01", header: "DV01", synonyms: ["PV01", "BPV", "DV01 per unit"], type: "number", optional: true, rule: LIMIT },
  {
    key: "conversionFactor",
    header: "Conversion factor",
    synonyms: ["CF", "Factor CF"],
    type: "number",
    optional: true,
    rule: { min: 0.01, max: 10 },
  },
  { key: "frequency", header: "Frequency", synonyms: ["Coupons a year"], type: "number", optional: true },
  {
    key: "fixedRate",
    header: "Fixed rate",
    synonyms: ["Coupon", "Swap rate", "CTD coupon"],
    type: "number",
    optional: true,
    rule: { min: -1, max: 1 },
  },
  { key: "maturity", header: "Maturity", synonyms: ["Maturity date", "End date"], type: "number", optional: true, rule: SERIAL },
  { key: "margin", header: "Margin", synonyms: ["Initial margin", "IM"], type: "number", optional: true, rule: NONNEG },
  { key: "levered", header: "Levered", synonyms: ["Leveraged", "Unfunded"], type: "boolean", optional: true, default: false },
  { key: "factor", header: "Factor", synonyms: ["Risk factor", "Scenario factor"], type: "text", optional: true },
];

const KIND_NAMES: Record<string, PositionKind> = {
  future: "future",
  futures: "future",
  fut: "future",
  option: "option",
  options: "option",
  opt: "option",
  swap: "swap",
  irs: "swap",
  interestrateswap: "swap",
  trs: "trs",
  totalreturnswap: "trs",
  equityswap: "trs",
  forward: "forward",
  fwd: "forward",
  fxforward: "forward",
};

/** Reads "future", "option", "swap", "trs" or "forward" (and synonyms: futures, IRS, total return swap, fwd). */
export function parsePositionKind(v: Cell, where: string, arg: string): PositionKind {
  const k = typeof v === "string" ? KIND_NAMES[normaliseName(v)] : undefined;
  if (!k) valueError(`${where}: Kind must be one of ${POSITION_KINDS.join(", ")}, got ${quote(v)}`, arg);
  return k;
}

/** Futures and options are held in contracts; swaps, TRS and forwards in notional. */
export function inContracts(kind: PositionKind): boolean {
  return kind === "future" || kind === "option";
}

type Raw = Omit<Position, "kind" | "optionType" | "where" | "price" | "ctd"> & { kind: string; optionType?: string; price?: number };

/**
 * Whether a table is the book's Positions table: its header row names an Asset class (by the column's header or a
 * synonym). LIQUIDITY's own stress layout (Contract, Quantity, Factor) has none, and is read as that.
 */
export function isBookTable(matrix: Matrix): boolean {
  const spec = POSITIONS_COLUMNS.find((c) => c.key === "assetClass")!;
  const names = new Set([spec.header, ...(spec.synonyms ?? [])].map(normaliseName));
  return Array.isArray(matrix) && Array.isArray(matrix[0]) && matrix[0].some((h) => typeof h === "string" && names.has(normaliseName(h)));
}

/** Reads and validates a Positions table (README, "The book: the Positions table"). */
export function readPositions(matrix: Matrix, arg = "Positions"): Position[] {
  const t: Table<Raw> = parseTable<Raw>(matrix, { arg, columns: POSITIONS_COLUMNS, key: "id" });
  return t.rows.map((r, i) => {
    const where = whereRow(t, i);
    const kind = parsePositionKind(r.kind, where, arg);
    const p: Position = { ...r, kind, price: r.price ?? 0, optionType: undefined, where };
    if (!isEmpty(r.optionType)) p.optionType = parseOptionKind(r.optionType, `${where}: Option type`);
    if (inContracts(kind) && !(p.price > 0))
      valueError(`${where}: Price must be a positive number for a ${kind}, got ${quote(r.price)}`, arg);
    if (kind === "option" && p.delta === undefined) {
      const missing: string[] = [];
      if (!p.optionType) missing.push("Option type");
      if (p.strike === undefined) missing.push("Strike");
      if (p.vol === undefined) missing.push("Vol");
      if (p.expiry === undefined && p.years === undefined) missing.push("Expiry or Years");
      if (missing.length > 0) valueError(`${where}: an option needs a Delta, or ${missing.join(", ")} for its model`, arg);
    }
    if (kind !== "option" && (p.optionType !== undefined || p.strike !== undefined)) {
      valueError(`${where}: Option type and Strike apply to options only (Kind is ${kind})`, arg);
    }
    if (p.conversionFactor !== undefined) {
      if (kind !== "future") valueError(`${where}: Conversion factor applies to bond futures only (Kind is ${kind})`, arg);
      // Fixed rate (Coupon), Years and Yield are the cheapest-to-deliver's; the DV01 is its, a typed one checked against it.
      p.ctd = readCtdFuture(
        {
          instrument: p.instrument,
          coupon: p.fixedRate,
          years: p.years,
          yld: p.dividendYield,
          frequency: p.frequency,
          conversionFactor: p.conversionFactor,
          multiplier: p.multiplier,
          dv01: p.dv01,
        },
        where,
        "future with a Conversion factor (valued through its cheapest-to-deliver)",
        arg,
      );
      p.dv01 = ctdFutureDv01(p.ctd);
    }
    return p;
  });
}
