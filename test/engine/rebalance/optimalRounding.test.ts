/**
 * Optimal whole contracts (rounding "optimal"): never worse than nearest rounding, strictly better on
 * constructed cases, and equal to the exact optimum found by enumeration on small random sets of legs.
 */
import fc from "fast-check";
import { Matrix } from "../../../src/engine/core/cells";
import { roundContracts } from "../../../src/engine/core/rounding";
import { equitise } from "../../../src/engine/futures/equitise";
import { readFutures } from "../../../src/engine/futures/futures";
import { readPortfolio } from "../../../src/engine/portfolio/portfolio";
import {
  equitiseOptimal,
  optimalContracts,
  rebalanceOptimal,
  roundingDistance,
  RoundingLeg,
} from "../../../src/engine/rebalance/optimalRounding";
import { rebalance, RebalanceLine } from "../../../src/engine/rebalance/rebalance";
import { findFunction } from "../../../src/functions/registry";
import { call, expectError, ok, rowsOf } from "../../helpers/call";

const rebalanceFunction = (...args: unknown[]) => findFunction("REBALANCE")!.fn(...args);

const M = 1_000_000;

/** The exact optimum of D over every combination of n_i in [floor(x_i) - 1, ceil(x_i) + 1] (brute force). */
function bruteForce(legs: RoundingLeg[], absorber: boolean): number {
  let best = Infinity;
  const choice: number[] = new Array(legs.length).fill(0);
  const go = (i: number) => {
    if (i === legs.length) {
      best = Math.min(best, roundingDistance(legs, choice, absorber));
      return;
    }
    const lo = Math.floor(legs[i].contracts) - 1;
    for (let n = lo; n <= lo + 3; n++) {
      choice[i] = n;
      go(i + 1);
    }
  };
  go(0);
  return best;
}

describe("optimalContracts", () => {
  test("two legs of 0.4 contracts: nearest leaves 1.6, one contract on one leg leaves 1.2", async () => {
    // Nearest: 0 and 0; errors 0.4 and 0.4, and the absorber (cash) holds 0.8: D = 0.4 + 0.4 + 0.8 = 1.6.
    // One leg up: errors 0.4 and -0.6, cash -0.2: D = 0.4 + 0.6 + 0.2 = 1.2. Both up: 0.6 + 0.6 + 1.2 = 2.4.
    const legs = [
      { contracts: 0.4, size: 1 },
      { contracts: 0.4, size: 1 },
    ];
    const r = await optimalContracts(legs, { absorber: true });
    expect(r.nearestDistance).toBeCloseTo(1.6, 14);
    expect(r.distance).toBeCloseTo(1.2, 14);
    expect(r.contracts.slice().sort()).toEqual([0, 1]);
    expect(r.status).toBe("optimal");
  });

  test("without an absorber, nearest rounding is optimal and kept", async () => {
    const legs = [
      { contracts: 0.4, size: 1 },
      { contracts: -2.7, size: 3 },
    ];
    const r = await optimalContracts(legs, { absorber: false });
    expect(r.contracts).toEqual([0, -3]);
    expect(r.status).toBe("nearest");
  });

  test("whole-number requests (within 1e-9) stay whole", async () => {
    const r = await optimalContracts(
      [
        { contracts: 3.0000000000004, size: 1 },
        { contracts: 0.4, size: 1 },
        { contracts: 0.4, size: 1 },
      ],
      { absorber: true },
    );
    expect(r.contracts[0]).toBe(3);
  });

  test("random legs (fast-check): equal to the exact optimum by enumeration, never worse than nearest", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            contracts: fc.double({ min: -50, max: 50, noNaN: true }),
            size: fc.double({ min: 0.01, max: 10, noNaN: true }),
          }),
          { minLength: 1, maxLength: 7 },
        ),
        fc.boolean(),
        async (legs, absorber) => {
          const r = await optimalContracts(legs, { absorber });
          const nearest = legs.map((l) => roundContracts(l.contracts, "nearest"));
          expect(r.nearestDistance).toBeCloseTo(roundingDistance(legs, nearest, absorber), 12);
          expect(r.distance).toBeLessThanOrEqual(r.nearestDistance);
          expect(r.distance).toBeCloseTo(roundingDistance(legs, r.contracts, absorber), 12);
          const exact = bruteForce(legs, absorber);
          expect(r.distance).toBeLessThanOrEqual(exact + 1e-9 * Math.max(1, exact));
          r.contracts.forEach((n) => expect(Number.isInteger(n)).toBe(true));
        },
      ),
      { numRuns: 120, seed: 6 },
    );
  });
});

// A plan where both futures legs fall 0.4 contracts short of their goals and Cash funds them.
// NAV 100m. Equity 59.6% (target 60%): +0.4% = 400,000 = 0.4 ES-like contracts of 1,000,000 (4000 x 250).
// Bonds 34.6% (target 35%): +400,000 = 0.3636 contracts of 1,100,000 (110 x 10,000). Cash 5.8% -> 5%.
const PLAN: Matrix = [
  ["Asset class", "Market value", "Target", "Min", "Max"],
  ["Equity", 59.6 * M, 0.6, 0.55, 0.65],
  ["Bonds", 34.6 * M, 0.35, 0.3, 0.4],
  ["Cash", 5.8 * M, 0.05, 0, 0.1],
];
const FUTURES: Matrix = [
  ["Asset class", "Contract", "Price", "Multiplier"],
  ["Equity", "EQ", 4000, 250],
  ["Bonds", "BD", 110, 10000],
];

/** Summed absolute distance of the post-trade weights to their goals, Cash included. */
function distance(lines: RebalanceLine[]): number {
  return lines.reduce((s, l) => s + Math.abs(l.postWeight - l.goal), 0);
}

describe("rebalanceOptimal", () => {
  test("strictly better than nearest on the constructed plan: one equity contract", async () => {
    const plan = readPortfolio(PLAN);
    const fut = readFutures(FUTURES, plan);
    const opts = { rule: "target" as const, trigger: "always" as const };
    const near = rebalance(plan, fut, opts);
    const best = await rebalanceOptimal(plan, fut, opts);
    // Nearest: 0 and 0 contracts. Equity and Bonds each 0.4% short, Cash 0.8% over its goal: D = 0.016.
    expect(near.lines.map((l) => l.contracts)).toEqual([0, 0, null]);
    expect(distance(near.lines)).toBeCloseTo(0.016, 12);
    // One EQ: Equity 0.6% over (1,000,000 - 400,000), Bonds 0.4% short, Cash 0.2% short: D = 0.012.
    // One BD instead: Equity 0.4% short, Bonds 0.7% over, Cash 0.3% short: D = 0.014. Both: 0.026.
    expect(best.lines.map((l) => l.contracts)).toEqual([1, 0, null]);
    expect(distance(best.lines)).toBeCloseTo(0.012, 12);
    // Same goals and trades as nearest rounding: only the contracts differ.
    expect(best.lines.map((l) => l.goal)).toEqual(near.lines.map((l) => l.goal));
    expect(best.lines.map((l) => l.trade)).toEqual(near.lines.map((l) => l.trade));
  });

  test("random plans (fast-check): never worse than nearest rounding, and better on some", async () => {
    let better = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { minLength: 2, maxLength: 6 }),
        fc.array(fc.double({ min: 0.05, max: 5, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.double({ min: 0.5, max: 1.5, noNaN: true }),
        fc.constantFrom("target", "edge", "halfway"),
        fc.boolean(),
        async (mv, contractM, drift, rule, withCash) => {
          const n = mv.length;
          const tot = mv.reduce((s, x) => s + x, 0);
          const targets = mv.map((x, i) => (i === 0 ? (x / tot) * drift : x / tot));
          const ts = targets.reduce((s, x) => s + x, 0);
          const names = mv.map((_, i) => (withCash && i === n - 1 ? "Cash" : `Class ${i + 1}`));
          const plan: Matrix = [
            ["Asset class", "Market value", "Target", "Min", "Max"],
            ...names.map((c, i) => [c, mv[i] * M, targets[i] / ts, Math.max(0, targets[i] / ts - 0.02), targets[i] / ts + 0.02]),
          ];
          const futures: Matrix = [
            ["Asset class", "Contract", "Price", "Multiplier"],
            ...names.filter((c) => c !== "Cash").map((c, i) => [c, `F${i}`, 1000, contractM[i] * 1000]),
          ];
          const p = readPortfolio(plan);
          const f = readFutures(futures, p);
          const opts = { rule, trigger: "always" as const };
          const near = rebalance(p, f, opts);
          const best = await rebalanceOptimal(p, f, opts);
          expect(distance(best.lines)).toBeLessThanOrEqual(distance(near.lines) + 1e-12);
          if (distance(best.lines) < distance(near.lines) - 1e-9) better++;
          best.lines.forEach((l) => l.contracts === null || expect(Number.isInteger(l.contracts)).toBe(true));
        },
      ),
      { numRuns: 60, seed: 11 },
    );
    expect(better).toBeGreaterThan(0);
  });
});

// Equitisation: 0.8m of cash above the buffer, pro rata to targets 0.6 / 0.35 of 0.95:
// Equity 505,263 = 0.42 contracts of 1,200,000; Bonds 294,737 = 0.42 contracts of 700,000.
const EQ_PLAN: Matrix = [
  ["Asset class", "Market value", "Target", "Min", "Max"],
  ["Equity", 60 * M, 0.6, 0.55, 0.65],
  ["Bonds", 34.2 * M, 0.35, 0.3, 0.4],
  ["Cash", 5.8 * M, 0.05, 0, 0.1],
];
const EQ_FUTURES: Matrix = [
  ["Asset class", "Contract", "Price", "Multiplier"],
  ["Equity", "EQ", 4800, 250],
  ["Bonds", "BD", 70, 10000],
];

describe("equitiseOptimal", () => {
  test("strictly better than nearest: one bond contract instead of none", async () => {
    const plan = readPortfolio(EQ_PLAN);
    const fut = readFutures(EQ_FUTURES, plan);
    const near = equitise(plan, fut, { mode: "target" });
    const best = await equitiseOptimal(plan, fut, { mode: "target" });
    const D = (r: typeof near) => r.lines.reduce((s, l) => s + Math.abs(l.residual ?? 0), 0) + Math.abs(r.total.residual);
    // Nearest: 0 and 0; residuals 505,263 and 294,737, cash keeps 800,000: D = 1,600,000.
    expect(near.lines.map((l) => l.contracts)).toEqual([0, 0]);
    expect(D(near)).toBeCloseTo(1_600_000, 4);
    // One BD: residuals 505,263 and -405,263, cash 100,000: D = 1,010,526. (One EQ: 1,389,474; both: 2,200,000.)
    expect(best.lines.map((l) => l.contracts)).toEqual([0, 1]);
    expect(D(best)).toBeCloseTo(505_263.157894737 + 405_263.157894737 + 100_000, 4);
    expect(best.lines.map((l) => l.exposure)).toEqual(near.lines.map((l) => l.exposure));
  });
});

describe("through the functions", () => {
  test('REBALANCE rounding "optimal" is async and gives the optimal contracts', async () => {
    expect(rebalanceFunction(PLAN, FUTURES, "target", "always", "optimal")).toBeInstanceOf(Promise);
    expect(rebalanceFunction(PLAN, FUTURES, "target", "always", "nearest")).not.toBeInstanceOf(Promise);
    const rows = rowsOf(await ok("REBALANCE", PLAN, FUTURES, "target", "always", "optimal"));
    expect(rows.map((r) => r.Contracts)).toEqual([1, 0, "", ""]);
    const near = rowsOf(await ok("REBALANCE", PLAN, FUTURES, "target", "always", "nearest"));
    expect(near.map((r) => r.Contracts)).toEqual([0, 0, "", ""]);
  });

  test("EQUITISE takes a trailing [rounding]: nearest by default, optimal on request", async () => {
    const best = rowsOf(await ok("EQUITISE", EQ_PLAN, EQ_FUTURES, undefined, undefined, "target", "optimal"));
    expect(best.map((r) => r.Contracts)).toEqual([0, 1, ""]);
    const near = rowsOf(await ok("EQUITISE", EQ_PLAN, EQ_FUTURES));
    expect(near.map((r) => r.Contracts)).toEqual([0, 0, ""]);
  });

  test("an unknown rounding names the argument and the choices", async () => {
    expectError(
      await call("REBALANCE", PLAN, FUTURES, "target", "always", "best"),
      "#VALUE!",
      /^rounding must be one of "nearest", "optimal", got 'best'$/,
    );
    expectError(
      await call("EQUITISE", EQ_PLAN, EQ_FUTURES, undefined, undefined, undefined, "up"),
      "#VALUE!",
      /^rounding must be one of "nearest", "optimal", got 'up'$/,
    );
  });
});
