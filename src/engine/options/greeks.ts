/**
 * Price and Greeks of an option position, in QuantLib's conventions (README, Conventions):
 *   delta, gamma per unit of the underlying; vega per 1.00 of volatility; theta per year (the change in
 *   value as one year passes, everything else fixed: negative for a long option most of the time);
 *   rho per 1.00 of the continuous rate; dividend rho per 1.00 of the continuous dividend yield.
 */
export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
  dividendRho: number;
}

export const MEASURES = ["price", "delta", "gamma", "vega", "theta", "rho", "dividendrho"] as const;
export type Measure = (typeof MEASURES)[number];

/** Black-76 has no dividend yield: its measures stop at rho. */
export const BLACK76_MEASURES = ["price", "delta", "gamma", "vega", "theta", "rho"] as const;

export const MEASURE_TITLES: Record<Measure, string> = {
  price: "Price",
  delta: "Delta",
  gamma: "Gamma",
  vega: "Vega",
  theta: "Theta",
  rho: "Rho",
  dividendrho: "Dividend rho",
};

export function measureOf(g: Greeks, m: Measure): number {
  return m === "dividendrho" ? g.dividendRho : g[m];
}

export function zeroGreeks(): Greeks {
  return { price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0, dividendRho: 0 };
}

/** a + q x b, field by field (position Greeks add up). */
export function addScaled(a: Greeks, q: number, b: Greeks): Greeks {
  return {
    price: a.price + q * b.price,
    delta: a.delta + q * b.delta,
    gamma: a.gamma + q * b.gamma,
    vega: a.vega + q * b.vega,
    theta: a.theta + q * b.theta,
    rho: a.rho + q * b.rho,
    dividendRho: a.dividendRho + q * b.dividendRho,
  };
}

export function scaled(q: number, g: Greeks): Greeks {
  return addScaled(zeroGreeks(), q, g);
}
