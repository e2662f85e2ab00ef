/**
 * Liquidity of the overlay under stress: OVERLAY.LIQUIDITY, OVERLAY.LADDER, OVERLAY.RESILIENCE.
 * The bodies (areas/liquidity.ts) load on first use, as a chunk of their own, so the functions bundle Excel loads
 * with the workbook stays small; what Excel sees (the JSDoc) and the registry entries are here. Each has a typed half (…Result) for workflows.
 */
import type * as Area from "../areas/liquidity";
import { lazyArea } from "../excel";
import { FunctionDef, entry } from "../def";

const area = lazyArea("liquidity", () => import(/* webpackChunkName: "liquidity" */ "../areas/liquidity"));

/**
 * Liquidity stress with full revaluation: every position repriced under each scenario (bonds, swaps and Treasury futures through the CTD from their cash flows, options with Black-Scholes-Merton, futures from their underlying; rows with only a DV01 are linear), the collateral revalued with stressed haircuts, and the margin calls met through the ladder (VM in cash for futures, cash or CSA-eligible securities for swaps; IM from eligible assets). Two rows at the end give the parallel rate rise (bp) and the equity fall (decimal) that exhaust the collateral, found by root-finding on the full revaluation.
 * @customfunction LIQUIDITY
 * @param {any[][]} positions Positions table: Contract, Quantity, Factor; optional Kind (future, forward, bond, swap, tfuture, option, linear), Price, Multiplier, Margin, DV01, FX, FX factor, Spread factor, Vol factor, Coupon, Years, Yield, Frequency, Conversion factor, Option type, Strike, Vol, Rate, VM (cash or CSA). The book's Positions table is read as it is.
 * @param {any[][]} collateral Collateral table: Asset, Value; optional Haircut, Tier, Eligible (VM, CSA, IM, all, none), Days to cash, Posted (already posted as IM), Factor, Spread factor, FX factor, Coupon, Years, Yield (bonds are revalued).
 * @param {any[][]} scenarios Scenarios table: Scenario, then one column per factor (rates and spreads in bp, by key tenor as 'Rates 10y' or parallel; returns as decimals; vol factors in vol points); optional IM multiplier, Haircut multiplier.
 * @returns {any[][]} Table: Scenario, Variation margin, Linear VM, Initial margin, Posted IM, Need, Available, Coverage, Status, Covered by, Last tier, Shock; then the rows "Rate rise to exhaust (bp)" and "Equity fall to exhaust".
 */
export async function liquidity(positions: any[][], collateral: any[][], scenarios: any[][]) {
  return (await area()).liquidity(positions, collateral, scenarios);
}

/**
 * Liquidity ladder: per scenario, the margin calls (cash VM, CSA VM, IM top-up) against what the collateral raises by T+0, T+1, T+3 and T+5 (eligible assets at once, others after their days to cash), the shortfall and the spare collateral: the replenishment path.
 * @customfunction LADDER
 * @param {any[][]} positions Positions table, as for OVERLAY.LIQUIDITY.
 * @param {any[][]} collateral Collateral table, as for OVERLAY.LIQUIDITY.
 * @param {any[][]} scenarios Scenarios table, as for OVERLAY.LIQUIDITY.
 * @returns {any[][]} Table: Scenario, Day, Cash VM, CSA VM, IM top-up, Met, Shortfall, Spare, Last tier.
 */
export async function ladder(positions: any[][], collateral: any[][], scenarios: any[][]) {
  return (await area()).ladder(positions, collateral, scenarios);
}

/**
 * Resilience: the buffer in bp of parallel rate rise the collateral absorbs (full revaluation, root-finding), against TPR's requirement (market stress buffer of at least 250bp plus an operational buffer, April 2023); the largest scale of the rate hedge, hedge ratio and leverage the collateral sustains at that buffer; the rate rises at which to top up and to deleverage, the cash to top up, and the trades for each.
 * @customfunction RESILIENCE
 * @param {any[][]} positions Positions table, as for OVERLAY.LIQUIDITY.
 * @param {any[][]} collateral Collateral table, as for OVERLAY.LIQUIDITY.
 * @param {any} [hedgeRatio] Hedge ratio today (decimal, 0.8 = 80%), for the maximum hedge ratio.
 * @param {any} [leverage] Leverage today (1.3 = 130%), for the maximum leverage (with nav).
 * @param {any} [nav] Net asset value, base currency.
 * @param {any} [marketBp] Market stress buffer, bp (at least 250, TPR's minimum; default 250).
 * @param {any} [operationalBp] Operational buffer, bp (default 100, TPR's example).
 * @returns {any[][]} Table: Metric, Value, Note; then, after an empty row, Trigger, Position, Quantity, Trade, After.
 */
export async function resilienceFn(
  positions: any[][],
  collateral: any[][],
  hedgeRatio?: any,
  leverage?: any,
  nav?: any,
  marketBp?: any,
  operationalBp?: any,
) {
  return (await area()).resilienceFn(positions, collateral, hedgeRatio, leverage, nav, marketBp, operationalBp);
}

export const LIQUIDITY_FUNCTIONS: FunctionDef[] = [
  entry("LIQUIDITY", liquidity, "positions#, collateral#, scenarios#", async (...a: Parameters<typeof Area.liquidityResult>) =>
    (await area()).liquidityResult(...a),
  ),
  entry("LADDER", ladder, "positions#, collateral#, scenarios#", async (...a: Parameters<typeof Area.ladderResult>) =>
    (await area()).ladderResult(...a),
  ),
  entry(
    "RESILIENCE",
    resilienceFn,
    "positions#, collateral#, [hedgeRatio], [leverage], [nav], [marketBp], [operationalBp]",
    async (...a: Parameters<typeof Area.resilienceResult>) => (await area()).resilienceResult(...a),
  ),
];
