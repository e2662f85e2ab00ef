/**
 * Completion portfolios: OVERLAY.FACTOREXPOSURE, OVERLAY.COMPLETION.
 * Thin: parse the arguments, call the engine, lay out the spill. Loaded on first use, as a chunk of its own:
 * the JSDoc'd functions Excel sees, and the registry entries, are in catalogue/completion.ts.
 */
import { argMatrix, argNumber, isEmpty } from "../../engine/core/cells";
import { CompletionResult, completion as completionEngine } from "../../engine/completion/completion";
import { factorExposures } from "../../engine/completion/exposure";
import { readHoldings, readLoadings, readSpecificRisk, readTargets } from "../../engine/completion/factorModel";
import { run, spill } from "../excel";

/** OVERLAY.FACTOREXPOSURE: its JSDoc (the function reference) is in catalogue/completion.ts. */
export function factorExposure(...args: Parameters<typeof factorExposureResult>) {
  return run(() =>
    spill(
      ["Factor", "Exposure"],
      factorExposureResult(...args).map((f) => [f.factor, f.exposure]),
    ),
  );
}

/** OVERLAY.FACTOREXPOSURE's typed half: the exposure per factor. */
export function factorExposureResult(holdings: any[][], loadings: any[][]) {
  const L = readLoadings(argMatrix(loadings, "loadings"));
  const H = readHoldings(argMatrix(holdings, "holdings"), L);
  return factorExposures(H, L);
}

/** OVERLAY.COMPLETION: its JSDoc (the function reference) is in catalogue/completion.ts. */
export function completion(...args: Parameters<typeof completionResult>) {
  return run(() => completionLayout(completionResult(...args)));
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
