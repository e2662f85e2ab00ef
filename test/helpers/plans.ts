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

/** Plan B with a Duration on Bonds (for DV01 sizing and rate positions). */
export const PLAN_BOOK = [
  ["Asset class", "Market value", "Target", "Min", "Max", "Liquid", "Proxy", "Duration"],
  ["Equity", 450 * M, 0.45, 0.4, 0.5, true, "", ""],
  ["Bonds", 300 * M, 0.35, 0.3, 0.4, true, "", 6.5],
  ["Private equity", 150 * M, 0.1, 0.05, 0.13, false, "Equity", ""],
  ["Cash", 100 * M, 0.1, 0.05, 0.15, true, "", ""],
];

/**
 * A small book on PLAN_BOOK: 40 ES long (10m), a put by its delta (-0.3 x 200 x 5000 x 50 = -15m), 100 TY
 * with a DV01 of 65 (6,500 per bp: 6,500 / (6.5 x 1bp) = 10m of Bonds), a 20m receiver swap (DV01 0.0008 per 1:
 * 16,000 per bp = 24.6m of Bonds) and a levered 5m equity TRS.
 */
export const POSITIONS_BOOK = [
  ["Id", "Asset class", "Instrument", "Kind", "Quantity", "Price", "Multiplier", "Delta", "DV01", "Margin", "Levered"],
  ["ES1", "Equity", "ESH6", "future", 40, 5000, 50, "", "", 20000, ""],
  ["P1", "Equity", "SPX 4500 P", "option", 200, 5000, 50, -0.3, "", "", ""],
  ["TY1", "Bonds", "TYH6", "future", 100, 110, 1000, "", 65, 2600, ""],
  ["IRS1", "Bonds", "USD 10y", "swap", 20 * M, "", "", "", 0.0008, "", ""],
  ["TRS1", "Equity", "SPX TRS", "trs", 5 * M, "", "", "", "", "", true],
];
