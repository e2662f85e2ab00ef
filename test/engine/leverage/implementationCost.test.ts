/** Implementation cost, futures against physical: hand-worked. */
import { costCompare } from "../../../src/engine/leverage/implementationCost";

describe("costCompare", () => {
  test("100m for 2 years: physical 10 bp, futures 2 bp, roll 8 bp a year, margin 5%", () => {
    const [phys, fut, diff] = costCompare({ notional: 100e6, physicalBps: 10, futuresBps: 2, marginRate: 0.05, years: 2, rollBps: 8 });
    // Physical: 100m x 10 / 10,000 = 100,000 to trade; nothing to hold; 100m of capital.
    expect(phys).toEqual({ route: "Physical", tradingCost: 100_000, holdingCost: 0, totalCost: 100_000, capitalRequired: 100e6 });
    // Futures: 100m x 2 / 10,000 = 20,000 to trade; rolls 100m x 8 / 10,000 x 2 = 160,000; margin 100m x 0.05 = 5m.
    expect(fut.route).toBe("Futures");
    expect(fut.tradingCost).toBeCloseTo(20_000, 6);
    expect(fut.holdingCost).toBeCloseTo(160_000, 6);
    expect(fut.totalCost).toBeCloseTo(180_000, 6);
    expect(fut.capitalRequired).toBeCloseTo(5e6, 6);
    // Difference futures - physical: -80,000 + 160,000 = +80,000; capital -95m.
    expect(diff.totalCost).toBeCloseTo(80_000, 6);
    expect(diff.capitalRequired).toBeCloseTo(-95e6, 6);
  });

  test("the default roll cost is 4 quarterly round trips: 4 x futuresBps a year", () => {
    // 50m, futures 1.5 bp: roll 6 bp a year; half a year: 50m x 6 / 10,000 x 0.5 = 15,000.
    const [, fut] = costCompare({ notional: 50e6, physicalBps: 12, futuresBps: 1.5, marginRate: 0.08, years: 0.5 });
    expect(fut.holdingCost).toBeCloseTo(15_000, 6);
    expect(fut.tradingCost).toBeCloseTo(7_500, 6);
    expect(fut.capitalRequired).toBeCloseTo(4e6, 6);
  });

  test("a roll that earns (negative rollBps) lowers the futures' holding cost below zero", () => {
    const [, fut] = costCompare({ notional: 10e6, physicalBps: 5, futuresBps: 1, marginRate: 0.1, years: 1, rollBps: -3 });
    expect(fut.holdingCost).toBeCloseTo(-3_000, 6);
    expect(fut.totalCost).toBeCloseTo(-2_000, 6);
  });
});
