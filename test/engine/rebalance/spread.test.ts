import fc from "fast-check";
import { spreadWithRoom } from "../../../src/engine/rebalance/spread";

// Property tests over thousands of random plans: room for a loaded machine (the figures are not timed here).
jest.setTimeout(120_000);

describe("spreadWithRoom", () => {
  test("pro rata when nothing binds; capped classes get their room and the rest is shared again", () => {
    expect(spreadWithRoom(10, [1, 3], [Infinity, Infinity]).alloc).toEqual([2.5, 7.5]);
    // 10 over shares 1:1, room 2 for the first: first 2, second 8
    expect(spreadWithRoom(-10, [1, 1], [2, Infinity])).toEqual({ alloc: [-2, -8], unplaced: -0 });
    // rooms too small: unplaced reported
    expect(spreadWithRoom(10, [1, 1], [2, 3])).toEqual({ alloc: [2, 3], unplaced: 5 });
    // zero shares: equal split
    expect(spreadWithRoom(6, [0, 0, 0], [Infinity, Infinity, Infinity]).alloc).toEqual([2, 2, 2]);
  });

  test("subnormal shares: no class is given more than its room (fast-check's counterexample, seed -1763057118)", () => {
    const cls: [number, number][] = [
      [5e-324, 8.881784197124354e-16],
      [1.668805393880398e-307, 29.999999999999947],
      [3.3797335813428835e-308, 6.07572385684373],
    ];
    const { alloc, unplaced } = spreadWithRoom(
      -36.07572385734368,
      cls.map((c) => c[0]),
      cls.map((c) => c[1]),
    );
    alloc.forEach((a, i) => expect(Math.abs(a)).toBeLessThanOrEqual(cls[i][1]));
    // The rooms add up to 36.07572385684368: the 5e-10 beyond them is unplaced, not squeezed into the last class.
    expect(unplaced).toBeCloseTo(-5e-10, 13);
  });

  test("a subnormal share beside a tiny one: both rooms fill (a CI seed's counterexample)", () => {
    // room / share overflows to Infinity for both classes (5e-10 / 5e-324 and 30 / 8.3e-308): ordered by that
    // quotient the first class stayed below the level and 5e-10 of the amount was left unplaced though it had room.
    const { alloc, unplaced } = spreadWithRoom(
      -30.00000000046893,
      [5e-324, 8.34402696953243e-308, 0],
      [5.000000413701855e-10, 29.999999999968928, 0],
    );
    expect(alloc[0]).toBe(-5.000000413701855e-10);
    expect(alloc[1]).toBe(-29.999999999968928);
    expect(Math.abs(unplaced)).toBeLessThan(1e-14);
  });

  test("a subnormal share tied with a normal one at the level: the last room still fills (CI seed -1728276831)", () => {
    // 5e-324 / 2 rounds to 0, so the first class looked below the level, the loop stopped there and the third
    // class (room 5e-10, share 5e-324) was given 0 though the amount needed its room.
    const { alloc, unplaced } = spreadWithRoom(-2.0000000005, [5e-324, 2, 5e-324], [5e-324, 2, 4.999998193255806e-10]);
    expect(alloc[1]).toBe(-2);
    expect(alloc[2]).toBe(-4.999998193255806e-10);
    expect(Math.abs(unplaced)).toBeLessThan(1e-15);
  });

  test("property: allocations stay within rooms and place min(|amount|, total room)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 5, noNaN: true }), fc.double({ min: 0, max: 30, noNaN: true })), {
          minLength: 1,
          maxLength: 20,
        }),
        (amount, cls) => {
          const { alloc, unplaced } = spreadWithRoom(
            amount,
            cls.map((c) => c[0]),
            cls.map((c) => c[1]),
          );
          const placed = alloc.reduce((s, a) => s + a, 0);
          alloc.forEach((a, i) => expect(Math.abs(a)).toBeLessThanOrEqual(cls[i][1] + 1e-9));
          expect(placed + unplaced).toBeCloseTo(amount, 9);
          const room = cls.reduce((s, c) => s + c[1], 0);
          expect(Math.abs(placed)).toBeCloseTo(Math.min(Math.abs(amount), room), 9);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
