/**
 * Implementation cost of an exposure held through futures against the same exposure bought physically.
 *
 *   Physical: trading cost = N x physicalBps / 10^4   (in and out: the round trip)
 *             holding cost = 0                         (costs common to both routes, custody and management
 *                                                       fees, are left out: only the difference matters)
 *             capital      = N                         (the exposure is paid for in full)
 *   Futures:  trading cost = N x futuresBps / 10^4     (the round trip)
 *             holding cost = roll trades + financing over cash
 *                 roll trades = N x rollBps / 10^4 x years; rollBps default rollsPerYear x futuresBps
 *                               (each roll a round trip in the futures; 4 quarterly rolls by default)
 *                 financing   = N x financingBps / 10^4 x years: the futures' implied financing over the
 *                               cash rate, the richness of the calendar spread (src/engine/futures/roll.ts,
 *                               OVERLAY.ROLLCOST's "Over cash"). CME Group's comparison of futures with an
 *                               ETF ("Comparing the costs of futures and ETFs") finds it is the term that
 *                               dominates beyond a few months; 0 when not given. Negative when rolling earns.
 *             capital      = N x marginRate            (initial margin; the rest stays in cash)
 *   Difference = futures - physical (negative: the futures route costs less / ties up less capital).
 */
import { numError } from "../core/errors";

export interface CostInputs {
  notional: number;
  physicalBps: number;
  futuresBps: number;
  /** Initial margin as a fraction of notional. */
  marginRate: number;
  years: number;
  /** Annual cost of the roll trades in bp of notional; undefined for rollsPerYear x futuresBps. */
  rollBps?: number;
  /** Implied financing over cash, bp a year (the calendar spread's richness). Default 0. */
  financingBps?: number;
  /** Rolls a year for the default rollBps. Default 4. */
  rollsPerYear?: number;
}

export interface RouteCost {
  route: "Physical" | "Futures" | "Difference";
  tradingCost: number;
  /** Roll trades over the period (futures only). */
  rollCost: number;
  /** Implied financing over cash over the period (futures only). */
  financingCost: number;
  /** rollCost + financingCost. */
  holdingCost: number;
  totalCost: number;
  capitalRequired: number;
}

export const DEFAULT_ROLLS_PER_YEAR = 4;

export function costCompare(x: CostInputs): RouteCost[] {
  const bp = x.notional / 1e4;
  const roll = x.rollBps ?? (x.rollsPerYear ?? DEFAULT_ROLLS_PER_YEAR) * x.futuresBps;
  const financing = x.financingBps ?? 0;
  const physical: RouteCost = {
    route: "Physical",
    tradingCost: bp * x.physicalBps,
    rollCost: 0,
    financingCost: 0,
    holdingCost: 0,
    totalCost: bp * x.physicalBps,
    capitalRequired: x.notional,
  };
  const trading = bp * x.futuresBps;
  const rollCost = bp * roll * x.years;
  const financingCost = bp * financing * x.years;
  const holding = rollCost + financingCost;
  const futures: RouteCost = {
    route: "Futures",
    tradingCost: trading,
    rollCost,
    financingCost,
    holdingCost: holding,
    totalCost: trading + holding,
    capitalRequired: x.notional * x.marginRate,
  };
  const difference: RouteCost = {
    route: "Difference",
    tradingCost: futures.tradingCost - physical.tradingCost,
    rollCost: futures.rollCost,
    financingCost: futures.financingCost,
    holdingCost: futures.holdingCost - physical.holdingCost,
    totalCost: futures.totalCost - physical.totalCost,
    capitalRequired: futures.capitalRequired - physical.capitalRequired,
  };
  const rows = [physical, futures, difference];
  for (const r of rows) {
    for (const v of [r.tradingCost, r.rollCost, r.financingCost, r.holdingCost, r.totalCost, r.capitalRequired]) {
      if (!Number.isFinite(v)) numError("costcompare: the costs are too large to compute (overflow)");
    }
  }
  return rows;
}
