/**
 * The lazy HiGHS loader and the model helper: the WebAssembly loads on first use only, once; the wasm URL in a
 * browser; a failed load is an Excel #NUM! with words, and the next call retries. Solves checked against the
 * worked example of the highs-js README (chairs and tables MIP: profit 1100 at 20 chairs, 10 tables).
 */
import { OverlayError } from "../../../src/engine/core/errors";
import { configureHighs, highsRequested, loadHighs } from "../../../src/engine/optimise/highs";
import { solveModel } from "../../../src/engine/optimise/model";
import { call, ok } from "../../helpers/call";

describe("lazy loading", () => {
  test("the registry and a function that needs no solver do not load HiGHS; optimal rounding does, once", async () => {
    expect(highsRequested()).toBe(false);
    await ok(
      "FACTOREXPOSURE",
      [
        ["Security", "Weight"],
        ["A", 1],
      ],
      [
        ["Security", "Value"],
        ["A", 0.5],
      ],
    );
    await ok(
      "COMPLETION",
      [
        ["Security", "Weight"],
        ["A", 1],
      ],
      [
        ["Security", "Value"],
        ["A", 0.5],
        ["B", 1],
      ],
      [
        ["Factor", "Target"],
        ["Value", 0.6],
      ],
    );
    expect(highsRequested()).toBe(false);
    const plan = [
      ["Asset class", "Market value", "Target", "Min", "Max"],
      ["Equity", 59.6e6, 0.6, 0.55, 0.65],
      ["Bonds", 34.6e6, 0.35, 0.3, 0.4],
      ["Cash", 5.8e6, 0.05, 0, 0.1],
    ];
    const futures = [
      ["Asset class", "Contract", "Price", "Multiplier"],
      ["Equity", "EQ", 4000, 250],
      ["Bonds", "BD", 110, 10000],
    ];
    await ok("REBALANCE", plan, futures, "target", "always", "optimal");
    expect(highsRequested()).toBe(true);
    const a = loadHighs();
    const b = loadHighs();
    expect(a).toBe(b);
    expect(await a).toBe(await b);
  });
});

describe("loading failures", () => {
  test("a failed load is a #NUM! with the reason; the next call tries again", async () => {
    configureHighs({ locateFile: () => "/nonexistent/highs.wasm" });
    try {
      await expect(loadHighs()).rejects.toBeInstanceOf(OverlayError);
      await expect(loadHighs()).rejects.toThrow(/The HiGHS solver could not be loaded/);
      const r = await call(
        "REBALANCE",
        [
          ["Asset class", "Market value", "Target", "Min", "Max"],
          ["Equity", 59.6e6, 0.6, 0.55, 0.65],
          ["Bonds", 34.6e6, 0.35, 0.3, 0.4],
          ["Cash", 5.8e6, 0.05, 0, 0.1],
        ],
        [
          ["Asset class", "Contract", "Price", "Multiplier"],
          ["Equity", "EQ", 4000, 250],
          ["Bonds", "BD", 110, 10000],
        ],
        "target",
        "always",
        "optimal",
      );
      expect(r).toMatchObject({ code: "#NUM!" });
    } finally {
      configureHighs(undefined);
    }
    const highs = await loadHighs();
    expect(highs.version.major).toBeGreaterThanOrEqual(1);
  });
});

describe("solveModel", () => {
  test("the highs-js README's MIP: 30 chairs + 50 tables, carpentry and finishing limits", async () => {
    // Maximise 30 c + 50 t s.t. c + 2t <= 40, 2c + t <= 50, integer: optimum 1100 at c = 20, t = 10
    // (highs-js README, "Quick start"). Written as a minimisation of -(30 c + 50 t).
    const highs = await loadHighs();
    const s = solveModel(highs, {
      numCols: 2,
      cost: [-30, -50],
      lower: [0, 0],
      upper: [Infinity, Infinity],
      integer: [true, true],
      rows: [
        { indices: [0, 1], values: [1, 2], lower: -Infinity, upper: 40 },
        { indices: [0, 1], values: [2, 1], lower: -Infinity, upper: 50 },
      ],
    });
    expect(s.status).toBe("optimal");
    expect(s.objective).toBeCloseTo(-1100, 9);
    expect(s.x).toEqual([20, 10]);
  });

  test("a QP with a diagonal Hessian: min x^2 + 2 y^2 + x + y s.t. x + y = 1", async () => {
    // Stationarity 2x + 1 = 4y + 1 = nu and x + y = 1 give x = 2/3, y = 1/3; objective 4/9 + 2/9 + 1 = 5/3.
    const highs = await loadHighs();
    const s = solveModel(highs, {
      numCols: 2,
      cost: [1, 1],
      lower: [0, 0],
      upper: [10, 10],
      hessianDiag: [2, 4],
      rows: [{ indices: [0, 1], values: [1, 1], lower: 1, upper: 1 }],
    });
    expect(s.status).toBe("optimal");
    expect(s.objective).toBeCloseTo(5 / 3, 12);
    expect(s.x![0]).toBeCloseTo(2 / 3, 7);
  });

  test("an infeasible model reports it, without a solution", async () => {
    const highs = await loadHighs();
    const s = solveModel(highs, {
      numCols: 1,
      cost: [1],
      lower: [0],
      upper: [1],
      rows: [{ indices: [0], values: [1], lower: 2, upper: 3 }],
    });
    expect(s.status).toBe("infeasible");
    expect(s.x).toBeUndefined();
    expect(Number.isNaN(s.objective)).toBe(true);
  });
});
