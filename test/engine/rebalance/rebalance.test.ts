/**
 * Rebalancing, hand-checked: every rule x trigger on plan A, illiquid classes with and without a proxy on
 * plan B (test/helpers/plans.ts), and properties on random plans. The arithmetic is in the comments.
 */
import fc from "fast-check";
import { readFutures } from "../../../src/engine/futures/futures";
import { readPortfolio } from "../../../src/engine/portfolio/portfolio";
import { rebalance, RebalanceRule, RebalanceTrigger } from "../../../src/engine/rebalance/rebalance";
import { expectEngineError } from "../../helpers/engineErrors";
import { FUTURES_A, FUTURES_B, M, PLAN_A, PLAN_B } from "../../helpers/plans";

// Property tests over thousands of random plans: room for a loaded machine (the figures are not timed here).
jest.setTimeout(120_000);

function run(plan: unknown[][], fut: unknown[][], rule: RebalanceRule, trigger: RebalanceTrigger) {
  const p = readPortfolio(plan as never);
  const r = rebalance(p, readFutures(fut as never, p), { rule, trigger });
  return { ...r, by: Object.fromEntries(r.lines.map((l) => [l.assetClass, l])) };
}

describe("rebalance, plan A (Equity 0.56 over its 0.55 max)", () => {
  test("target / bands: every class to target", () => {
    const r = run(PLAN_A, FUTURES_A, "target", "bands");
    expect(r.triggered).toBe(true);
    // Equity 0.50 - 0.56 = -0.06 -> -60m = -240 ES (60m / 250,000)
    expect(r.by.Equity.trade).toBeCloseTo(-60 * M, 4);
    expect(r.by.Equity.contracts).toBe(-240);
    // Bonds 0.35 - 0.30 = +0.05 -> +50m / 110,000 = 454.55 -> 455 TY, 50.05m
    expect(r.by.Bonds.trade).toBeCloseTo(50 * M, 4);
    expect(r.by.Bonds.contracts).toBe(455);
    expect(r.by.Bonds.notional).toBeCloseTo(50.05 * M, 4);
    expect(r.by.Bonds.postWeight).toBeCloseTo(0.35005, 12);
    // Commodities 0.05 - 0.06 -> -10m = -100 BCOM
    expect(r.by.Commodities.contracts).toBe(-100);
    // Cash 0.10 - 0.08 = +0.02, and it absorbs the TY rounding (-0.05m): 0.10 - 0.00005
    expect(r.by.Cash.trade).toBeCloseTo(20 * M, 4);
    expect(r.by.Cash.contracts).toBeNull();
    expect(r.by.Cash.postWeight).toBeCloseTo(0.09995, 12);
    expect(r.lines.reduce((s, l) => s + l.trade, 0)).toBeCloseTo(0, 4);
    expect(r.lines.reduce((s, l) => s + l.postWeight, 0)).toBeCloseTo(1, 12);
  });

  test("edge / bands: Equity to its 0.55 edge, the 10m offset pro rata to the targets of the in-range classes", () => {
    const r = run(PLAN_A, FUTURES_A, "edge", "bands");
    // Equity 0.55 - 0.56 = -0.01 -> -10m = -40 ES
    expect(r.by.Equity.goal).toBeCloseTo(0.55, 12);
    expect(r.by.Equity.contracts).toBe(-40);
    // +10m over Bonds/Commodities/Cash with targets 0.35/0.05/0.10 (sum 0.5): 7m, 1m, 2m
    expect(r.by.Bonds.trade).toBeCloseTo(7 * M, 4);
    expect(r.by.Commodities.trade).toBeCloseTo(1 * M, 4);
    expect(r.by.Cash.trade).toBeCloseTo(2 * M, 4);
    // Bonds 7m / 110,000 = 63.64 -> 64 (7.04m); Commodities 1m / 100,000 = 10
    expect(r.by.Bonds.contracts).toBe(64);
    expect(r.by.Commodities.contracts).toBe(10);
    // Cash 0.08 + 0.002 - 0.00004 (TY rounding) = 0.08196
    expect(r.by.Cash.postWeight).toBeCloseTo(0.08196, 12);
  });

  test("halfway / bands: Equity to (0.55 + 0.50) / 2 = 0.525", () => {
    const r = run(PLAN_A, FUTURES_A, "halfway", "bands");
    // -0.035 -> -35m = -140 ES; +35m: Bonds 24.5m, Commodities 3.5m, Cash 7m
    expect(r.by.Equity.goal).toBeCloseTo(0.525, 12);
    expect(r.by.Equity.contracts).toBe(-140);
    expect(r.by.Bonds.trade).toBeCloseTo(24.5 * M, 4);
    expect(r.by.Commodities.trade).toBeCloseTo(3.5 * M, 4);
    expect(r.by.Cash.trade).toBeCloseTo(7 * M, 4);
    // 24.5m / 110,000 = 222.7 -> 223 TY; 3.5m / 100,000 = 35 BCOM
    expect(r.by.Bonds.contracts).toBe(223);
    expect(r.by.Commodities.contracts).toBe(35);
  });

  test("with every class inside its range, bands trades nothing under every rule; always trades to target under target only", () => {
    const inside = PLAN_A.map((r, i) =>
      i === 1 ? ["Equity", 540 * M, 0.5, 0.45, 0.55] : i === 4 ? ["Cash", 100 * M, 0.1, 0.05, 0.15] : r,
    );
    for (const rule of ["target", "edge", "halfway"] as const) {
      const r = run(inside, FUTURES_A, rule, "bands");
      expect(r.triggered).toBe(false);
      expect(r.lines.every((l) => l.trade === 0 && (l.contracts === null || l.contracts === 0))).toBe(true);
    }
    const always = run(inside, FUTURES_A, "target", "always");
    // Equity 0.54 -> 0.50: -40m = -160 ES; Bonds +50m; Commodities -10m; Cash 0.10 -> 0.10
    expect(always.by.Equity.contracts).toBe(-160);
    expect(always.by.Bonds.trade).toBeCloseTo(50 * M, 4);
    expect(always.by.Cash.trade).toBeCloseTo(0, 4);
    // edge and halfway give goals only to classes outside their ranges: none here
    for (const rule of ["edge", "halfway"] as const) {
      expect(run(inside, FUTURES_A, rule, "always").lines.every((l) => Math.abs(l.trade) < 1e-6)).toBe(true);
    }
  });

  test("edge / always and halfway / always trade like bands when a class is outside", () => {
    expect(run(PLAN_A, FUTURES_A, "edge", "always").by.Equity.contracts).toBe(-40);
    expect(run(PLAN_A, FUTURES_A, "halfway", "always").by.Equity.contracts).toBe(-140);
  });
});

describe("rebalance, plan B (illiquid private equity 0.15 over its 0.13 max)", () => {
  test("edge: the overweight is sold through the proxy's futures; private equity is not traded", () => {
    const r = run(PLAN_B, FUTURES_B, "edge", "bands");
    // PE goal 0.13, deviation -0.02 -> sell 20m of Equity futures = -80 ES
    expect(r.by["Private equity"].trade).toBe(0);
    expect(r.by["Private equity"].contract).toBe("via Equity");
    expect(r.by.Equity.trade).toBeCloseTo(-20 * M, 4);
    expect(r.by.Equity.contracts).toBe(-80);
    // +20m over the in-range classes without goals, Bonds (0.35) and Cash (0.10): 15.556m and 4.444m
    expect(r.by.Bonds.trade).toBeCloseTo((20 * M * 0.35) / 0.45, 2);
    expect(r.by.Cash.trade).toBeCloseTo((20 * M * 0.1) / 0.45, 2);
    // 15.556m / 110,000 = 141.41 -> 141 TY
    expect(r.by.Bonds.contracts).toBe(141);
  });

  test("target: the proxy carries private equity's deviation (0.10 - 0.15) on top of its own (0)", () => {
    const r = run(PLAN_B, FUTURES_B, "target", "always");
    // Equity -0.05 = -50m = -200 ES; Bonds +0.05 = +50m; Cash 0
    expect(r.by.Equity.contracts).toBe(-200);
    expect(r.by.Bonds.trade).toBeCloseTo(50 * M, 4);
    expect(r.by.Cash.trade).toBeCloseTo(0, 4);
    // the combined public + private equity exposure ends at its combined target 0.55
    expect(r.by.Equity.goal + r.by["Private equity"].goal).toBeCloseTo(0.55, 12);
  });

  test("a Proxy beta of 1.25: the 0.02 overweight is offset by 0.025 of Equity (25m = 100 ES)", () => {
    // Private equity's beta to Equity 1.25: a deviation of -0.02 of PE is -0.02 x 1.25 = -0.025 of Equity exposure,
    // -25m / (5,000 x 50) = -100 ES; the +25m goes to Bonds and Cash pro rata to targets (0.35 : 0.10).
    const withBeta = [[...PLAN_B[0], "Proxy beta"], ...PLAN_B.slice(1).map((r, i) => [...r, i === 2 ? 1.25 : ""])];
    const r = run(withBeta, FUTURES_B, "edge", "bands");
    expect(r.by.Equity.trade).toBeCloseTo(-25 * M, 4);
    expect(r.by.Equity.contracts).toBe(-100);
    expect(r.by.Bonds.trade).toBeCloseTo((25 * M * 0.35) / 0.45, 2);
    expect(r.by.Cash.trade).toBeCloseTo((25 * M * 0.1) / 0.45, 2);
    expect(r.lines.reduce((s, l) => s + l.trade, 0)).toBeCloseTo(0, 4);
    // the proxy still keeps its own range: a beta of 5 asks -0.10 of Equity (0.45 -> 0.35), only 0.05 fits (min 0.40)
    const big = [[...PLAN_B[0], "Proxy beta"], ...PLAN_B.slice(1).map((r, i) => [...r, i === 2 ? 5 : ""])];
    const b = run(big, FUTURES_B, "edge", "bands");
    expect(b.by.Equity.trade).toBeCloseTo(-50 * M, 4);
    expect(b.notes).toContain(
      "Private equity: 5.000% of NAV cannot be offset through Equity without taking it outside its range; not traded",
    );
    // a Proxy beta needs a Proxy
    const orphan = [[...PLAN_B[0], "Proxy beta"], ...PLAN_B.slice(1).map((r, i) => [...r, i === 0 ? 1.1 : ""])];
    expectEngineError(() => readPortfolio(orphan as never), "value", /Portfolio row 1 \(Equity\): Proxy beta needs a Proxy/);
  });

  test("without a proxy the illiquid class is reported and left alone; its deviation is spread pro rata to targets", () => {
    const noProxy = PLAN_B.map((r, i) => (i === 3 ? [...r.slice(0, 6), ""] : r));
    const r = run(noProxy, FUTURES_B, "target", "always");
    expect(r.by["Private equity"].contract).toBe("illiquid: not traded");
    expect(r.by["Private equity"].trade).toBe(0);
    // Goals: Equity 0, Bonds +0.05, Cash 0: sum +0.05, offset -0.05 over targets 0.45/0.35/0.10 (0.90)
    expect(r.by.Equity.trade / M).toBeCloseTo(-50 * (0.45 / 0.9), 6); // -25m
    expect(r.by.Bonds.trade / M).toBeCloseTo(50 - 50 * (0.35 / 0.9), 6); // +30.556m
    expect(r.by.Cash.trade / M).toBeCloseTo(-50 * (0.1 / 0.9), 6); // -5.556m
  });
});

// ---- properties on random plans --------------------------------------------------------------------

interface RandomPlan {
  portfolio: unknown[][];
  futures: unknown[][];
  contractExposure: Record<string, number>;
  nav: number;
}

/** Random plans: 2-12 liquid classes with futures plus Cash; targets add up to 1; ranges hold the targets. */
const randomPlan: fc.Arbitrary<RandomPlan> = fc
  .record({
    n: fc.integer({ min: 2, max: 12 }),
    seed: fc.array(fc.double({ min: 0.02, max: 1, noNaN: true }), { minLength: 13, maxLength: 13 }),
    drift: fc.array(fc.double({ min: -0.6, max: 0.6, noNaN: true }), { minLength: 13, maxLength: 13 }),
    band: fc.array(fc.double({ min: 0.05, max: 0.4, noNaN: true }), { minLength: 13, maxLength: 13 }),
    price: fc.array(fc.double({ min: 50, max: 6000, noNaN: true }), { minLength: 13, maxLength: 13 }),
    mult: fc.constantFrom(10, 50, 100, 250, 1000),
    beta: fc.array(fc.double({ min: 0.5, max: 1.5, noNaN: true }), { minLength: 13, maxLength: 13 }),
    nav: fc.double({ min: 1e8, max: 1e11, noNaN: true }),
  })
  .map(({ n, seed, drift, band, price, mult, beta, nav }) => {
    const raw = seed.slice(0, n + 1);
    const total = raw.reduce((s, x) => s + x, 0);
    const targets = raw.map((x) => x / total);
    const mvRaw = targets.map((t, i) => t * (1 + drift[i]));
    const mvTotal = mvRaw.reduce((s, x) => s + x, 0);
    const names = targets.map((_, i) => (i === n ? "Cash" : `Class ${i + 1}`));
    const portfolio: unknown[][] = [["Asset class", "Market value", "Target", "Min", "Max"]];
    const futures: unknown[][] = [["Asset class", "Contract", "Price", "Multiplier", "Beta"]];
    const contractExposure: Record<string, number> = {};
    targets.forEach((t, i) => {
      const lo = t * (1 - band[i]);
      const hi = t * (1 + band[i]);
      portfolio.push([names[i], (mvRaw[i] / mvTotal) * nav, t, lo, hi]);
      if (i < n) {
        futures.push([names[i], `F${i + 1}`, price[i], mult, beta[i]]);
        contractExposure[names[i]] = (price[i] * mult) / beta[i];
      }
    });
    return { portfolio, futures, contractExposure, nav };
  });

const rules = fc.constantFrom<RebalanceRule>("target", "edge", "halfway");
const triggers = fc.constantFrom<RebalanceTrigger>("bands", "always");

describe("rebalance properties", () => {
  test("trades sum to zero, NAV and total exposure unchanged", () => {
    fc.assert(
      fc.property(randomPlan, rules, triggers, (p, rule, trigger) => {
        const r = run(p.portfolio, p.futures, rule, trigger);
        const sumTrades = r.lines.reduce((s, l) => s + l.trade, 0);
        expect(Math.abs(sumTrades)).toBeLessThan(1e-9 * p.nav);
        const before = r.lines.reduce((s, l) => s + l.weight, 0);
        const after = r.lines.reduce((s, l) => s + l.postWeight, 0);
        expect(after).toBeCloseTo(before, 10);
      }),
      { numRuns: 300 },
    );
  });

  test("after edge every liquid class with futures is inside its range up to one contract", () => {
    fc.assert(
      fc.property(randomPlan, triggers, (p, trigger) => {
        const r = run(p.portfolio, p.futures, "edge", trigger);
        for (const l of r.lines) {
          if (l.assetClass === "Cash") continue;
          if (!r.triggered) continue;
          const slack = p.contractExposure[l.assetClass] / p.nav + 1e-12;
          expect(l.postWeight).toBeGreaterThanOrEqual(l.min - slack);
          expect(l.postWeight).toBeLessThanOrEqual(l.max + slack);
          // and before rounding, exactly inside
          expect(l.goal).toBeGreaterThanOrEqual(l.min - 1e-12);
          expect(l.goal).toBeLessThanOrEqual(l.max + 1e-12);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("after target (always) every liquid class with futures is within half a contract of its target, unless a note says a range needed more", () => {
    fc.assert(
      fc.property(randomPlan, (p) => {
        const r = run(p.portfolio, p.futures, "target", "always");
        for (const l of r.lines) {
          if (l.assetClass === "Cash" || r.notes.some((n) => n.startsWith(`${l.assetClass}:`))) continue;
          const half = (0.5 * p.contractExposure[l.assetClass]) / p.nav + 1e-12;
          expect(Math.abs(l.postWeight - l.target)).toBeLessThanOrEqual(half);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("halfway goals lie between the breached bound and the target; in-range classes never leave their range", () => {
    fc.assert(
      fc.property(randomPlan, (p) => {
        const r = run(p.portfolio, p.futures, "halfway", "bands");
        for (const l of r.lines) {
          expect(l.goal).toBeGreaterThanOrEqual(Math.min(l.min, l.weight) - 1e-12);
          expect(l.goal).toBeLessThanOrEqual(Math.max(l.max, l.weight) + 1e-12);
          if (l.status === "within") {
            expect(l.goal).toBeGreaterThanOrEqual(l.min - 1e-12);
            expect(l.goal).toBeLessThanOrEqual(l.max + 1e-12);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("the policy for an illiquid overweight, chosen explicitly (plan B: private equity at 15% over a 13% max)", () => {
  const p = readPortfolio(PLAN_B as never);
  const f = readFutures(FUTURES_B as never, p);
  test('"edge" under the target rule: only the 2% above the max is offset through Equity', () => {
    const r = rebalance(p, f, { rule: "target", trigger: "bands", illiquid: "edge" });
    const eq = r.lines.find((l) => l.assetClass === "Equity")!;
    // Goal trades: Equity 0 (at target) - 0.02 (private equity 0.15 to its 0.13 edge), Bonds +0.05, Cash 0: net
    // +0.03, offset pro rata to targets 0.45 / 0.35 / 0.10 of 0.90: Equity -0.015. Equity 0.415: -35m = -140 ES.
    expect(eq.goal).toBeCloseTo(0.415, 12);
    expect(eq.contracts).toBe(-140);
    // with the rule's own policy (target) all 5% is offset: Equity 0.45 - 0.05 - 0.00 (net 0) = 0.40
    expect(rebalance(p, f, { rule: "target", trigger: "bands" }).lines[0].goal).toBeCloseTo(0.4, 12);
  });
  test('"target": all 5% back to target (-50m = -200 ES), Equity at 0.40, its min', () => {
    const r = rebalance(p, f, { rule: "edge", trigger: "bands", illiquid: "target" });
    const eq = r.lines.find((l) => l.assetClass === "Equity")!;
    expect(eq.goal).toBeCloseTo(0.4, 12);
    expect(eq.contracts).toBe(-200);
  });
});
