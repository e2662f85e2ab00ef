/**
 * Completion portfolios: OVERLAY.FACTOREXPOSURE, OVERLAY.COMPLETION.
 * The bodies (areas/completion.ts) load on first use, as a chunk of their own, so the functions bundle Excel loads
 * with the workbook stays small; what Excel sees (the JSDoc) and the registry entries are here.
 */
import type * as Area from "../areas/completion";
import { lazyArea } from "../excel";
import { FunctionDef, entry } from "../def";

const area = lazyArea("completion portfolio", () => import(/* webpackChunkName: "completion" */ "../areas/completion"));

/**
 * Factor exposures of holdings: the holdings-weighted sum of the securities' loadings, per factor (weights are not rescaled).
 * @customfunction FACTOREXPOSURE
 * @param {any[][]} holdings Holdings table with headers: Security, Weight (decimals). Every security must have a row in loadings.
 * @param {any[][]} loadings Loadings table: Security, then one column per factor (each header names a factor; loadings are numbers within +-1e6).
 * @returns {any[][]} Table: Factor, Exposure.
 */
export async function factorExposure(holdings: any[][], loadings: any[][]) {
  return (await area()).factorExposure(holdings, loadings);
}

/**
 * Completion portfolio: a sleeve c (c >= 0, c <= maxWeight, adding up to budget) that, with the holdings scaled by (1 - budget), minimises the squared gaps between post-trade and target factor exposures + turnover x sum c^2 (+ sum specificRisk^2 x post-trade weight^2 where given).
 * @customfunction COMPLETION
 * @param {any[][]} holdings Holdings table: Security, Weight. The weights are the asset class's current holdings and must add up to 1.
 * @param {any[][]} loadings Loadings table: Security, then one column per factor. Its securities are the sleeve's universe.
 * @param {any[][]} targets Targets table: Factor, Target (target exposure in the loadings' units). Factors without a target are reported, not penalised.
 * @param {any} [budget] Share of the asset class given to the sleeve, 0 < budget <= 1. Default 0.1.
 * @param {any} [maxWeight] Largest sleeve weight of one security (share of the class). Default: the budget (no cap).
 * @param {any} [turnover] Penalty on sum c^2, >= 0. Default 0 (a positive value spreads the sleeve over more names).
 * @param {any[][]} [specificRisk] Specific volatility (decimal): a table Security, Specific risk with every security of loadings, or one number for all. Adds sum of specificRisk^2 x post-trade weight^2.
 * @returns {any[][]} Two blocks: Security, Weight (the sleeve, one row per security of loadings, then Total); a blank row; then Factor, Before, After, Target, Gap (After - Target).
 */
export async function completion(
  holdings: any[][],
  loadings: any[][],
  targets: any[][],
  budget?: any,
  maxWeight?: any,
  turnover?: any,
  specificRisk?: any[][],
) {
  return (await area()).completion(holdings, loadings, targets, budget, maxWeight, turnover, specificRisk);
}

export const COMPLETION_FUNCTIONS: FunctionDef[] = [
  entry("FACTOREXPOSURE", factorExposure, "holdings#, loadings#", async (...a: Parameters<typeof Area.factorExposureResult>) =>
    (await area()).factorExposureResult(...a),
  ),
  entry(
    "COMPLETION",
    completion,
    "holdings#, loadings#, targets#, [budget], [maxWeight], [turnover], [specificRisk#]",
    async (...a: Parameters<typeof Area.completionResult>) => (await area()).completionResult(...a),
  ),
];
