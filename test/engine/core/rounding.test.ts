import fc from "fast-check";
import { roundContracts } from "../../../src/engine/core/rounding";

describe("roundContracts", () => {
  test("modes as Excel's ROUND, ROUNDDOWN, ROUNDUP (half away from zero)", () => {
    expect([2.5, -2.5, 2.4, -2.6].map((x) => roundContracts(x, "nearest"))).toEqual([3, -3, 2, -3]);
    expect([2.9, -2.9].map((x) => roundContracts(x, "down"))).toEqual([2, -2]);
    expect([2.1, -2.1].map((x) => roundContracts(x, "up"))).toEqual([3, -3]);
    expect(roundContracts(2.25, "none")).toBe(2.25);
  });

  test("floating-point noise around a whole number does not buy a contract", () => {
    expect(roundContracts(20.000000000004, "up")).toBe(20);
    expect(roundContracts(19.999999999996, "down")).toBe(20);
    expect(Object.is(roundContracts(-0.2, "nearest"), 0)).toBe(true);
  });

  test("nearest is within half a contract; down never exceeds, up never falls short", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        expect(Math.abs(roundContracts(x, "nearest") - x)).toBeLessThanOrEqual(0.5 + 1e-9 * Math.max(1, Math.abs(x)));
        expect(Math.abs(roundContracts(x, "down"))).toBeLessThanOrEqual(Math.abs(x) + 1e-9 * Math.max(1, Math.abs(x)));
        expect(Math.abs(roundContracts(x, "up"))).toBeGreaterThanOrEqual(Math.abs(x) - 1e-9 * Math.max(1, Math.abs(x)));
      }),
    );
  });
});
