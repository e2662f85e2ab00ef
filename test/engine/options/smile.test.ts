/** Smiles: Strike | Vol tables, linear in strike and flat outside (the function reference in the README, OVERLAY.STRATEGY). */
import { readSmile, readVolSpec, smileVol } from "../../../src/engine/options/smile";

describe("smile", () => {
  const smile = readSmile(
    [
      ["Strike", "Implied vol"],
      [110, 0.17],
      [90, 0.25],
      [100, 0.2],
    ],
    "vol",
  );
  test("rows in any order are sorted by strike", () => {
    expect(smile).toEqual({ strikes: [90, 100, 110], vols: [0.25, 0.2, 0.17] });
  });
  test("linear between strikes, flat outside, exact at the nodes", () => {
    expect(smileVol(smile, 95)).toBeCloseTo(0.225, 15);
    expect(smileVol(smile, 107.5)).toBeCloseTo(0.1775, 15);
    expect(smileVol(smile, 100)).toBe(0.2);
    expect(smileVol(smile, 50)).toBe(0.25);
    expect(smileVol(smile, 500)).toBe(0.17);
  });
  test("a number, a 1x1 range, a table, or nothing", () => {
    expect(readVolSpec(0.2, "vol")).toBe(0.2);
    expect(readVolSpec([[0.3]], "vol")).toBe(0.3);
    expect(readVolSpec([["25%"]], "vol")).toBe(0.25);
    expect(readVolSpec([[""]], "vol")).toBeUndefined();
    expect(readVolSpec(undefined, "vol")).toBeUndefined();
    expect(
      readVolSpec(
        [
          ["K", "Vol"],
          [100, 0.2],
        ],
        "vol",
      ),
    ).toEqual({ strikes: [100], vols: [0.2] });
  });
  test("bad smiles name the argument, the row and the column", () => {
    expect(() =>
      readSmile(
        [
          ["Strike", "Vol"],
          [100, 0.2],
          [100, 0.3],
        ],
        "vol",
      ),
    ).toThrow(/vol rows 1 and 2: strike 100 appears twice/);
    expect(() =>
      readSmile(
        [
          ["Strike", "Vol"],
          [100, -0.2],
        ],
        "vol",
      ),
    ).toThrow(/vol row 1: Vol must be > 0/);
    expect(() =>
      readSmile(
        [
          ["Strike", "Sigma"],
          [100, "x"],
        ],
        "vol",
      ),
    ).toThrow(/vol row 1: Sigma must be a number, got 'x'/);
    expect(() => readSmile([["Strike"], [100]], "vol")).toThrow(/vol: missing column 'Vol'/);
    expect(() => readVolSpec([["20"]], "vol")).toThrow(/vol must be .*<= 10, got '20'/);
  });
});
