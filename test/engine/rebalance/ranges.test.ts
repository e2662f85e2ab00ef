/**
 * Ranges hold in every rule, after rounding (issue 14): on random plans (liquid classes with futures of any
 * size, an illiquid class with a proxy, synthetic exposure typed in Overlay and financed from cash), every class
 * that starts inside its range ends inside it and a class outside never moves further out, after whole
 * contracts, or a note names the class (or says the ranges cannot all be met). 2,000 plans per rule.
 * Post weights are recomputed here from the contracts (exposure = contracts x price x multiplier / beta).
 */
import fc from "fast-check";
import { equitise } from "../../../src/engine/futures/equitise";
import { readFutures } from "../../../src/engine/futures/futures";
import { Plan, effective, readPortfolio } from "../../../src/engine/portfolio/portfolio";
import { equitiseOptimal, rebalanceOptimal } from "../../../src/engine/rebalance/optimalRounding";
import { keepRanges } from "../../../src/engine/rebalance/ranges";
import { RebalanceRule, rebalance } from "../../../src/engine/rebalance/rebalance";
import { dailyProposal } from "../../../src/engine/policy/daily";
import { readTiltBook } from "../../../src/engine/policy/tilts";

// Property tests over thousands of random plans: room for a loaded machine (the figures are not timed here).
jest.setTimeout(120_000);

const RUNS = 2000;
const EPS = 1e-9;

interface Random {
  portfolio: unknown[][];
  futures: unknown[][];
}

const randomPlan: fc.Arbitrary<Random> = fc
  .record({
    n: fc.integer({ min: 2, max: 8 }),
    seed: fc.array(fc.double({ min: 0.02, max: 1, noNaN: true }), { minLength: 10, maxLength: 10 }),
    drift: fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 10, maxLength: 10 }),
    band: fc.array(fc.double({ min: 0.05, max: 0.5, noNaN: true }), { minLength: 10, maxLength: 10 }),
    contract: fc.array(fc.double({ min: 1e-5, max: 0.02, noNaN: true }), { minLength: 10, maxLength: 10 }),
    overlay: fc.array(fc.double({ min: -0.05, max: 0.1, noNaN: true }), { minLength: 10, maxLength: 10 }),
    illiquid: fc.boolean(),
    nav: fc.double({ min: 1e8, max: 1e10, noNaN: true }),
  })
  .map(({ n, seed, drift, band, contract, overlay, illiquid, nav }) => {
    // classes 0..n-1 liquid with futures, an optional illiquid class proxied by class 0, then Cash
    const names = [...Array.from({ length: n }, (_, i) => `Class ${i + 1}`), ...(illiquid ? ["Private"] : []), "Cash"];
    const raw = names.map((_, i) => seed[i]);
    const total = raw.reduce((s, x) => s + x, 0);
    const targets = raw.map((x) => x / total);
    const mv = targets.map((t, i) => t * (1 + drift[i]));
    const mvTotal = mv.reduce((s, x) => s + x, 0);
    const portfolio: unknown[][] = [["Asset class", "Market value", "Target", "Min", "Max", "Liquid", "Proxy", "Overlay"]];
    const futures: unknown[][] = [["Asset class", "Contract", "Price", "Multiplier"]];
    names.forEach((name, i) => {
      const t = targets[i];
      const liquid = name !== "Private";
      const ov = i < n ? overlay[i] * nav : "";
      portfolio.push([name, (mv[i] / mvTotal) * nav, t, t * (1 - band[i]), t * (1 + band[i]), liquid, liquid ? "" : "Class 1", ov]);
      if (i < n) futures.push([name, `F${i + 1}`, contract[i] * nav, 1]);
    });
    return { portfolio, futures };
  });

/** Post weights recomputed from whole contracts, Cash absorbing the rest so total exposure is unchanged. */
function check(plan: Plan, post: Map<string, number>, notes: readonly string[]) {
  const cannot = notes.some((n) => /cannot all be met/.test(n));
  for (const c of plan.classes) {
    const w = effective(c) / plan.nav;
    const p = post.get(c.name)!;
    if (cannot || notes.some((n) => n.startsWith(`${c.name}:`) && /cannot|no whole number/.test(n))) continue;
    const lo = Math.min(c.min, w);
    const hi = Math.max(c.max, w);
    if (p < lo - EPS || p > hi + EPS) {
      throw new Error(`${c.name}: post ${p} outside [${lo}, ${hi}] (weight ${w}, range ${c.min}-${c.max}); notes: ${notes.join(" | ")}`);
    }
  }
}

function postOf(plan: Plan, fut: ReturnType<typeof readFutures>, contracts: Map<string, number>): Map<string, number> {
  const post = new Map<string, number>();
  let moved = 0;
  for (const c of plan.classes) {
    const f = fut.find((x) => x.assetClass === c.name);
    const k = contracts.get(c.name) ?? 0;
    const e = f ? (k * f.price * f.multiplier * f.fx) / f.beta : 0;
    moved += e;
    post.set(c.name, (effective(c) + e) / plan.nav);
  }
  if (plan.cash >= 0) {
    const cash = plan.classes[plan.cash];
    post.set(cash.name, (effective(cash) - moved) / plan.nav);
  }
  return post;
}

describe("ranges hold after whole contracts, every rule (2,000 random plans each)", () => {
  for (const rule of ["target", "edge", "halfway"] as RebalanceRule[]) {
    test(`rebalance "${rule}", nearest`, () => {
      fc.assert(
        fc.property(randomPlan, fc.constantFrom("bands", "always") as fc.Arbitrary<"bands" | "always">, (r, trigger) => {
          const plan = readPortfolio(r.portfolio as never);
          const fut = readFutures(r.futures as never, plan);
          const out = rebalance(plan, fut, { rule, trigger });
          const contracts = new Map(out.lines.map((l) => [l.assetClass, l.contracts ?? 0]));
          const post = postOf(plan, fut, contracts);
          // the engine's post weights agree with the ones recomputed from its contracts
          for (const l of out.lines) expect(l.postWeight).toBeCloseTo(post.get(l.assetClass)!, 9);
          if (out.triggered) check(plan, post, out.notes);
          expect(Math.abs(out.lines.reduce((s, l) => s + l.trade, 0))).toBeLessThan(1e-6 * plan.nav);
        }),
        { numRuns: RUNS },
      );
    });
  }

  for (const rule of ["target", "edge"] as RebalanceRule[]) {
    test(`rebalance "${rule}", optimal rounding`, async () => {
      await fc.assert(
        fc.asyncProperty(randomPlan, async (r) => {
          const plan = readPortfolio(r.portfolio as never);
          const fut = readFutures(r.futures as never, plan);
          const out = await rebalanceOptimal(plan, fut, { rule, trigger: "always", timeLimitSeconds: 0.5 });
          const post = postOf(plan, fut, new Map(out.lines.map((l) => [l.assetClass, l.contracts ?? 0])));
          check(plan, post, out.notes);
        }),
        { numRuns: RUNS },
      );
    }, 600_000);
  }

  for (const mode of ["target", "underweight"] as const) {
    test(`equitise "${mode}": no class bought above max(Max, weight) or sold below min(Min, weight)`, () => {
      fc.assert(
        fc.property(randomPlan, fc.double({ min: -0.2, max: 0.3, noNaN: true }), (r, extra) => {
          const plan = readPortfolio(r.portfolio as never);
          const fut = readFutures(r.futures as never, plan);
          const cashRow = plan.classes[plan.cash];
          const out = equitise(plan, fut, { mode, cash: effective(cashRow) + extra * plan.nav });
          const post = postOf(plan, fut, new Map(out.lines.map((l) => [l.assetClass, l.contracts ?? 0])));
          post.delete("Cash"); // equitisation moves Cash to its buffer on purpose
          const noCash = { ...plan, classes: plan.classes.filter((c) => !c.isCash), cash: -1 };
          check(noCash, post, out.notes);
        }),
        { numRuns: RUNS },
      );
    });
  }

  test("equitise, optimal rounding", async () => {
    await fc.assert(
      fc.asyncProperty(randomPlan, async (r) => {
        const plan = readPortfolio(r.portfolio as never);
        const fut = readFutures(r.futures as never, plan);
        const out = await equitiseOptimal(plan, fut, {
          mode: "target",
          cash: effective(plan.classes[plan.cash]) + 0.05 * plan.nav,
          timeLimitSeconds: 0.5,
        });
        const post = postOf(plan, fut, new Map(out.lines.map((l) => [l.assetClass, l.contracts ?? 0])));
        post.delete("Cash");
        check({ ...plan, classes: plan.classes.filter((c) => !c.isCash), cash: -1 }, post, out.notes);
      }),
      { numRuns: 500 },
    );
  }, 600_000);
});

describe("the issue's cases", () => {
  test('"edge" leaves US large cap at 27.003% against a 27% max with 9 contracts: 10 keep it inside', () => {
    // A class at 28% of 1,000m over a 27% max, one contract 300,000 (0.03% of NAV): the goal trade -10m is
    // 33.33 contracts; nearest rounding sells 33 (27.01%), so the range step sells 34 (26.98%).
    const plan = readPortfolio([
      ["Asset class", "Market value", "Target", "Min", "Max"],
      ["US large cap", 280e6, 0.24, 0.21, 0.27],
      ["Bonds", 620e6, 0.66, 0.6, 0.7],
      ["Cash", 100e6, 0.1, 0.05, 0.15],
    ]);
    const fut = readFutures(
      [
        ["Asset class", "Contract", "Price", "Multiplier"],
        ["US large cap", "ES", 6000, 50],
        ["Bonds", "TY", 110, 1000],
      ],
      plan,
    );
    const r = rebalance(plan, fut, { rule: "edge", trigger: "bands" });
    const l = r.lines[0];
    expect(l.contracts).toBe(-34);
    expect(l.postWeight).toBeCloseTo(0.28 - (34 * 300_000) / 1e9, 12);
    expect(l.postStatus).toBe("within");
    expect(r.notes).toContain("US large cap: -34 contracts instead of -33 keep it inside its range");
  });

  test("keepRanges says which range cannot be met with whole contracts", () => {
    const plan = readPortfolio([
      ["Asset class", "Market value", "Target", "Min", "Max"],
      ["Small", 40e6, 0.04, 0.039, 0.041],
      ["Big", 860e6, 0.86, 0.8, 0.9],
      ["Cash", 100e6, 0.1, 0.05, 0.15],
    ]);
    const fut = readFutures(
      [
        ["Asset class", "Contract", "Price", "Multiplier"],
        ["Small", "S", 5e6, 1],
        ["Big", "B", 1e5, 1],
      ],
      plan,
    );
    // Small at 4.0%: one contract is 0.5% of NAV, wider than its 0.2% range; trading +1 would leave it
    const k = keepRanges(plan, [fut[0], fut[1], undefined], [0.004, -0.004, 0], [1, -40, null]);
    expect(k.contracts[0]).toBe(0);
    expect(k.notes[0]).toBe("Small: 0 contracts instead of 1 keep it inside its range");
  });
});

describe("the daily proposal keeps the ranges too (2,000 random plans with random funded tilts)", () => {
  test("every class ends inside max(Max, w) / min(Min, w) after whole contracts and the minimum trade size", () => {
    fc.assert(
      fc.property(
        randomPlan,
        fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        fc.constantFrom<RebalanceRule>("target", "edge", "halfway"),
        (r, t, minContracts, rule) => {
          const plan = readPortfolio(r.portfolio as never);
          const fut = readFutures(r.futures as never, plan);
          const legs = readTiltBook(
            [
              ["Id", "Asset class", "Tilt", "Start", "Expiry"],
              ["T", "Class 1", t, 100, 200],
              ["T", "Class 2", -t, "", ""],
            ],
            plan,
          );
          const out = dailyProposal(plan, fut, legs, { asOf: 150, rule, trigger: "bands", minContracts });
          const post = postOf(plan, fut, new Map(out.lines.map((l) => [l.assetClass, l.contracts ?? 0])));
          for (const l of out.lines) expect(l.postWeight).toBeCloseTo(post.get(l.assetClass)!, 9);
          check(plan, post, out.notes);
          expect(Math.abs(out.total.trade)).toBeLessThan(1e-6 * plan.nav);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("the daily proposal keeps the plan's net leverage bounds within the ranges (2,000 random plans)", () => {
  test("net leverage (recomputed from the contracts) ends inside its bounds, or no further contract fits the ranges and bounds", () => {
    fc.assert(
      fc.property(
        randomPlan,
        fc.double({ min: 0.6, max: 1.3, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.constantFrom<RebalanceRule>("target", "edge", "halfway"),
        (r, lo, width, rule) => {
          const plan = readPortfolio(r.portfolio as never);
          const fut = readFutures(r.futures as never, plan);
          const hi = lo + width;
          const out = dailyProposal(plan, fut, [], { asOf: 150, rule, trigger: "bands", minLeverage: lo, maxLeverage: hi });
          const post = postOf(plan, fut, new Map(out.lines.map((l) => [l.assetClass, l.contracts ?? 0])));
          check(plan, post, out.notes);
          const net = plan.classes.reduce((s, c) => (c.isCash ? s : s + post.get(c.name)!), 0);
          expect(out.leverage.after).toBeCloseTo(net, 9);
          expect(Math.abs(out.total.trade)).toBeLessThan(1e-6 * plan.nav);
          if (net >= lo - EPS && net <= hi + EPS) return;
          const under = net < lo;
          expect(out.leverage.status).toBe(under ? "under" : "over");
          expect(out.leverage.reason).toMatch(under ? /cannot be brought up to its floor/ : /cannot be brought down to its cap/);
          // Nothing left to do: for every future, one more contract in that direction would leave its class's or Cash's
          // range, or pass the other bound.
          const cash = plan.classes[plan.cash];
          const cashRoom = ((under ? post.get(cash.name)! - cash.min : cash.max - post.get(cash.name)!) * plan.nav) / plan.nav;
          for (const f of fut) {
            const c = plan.classes.find((x) => x.name === f.assetClass)!;
            const step = (f.price * f.multiplier * f.fx) / f.beta / plan.nav;
            const room = under ? c.max - post.get(c.name)! : post.get(c.name)! - c.min;
            const passesOther = under ? net + step > hi + EPS : net - step < lo - EPS;
            expect(step > room - EPS || step > cashRoom - EPS || passesOther).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
