import fc from "fast-check";
import { equitise } from "../../../src/engine/futures/equitise";
import { readFutures } from "../../../src/engine/futures/futures";
import { readPortfolio } from "../../../src/engine/portfolio/portfolio";
import { FUTURES_B, M, PLAN_B } from "../../helpers/plans";

const plan = readPortfolio(PLAN_B as never);
const fut = readFutures(FUTURES_B as never, plan);

describe("equitise", () => {
  test("target mode: cash above the buffer pro rata to the non-cash targets, private equity through its proxy", () => {
    // Cash 100m, buffer = Cash target 0.10 x NAV 1,000m = 100m: nothing to equitise.
    expect(equitise(plan, fut, { mode: "target" }).amount).toBe(0);
    // Give 60m cash explicitly with a 15m buffer: 45m over Equity 0.45, Bonds 0.35, PE 0.10 (sum 0.90):
    // Equity 22.5m + PE's 5m through Equity = 27.5m -> 110 ES; Bonds 17.5m / 110,000 = 159.09 -> 159 TY.
    const r = equitise(plan, fut, { cash: 60 * M, buffer: 15 * M, mode: "target" });
    const by = Object.fromEntries(r.lines.map((l) => [l.assetClass, l]));
    expect(r.amount).toBe(45 * M);
    expect(by.Equity.exposure).toBeCloseTo(27.5 * M, 4);
    expect(by.Equity.contracts).toBe(110);
    expect(by["Private equity"].contract).toBe("via Equity");
    expect(by.Bonds.exposure).toBeCloseTo(17.5 * M, 4);
    expect(by.Bonds.contracts).toBe(159);
    expect(by.Bonds.residual).toBeCloseTo(17.5 * M - 159 * 110_000, 4);
    expect(r.total.exposure).toBeCloseTo(45 * M, 4);
  });

  test("underweight mode fills the gaps to target first", () => {
    // Equity 0.40 (gap 50m), Bonds 0.30 (gap 50m), PE 0.10 (0), Cash 0.20; buffer 0.10 x NAV = 100m:
    // 100m to equitise = exactly the gaps: 50m Equity (200 ES), 50m Bonds (454.5 -> 455 TY).
    const under = readPortfolio([
      ["Asset class", "Market value", "Target", "Min", "Max", "Liquid", "Proxy"],
      ["Equity", 400 * M, 0.45, 0.35, 0.55, true, ""],
      ["Bonds", 300 * M, 0.35, 0.25, 0.45, true, ""],
      ["Private equity", 100 * M, 0.1, 0.05, 0.15, false, "Equity"],
      ["Cash", 200 * M, 0.1, 0, 0.25, true, ""],
    ] as never);
    const r = equitise(under, readFutures(FUTURES_B as never, under), { mode: "underweight" });
    const by = Object.fromEntries(r.lines.map((l) => [l.assetClass, l]));
    expect(r.amount).toBeCloseTo(100 * M, 4);
    expect(by.Equity.exposure).toBeCloseTo(50 * M, 4);
    expect(by.Equity.contracts).toBe(200);
    expect(by.Bonds.exposure).toBeCloseTo(50 * M, 4);
    expect(by.Bonds.contracts).toBe(455);
    // the same cash in target mode splits 100m as 0.45/0.35/0.10 over 0.90 instead
    const t = equitise(under, readFutures(FUTURES_B as never, under), { mode: "target" });
    expect(t.lines.find((l) => l.assetClass === "Bonds")!.exposure).toBeCloseTo((100 * M * 0.35) / 0.9, 4);
  });

  test("no Cash row and no cash given is an error naming the argument", () => {
    const noCash = readPortfolio([
      ["Asset class", "Market value", "Target", "Min", "Max"],
      ["Equity", 1, 1, 0, 1],
    ] as never);
    expect(() => equitise(noCash, [], { mode: "target" })).toThrow(/^cash: the portfolio has no Cash row/);
  });

  test("property: at most one contract's exposure left unequitised per class, and the total plus what stays in cash equals cash - buffer", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 5e8, noNaN: true }),
        fc.double({ min: 0, max: 5e7, noNaN: true }),
        fc.constantFrom<"target" | "underweight">("target", "underweight"),
        (cash, buffer, mode) => {
          const r = equitise(plan, fut, { cash, buffer, mode });
          // What the ranges cannot take stays in cash (r.unplaced), and a note says so.
          expect(r.total.exposure + r.unplaced).toBeCloseTo(cash - buffer, 3);
          if (Math.abs(r.unplaced) > 1) expect(r.notes.join(" ")).toMatch(/stays in cash: no class has room left/);
          // Nearest rounding leaves half a contract; one contract back at a range leaves at most one.
          const perContract: Record<string, number> = { Equity: 250_000, Bonds: 110_000 };
          for (const l of r.lines)
            if (l.residual !== null) expect(Math.abs(l.residual)).toBeLessThanOrEqual(perContract[l.assetClass] + 1e-6);
        },
      ),
      { numRuns: 300 },
    );
  });
});
