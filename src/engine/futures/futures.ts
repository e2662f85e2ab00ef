/**
 * Futures used by the overlay, one per asset class, and beta-adjusted contract sizing.
 *
 *   contract value (base currency) = price x multiplier x fx
 *   contracts for exposure E        = E x beta / contract value                (ARCHITECTURE.md)
 *   exposure of n contracts         = n x contract value / beta
 * Beta is the asset class's beta to the future's underlying; fx is base currency per contract currency.
 *
 * Sizing by risk (rate futures): when the future states its DV01 (per contract per 1bp, contract currency) and
 * its class a Duration D (years), the beta is the duration ratio of Hull's duration-based hedge ratio
 * (Hull, Options, Futures, and Other Derivatives, ch. 6, N* = P D_P / (V_F D_F) with V_F D_F x 1bp = DV01):
 *   beta = D x 1bp x price x multiplier / DV01        so  contracts = E x D x 1bp / (DV01 x fx)
 * and every formula above (contracts, exposure, notional / beta) then sizes by DV01.
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
  where: string;
}

/** The futures of a plan, index-aligned with plan.classes (undefined where a class has none). */
export type ClassFutures = readonly (FutureSpec | undefined)[];

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
    key: "dv01",
    header: "DV01",
    synonyms: ["PV01", "BPV"],
    type: "number",
    optional: true,
    rule: { min: 0, minExclusive: true, max: 1e12 },
  },
];

/**
 * Reads a Futures table; with a plan, every row's asset class must be one of the plan's, and a future with a
 * DV01 in a class with a Duration is sized by DV01 (its beta is the duration ratio; a typed Beta as well is an error).
 */
export function readFutures(matrix: Matrix, plan?: Plan, arg = "Futures"): FutureSpec[] {
  const t = parseTable<Omit<FutureSpec, "where" | "sizing" | "beta"> & { beta?: number }>(matrix, {
    arg,
    columns: FUTURES_COLUMNS,
    key: "assetClass",
  });
  return t.rows.map((r, i) => {
    const where = whereRow(t, i);
    const f: FutureSpec = { ...r, beta: r.beta ?? 1, sizing: "beta", where };
    if (!plan) return f;
    const k = plan.index.get(normaliseName(r.assetClass));
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
}

/** Futures for each class of the plan (index-aligned), undefined where a class has none: align once, pass down. */
export function futuresByClass(plan: Plan, futures: readonly FutureSpec[]): ClassFutures {
  const result = new Array<FutureSpec | undefined>(plan.classes.length).fill(undefined);
  for (const f of futures) {
    const i = plan.index.get(normaliseName(f.assetClass));
    if (i !== undefined) result[i] = f;
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
