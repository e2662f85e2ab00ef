/**
 * A sum whose result is zero up to rounding reported as exactly zero: |sum| <= 1e-12 x sum of |terms|.
 * For totals that are zero by construction (rebalancing trades, deviations from targets that add up to 1), so a
 * client model shows 0 rather than -9.06E-14.
 */
export function sumSnapped(terms: readonly number[]): number {
  let sum = 0;
  let scale = 0;
  for (const x of terms) {
    sum += x;
    scale += Math.abs(x);
  }
  return Math.abs(sum) <= 1e-12 * scale ? 0 : sum;
}
