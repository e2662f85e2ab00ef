/**
 * Implementation cost of an exposure held through futures against the same exposure bought physically.
 *
 *   Physical: trading cost = N x physicalBps / 10^4   (in and out: the round trip)
 *             holding cost = 0                         (costs common to both routes, custody and management
 *                                                       fees, are left out: only the difference matters)
 *             capital      = N                         (the exposure is paid for in full)
 *   Futures:  trading cost = N x futuresBps / 10^4     (the round trip)
 *             holding cost = N x rollBps / 10^4 x years
 *                 rollBps: the cost of rolling, bp of notional a year: the roll trades plus the futures'
 *                 richness over fair value (implied financing above cash). Default 4 x futuresBps (four
 *                 quarterly rolls, each a round trip in the futures). Negative when rolling earns.
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
  /** Annual roll cost in bp of notional; undefined for the default 4 x futuresBps. */
  rollBps?: number;
}

export interface RouteCost {
  route: "Physical" | "Futures" | "Difference";
  tradingCost: number;
  holdingCost: number;
  totalCost: number;
  capitalRequired: number;
}

export const DEFAULT_ROLLS_PER_YEAR = 4;

export function costCompare(x: CostInputs): RouteCost[] {
  const bp = x.notional / 1e4;
  const roll = x.rollBps ?? DEFAULT_ROLLS_PER_YEAR * x.futuresBps;
  const physical: RouteCost = {
    route: "Physical",
    tradingCost: bp * x.physicalBps,
    holdingCost: 0,
    totalCost: bp * x.physicalBps,
    capitalRequired: x.notional,
  };
  const trading = bp * x.futuresBps;
  const holding = bp * roll * x.years;
  const futures: RouteCost = {
    route: "Futures",
    tradingCost: trading,
    holdingCost: holding,
    totalCost: trading + holding,
    capitalRequired: x.notional * x.marginRate,
  };
  const difference: RouteCost = {
    route: "Difference",
    tradingCost: futures.tradingCost - physical.tradingCost,
    holdingCost: futures.holdingCost - physical.holdingCost,
    totalCost: futures.totalCost - physical.totalCost,
    capitalRequired: futures.capitalRequired - physical.capitalRequired,
  };
  const rows = [physical, futures, difference];
  for (const r of rows) {
    for (const v of [r.tradingCost, r.holdingCost, r.totalCost, r.capitalRequired]) {
      if (!Number.isFinite(v)) numError("costcompare: the costs are too large to compute (overflow)");
    }
  }
  return rows;
}
