/**
 * Completion portfolios: OVERLAY.FACTOREXPOSURE, OVERLAY.COMPLETION.
 * Thin: parse the arguments, call the engine, lay out the spill.
 */
import { argMatrix, argNumber, isEmpty } from "../../engine/core/cells";
import { CompletionResult, completion as completionEngine } from "../../engine/completion/completion";
import { factorExposures } from "../../engine/completion/exposure";
import { readHoldings, readLoadings, readSpecificRisk, readTargets } from "../../engine/completion/factorModel";
import { run, spill } from "../excel";
import { FunctionDef, entry } from "../def";

/**
 * Factor exposures of holdings: the holdings-weighted sum of the securities' loadings, per factor (weights are not rescaled).
 * @customfunction FACTOREXPOSURE
 * @param {any[][]} holdings Holdings table with headers: Security, Weight (decimals). Every security must have a row in loadings.
 * @param {any[][]} loadings Loadings table: Security, then one column per factor (each header names a factor; loadings are numbers within +-1e6).
 * @returns {any[][]} Table: Factor, Exposure.
 */
export function factorExposure(holdings: any[][], loadings: any[][]) {
  return run(() => {
    const L = readLoadings(argMatrix(loadings, "loadings"));
    const H = readHoldings(argMatrix(holdings, "holdings"), L);
    return spill(
      ["Factor", "Exposure"],
      factorExposures(H, L).map((f) => [f.factor, f.exposure]),
    );
  });
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
export function completion(
  holdings: any[][],
  loadings: any[][],
  targets: any[][],
  budget?: any,
  maxWeight?: any,
  turnover?: any,
  specificRisk?: any[][],
) {
  return run(() => completionLayout(completionResult(holdings, loadings, targets, budget, maxWeight, turnover, specificRisk)));
}

/** OVERLAY.COMPLETION's typed half: the arguments parsed, the engine's sleeve and factor gaps. */
export function completionResult(
  holdings: any[][],
  loadings: any[][],
  targets: any[][],
  budget?: any,
  maxWeight?: any,
  turnover?: any,
  specificRisk?: any[][],
): CompletionResult & { budget: number; maxWeight: number } {
  const L = readLoadings(argMatrix(loadings, "loadings"));
  const H = readHoldings(argMatrix(holdings, "holdings"), L);
  const T = readTargets(argMatrix(targets, "targets"), L);
  const b = argNumber(budget, "budget", { default: 0.1, min: 0, minExclusive: true, max: 1 });
  const u = argNumber(maxWeight, "maxWeight", { default: b, min: 0, minExclusive: true, max: 1 });
  const lambda = argNumber(turnover, "turnover", { default: 0, min: 0, max: 1e6 });
  const risk = isOmitted(specificRisk) ? undefined : readSpecificRisk(argMatrix(specificRisk, "specificRisk"), L);
  const r = completionEngine({ loadings: L, holdings: H, targets: T, budget: b, maxWeight: u, turnover: lambda, specificRisk: risk });
  return { ...r, budget: b, maxWeight: u };
}

/** The spill of OVERLAY.COMPLETION: the sleeve (Security, Weight, Total), a blank row, the factor gaps. */
export function completionLayout(r: CompletionResult) {
  const total = r.weights.reduce((s, c) => s + c, 0);
  const blank = (cells: unknown[]) => [...cells, ...new Array(5 - cells.length).fill("")];
  return [
    blank(["Security", "Weight"]),
    ...r.securities.map((s, i) => blank([s, r.weights[i]])),
    blank(["Total", total]),
    blank([]),
    ...spill(
      ["Factor", "Before", "After", "Target", "Gap"],
      r.factors.map((f) => [f.factor, f.before, f.after, f.target ?? "", f.gap ?? ""]),
    ),
  ];
}

function isOmitted(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (!Array.isArray(v)) return isEmpty(v);
  return (v as unknown[]).every((row) => (Array.isArray(row) ? row.every(isEmpty) : isEmpty(row)));
}

export const COMPLETION_FUNCTIONS: FunctionDef[] = [
  entry("FACTOREXPOSURE", factorExposure, "holdings#, loadings#"),
  entry("COMPLETION", completion, "holdings#, loadings#, targets#, [budget], [maxWeight], [turnover], [specificRisk#]", completionResult),
];
