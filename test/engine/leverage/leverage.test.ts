/** Plan-level leverage: the function reference's definitions (README), worked by hand. */
import fc from "fast-check";
import { leverage } from "../../../src/engine/leverage/leverage";
import { readPortfolio } from "../../../src/engine/portfolio/portfolio";

const HEAD = ["Asset class", "Market value", "Target", "Min", "Max", "Overlay"];

describe("leverage: hand-worked", () => {
  // NAV = 500 + 300 + 200 = 1000. Non-cash physical 800. Synthetic: Equity +100 (long), Bonds -20 (short);
  // the Cash row's -80 is the funding leg of the futures, not a position.
  const plan = readPortfolio([
    HEAD,
    ["Equity", 500, 0.6, 0.5, 0.7, 100],
    ["Bonds", 300, 0.3, 0.2, 0.4, -20],
    ["Cash", 200, 0.1, 0, 0.2, -80],
  ]);

  test("the metrics", () => {
    const r = leverage(plan, { min: 0.9, max: 1.2 });
    expect(r.nav).toBe(1000);
    expect(r.physical).toBe(800);
    expect(r.syntheticLong).toBe(100);
    expect(r.syntheticShort).toBe(-20);
    expect(r.netExposure).toBe(880); // 800 + 100 - 20
    expect(r.grossExposure).toBe(920); // 800 + |100| + |-20|
    expect(r.netLeverage).toBeCloseTo(0.88, 15); // 880 / 1000
    expect(r.grossLeverage).toBeCloseTo(0.92, 15); // 920 / 1000
  });

  test("under its range: trade back to min = (0.9 - 0.88) x 1000 = +20", () => {
    const r = leverage(plan, { min: 0.9, max: 1.2 });
    expect(r.status).toBe("under");
    expect(r.tradeToRange).toBeCloseTo(20, 12);
  });

  test("with a target: (1.0 - 0.88) x 1000 = +120, whatever the status", () => {
    expect(leverage(plan, { min: 0.8, max: 1.2, target: 1 }).tradeToRange).toBeCloseTo(120, 12);
    const within = leverage(plan, { min: 0.8, max: 1.2 });
    expect(within.status).toBe("within");
    expect(within.tradeToRange).toBe(0);
  });

  test("over its range: Equity overlay +400 gives net 1.18 > 1.1, trade (1.1 - 1.18) x 1000 = -80", () => {
    const p = readPortfolio([HEAD, ["Equity", 500, 0.6, 0.5, 0.7, 400], ["Bonds", 300, 0.3, 0.2, 0.4, -20], ["Cash", 200, 0.1, 0, 0.2, 0]]);
    const r = leverage(p, { min: 0.9, max: 1.1 });
    expect(r.netLeverage).toBeCloseTo(1.18, 15);
    expect(r.grossLeverage).toBeCloseTo(1.22, 15); // 800 + 400 + 20
    expect(r.status).toBe("over");
    expect(r.tradeToRange).toBeCloseTo(-80, 12);
  });

  test("the reference: equitising cash adds no net leverage: a plan fully invested through futures has net leverage 1.0", () => {
    // All cash (100), futures for the whole NAV on Equity; the Cash row shows the funding leg -100.
    const all = readPortfolio([HEAD, ["Equity", 0, 0.9, 0, 1, 100], ["Cash", 100, 0.1, -1, 1, -100]]);
    expect(leverage(all, { min: 0, max: 1 }).netLeverage).toBe(1);
    // 10 of cash equitised on a plan 90% invested physically: 90 + 10 = 100 -> 1.0
    const part = readPortfolio([HEAD, ["Equity", 90, 0.9, 0.8, 1, 10], ["Cash", 10, 0.1, -0.1, 0.2, 0]]);
    const r = leverage(part, { min: 0, max: 1 });
    expect(r.netLeverage).toBe(1);
    expect(r.status).toBe("within");
  });
});

describe("leverage: properties", () => {
  test("net = physical + long + short; gross >= |net|; trading to the range lands inside it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ mv: fc.integer({ min: 0, max: 1000 }), ov: fc.integer({ min: -500, max: 500 }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (classes, cash, lo, width) => {
          const n = classes.length;
          const rows: unknown[][] = [
            HEAD,
            ...classes.map((c, i) => [`C${i}`, c.mv, 1 / (n + 1), -10, 10, c.ov]),
            ["Cash", cash, 1 - n / (n + 1), -10, 10, 0],
          ];
          const plan = readPortfolio(rows as never);
          const r = leverage(plan, { min: lo, max: lo + width });
          expect(r.netExposure).toBeCloseTo(r.physical + r.syntheticLong + r.syntheticShort, 9);
          expect(r.grossExposure).toBeGreaterThanOrEqual(Math.abs(r.netExposure) - 1e-9);
          const after = (r.netExposure + r.tradeToRange) / r.nav;
          expect(after).toBeGreaterThanOrEqual(lo - 1e-12);
          expect(after).toBeLessThanOrEqual(lo + width + 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });
});
