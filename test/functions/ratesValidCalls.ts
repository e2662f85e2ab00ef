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
  ["Instrument", "Tenor", "PV01", "Integer"],
  ["TY future", 7, 75, true],
  ["US future", 18, 190, true],
  ["10y swap", 10, 0.00082, false],
  ["30y swap", 30, 0.0019, false],
];

export const RATES_VALID_CALLS: Record<string, unknown[]> = {
  BOND: ["price", 39493, 43054, 0.0575, 0.065, 100, 2, 0],
  CONVFACTOR: ["TY", 0.065, 40224, 37316],
  FUTURESDV01: [7.5, 0.9, 100000],
  PRESENTVALUE: [LIABILITIES, CURVE, "annual"],
  PV01: [LIABILITIES, CURVE, "semiannual"],
  KRD: [LIABILITIES, CURVE, [[1, 2, 5, 10, 20, 30]], "continuous"],
  SWAP: ["pv01", CURVE, 10, 2, 0.04, "annual"],
  HEDGERATIO: [ASSETS, LIABILITIES, CURVE, [[true]], "annual"],
  HEDGETRADES: [LIABILITIES, CURVE, 0.8, INSTRUMENTS, ASSETS, [[1, 2, 3, 5, 7, 10, 15, 20, 25, 30, 40, 50]]],
};
