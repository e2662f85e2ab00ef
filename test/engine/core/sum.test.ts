import { sumSnapped } from "../../../src/engine/core/sum";

describe("sumSnapped", () => {
  test("a total that is zero up to rounding is exactly zero; a real total is kept", () => {
    // 0.1 + 0.2 - 0.3 is 5.55e-17 in binary floating point
    expect(0.1 + 0.2 - 0.3).not.toBe(0);
    expect(sumSnapped([0.1, 0.2, -0.3])).toBe(0);
    expect(sumSnapped([-60.00000000000006, 49.999999999999986, 9.99999999999998])).toBe(0);
    expect(sumSnapped([1e-9, 1e-9])).toBe(2e-9);
    expect(sumSnapped([])).toBe(0);
  });
});
