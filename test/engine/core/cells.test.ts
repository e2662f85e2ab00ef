import fc from "fast-check";
import { argChoice, argNumber, argNumberList, cellToNumber, scalarOf } from "../../../src/engine/core/cells";

describe("cell readers", () => {
  test("numeric text as Excel's VALUE() reads it", () => {
    expect(cellToNumber("1,250.5")).toBe(1250.5);
    expect(cellToNumber(" 5% ")).toBeCloseTo(0.05, 15);
    expect(cellToNumber("-1e3")).toBe(-1000);
    expect(cellToNumber("n/a")).toBeUndefined();
    expect(cellToNumber(true)).toBeUndefined();
    expect(cellToNumber(Infinity)).toBeUndefined();
    expect(cellToNumber(NaN)).toBeUndefined();
    expect(cellToNumber("1e400")).toBeUndefined();
  });

  test("every finite number reads as itself", () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Object.is(cellToNumber(x), x)));
  });

  test("argNumber: defaults, bounds and messages naming the argument", () => {
    expect(argNumber(undefined, "beta", { default: 1 })).toBe(1);
    expect(argNumber([[2]], "beta")).toBe(2);
    expect(() => argNumber("x", "price")).toThrow("price must be a number, got 'x'");
    expect(() => argNumber(0, "price", { min: 0, minExclusive: true })).toThrow("price must be > 0, got 0");
    expect(() => argNumber(undefined, "price")).toThrow("price is required");
    expect(() => argNumber(1.5, "count", { integer: true })).toThrow("count must be a whole number, got 1.5");
    expect(() => scalarOf([[1, 2]], "price")).toThrow("price must be a single value, got a range of 1 x 2");
  });

  test("argChoice matches like headers and lists the choices", () => {
    expect(argChoice("Half-Way", "rule", ["target", "edge", "halfway"] as const)).toBe("halfway");
    expect(argChoice(undefined, "rule", ["target", "edge"] as const, "target")).toBe("target");
    expect(() => argChoice("middle", "rule", ["target", "edge"] as const)).toThrow('rule must be one of "target", "edge", got \'middle\'');
  });

  test("argNumberList reads a row or a column, skipping a header and empties", () => {
    expect(argNumberList([["Spot"], [90], [""], [110]], "spots")).toEqual([90, 110]);
    expect(argNumberList([[1, 2, 3]], "keyTenors")).toEqual([1, 2, 3]);
    expect(() => argNumberList([[1, 2], [3, 4]], "spots")).toThrow("spots must be a single row or column of numbers, got a range of 2 x 2");
    expect(() => argNumberList([[1], ["x"]], "spots")).toThrow("spots row 2 must be a number, got 'x'");
  });
});
