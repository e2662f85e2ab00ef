/** Multi-leg strategies: legs add up, each leg is Quantity x its per-unit BSM value, legs read with checks. */
import fc from "fast-check";
import { bsm } from "../../../src/engine/options/blackScholes";
import { readLegs, valueStrategy } from "../../../src/engine/options/strategy";

const market = { spot: 100, years: 0.5, rate: 0.04, yield: 0.015, vol: 0.2 };

describe("valueStrategy", () => {
  test("a collar on the underlying: each row is Quantity x the single option, the Total their sum", () => {
    const legs = readLegs([
      ["Type", "Strike", "Quantity"],
      ["Underlying", "", 1000],
      ["put", 95, 1000],
      ["call", 110, -1000],
    ]);
    const v = valueStrategy(legs, market);
    const put = bsm({ kind: "put", strike: 95, ...market });
    const call = bsm({ kind: "call", strike: 110, ...market });
    expect(v.lines[0].position).toEqual({ price: 100000, delta: 1000, gamma: 0, vega: 0, theta: 0, rho: 0, dividendRho: 0 });
    expect(v.lines[1].position.price).toBeCloseTo(1000 * put.price, 9);
    expect(v.lines[2].position.vega).toBeCloseTo(-1000 * call.vega, 9);
    expect(v.total.price).toBeCloseTo(100000 + 1000 * (put.price - call.price), 8);
    expect(v.total.delta).toBeCloseTo(1000 * (1 + put.delta - call.delta), 9);
    expect(v.total.theta).toBeCloseTo(1000 * (put.theta - call.theta), 8);
  });

  test("per-leg Vol and Years override the arguments; a smile is read at each strike", () => {
    const legs = readLegs([
      ["Type", "Strike", "Quantity", "Vol", "Years"],
      ["put", 90, 1, 0.3, ""],
      ["put", 90, 1, "", 2],
      ["call", 105, 1, "", ""],
    ]);
    const smile = { strikes: [90, 110], vols: [0.26, 0.18] };
    const v = valueStrategy(legs, { ...market, vol: smile });
    expect(v.lines[0].unit.price).toBe(bsm({ kind: "put", strike: 90, ...market, vol: 0.3 }).price);
    expect(v.lines[1].unit.price).toBe(bsm({ kind: "put", strike: 90, ...market, years: 2, vol: 0.26 }).price);
    expect(v.lines[2].unit.price).toBe(bsm({ kind: "call", strike: 105, ...market, vol: 0.2 }).price);
  });

  test("a leg without a vol or a time when the arguments give none", () => {
    const legs = readLegs([
      ["Type", "Strike", "Quantity"],
      ["call", 100, 1],
    ]);
    expect(() => valueStrategy(legs, { ...market, vol: undefined })).toThrow(
      /Legs row 1 \(call\): Vol is empty and the vol argument is not given/,
    );
    expect(() => valueStrategy(legs, { ...market, years: undefined })).toThrow(/Legs row 1 \(call\): Years is empty/);
  });

  test("property: the totals are the sums of the positions, and a long and a short of the same option cancel", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom("call", "put", "underlying"),
            strike: fc.integer({ min: 50, max: 150 }),
            qty: fc.integer({ min: -100, max: 100 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (rows) => {
          const legs = readLegs([["Type", "Strike", "Quantity"], ...rows.map((r) => [r.kind, r.strike, r.qty])]);
          const v = valueStrategy(legs, market);
          for (const key of ["price", "delta", "gamma", "vega", "theta", "rho", "dividendRho"] as const) {
            const sum = v.lines.reduce((s, l) => s + l.position[key], 0);
            expect(Math.abs(v.total[key] - sum)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(sum)));
          }
          const both = readLegs([
            ["Type", "Strike", "Quantity"],
            ...rows.flatMap((r) => [
              [r.kind, r.strike, r.qty],
              [r.kind, r.strike, -r.qty],
            ]),
          ]);
          const z = valueStrategy(both, market).total;
          expect(Math.abs(z.price)).toBeLessThanOrEqual(1e-9 * 100 * 100);
          expect(Math.abs(z.delta)).toBeLessThanOrEqual(1e-9 * 100);
        },
      ),
    );
  });
});

describe("readLegs", () => {
  test("synonyms and leg types", () => {
    const legs = readLegs([
      ["Call/Put", "K", "Qty"],
      ["C", 100, 1],
      ["p", 90, -2],
      ["Stock", "", 5],
      ["future", 50, 1],
    ]);
    expect(legs.map((l) => [l.kind, l.strike, l.quantity])).toEqual([
      ["call", 100, 1],
      ["put", 90, -2],
      ["underlying", undefined, 5],
      // A future is a future (issue 17), its Strike the price it was traded at.
      ["future", 50, 1],
    ]);
  });
  test("errors name the table, the row and the column", () => {
    expect(() =>
      readLegs([
        ["Type", "Quantity"],
        ["call", 1],
      ]),
    ).toThrow(/Legs: missing column 'Strike'/);
    expect(() =>
      readLegs([
        ["Type", "Strike", "Quantity"],
        ["call", "", 1],
      ]),
    ).toThrow(/Legs row 1 \(call\): Strike is empty: an option leg needs a strike/);
    expect(() =>
      readLegs([
        ["Type", "Strike", "Quantity"],
        ["straddle", 100, 1],
      ]),
    ).toThrow(/Legs row 1: Type must be call, put, underlying or future, got 'straddle'/);
    expect(() =>
      readLegs([
        ["Type", "Strike", "Quantity"],
        ["put", -5, 1],
      ]),
    ).toThrow(/Legs row 1: Strike must be > 0/);
    expect(() =>
      readLegs([
        ["Type", "Strike", "Quantity", "Vol"],
        ["put", 95, 1, 0],
      ]),
    ).toThrow(/Legs row 1: Vol must be > 0/);
    expect(() =>
      readLegs([
        ["Type", "Strike", "Quantity"],
        ["put", 95, "ten"],
      ]),
    ).toThrow(/Legs row 1: Quantity must be a number, got 'ten'/);
  });
});
