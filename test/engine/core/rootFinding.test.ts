import { brent } from "../../../src/engine/core/rootFinding";

describe("brent", () => {
  test("finds sqrt(2), the root of cos x - x (Dottie number 0.7390851332151607), and a steep root", () => {
    expect(brent((x) => x * x - 2, 0, 2)).toBeCloseTo(Math.SQRT2, 12);
    // The Dottie number, the fixed point of cos: OEIS A003957, 0.73908513321516064165...
    expect(brent((x) => Math.cos(x) - x, 0, 1)).toBeCloseTo(0.7390851332151607, 12);
    expect(brent((x) => Math.exp(50 * (x - 0.3)) - 1, 0, 1)).toBeCloseTo(0.3, 12);
  });

  test("reports a missing bracket as a #NUM! error with words", () => {
    expect(() => brent((x) => x * x + 1, -1, 1, { what: "zero-cost strike" })).toThrow("zero-cost strike: no sign change between -1 and 1");
  });
});
