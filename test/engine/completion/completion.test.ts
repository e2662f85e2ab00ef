/**
 * The completion optimiser: a case worked by hand, HiGHS on the same QP written independently from the
 * raw inputs, the KKT conditions, and the infeasible inputs.
 */
import { Matrix } from "../../../src/engine/core/cells";
import { OverlayError } from "../../../src/engine/core/errors";
import { completion, CompletionInput } from "../../../src/engine/completion/completion";
import { readHoldings, readLoadings, readSpecificRisk, readTargets } from "../../../src/engine/completion/factorModel";
import { Highs, loadHighs } from "../../../src/engine/optimise/highs";
import { solveModel, SparseRow } from "../../../src/engine/optimise/model";
import { rng } from "../optimise/instances";

function input(
  holdings: Matrix,
  loadings: Matrix,
  targets: Matrix,
  opts: { budget?: number; maxWeight?: number; turnover?: number; specificRisk?: Matrix } = {},
): CompletionInput {
  const L = readLoadings(loadings);
  const budget = opts.budget ?? 0.1;
  return {
    loadings: L,
    holdings: readHoldings(holdings, L),
    targets: readTargets(targets, L),
    budget,
    maxWeight: opts.maxWeight ?? budget,
    turnover: opts.turnover ?? 0,
    specificRisk: opts.specificRisk ? readSpecificRisk(opts.specificRisk, L) : undefined,
  };
}

// Two factors, three securities: A loads on F1 only, B on F2 only, C on both. The class holds only A.
const LOADINGS: Matrix = [
  ["Security", "F1", "F2"],
  ["A", 1, 0],
  ["B", 0, 1],
  ["C", 1, 1],
];
const HOLDINGS: Matrix = [
  ["Security", "Weight"],
  ["A", 1],
];
const TARGETS: Matrix = [
  ["Factor", "Target"],
  ["F1", 0.95],
  ["F2", 0.1],
];

describe("a completion worked by hand (two factors, three securities)", () => {
  test("interior solution, turnover 1", () => {
    // Before: exposure e = (1, 0). Budget b = 0.1, so the holdings keep (1 - b) e = (0.9, 0).
    // Post exposure: F1 = 0.9 + cA + cC, F2 = cB + cC. Gaps e1 = cA + cC - 0.05, e2 = cB + cC - 0.1.
    // Minimise e1^2 + e2^2 + (cA^2 + cB^2 + cC^2) s.t. cA + cB + cC = 0.1, c >= 0.
    // Stationarity (multiplier nu):  2 e1 + 2 cA = nu,  2 e2 + 2 cB = nu,  2 (e1 + e2) + 2 cC = nu.
    //   A = B:  cA + cC - 0.05 + cA = cB + cC - 0.1 + cB   =>  cB = cA + 0.025
    //   A = C:  e1 + cA = e1 + e2 + cC                      =>  cA = e2 + cC = cB + 2 cC - 0.1
    //           => cA = cA + 0.025 + 2 cC - 0.1             =>  cC = 0.0375
    //   budget: cA + (cA + 0.025) + 0.0375 = 0.1            =>  cA = 0.01875, cB = 0.04375
    // Gaps: e1 = 0.01875 + 0.0375 - 0.05 = 0.00625, e2 = 0.04375 + 0.0375 - 0.1 = -0.01875; nu = 0.05.
    // Objective: 0.00625^2 + 0.01875^2 + 0.01875^2 + 0.04375^2 + 0.0375^2
    //          = 0.0000390625 + 0.0003515625 + 0.0003515625 + 0.0019140625 + 0.00140625 = 0.0040625.
    const r = completion(input(HOLDINGS, LOADINGS, TARGETS, { turnover: 1 }));
    expect(r.securities).toEqual(["A", "B", "C"]);
    expect(r.weights[0]).toBeCloseTo(0.01875, 14);
    expect(r.weights[1]).toBeCloseTo(0.04375, 14);
    expect(r.weights[2]).toBeCloseTo(0.0375, 14);
    expect(r.objective).toBeCloseTo(0.0040625, 15);
    expect(r.factors.map((f) => f.factor)).toEqual(["F1", "F2"]);
    expect(r.factors[0].before).toBe(1);
    expect(r.factors[1].before).toBe(0);
    expect(r.factors[0].after).toBeCloseTo(0.95625, 14);
    expect(r.factors[1].after).toBeCloseTo(0.08125, 14);
    expect(r.factors[0].gap).toBeCloseTo(0.00625, 14);
    expect(r.factors[1].gap).toBeCloseTo(-0.01875, 14);
  });

  test("a binding maxWeight (0.042): B stops at its cap", () => {
    // cB = 0.04375 > 0.042, so cB = 0.042 and the others share 0.058:
    //   A = C:  cA = e2 + cC with e2 = 0.042 + cC - 0.1 = cC - 0.058   =>  cA = 2 cC - 0.058
    //   budget: (2 cC - 0.058) + cC = 0.058                            =>  cC = 0.116 / 3, cA = 0.058 / 3
    // e1 = cA + cC - 0.05 = 0.008, e2 = -0.058 / 3; nu = 2 e1 + 2 cA = 0.016 + 0.116 / 3 = 0.0546667, and
    // B's gradient 2 e2 + 2 cB = -0.116/3 + 0.084 = 0.0453333 <= nu: B would like more, the cap binds (KKT).
    // Objective: 0.008^2 + (0.058/3)^2 + (0.058/3)^2 + 0.042^2 + (0.116/3)^2.
    const r = completion(input(HOLDINGS, LOADINGS, TARGETS, { turnover: 1, maxWeight: 0.042 }));
    expect(r.weights[0]).toBeCloseTo(0.058 / 3, 14);
    expect(r.weights[1]).toBe(0.042);
    expect(r.weights[2]).toBeCloseTo(0.116 / 3, 14);
    const e2 = -0.058 / 3;
    expect(r.objective).toBeCloseTo(0.008 ** 2 + e2 ** 2 + (0.058 / 3) ** 2 + 0.042 ** 2 + (0.116 / 3) ** 2, 15);
    expect(r.factors[0].gap).toBeCloseTo(0.008, 14);
    expect(r.factors[1].gap).toBeCloseTo(e2, 14);
  });

  test("without a turnover penalty the targets are met exactly", () => {
    // Gaps are closed by cA + cC = 0.05, cB + cC = 0.1, cA + cB + cC = 0.1  =>  cA = 0, cB = 0.05, cC = 0.05.
    const r = completion(input(HOLDINGS, LOADINGS, TARGETS));
    expect(r.weights[0]).toBeCloseTo(0, 12);
    expect(r.weights[1]).toBeCloseTo(0.05, 12);
    expect(r.weights[2]).toBeCloseTo(0.05, 12);
    expect(r.objective).toBeLessThan(1e-20);
  });

  test("specific risk adds sum s_i^2 w_i^2 over the post-trade weights", () => {
    // One number 0.5 for all securities: the objective gains 0.25 x (wA^2 + wB^2 + wC^2), with the post-trade
    // weights wA = 0.9 + cA (A's scaled holding plus its sleeve weight), wB = cB, wC = cC. Checked against that
    // definition at the returned weights.
    const r = completion(input(HOLDINGS, LOADINGS, TARGETS, { turnover: 1, specificRisk: [[0.5]] }));
    const [cA, cB, cC] = Array.from(r.weights);
    const e1 = 0.9 + cA + cC - 0.95;
    const e2 = cB + cC - 0.1;
    const wA = 0.9 + cA;
    const byDefinition = e1 ** 2 + e2 ** 2 + (cA ** 2 + cB ** 2 + cC ** 2) + 0.25 * (wA ** 2 + cB ** 2 + cC ** 2);
    expect(r.objective).toBeCloseTo(byDefinition, 15);
    // A's specific risk is already large in the holdings: the sleeve buys less A than without specific risk.
    expect(cA).toBeLessThan(0.01875);
  });
});

/** The completion QP written from the raw inputs for HiGHS: columns c (n) and post-trade exposures x (K). */
function highsCompletion(highs: Highs, inp: CompletionInput, h: number[], risk: number[] | undefined) {
  const L = inp.loadings;
  const n = L.securities.length;
  const K = L.factors.length;
  const b = inp.budget;
  const before = new Array<number>(K).fill(0);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) before[k] += h[i] * L.values[i * K + k];
  const target = new Map(inp.targets.map((t) => [t.factor, t.target]));
  const rows: SparseRow[] = [];
  for (let k = 0; k < K; k++) {
    // x_k - sum_i L_ik c_i = (1 - b) before_k
    const idx = Array.from({ length: n }, (_, i) => i);
    rows.push({
      indices: [...idx, n + k],
      values: [...idx.map((i) => -L.values[i * K + k]), 1],
      lower: (1 - b) * before[k],
      upper: (1 - b) * before[k],
    });
  }
  rows.push({ indices: Array.from({ length: n }, (_, i) => i), values: new Array<number>(n).fill(1), lower: b, upper: b });
  const s2 = (i: number) => (risk ? risk[i] ** 2 : 0);
  let offset = 0;
  const cost: number[] = [];
  const q: number[] = [];
  for (let i = 0; i < n; i++) {
    // turnover c^2 + s^2 ((1-b) h + c)^2 = (turnover + s^2) c^2 + 2 s^2 (1-b) h c + s^2 (1-b)^2 h^2
    q.push(2 * (inp.turnover + s2(i)));
    cost.push(2 * s2(i) * (1 - b) * h[i]);
    offset += s2(i) * ((1 - b) * h[i]) ** 2;
  }
  for (let k = 0; k < K; k++) {
    const t = target.get(k);
    // (x - t)^2 = x^2 - 2 t x + t^2 for targeted factors; untargeted x is free and costless
    q.push(t === undefined ? 0 : 2);
    cost.push(t === undefined ? 0 : -2 * t);
    offset += t === undefined ? 0 : t * t;
  }
  return solveModel(
    highs,
    {
      numCols: n + K,
      cost,
      lower: [...new Array<number>(n).fill(0), ...new Array<number>(K).fill(-Infinity)],
      upper: [...new Array<number>(n).fill(inp.maxWeight), ...new Array<number>(K).fill(Infinity)],
      hessianDiag: q,
      rows,
      offset,
    },
    { boundScale: 5 },
  );
}

function randomCase(
  seed: number,
  n: number,
  K: number,
  opts: { maxWeight: number; turnover: number; specificRisk: boolean; targeted: number },
) {
  const R = rng(seed);
  const factors = Array.from({ length: K }, (_, k) => `Factor ${k + 1}`);
  const names = Array.from({ length: n }, (_, i) => `S${i + 1}`);
  const loadings: Matrix = [["Security", ...factors], ...names.map((s) => [s, ...factors.map(() => R.gauss())])];
  // Holdings: a third of the universe, weights adding up to 1.
  const held = names.filter(() => R.uniform() < 0.33);
  if (held.length === 0) held.push(names[0]);
  const raw = held.map(() => R.uniform() + 0.1);
  const tot = raw.reduce((s, x) => s + x, 0);
  const holdings: Matrix = [["Security", "Weight"], ...held.map((s, j) => [s, raw[j] / tot])];
  const targets: Matrix = [["Factor", "Target"], ...factors.slice(0, opts.targeted).map((f) => [f, 0.3 * R.gauss()])];
  const risk = opts.specificRisk ? names.map(() => 0.1 + 0.3 * R.uniform()) : undefined;
  const specificRisk: Matrix | undefined = risk ? [["Security", "Specific risk"], ...names.map((s, i) => [s, risk[i]])] : undefined;
  const inp = input(holdings, loadings, targets, { maxWeight: opts.maxWeight, turnover: opts.turnover, specificRisk });
  const h = new Array<number>(n).fill(0);
  held.forEach((s, j) => (h[names.indexOf(s)] = raw[j] / tot));
  return { inp, h, risk };
}

describe("completion vs HiGHS on the same QP, written from the raw inputs", () => {
  let highs: Highs;
  beforeAll(async () => {
    highs = await loadHighs();
  });
  test.each([
    [10, 2, 0.05, 0.01, false, 2],
    [40, 5, 0.004, 0, false, 5],
    [100, 8, 0.1, 0.1, true, 6],
    [300, 12, 0.001, 1e-3, false, 12],
    [1000, 20, 0.0005, 0, true, 15],
  ])("n=%i K=%i maxWeight=%p turnover=%p specific=%p targeted=%i", (n, K, maxWeight, turnover, specificRisk, targeted) => {
    const { inp, h, risk } = randomCase(n + K, n, K, { maxWeight, turnover, specificRisk, targeted });
    const ours = completion(inp);
    const ref = highsCompletion(highs, inp, h, risk);
    expect(ref.status).toBe("optimal");
    expect(Math.abs(ours.objective - ref.objective) / ref.objective).toBeLessThan(1e-8);
    // the sleeve: non-negative, capped, adding up to the budget
    const w = Array.from(ours.weights);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...w)).toBeLessThanOrEqual(maxWeight);
    expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(0.1, 14);
    // After = (1 - b) Before + L'c, per factor
    ours.factors.forEach((f, k) => {
      let x = 0.9 * f.before;
      for (let i = 0; i < n; i++) x += inp.loadings.values[i * K + k] * w[i];
      expect(f.after).toBeCloseTo(x, 12);
    });
  });
});

describe("infeasible and invalid inputs", () => {
  const err = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(OverlayError);
      return e as OverlayError;
    }
    throw new Error("no error");
  };
  test("a budget larger than securities x maxWeight", () => {
    const e = err(() => completion(input(HOLDINGS, LOADINGS, TARGETS, { budget: 0.1, maxWeight: 0.03 })));
    expect(e.kind).toBe("num");
    expect(e.message).toMatch(/budget 0.1 cannot be met: 3 securities at most maxWeight 0.03 each hold 0.09/);
  });
  test("a factor target no security loads on", () => {
    const loadings: Matrix = [
      ["Security", "F1", "Momentum"],
      ["A", 1, 0],
      ["B", 0.5, 0],
    ];
    const targets: Matrix = [
      ["Factor", "Target"],
      ["F1", 0.9],
      ["Momentum", 0.2],
    ];
    const e = err(() => completion(input(HOLDINGS, loadings, targets)));
    expect(e.kind).toBe("num");
    expect(e.message).toMatch(/Targets row 2 \(Momentum\): no security in Loadings loads on 'Momentum'.*target 0.2 cannot be reached/);
    // A zero target on such a factor is already met: no error.
    const ok = completion(
      input(HOLDINGS, loadings, [
        ["Factor", "Target"],
        ["F1", 0.9],
        ["Momentum", 0],
      ]),
    );
    expect(ok.factors[1].gap).toBe(0);
  });
  test("holdings that do not add up to 1", () => {
    const e = err(() =>
      completion(
        input(
          [
            ["Security", "Weight"],
            ["A", 0.5],
            ["B", 0.3],
          ],
          LOADINGS,
          TARGETS,
        ),
      ),
    );
    expect(e.kind).toBe("value");
    expect(e.message).toMatch(/Holdings: Weights must add up to 1.*0.8/);
  });
  test("a held security without loadings, a target on an unknown factor", () => {
    expect(
      err(() =>
        readHoldings(
          [
            ["Security", "Weight"],
            ["Z", 1],
          ],
          readLoadings(LOADINGS),
        ),
      ).message,
    ).toMatch(/Holdings row 1 \(Z\): security 'Z' has no row in Loadings/);
    expect(
      err(() =>
        readTargets(
          [
            ["Factor", "Target"],
            ["Value", 1],
          ],
          readLoadings(LOADINGS),
        ),
      ).message,
    ).toMatch(/Targets row 1 \(Value\): factor 'Value' is not a column of Loadings \(factors: 'F1', 'F2'\)/);
  });
});
