/** Small plans for tests, as the tables a user would type (header row first). Money in base currency. */
export const M = 1_000_000;

/** Plan A, NAV 1,000m: Equity over its range (0.56 > 0.55); everything else inside. */
export const PLAN_A = [
  ["Asset class", "Market value", "Target", "Min", "Max"],
  ["Equity", 560 * M, 0.5, 0.45, 0.55],
  ["Bonds", 300 * M, 0.35, 0.3, 0.4],
  ["Commodities", 60 * M, 0.05, 0.03, 0.07],
  ["Cash", 80 * M, 0.1, 0.05, 0.15],
];

/** Futures for plan A: ES 5000 x 50 = 250,000 a contract; TY 110 x 1000 = 110,000; BCOM 100 x 1000 = 100,000. */
export const FUTURES_A = [
  ["Asset class", "Contract", "Price", "Multiplier"],
  ["Equity", "ES", 5000, 50],
  ["Bonds", "TY", 110, 1000],
  ["Commodities", "BCOM", 100, 1000],
];

/** Plan B, NAV 1,000m: illiquid private equity (proxy Equity) over its range (0.15 > 0.13). */
export const PLAN_B = [
  ["Asset class", "Market value", "Target", "Min", "Max", "Liquid", "Proxy"],
  ["Equity", 450 * M, 0.45, 0.4, 0.5, true, ""],
  ["Bonds", 300 * M, 0.35, 0.3, 0.4, true, ""],
  ["Private equity", 150 * M, 0.1, 0.05, 0.13, false, "Equity"],
  ["Cash", 100 * M, 0.1, 0.05, 0.15, true, ""],
];

export const FUTURES_B = [
  ["Asset class", "Contract", "Price", "Multiplier"],
  ["Equity", "ES", 5000, 50],
  ["Bonds", "TY", 110, 1000],
];
