/**
 * Batch kernels for the options benchmark (issue 12: they are benchmark-only, so they live here, not in the
 * engine): the engine's own scalar kernels looped over Float64Arrays. No third copy of the formula: a batch
 * and a cell give the same numbers because they are the same function.
 */
import { bsmKernel, bsmPriceKernel } from "../src/engine/options/blackScholes";
import { impliedVolKernel } from "../src/engine/options/impliedVol";

/** Inputs of a batch: one entry per option. type is +1 for a call, -1 for a put. */
export interface OptionBatch {
  type: Float64Array | Int8Array;
  spot: Float64Array;
  strike: Float64Array;
  years: Float64Array;
  rate: Float64Array;
  yield: Float64Array;
  vol: Float64Array;
}

/** Outputs of a batch: one array per measure, the same length as the inputs. */
export interface GreeksArrays {
  price: Float64Array;
  delta: Float64Array;
  gamma: Float64Array;
  vega: Float64Array;
  theta: Float64Array;
  rho: Float64Array;
  dividendRho: Float64Array;
}

export function greeksArrays(n: number): GreeksArrays {
  return {
    price: new Float64Array(n),
    delta: new Float64Array(n),
    gamma: new Float64Array(n),
    vega: new Float64Array(n),
    theta: new Float64Array(n),
    rho: new Float64Array(n),
    dividendRho: new Float64Array(n),
  };
}

/** Price and all Greeks of every option of the batch, through the engine's kernel. */
export function bsmBatch(inp: OptionBatch, out: GreeksArrays, n = inp.spot.length): void {
  const { type, spot, strike, years, rate, yield: q, vol } = inp;
  for (let i = 0; i < n; i++) {
    const g = bsmKernel(type[i], spot[i], strike[i], years[i], rate[i], q[i], vol[i]);
    out.price[i] = g.price;
    out.delta[i] = g.delta;
    out.gamma[i] = g.gamma;
    out.vega[i] = g.vega;
    out.theta[i] = g.theta;
    out.rho[i] = g.rho;
    out.dividendRho[i] = g.dividendRho;
  }
}

/** Prices of every option of the batch. */
export function bsmPriceBatch(inp: OptionBatch, out: Float64Array, n = inp.spot.length): void {
  const { type, spot, strike, years, rate, yield: q, vol } = inp;
  for (let i = 0; i < n; i++) out[i] = bsmPriceKernel(type[i], spot[i], strike[i], years[i], rate[i], q[i], vol[i]);
}

/** Implied vols of a batch of prices into out (NaN where a price is outside its bounds). */
export function impliedVolBatch(inp: OptionBatch, price: Float64Array, out: Float64Array, n = price.length): void {
  const { type, spot, strike, years, rate, yield: q } = inp;
  for (let i = 0; i < n; i++) out[i] = impliedVolKernel(type[i], price[i], spot[i], strike[i], years[i], rate[i], q[i]);
}
