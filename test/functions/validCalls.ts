/**
 * One valid call per registered function, the starting point of the fuzz test's mutations.
 * A function added to the registry without an entry here fails `fuzz.test.ts`, so new functions are fuzzed too.
 */
import { FUTURES_A, FUTURES_B, PLAN_A, PLAN_B, PLAN_BOOK, POSITIONS_BOOK } from "../helpers/plans";
import { RATES_VALID_CALLS } from "./ratesValidCalls";

const LEGS = [
  ["Type", "Strike", "Quantity", "Vol", "Years"],
  ["underlying", "", 100, "", ""],
  ["put", 95, 100, 0.22, ""],
  ["call", 110, -100, "", 0.75],
];
const SMILE = [
  ["Strike", "Vol"],
  [80, 0.28],
  [100, 0.2],
  [120, 0.16],
];

const HOLDINGS = [
  ["Security", "Weight"],
  ["A", 1],
];
const LOADINGS = [
  ["Security", "F1", "F2"],
  ["A", 1, 0],
  ["B", 0, 1],
  ["C", 1, 1],
];
const TARGETS = [
  ["Factor", "Target"],
  ["F1", 0.95],
  ["F2", 0.1],
];

export const VALID_CALLS: Record<string, unknown[]> = {
  ...RATES_VALID_CALLS,
  OPTION: ["put", 100, 95, 0.5, 0.05, 0.02, 0.2, "delta"],
  BLACK76: ["put", 20, 20, 1 / 3, 0.09, 0.25, "vega"],
  IMPLIEDVOL: ["call", 1.875, 21, 20, 0.25, 0.1, 0],
  BLACK76VOL: ["put", 1.1166, 20, 20, 1 / 3, 0.09],
  STRATEGY: [LEGS, 100, 0.5, 0.05, 0.02, SMILE, "theta"],
  PAYOFF: [LEGS, [["Spot"], [50], [100], [150]], 100],
  ZEROCOST: ["putspreadcollar", 100, 1, 0.04, 0.015, SMILE, 95, 80],
  WRITING: ["call", 0.25, 5900, 1 / 12, 0.042, 0.013, 0.175, 3, 5, 46073],
  COLLARLADDER: [5900, 0.042, 0.013, 0.175, 5310, 84700, 4, 0.25, 5],
  PNLGRID: [
    [
      ["Type", "Strike", "Quantity"],
      ["future", "", -5000],
      ["put", 5310, 5000],
    ],
    5900,
    0.5,
    0.042,
    0.013,
    SMILE,
    [[-0.2], [0], [0.1]],
    [[-0.02, 0, 0.05]],
  ],
  CONTRACTS: [25_000_000, 5000, 250, 1.1, 1, "nearest"],
  EXPOSURE: [PLAN_BOOK, POSITIONS_BOOK, 46000],
  BOOK: [PLAN_BOOK, POSITIONS_BOOK, 46000, "classes"],
  DAILY: [
    PLAN_BOOK,
    FUTURES_B,
    46000,
    POSITIONS_BOOK,
    [
      ["Id", "Asset class", "Tilt", "Start", "Expiry", "Stop loss", "P&L"],
      ["Risk on", "Equity", 0.02, 45990, 46090, 5_000_000, -1_000_000],
      ["Risk on", "Bonds", -0.02, "", "", "", ""],
    ],
    10_000_000,
    20_000_000,
    5,
    1_000_000,
    "edge",
    "bands",
    0.95,
    1.1,
  ],
  EQUITISE: [PLAN_BOOK, FUTURES_B, 60_000_000, 15_000_000, "underweight", "nearest", POSITIONS_BOOK, 20_000_000],
  REBALANCE: [PLAN_BOOK, FUTURES_B, "edge", "always", "nearest", POSITIONS_BOOK, "target"],
  FACTOREXPOSURE: [HOLDINGS, LOADINGS],
  COMPLETION: [HOLDINGS, LOADINGS, TARGETS, 0.1, 0.05, 0.01, 0.2],
  TILT: [
    PLAN_A,
    FUTURES_A,
    [
      ["Asset class", "Tilt"],
      ["Bonds", 0.03],
      ["Commodities", -0.01],
      ["Cash", -0.02],
    ],
    "funded",
    50_000_000,
  ],
  TRANCHES: [-119, 4, 46086, 7, "equal", "ESH6"],
  CONTRACTDATES: ["TYH6", 46073],
  ROLLS: [
    [
      ["Contract", "Quantity"],
      ["ES Mar26", 150],
      ["TY Mar26", 400],
    ],
    46073,
    30,
    [
      ["Contract", "Price", "Spread", "Dividends"],
      ["ESH6", 5900, 55, 18],
    ],
    0.043,
  ],
  ROLLCOST: ["ESH6", 5900, 55, 0.043, 18],
  LEVERAGE: [PLAN_BOOK, 0.9, 1.2, 1, POSITIONS_BOOK, 46000],
  LIQUIDITY: [
    [
      ["Contract", "Quantity", "Price", "Multiplier", "Margin", "Factor", "DV01"],
      ["Gilt swap", 1000, 100, 1, 10, "Rates", 80],
      ["ES", 10, 5000, 50, 15000, "Equity", ""],
    ],
    [
      ["Asset", "Value", "Haircut", "Tier"],
      ["Cash", 5e6, 0, 1],
      ["Gilts", 20e6, 0.05, 2],
    ],
    [
      ["Scenario", "Rates", "Equity", "IM multiplier"],
      ["Gilt crisis", 250, -0.1, 1.5],
      ["Crash", 0, -0.3, 1],
    ],
  ],
  LADDER: [
    [
      [
        "Contract",
        "Kind",
        "Quantity",
        "Price",
        "Multiplier",
        "Margin",
        "Factor",
        "Coupon",
        "Years",
        "Yield",
        "Conversion factor",
        "FX",
        "FX factor",
      ],
      ["TY", "future", 400, 110.5, 1000, 2600, "Rates", 0.0425, 6.87, 0.0405, 0.9069, "", ""],
      ["FESX", "future", 50, 5000, 10, 3000, "Equity", "", "", "", "", 1.1, "EUR"],
      ["Gilt swap", "swap", 10e6, "", "", 0, "Rates", 0.04, 30, "", "", "", ""],
    ],
    [
      ["Asset", "Value", "Haircut", "Tier", "Eligible", "Days to cash", "Posted", "Factor", "Coupon", "Years", "Yield"],
      ["Cash", 5e6, 0, 1, "all", 0, 0, "", "", "", ""],
      ["Gilts", 20e6, 0.05, 2, "CSA, IM", 1, 1e6, "Rates", 0.04, 10, 0.045],
    ],
    [
      ["Scenario", "Rates 2y", "Rates 30y", "Equity", "EUR", "IM multiplier", "Haircut multiplier"],
      ["Gilt crisis", 100, 250, -0.1, -0.05, 1.5, 1.5],
      ["Crash", -50, -20, -0.3, 0.02, 2, 1],
    ],
  ],
  RESILIENCE: [
    [
      ["Contract", "Kind", "Quantity", "Price", "Multiplier", "Margin", "Factor", "Coupon", "Years", "Yield", "Conversion factor"],
      ["UB", "future", 850, 118.5, 1000, 8000, "Rates", 0.0475, 25.62, 0.048, 0.8384],
      ["ES", "future", 150, 5900, 50, 22000, "Equity", "", "", "", ""],
    ],
    [
      ["Asset", "Value", "Haircut", "Tier", "Eligible", "Days to cash"],
      ["Cash", 20e6, 0, 1, "all", 0],
      ["Bills", 30e6, 0.01, 1, "CSA, IM", 1],
    ],
    0.8,
    1.2,
    2.5e9,
    250,
    100,
  ],
  COSTCOMPARE: [100e6, 10, 2, 0.05, 2, 8, 25, 4],
  TRACKINGERROR: [
    [[0.5], [0.5]],
    [[0.4], [0.6]],
    [
      ["", "A", "B"],
      ["A", 0.0576, 0.01584],
      ["B", 0.01584, 0.0144],
    ],
  ],
};

/** Further valid calls that take another code path (the async HiGHS path of optimal rounding), mutated too. */
/** Contract sizes (7m, 11m, 3m) that leave every leg fractional, so the optimiser (HiGHS) runs. */
const ODD_FUTURES = [
  ["Asset class", "Contract", "Price", "Multiplier"],
  ["Equity", "ES", 7, 1_000_000],
  ["Bonds", "TY", 11, 1_000_000],
  ["Commodities", "BCOM", 3, 1_000_000],
];

/** Plan A with a group band on Equity and Commodities (summed target 55%, band 50% to 58%, stated on one row). */
const PLAN_A_GROUPED = PLAN_A.map((r, i) => [
  ...r,
  ...(i === 0 ? ["Group", "Group min", "Group max"] : i === 1 ? ["Growth", 0.5, 0.58] : i === 3 ? ["Growth", "", ""] : ["", "", ""]),
]);

export const EXTRA_CALLS: [string, unknown[]][] = [
  ["REBALANCE", [PLAN_A, ODD_FUTURES, "target", "always", "optimal"]],
  ["REBALANCE", [PLAN_A_GROUPED, ODD_FUTURES, "edge", "bands", "nearest"]],
  ["DAILY", [PLAN_A_GROUPED, ODD_FUTURES, 46000]],
  ["EQUITISE", [PLAN_B, ODD_FUTURES.slice(0, 3), 60_000_000, 15_000_000, "target", "optimal"]],
];
