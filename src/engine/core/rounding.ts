/**
 * Rounding a fractional number of futures contracts to whole contracts.
 *   nearest: half away from zero (Excel's ROUND); down: toward zero (ROUNDDOWN); up: away from zero (ROUNDUP);
 *   none: the fraction as it is.
 * A value within 1e-9 of a whole number is that whole number first, so 20.000000000004 is 20 contracts
 * in every mode (floating-point noise in exposure / contract value must not buy a contract).
 */
export const ROUNDING_MODES = ["nearest", "down", "up", "none"] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

export function roundContracts(x: number, mode: RoundingMode): number {
  if (mode === "none") return x;
  const whole = Math.round(x);
  const y = Math.abs(x - whole) <= 1e-9 * Math.max(1, Math.abs(x)) ? whole : x;
  const a = Math.abs(y);
  const r = mode === "nearest" ? Math.floor(a + 0.5) : mode === "down" ? Math.floor(a) : Math.ceil(a);
  return y < 0 && r !== 0 ? -r : r;
}
