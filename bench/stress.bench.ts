/**
 * Stress benchmarks (issue 16): 1,000 positions x 100 scenarios fully revalued (target < 100 ms), a mixed book of
 * equity and FX futures, bonds, receiver swaps, Treasury futures through their CTD and options (with a vol shock), under
 * scenarios with rates by key tenor (2y, 10y, 30y: every cash flow discounted at its own shifted yield) and
 * under parallel scenarios (one power per instrument); beside the linear figure (DV01 x shock, delta x return)
 * and, for the bonds, Excel's PRICE (rates/bond.ts) at each shocked yield.
 */
import { bondAnalytics } from "../src/engine/rates/bond";
import {
  BookLoss,
  Instrument,
  PreparedBook,
  StressPosition,
  StressScenario,
  bondFlows,
  bookLoss,
  factorSpace,
  linearLoss,
  positionLoss,
  prepareBook,
  swapFlows,
} from "../src/engine/stress/revalue";
import { callFunction, findFunction } from "../src/functions/registry";
import type { BenchGroup } from "./harness";

/** A deterministic generator (mulberry32), so every run revalues the same book. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeBook(keyed: boolean): {
  book: PreparedBook;
  scenarios: StressScenario[];
  bonds: { years: number; coupon: number; yld: number; q: number }[];
} {
  const space = factorSpace([
    { name: "Rates", kind: "rate", tenors: keyed ? [2, 10, 30] : [] },
    { name: "Equity", kind: "return" },
    { name: "Credit", kind: "spread" },
    { name: "EUR", kind: "fx" },
    { name: "Vol", kind: "vol" },
  ]);
  const r = rng(16);
  const positions: StressPosition[] = [];
  const bonds: { years: number; coupon: number; yld: number; q: number }[] = [];
  const add = (id: string, quantity: number, instrument: Instrument, channel: "cash" | "csa", fx = -1) =>
    positions.push({ id, quantity, instrument, margin: 1000, fxRate: fx >= 0 ? 1.1 : 1, fx, channel });
  for (let i = 0; i < 1000; i++) {
    const k = i % 10;
    if (k < 4) add(`F${i}`, 10 + 100 * r(), { kind: "future", price: 5000, multiplier: 50, factor: 1 }, "cash", k === 3 ? 3 : -1);
    else if (k < 6) {
      const years = 2 + 28 * r();
      const coupon = 0.02 + 0.04 * r();
      const yld = 0.03 + 0.02 * r();
      bonds.push({ years, coupon, yld, q: 1e6 });
      add(`B${i}`, 1e6, { kind: "bond", flows: bondFlows(years, coupon, 2), yld, rate: 0, spread: k === 5 ? 2 : -1, multiplier: 1 }, "csa");
    } else if (k < 8) {
      const years = 5 + 45 * r();
      add(`S${i}`, 1e7, { kind: "swap", flows: swapFlows(years, 0.04, 1), yld: 0.035 + 0.01 * r(), rate: 0, spread: -1 }, "csa");
    } else if (k < 9) {
      const years = 6 + 20 * r();
      add(
        `T${i}`,
        100,
        { kind: "tfuture", flows: bondFlows(years, 0.045, 2), yld: 0.045, rate: 0, conversionFactor: 0.85, contractSize: 100000 },
        "cash",
      );
    } else {
      add(
        `O${i}`,
        -50,
        {
          kind: "option",
          sign: r() < 0.5 ? 1 : -1,
          price: 5000,
          strike: 4500 + 1000 * r(),
          years: 0.1 + r(),
          riskFree: 0.04,
          dividendYield: 0.015,
          vol: 0.2,
          multiplier: 50,
          factor: 1,
          volFactor: 4,
        },
        "cash",
      );
    }
  }
  const scenarios: StressScenario[] = Array.from({ length: 100 }, (_, j) => {
    const shocks = new Float64Array(space.slots);
    const slots = keyed ? 3 : 1;
    for (let q = 0; q < slots; q++) shocks[q] = -150 + 400 * r();
    shocks[slots] = -0.4 + 0.5 * r();
    shocks[slots + 1] = 300 * r();
    shocks[slots + 2] = -0.15 + 0.3 * r();
    shocks[slots + 3] = 0.2 * r();
    return { name: `S${j}`, shocks, imMultiplier: 1.5, haircutMultiplier: 1 };
  });
  return { book: prepareBook(space, positions), scenarios, bonds };
}

const keyed = makeBook(true);
const parallel = makeBook(false);

function revalueAll(b: { book: PreparedBook; scenarios: StressScenario[] }): BookLoss[] {
  return b.scenarios.map((s) => bookLoss(b.book, s, 1, undefined, false));
}

function linearAll(b: { book: PreparedBook; scenarios: StressScenario[] }): number {
  let total = 0;
  for (const s of b.scenarios) for (let i = 0; i < b.book.positions.length; i++) total += linearLoss(b.book, i, s.shocks);
  return total;
}

/** Peer for the bonds: Excel's PRICE (bond.ts, with dates) at each scenario's shocked yield. */
const SETTLE = 46022;
function excelBonds(): number {
  let total = 0;
  for (const s of parallel.scenarios) {
    for (const b of parallel.bonds) {
      const terms = {
        settlement: SETTLE,
        maturity: SETTLE + Math.round(b.years * 365.25),
        rate: b.coupon,
        redemption: 100,
        frequency: 2 as const,
        basis: 1 as const,
      };
      total += bondAnalytics(terms, b.yld + s.shocks[0] * 1e-4).dirty;
    }
  }
  return total;
}

/** The sample's Risk tables (scripts/make-sample-workbook.ts). */
const M = 1e6;
const RISK = {
  positions: [
    ["Contract", "Kind", "Quantity", "Price", "Multiplier", "Margin", "Factor", "Coupon", "Years", "Yield", "Conversion factor"],
    ["ES Mar26", "future", 150, 5900, 50, 22000, "Equity", null, null, null, null],
    ["MFS Mar26", "future", 120, 2450, 50, 8500, "Equity", null, null, null, null],
    ["UB Mar26", "future", 850, 118.5, 1000, 8000, "Rates", 0.0475, 25.62, 0.048, 0.8384],
    ["TY Mar26", "future", 400, 110.5, 1000, 2600, "Rates", 0.0425, 6.87, 0.0405, 0.9069],
  ],
  collateral: [
    ["Asset", "Value", "Haircut", "Tier", "Eligible", "Days to cash", "Posted", "Factor", "Spread factor", "Coupon", "Years", "Yield"],
    ["Cash at the FCM", 10 * M, 0, 1, "all", 0, 0, null, null, null, null, null],
    ["Treasury bills", 15 * M, 0.005, 1, "CSA, IM", 1, 0, "Rates", null, 0.04, 0.25, 0.04],
    ["Treasury notes", 30 * M, 0.02, 2, "CSA, IM", 1, 12.5 * M, "Rates", null, 0.04, 5, 0.04],
    ["Agency MBS", 15 * M, 0.05, 3, "IM", 3, 0, "Rates", "Credit", 0.05, 7, 0.052],
    ["Investment-grade credit", 25 * M, 0.1, 3, "none", 5, 0, "Rates", "Credit", 0.045, 8, 0.05],
  ],
  scenarios: [
    ["Scenario", "Equity", "Rates", "Credit", "IM multiplier", "Haircut multiplier"],
    ["Equity -20%, rates -50bp", -0.2, -50, 50, 1.5, 1.25],
    ["Rates +100bp", -0.05, 100, 0, 1.25, 1],
    ["2022: equity -25%, rates +250bp", -0.25, 250, 100, 1.5, 1.5],
    ["March 2020: equity -34%, rates -150bp", -0.34, -150, 250, 2, 2],
    ["Taper tantrum 2013: rates +100bp", -0.05, 100, 25, 1.2, 1],
  ],
};

export function groups(): BenchGroup[] {
  const liquidity = findFunction("LIQUIDITY")!;
  const resilience = findFunction("RESILIENCE")!;
  return [
    {
      title: "Full revaluation: 1,000 positions x 100 scenarios (100,000 revaluations)",
      iterations: 10,
      cases: [
        {
          name: "key-tenor scenarios (engine)",
          items: 100_000,
          target: "< 100 ms a call",
          meets: (ms) => ms < 100,
          fn: () => revalueAll(keyed),
        },
        {
          name: "parallel scenarios (engine)",
          items: 100_000,
          target: "< 100 ms a call",
          meets: (ms) => ms < 100,
          fn: () => revalueAll(parallel),
        },
        { name: "linear figure (DV01 x shock, delta x return)", items: 100_000, fn: () => linearAll(keyed) },
        { name: "bonds only, Excel's PRICE at each shocked yield (200 x 100)", items: 20_000, fn: excelBonds },
      ],
      notes: () => {
        // How far the linear figure is from the full revaluation, position by position, over the 100 scenarios.
        let gap = 0;
        let gross = 0;
        for (const s of keyed.scenarios) {
          for (let i = 0; i < keyed.book.positions.length; i++) {
            const full = positionLoss(keyed.book, i, s.shocks);
            gap += Math.abs(linearLoss(keyed.book, i, s.shocks) - full);
            gross += Math.abs(full);
          }
        }
        return [
          `linear vs full: the sum of |linear - full| over positions and scenarios is ${((gap / gross) * 100).toFixed(1)}% of the sum of |full| losses`,
        ];
      },
    },
    {
      title: "The sample's Risk sheet through the catalogue (tables in, spill out)",
      cases: [
        {
          name: "OVERLAY.LIQUIDITY: 5 scenarios and 2 root-found buffers",
          target: "< 50 ms a call",
          meets: (ms) => ms < 50,
          fn: () => callFunction(liquidity, [RISK.positions, RISK.collateral, RISK.scenarios]),
        },
        {
          name: "OVERLAY.RESILIENCE: buffer, maximum hedge, triggers and trades",
          fn: () => callFunction(resilience, [RISK.positions, RISK.collateral, 0.8, 1, 2.5e9, 250, 100]),
        },
      ],
    },
  ];
}
