/**
 * Futures used by the overlay, one per asset class, and beta-adjusted contract sizing.
 *
 *   contract value (base currency) = price x multiplier x fx
 *   contracts for exposure E        = E x beta / contract value                (ARCHITECTURE.md)
 *   exposure of n contracts         = n x contract value / beta
 * Beta is the asset class's beta to the future's underlying; fx is base currency per contract currency.
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
  where: string;
}

const POSITIVE = { min: 0, minExclusive: true, max: 1e15 };

export const FUTURES_COLUMNS: readonly ColumnSpec[] = [
  { key: "assetClass", header: "Asset class", synonyms: ["Asset", "Class", "Sleeve"], type: "text" },
  { key: "contract", header: "Contract", synonyms: ["Future", "Ticker", "Instrument"], type: "text" },
  { key: "price", header: "Price", synonyms: ["Futures price", "Level", "Last"], type: "number", rule: POSITIVE },
  { key: "multiplier", header: "Multiplier", synonyms: ["Mult", "Point value", "Contract size", "Size"], type: "number", rule: POSITIVE },
  { key: "beta", header: "Beta", type: "number", optional: true, default: 1, rule: { min: 0, minExclusive: true, max: 100 } },
  { key: "fx", header: "FX", synonyms: ["FX rate", "Currency rate"], type: "number", optional: true, default: 1, rule: POSITIVE },
  { key: "margin", header: "Margin", synonyms: ["Initial margin", "IM"], type: "number", optional: true, rule: { min: 0, max: 1e15 } },
];

/** Reads a Futures table; with a plan, every row's asset class must be one of the plan's. */
export function readFutures(matrix: Matrix, plan?: Plan, arg = "Futures"): FutureSpec[] {
  const t = parseTable<Omit<FutureSpec, "where">>(matrix, { arg, columns: FUTURES_COLUMNS, key: "assetClass" });
  return t.rows.map((r, i) => {
    const f = r as FutureSpec;
    f.where = whereRow(t, i);
    if (plan && !plan.index.has(normaliseName(r.assetClass)))
      valueError(`${f.where}: asset class '${r.assetClass}' is not in the portfolio`);
    return f;
  });
}

const byClassCache = new WeakMap<FutureSpec[], { plan: Plan; result: (FutureSpec | undefined)[] }>();

/**
 * Futures for each class of the plan (index-aligned), undefined where a class has none.
 * Cached per (plan, futures) pair: a rebalance asks for it at every step.
 */
export function futuresByClass(plan: Plan, futures: FutureSpec[]): (FutureSpec | undefined)[] {
  const hit = byClassCache.get(futures);
  if (hit && hit.plan === plan) return hit.result;
  const result = new Array<FutureSpec | undefined>(plan.classes.length).fill(undefined);
  for (const f of futures) {
    const i = plan.index.get(normaliseName(f.assetClass));
    if (i !== undefined) result[i] = f;
  }
  byClassCache.set(futures, { plan, result });
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

export function sizeContracts(exposure: number, f: FutureSpec, rounding: RoundingMode): Sizing {
  const n = roundContracts(contractsFor(exposure, f), rounding);
  const got = exposureOf(n, f);
  return { contracts: n, notional: n * contractValue(f), exposure: got, residual: exposure - got };
}
