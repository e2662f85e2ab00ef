/**
 * Valid calls of the rates and LDI functions (for the registry-wide fuzz test's VALID_CALLS, and the
 * rates fuzz in rates.test.ts).
 */
export const CURVE = [
  ["Tenor", "Rate"],
  [1, 0.035],
  [2, 0.036],
  [5, 0.038],
  [10, 0.04],
  [20, 0.042],
  [30, 0.041],
];
export const LIABILITIES = [["Time", "Amount"], ...Array.from({ length: 40 }, (_, i) => [i + 1, 1_000_000 * Math.exp(-i / 30)])];
export const ASSETS = [
  ["Time", "Amount"],
  [5, 20_000_000],
  [10, 15_000_000],
  [20, 5_000_000],
];
export const INSTRUMENTS = [
  ["Instrument", "Kind", "Tenor", "Coupon", "Contract", "Delivery", "Factor"],
  ["TY future", "future", 6.9, 0.0425, "TY", 0.25, 0.9069],
  ["US future", "future", 15.4, 0.04375, "US", 0.25, 0.8407],
  ["2y swap", "swap", 2, "", "", "", ""],
  ["5y swap", "swap", 5, "", "", "", ""],
  ["10y swap", "swap", 10, "", "", "", ""],
  ["20y swap", "swap", 20, "", "", "", ""],
  ["30y swap", "swap", 30, "", "", "", ""],
];

/** A TY March 2026 basket: coupon, maturity (Excel dates), clean price. */
export const BASKET = [
  ["Coupon", "Maturity", "Price"],
  [0.0425, 48533, 101.5],
  [0.04125, 48625, 100.25],
  [0.04, 48167, 100],
];

/** The book: a seasoned receiver swap and TY futures (counted as existing hedges by HEDGETRADES). */
export const POSITIONS = [
  ["Id", "Asset class", "Instrument", "Kind", "Quantity", "Price", "Multiplier", "Fixed rate", "Maturity"],
  ["S1", "Rates", "USD 10y IRS", "swap", 5_000_000, "", "", 0.04, 48959],
  ["F1", "Rates", "TYH6", "future", 20, 111, 1000, "", ""],
];

/** A book's rate futures and a swap with their DV01s per unit (HEDGERATIO's positions). */
export const DV01_POSITIONS = [
  ["Id", "Asset class", "Instrument", "Kind", "Quantity", "Price", "Multiplier", "DV01"],
  ["UB1", "Long duration fixed income", "UB Mar26", "future", 850, 118.5, 1000, 255],
  ["TY1", "Core fixed income", "TY Mar26", "future", -400, 110.5, 1000, 68],
  ["S1", "Rates", "USD 10y IRS", "swap", 5_000_000, "", "", 0.00081],
  ["ES1", "US large cap equity", "ES Mar26", "future", 150, 5900, 50, ""],
];

export const RATES_VALID_CALLS: Record<string, unknown[]> = {
  BOND: ["price", 39493, 43054, 0.0575, 0.065, 100, 2, 0],
  CONVFACTOR: ["TY", 0.065, 40224, 37316],
  FUTURESDV01: [7.5, 0.9, "TY"],
  CTD: ["TY", 46082, BASKET, 112, 46022, 0.04, 46112],
  PRESENTVALUE: [LIABILITIES, CURVE, "annual"],
  PV01: [LIABILITIES, CURVE, "semiannual"],
  KRD: [LIABILITIES, CURVE, [[1, 2, 5, 10, 20, 30]], "continuous"],
  SWAP: ["pv01", CURVE, 10, 0.04, "SOFR", 46037, 45306, 1, "act/360", "annual"],
  HEDGERATIO: [ASSETS, LIABILITIES, CURVE, "", "annual", DV01_POSITIONS],
  HEDGETRADES: [LIABILITIES, CURVE, 2, INSTRUMENTS, ASSETS, [[1, 2, 3, 5, 7, 10, 15, 20, 25, 30]], 0.01, 0.1, 25, POSITIONS, 46037],
};
