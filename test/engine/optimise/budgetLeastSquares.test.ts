/**
 * The dual semismooth Newton solver against HiGHS's QP solver (an independent primal active-set method) on the
 * same problems, plus the KKT conditions checked from the gradient alone.
 */
import fc from "fast-check";
import { OverlayError } from "../../../src/engine/core/errors";
import { BudgetLsProblem, budgetLsObjective, solveBudgetLeastSquares } from "../../../src/engine/optimise/budgetLeastSquares";
import { solveBudgetLsWithHighs } from "./budgetLeastSquaresModel";
import { Highs, loadHighs } from "../../../src/engine/optimise/highs";
import { gradient, instance, kktViolation } from "./instances";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

function highsObjective(p: BudgetLsProblem): number {
  const s = solveBudgetLsWithHighs(highs, p);
  expect(s.status).toBe("optimal");
  return s.objective;
}

/** |gradient| x the bound and budget violations of HiGHS's point (its objective gain from infeasibility). */
function highsSlack(p: BudgetLsProblem, x: number[]): number {
  const c = x.slice(0, p.n);
  let viol = Math.abs(c.reduce((s, v) => s + v, 0) - p.budget);
  c.forEach((v, i) => (viol += Math.max(0, p.lower[i] - v, v - p.upper[i])));
  return Math.max(...gradient(p, c).map(Math.abs)) * viol;
}

function countAtUpper(p: BudgetLsProblem, c: Float64Array): number {
  let k = 0;
  for (let i = 0; i < p.n; i++) if (c[i] >= p.upper[i] - 1e-12) k++;
  return k;
}

describe("solveBudgetLeastSquares vs HiGHS QP", () => {
  const cases: [number, number, number, number, boolean][] = [
    // n, K, turnover, maxWeight, specific risk
    [10, 2, 0.01, 0.05, false],
    [10, 3, 1, 0.1, true],
    [30, 5, 0, 0.01, false],
    [50, 8, 1e-4, 0.004, false],
    [100, 10, 0.01, 0.002, false],
    [100, 10, 0, 0.1, true],
    [300, 20, 1e-3, 0.001, false],
    [300, 20, 0, 0.05, false],
    [1000, 40, 1e-4, 0.0002, false],
    [1000, 40, 0.01, 0.1, true],
    [1000, 40, 0, 0.002, false],
  ];
  test.each(cases)(
    "n=%i K=%i turnover=%p maxWeight=%p specific=%p: objective to 1e-8, KKT hold",
    (n, K, turnover, maxWeight, specificRisk) => {
      const p = instance({ n, K, seed: n * 31 + K, turnover, maxWeight, specificRisk });
      const s = solveBudgetLeastSquares(p);
      const ref = highsObjective(p);
      expect(Math.abs(s.objective - ref) / Math.abs(ref)).toBeLessThan(1e-8);
      expect(s.objective).toBeCloseTo(budgetLsObjective(p, s.c), 14);
      expect(s.gap).toBeLessThan(1e-9 * Math.abs(ref));
      const kkt = kktViolation(p, s.c);
      expect(kkt.stationarity).toBeLessThan(1e-7);
      expect(kkt.budget).toBeLessThan(1e-14);
      expect(kkt.bounds).toBe(0);
    },
  );

  test("the small-maxWeight instances really have binding upper bounds", () => {
    for (const [n, K, turnover, maxWeight] of [
      [50, 8, 1e-4, 0.004],
      [300, 20, 1e-3, 0.001],
      [1000, 40, 1e-4, 0.0002],
    ] as const) {
      const p = instance({ n, K, seed: n * 31 + K, turnover, maxWeight });
      const s = solveBudgetLeastSquares(p);
      expect(countAtUpper(p, s.c)).toBeGreaterThan(0);
    }
  });

  test("random instances (fast-check): never above HiGHS's optimum by more than 1e-8 relative, KKT hold", () => {
    // HiGHS's active-set QP solver rejects a few degenerate instances (a singular Hessian whose optimum is ~0:
    // "QP solver claims optimality, but with ... primal infeasibilities"); there the KKT conditions, which
    // certify optimality of a convex problem, are the check, and such cases must stay rare.
    let compared = 0;
    let highsFailed = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 1e6 }),
        fc.constantFrom(0, 1e-4, 0.01, 1),
        fc.double({ min: 0.02, max: 1, noNaN: true }),
        fc.boolean(),
        (n, K, seed, turnover, capShare, specificRisk) => {
          const budget = 0.1;
          // maxWeight between the tightest feasible cap (budget / n) and the budget itself
          const maxWeight = Math.max(budget / n, capShare * budget) * 1.0000001;
          const p = instance({ n, K, seed, turnover, maxWeight, budget, specificRisk });
          const s = solveBudgetLeastSquares(p);
          expect(kktViolation(p, s.c).stationarity).toBeLessThan(1e-6);
          const ref = solveBudgetLsWithHighs(highs, p);
          if (ref.status !== "optimal") {
            highsFailed++;
            return;
          }
          compared++;
          // Relative to the optimum, or to a small share of the squared gaps before the sleeve when the
          // targets can be met (optimum ~0, where both solvers agree to round-off only). HiGHS may return a
          // point outside the bounds by up to its feasibility tolerance (1e-7), which can lower its objective
          // by about |gradient| x the violation: twice that is allowed.
          let r2 = 0;
          for (const x of p.r) r2 += x * x;
          expect(s.objective - ref.objective).toBeLessThan(1e-8 * Math.max(Math.abs(ref.objective), 1e-4 * r2) + 2 * highsSlack(p, ref.x!));
        },
      ),
      { numRuns: 80, seed: 20240601 },
    );
    expect(highsFailed).toBeLessThan(0.1 * (compared + highsFailed));
  });
});

describe("solveBudgetLeastSquares edge cases", () => {
  test("a budget the bounds can only just hold puts every variable at its upper bound", () => {
    const p = instance({ n: 5, K: 2, seed: 7, turnover: 0.01, maxWeight: 0.02, budget: 0.1 });
    const s = solveBudgetLeastSquares(p);
    expect(Array.from(s.c)).toEqual([0.02, 0.02, 0.02, 0.02, 0.02]);
  });

  test("a budget larger than the bounds allow is a #NUM! error", () => {
    const p = instance({ n: 5, K: 2, seed: 7, turnover: 0.01, maxWeight: 0.01, budget: 0.1 });
    expect(() => solveBudgetLeastSquares(p)).toThrow(OverlayError);
    expect(() => solveBudgetLeastSquares(p)).toThrow(/budget 0.1 is outside what the bounds allow/);
  });

  test("targets the sleeve can meet exactly give a zero objective (turnover 0)", () => {
    // A = identity-like loadings: securities 1 and 2 load 1 on factors 1 and 2; r = (-0.04, -0.06): c = (0.04, 0.06).
    const p: BudgetLsProblem = {
      n: 3,
      K: 2,
      A: Float64Array.from([1, 0, 0, 1, 0, 0]),
      r: Float64Array.from([-0.04, -0.06]),
      d: new Float64Array(3),
      g: new Float64Array(3),
      lower: new Float64Array(3),
      upper: new Float64Array(3).fill(0.1),
      budget: 0.1,
    };
    const s = solveBudgetLeastSquares(p);
    expect(s.objective).toBeLessThan(1e-20);
    expect(s.c[0]).toBeCloseTo(0.04, 10);
    expect(s.c[1]).toBeCloseTo(0.06, 10);
    expect(s.c[2]).toBeCloseTo(0, 10);
  });
});
