/**
 * Factor exposures of holdings: the weighted sum of the securities' loadings,
 *   exposure_k = sum_i w_i x L_ik
 * (Grinold & Kahn, Active Portfolio Management, 2nd ed., ch. 3: a portfolio's factor exposures are the
 * holdings-weighted loadings). Weights are not rescaled: holdings adding up to 0.6 give 0.6 of the exposure.
 */
import type { Holding, Loadings } from "./factorModel";

export interface FactorExposure {
  factor: string;
  exposure: number;
}

/** Exposure per factor of the loadings (Float64Array, index-aligned with loadings.factors). */
export function exposureVector(holdings: readonly Holding[], loadings: Loadings): Float64Array {
  const K = loadings.factors.length;
  const e = new Float64Array(K);
  for (const h of holdings) {
    const o = h.row * K;
    for (let k = 0; k < K; k++) e[k] += h.weight * loadings.values[o + k];
  }
  return e;
}

export function factorExposures(holdings: readonly Holding[], loadings: Loadings): FactorExposure[] {
  const e = exposureVector(holdings, loadings);
  return loadings.factors.map((factor, k) => ({ factor, exposure: e[k] }));
}
