/**
 * Liquidity of the overlay under stress: OVERLAY.LIQUIDITY.
 * Thin: parse the arguments, call the engine, lay out the spill.
 */
import { argMatrix } from "../../engine/core/cells";
import {
  ExhaustingShock,
  liquidity as liquidityEngine,
  readCollateral,
  readPositions,
  readScenarios,
} from "../../engine/leverage/liquidity";
import { run, spill } from "../excel";
import { FunctionDef, entry } from "../def";

function exhaustRow(label: string, x: ExhaustingShock, available: number) {
  const c = x.call;
  const coverage = c && c.need > 0 ? available / c.need : undefined;
  return [
    label,
    c ? c.variationMargin : "",
    c ? c.initialMargin : "",
    c ? c.need : "",
    available,
    coverage !== undefined && Number.isFinite(coverage) ? coverage : "",
    x.status,
    x.lastTier ?? "",
    x.shock ?? "",
  ];
}

/**
 * Liquidity stress: margin calls under each scenario against the collateral, tier by tier after haircuts. Loss of a position: Quantity x DV01 x shock (bp) for a rate factor (rows with DV01), -Quantity x Price x Multiplier x shock (a return) otherwise. Variation margin = net loss; Initial margin = |Quantity| x Margin (x the scenario's optional IM multiplier); Need = IM + max(0, VM); Available = Value x (1 - Haircut) summed; Coverage = Available / Need. Two rows at the end give the parallel rate rise (bp) and the equity fall (decimal, 0.35 = 35%, applied to every return factor) that would exhaust the collateral, in the Shock column.
 * @customfunction LIQUIDITY
 * @param {any[][]} positions Positions table: Contract, Quantity (negative = short), Price, Multiplier, Margin (initial margin per unit), Factor (the scenario column that drives it); optional DV01 (per unit per bp, positive for long duration).
 * @param {any[][]} collateral Collateral table: Asset, Value (>= 0); optional Haircut (decimal, default 0), Tier (1 drawn first; default 1).
 * @param {any[][]} scenarios Scenarios table: Scenario, then one column per factor (rate factors in bp, +250 = rates up 2.5%; return factors as returns, -0.3 = a 30% fall); optional IM multiplier (default 1).
 * @returns {any[][]} Table: Scenario, Variation margin, Initial margin, Need, Available, Coverage, Status (covered/short), Last tier (the tier the need reaches), Shock; then the rows "Rate rise to exhaust (bp)" and "Equity fall to exhaust".
 */
export function liquidity(positions: any[][], collateral: any[][], scenarios: any[][]) {
  return run(() => {
    const book = readPositions(argMatrix(positions, "positions"));
    const coll = readCollateral(argMatrix(collateral, "collateral"));
    const sc = readScenarios(argMatrix(scenarios, "scenarios"), book);
    const r = liquidityEngine(book, coll, sc);
    return spill(
      ["Scenario", "Variation margin", "Initial margin", "Need", "Available", "Coverage", "Status", "Last tier", "Shock"],
      [
        ...r.scenarios.map((s) => [
          s.scenario,
          s.variationMargin,
          s.initialMargin,
          s.need,
          s.available,
          s.coverage ?? "",
          s.status,
          s.lastTier ?? "",
          "",
        ]),
        exhaustRow("Rate rise to exhaust (bp)", r.rateRise, r.available),
        exhaustRow("Equity fall to exhaust", r.equityFall, r.available),
      ],
    );
  });
}

export const LIQUIDITY_FUNCTIONS: FunctionDef[] = [entry("LIQUIDITY", liquidity, "positions#, collateral#, scenarios#")];
