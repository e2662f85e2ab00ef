/** Payoffs at expiry: known shapes, premium netting, and collar payoffs bounded by the strikes. */
import fc from "fast-check";
import { payoffLike, strategyPayoff } from "../../../src/engine/options/payoff";
import { readLegs } from "../../../src/engine/options/strategy";

describe("strategyPayoff", () => {
  test("a put spread: 0 above the long strike, the strike difference below the short strike", () => {
    const legs = readLegs([
      ["Type", "Strike", "Quantity"],
      ["put", 95, 1],
      ["put", 85, -1],
    ]);
    expect([120, 95, 90, 85, 50].map((s) => strategyPayoff(legs, s))).toEqual([0, 0, 5, 10, 10]);
    expect(strategyPayoff(legs, 90, 2.5)).toBe(2.5);
  });

  test("property: long underlying + long put K1 + short call K2 is worth between K1 and K2 at expiry", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        (k1, width, spot, units) => {
          const k2 = k1 + width;
          const legs = readLegs([
            ["Type", "Strike", "Quantity"],
            ["underlying", "", units],
            ["put", k1, units],
            ["call", k2, -units],
          ]);
          const v = strategyPayoff(legs, spot) / units;
          expect(v).toBeGreaterThanOrEqual(k1 - 1e-9 * k2);
          expect(v).toBeLessThanOrEqual(k2 + 1e-9 * k2);
          expect(Math.abs(v - Math.min(Math.max(spot, k1), k2))).toBeLessThanOrEqual(1e-9 * (k2 + spot));
        },
      ),
    );
  });
});

describe("payoffLike keeps the shape of the spots", () => {
  const legs = readLegs([
    ["Type", "Strike", "Quantity"],
    ["call", 100, 2],
  ]);
  test("a column with a header and a gap", () => {
    expect(payoffLike(legs, [["Spot"], [90], [""], [110]], "spots")).toEqual([["Payoff"], [0], [""], [20]]);
  });
  test("a row", () => {
    expect(payoffLike(legs, [[105, 120]], "spots", 3)).toEqual([[7, 37]]);
  });
  test("errors name the argument and the position", () => {
    expect(() =>
      payoffLike(
        legs,
        [
          [1, 2],
          [3, 4],
        ],
        "spots",
      ),
    ).toThrow(/spots must be a single row or column of prices, got a range of 2 x 2/);
    expect(() => payoffLike(legs, [[100], ["x"]], "spots")).toThrow(/spots row 2 must be a number, got 'x'/);
    expect(() => payoffLike(legs, [[100], [-1]], "spots")).toThrow(/spots row 2 must be >= 0/);
    expect(() => payoffLike(legs, [["Spot"], [""]], "spots")).toThrow(/spots has no prices/);
  });
});
