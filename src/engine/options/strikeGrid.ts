/**
 * Listed strikes: exchanges list option strikes on a grid (Cboe SPX: 5 points near the money; CME E-mini
 * S&P 500 options: 5 points), so a solved strike (a zero-cost call at 6,448.397) is rounded to the nearest
 * listed one, and the premium that the rounding leaves is reported beside it.
 *   listed(K) = step x round(K / step)
 */
export function listedStrike(strike: number, step: number): number {
  const k = Math.round(strike / step) * step;
  // Keep the grid's own decimals (step 0.5 -> 6448.5, not 6448.499999).
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(k.toFixed(Math.min(decimals, 10)));
}

export function isListed(strike: number, step: number): boolean {
  return Math.abs(listedStrike(strike, step) - strike) <= 1e-9 * Math.max(1, strike);
}
