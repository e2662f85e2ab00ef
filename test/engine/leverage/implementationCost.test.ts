/** Implementation cost, futures against physical: hand-worked. */
import { costCompare } from "../../../src/engine/leverage/implementationCost";

describe("costCompare", () => {
  test("100m for 2 years: physical 10 bp, futures 2 bp, roll 8 bp a year, margin 5%", () => {
    const [phys, fut, diff] = costCompare({ notional: 100e6, physicalBps: 10, futuresBps: 2, marginRate: 0.05, years: 2, rollBps: 8 });
    // Physical: 100m x 10 / 10,000 = 100,000 to trade; nothing to hold; 100m of capital.
    expect(phys).toEqual({
      route: "Physical",
      tradingCost: 100_000,
      rollCost: 0,
      financingCost: 0,
      holdingCost: 0,
      totalCost: 100_000,
      capitalRequired: 100e6,
    });
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

describe("costCompare with the roll's implied financing (issue 17)", () => {
  test("holding = roll trades + financing over cash; the financing term grows with the holding period", () => {
    // 100m for 2 years, 2bp round trips, 4 rolls a year (8bp a year) and futures 25bp rich to cash a year.
    const [, fut, diff] = costCompare({ notional: 100e6, physicalBps: 10, futuresBps: 2, marginRate: 0.05, years: 2, financingBps: 25 });
    expect(fut.rollCost).toBeCloseTo(100e6 * 8e-4 * 2, 6);
    expect(fut.financingCost).toBeCloseTo(100e6 * 25e-4 * 2, 6);
    expect(fut.holdingCost).toBeCloseTo(fut.rollCost + fut.financingCost, 6);
    expect(diff.totalCost).toBeCloseTo(fut.totalCost - 100_000, 6);
    // Beyond some horizon the financing dominates the physical route's one-off cost (CME's comparison):
    // futures total = 2bp + (8 + 25)bp x years against 10bp: break-even at 8/33 of a year.
    const at = (years: number) =>
      costCompare({ notional: 1e6, physicalBps: 10, futuresBps: 2, marginRate: 0.05, years, financingBps: 25 })[2].totalCost;
    expect(at(8 / 33)).toBeCloseTo(0, 6);
    expect(at(0.2)).toBeLessThan(0);
    expect(at(0.3)).toBeGreaterThan(0);
  });
  test("rollsPerYear sets the default roll trades: 12 monthly rolls of 1bp", () => {
    const [, fut] = costCompare({ notional: 1e6, physicalBps: 10, futuresBps: 1, marginRate: 0.05, years: 1, rollsPerYear: 12 });
    expect(fut.rollCost).toBeCloseTo(1200, 9);
  });
});
