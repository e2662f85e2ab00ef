/**
 * Futures used by the overlay, one per asset class or a basket of several, and beta-adjusted contract sizing.
 *
 *   contract value (base currency) = price x multiplier x fx
 *   contracts for exposure E        = E x beta / contract value                (README, Conventions)
 *   exposure of n contracts         = n x contract value / beta
 * Beta is the asset class's beta to the future's underlying; fx is base currency per contract currency.
 *
 * Sizing by risk (rate futures): when the future states its DV01 (per contract per 1bp, contract currency) and
 * its class a Duration D (years), the beta is the duration ratio of Hull's duration-based hedge ratio
 * (Hull, Options, Futures, and Other Derivatives, ch. 6, N* = P D_P / (V_F D_F) with V_F D_F x 1bp = DV01):
 *   beta = D x 1bp x price x multiplier / DV01        so  contracts = E x D x 1bp / (DV01 x fx)
 * and every formula above (contracts, exposure, notional / beta) then sizes by DV01.
 *
 * Baskets (several futures for one class): each row states its basket Weight w_j (the legs'
 * weights add to 1 per class); an exposure E of the class is sized per leg, each by its own beta or DV01:
 *   contracts_j = E x w_j x beta_j / contract value_j        exposure = sum_j contracts_j x value_j / beta_j
 * (a 60/40 split of EAFE between two country futures is two hedges of 0.6 E and 0.4 E, Hull ch. 3 each).
 */
import { Matrix, normaliseName } from "../core/cells";
import { numError, valueError } from "../core/errors";
import { RoundingMode, roundContracts } from "../core/rounding";
import { ColumnSpec, parseTable, whereRow } from "../core/table";
import { Plan } from "../portfolio/portfolio";

export interface FutureSpec {
  assetClass: string;
  contract: string;
  price: number;
  multiplier: number;
  beta: number;
  fx: number;
  /** Initial margin per contract, contract currency; undefined when not given. */
  margin?: number;
  /** DV01 per contract per 1bp, contract currency, when given. */
  dv01?: number;
  /** "dv01" when the beta is the duration ratio (DV01 and the class's Duration), else "beta". */
  sizing: "beta" | "dv01";
  /** Basket weight within its class (1 for a class's only future). */
  weight: number;
  where: string;
}

/** A class's futures: its one future, or a basket whose Weights add to 1. */
export type Basket = readonly FutureSpec[];

/** The futures of a plan, a basket per class, index-aligned with plan.classes (undefined where a class has none). */
export type ClassFutures = readonly (Basket | undefined)[];

/** Whole contracts per class, one per future of its basket (index-aligned); null where a class trades no future. */
export type ClassContracts = (number[] | null)[];

const POSITIVE = { min: 0, minExclusive: true, max: 1e15 };

export const FUTURES_COLUMNS: readonly ColumnSpec[] = [
  { key: "assetClass", header: "Asset class", synonyms: ["Asset", "Class", "Sleeve"], type: "text" },
  { key: "contract", header: "Contract", synonyms: ["Future", "Ticker", "Instrument"], type: "text" },
  { key: "price", header: "Price", synonyms: ["Futures price", "Level", "Last"], type: "number", rule: POSITIVE },
  { key: "multiplier", header: "Multiplier", synonyms: ["Mult", "Point value", "Contract size", "Size"], type: "number", rule: POSITIVE },
  { key: "beta", header: "Beta", type: "number", optional: true, rule: { min: 0, minExclusive: true, max: 100 } },
  { key: "fx", header: "FX", synonyms: ["FX rate", "Currency rate"], type: "number", optional: true, default: 1, rule: POSITIVE },
  { key: "margin", header: "Margin", synonyms: ["Initial margin", "IM"], type: "number", optional: true, rule: { min: 0, max: 1e15 } },
  {
    key: "weight",
    header: "Weight",
    synonyms: ["Basket weight", "Basket"],
    type: "number",
    optional: true,
    rule: { min: 0, minExclusive: true, max: 1 },
  },
  {
    key: "dv01",
    header: "DV01",
    synonyms: ["PV01", "BPV"],
    type: "number",
    optional: true,
    rule: { min: 0, minExclusive: true, max: 1e12 },
  },
];

/**
 * Reads a Futures table: one future per class, or several (a basket), each row with its basket Weight (adding
 * to 1 per class within 1e-9; a class's only row may leave Weight empty: it carries all of it). A contract
 * appears once. With a plan, every row's asset class must be one of the plan's, and a future with a DV01 in a
 * class with a Duration is sized by DV01 (its beta is the duration ratio; a typed Beta as well is an error).
 */
export function readFutures(matrix: Matrix, plan?: Plan, arg = "Futures"): FutureSpec[] {
  const t = parseTable<Omit<FutureSpec, "where" | "sizing" | "beta" | "weight"> & { beta?: number; weight?: number }>(matrix, {
    arg,
    columns: FUTURES_COLUMNS,
    key: "contract",
  });
  const byClass = new Map<string, { name: string; legs: FutureSpec[]; given: boolean[] }>();
  const futures = t.rows.map((r, i) => {
    const where = whereRow(t, i);
    const f: FutureSpec = { ...r, beta: r.beta ?? 1, sizing: "beta", weight: r.weight ?? 1, where };
    const name = normaliseName(r.assetClass);
    const b = byClass.get(name) ?? { name: r.assetClass, legs: [], given: [] };
    b.legs.push(f);
    b.given.push(r.weight !== undefined);
    byClass.set(name, b);
    if (!plan) return f;
    const k = plan.index.get(name);
    if (k === undefined) valueError(`${where}: asset class '${r.assetClass}' is not in the portfolio`, arg);
    const duration = plan.classes[k].duration;
    if (r.dv01 !== undefined && duration !== undefined) {
      if (r.beta !== undefined) {
        valueError(
          `${where}: Beta and DV01 are both given for a class with a Duration: the DV01 sizes the contracts (leave Beta empty)`,
          arg,
        );
      }
      f.beta = (duration * 1e-4 * r.price * r.multiplier) / r.dv01;
      f.sizing = "dv01";
      if (!(f.beta > 0 && f.beta <= 1e6))
        numError(`${where}: the duration ratio ${f.beta} (Duration x 1bp x price x multiplier / DV01) is out of range`, arg);
    }
    return f;
  });
  for (const b of byClass.values()) {
    if (b.legs.length === 1) {
      const f = b.legs[0];
      if (f.weight !== 1) valueError(`${f.where}: Weight ${f.weight}: the class's only future carries all of it (Weight 1 or empty)`, arg);
      continue;
    }
    const j = b.given.indexOf(false);
    if (j >= 0) valueError(`${b.legs[j].where}: '${b.name}' has ${b.legs.length} futures: each needs its basket Weight`, arg);
    const sum = b.legs.reduce((x, f) => x + f.weight, 0);
    if (Math.abs(sum - 1) > 1e-9) {
      valueError(
        `Futures '${b.name}': the basket Weights add to ${+sum.toFixed(12)} (${b.legs.map((f) => f.weight).join(" + ")}); they must add to 1`,
        arg,
      );
    }
  }
  return futures;
}

/** Each class's basket of futures (index-aligned with plan.classes), undefined where a class has none: align once, pass down. */
export function futuresByClass(plan: Plan, futures: readonly FutureSpec[]): ClassFutures {
  const result = new Array<FutureSpec[] | undefined>(plan.classes.length).fill(undefined);
  for (const f of futures) {
    const i = plan.index.get(normaliseName(f.assetClass));
    if (i !== undefined) (result[i] ??= []).push(f);
  }
  return result;
}

export function contractValue(f: Pick<FutureSpec, "price" | "multiplier" | "fx">): number {
  return f.price * f.multiplier * f.fx;
}

/** Fractional contracts for an exposure (base currency). */
export function contractsFor(exposure: number, f: Pick<FutureSpec, "price" | "multiplier" | "fx" | "beta"> & { where?: string }): number {
  const value = contractValue(f);
  const n = (exposure * f.beta) / value;
  if (!Number.isFinite(n) || Math.abs(n) > 1e12) {
    numError(
      `${f.where ? `${f.where}: a` : "A"}n exposure of ${exposure} needs more than 1e12 contracts at a contract value (price x multiplier x fx) of ${value}: check price, multiplier and fx`,
    );
  }
  return n;
}

/** Exposure (base currency) of n contracts. */
export function exposureOf(contracts: number, f: Pick<FutureSpec, "price" | "multiplier" | "fx" | "beta">): number {
  return (contracts * contractValue(f)) / f.beta;
}

export interface Sizing {
  contracts: number;
  /** Futures notional, base currency: contracts x contract value. */
  notional: number;
  /** Exposure the contracts give: notional / beta. */
  exposure: number;
  /** Requested exposure not covered by the rounded contracts. */
  residual: number;
}

export function sizeContracts(
  exposure: number,
  f: Pick<FutureSpec, "price" | "multiplier" | "fx" | "beta" | "where">,
  rounding: RoundingMode,
): Sizing {
  const n = roundContracts(contractsFor(exposure, f), rounding);
  const got = exposureOf(n, f);
  return { contracts: n, notional: n * contractValue(f), exposure: got, residual: exposure - got };
}

/** Whole contracts per future for an exposure E of the class (base currency): E x Weight_j each, by its own beta or DV01. */
export function basketContracts(exposure: number, basket: Basket, rounding: RoundingMode): number[] {
  const n = new Array<number>(basket.length);
  for (let j = 0; j < basket.length; j++) n[j] = roundContracts(contractsFor(exposure * basket[j].weight, basket[j]), rounding);
  return n;
}

/** Exposure (base currency) of whole contracts n_j on the legs: sum_j n_j x value_j / beta_j. */
export function basketExposure(basket: Basket, contracts: readonly number[]): number {
  let e = 0;
  for (let j = 0; j < basket.length; j++) e += exposureOf(contracts[j], basket[j]);
  return e;
}

/** A class's contract in words: its one future's name, or its basket's legs with their weights. */
export function basketName(basket: Basket): string {
  if (basket.length === 1) return basket[0].contract;
  return basket.map((f) => `${f.contract} ${+(f.weight * 100).toFixed(6)}%`).join(" + ");
}

/** One future's trade within a class's line: its Weight of the class's trade, in whole contracts. */
export interface LegTrade {
  contract: string;
  weight: number;
  /** The exposure asked of this future (the class's trade x Weight), base currency. */
  asked: number;
  contracts: number;
  /** contracts x contract value, base currency. */
  notional: number;
  /** Exposure the contracts give, base currency. */
  exposure: number;
  /** Initial margin, base currency (0 where the Futures table gives none). */
  margin: number;
}

/** The legs of a class's trade: exposure E asked of the class, n_j whole contracts on its futures. */
export function legTrades(basket: Basket, exposure: number, contracts: readonly number[]): LegTrade[] {
  const legs = new Array<LegTrade>(basket.length);
  for (let j = 0; j < basket.length; j++) {
    const f = basket[j];
    const n = contracts[j];
    const value = f.price * f.multiplier * f.fx;
    legs[j] = {
      contract: f.contract,
      weight: f.weight,
      asked: exposure * f.weight,
      contracts: n,
      notional: n * value,
      exposure: (n * value) / f.beta,
      margin: Math.abs(n) * (f.margin ?? 0) * f.fx,
    };
  }
  return legs;
}

/** One line per future: a class line's legs with its asset class (what becomes a trade ticket). */
export function legRows<L extends { assetClass: string; legs: readonly LegTrade[] }>(
  lines: readonly L[],
): (LegTrade & { assetClass: string })[] {
  return lines.flatMap((l) => l.legs.map((g) => ({ ...g, assetClass: l.assetClass })));
}
