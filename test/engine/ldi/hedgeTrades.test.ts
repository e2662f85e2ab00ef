import fc from "fast-check";
import { HedgeInstrument, readInstruments, solveHedge } from "../../../src/engine/ldi/hedgeTrades";
import { DEFAULT_KEY_TENORS, keyRate01s } from "../../../src/engine/rates/keyRates";
import { makeCurve } from "../../../src/engine/rates/curve";
import { triangleVector } from "../../../src/engine/rates/keyRates";

const keys = DEFAULT_KEY_TENORS;
const curve = makeCurve([1, 5, 10, 30, 50], [0.035, 0.037, 0.04, 0.042, 0.041]);

function objective(l: number[], a: number[], ins: HedgeInstrument[], units: number[], target: number): number {
  let s = 0;
  keys.forEach((_, k) => {
    let hedge = 0;
    ins.forEach((x, j) => (hedge += units[j] * x.pv01 * triangleVector(keys, x.tenor)[k]));
    const gap = target * l[k] - a[k] - hedge;
    s += gap * gap;
  });
  return s;
}

describe("hedge trades", () => {
  const liab = {
    times: Array.from({ length: 60 }, (_, i) => i + 1),
    amounts: Array.from({ length: 60 }, (_, i) => 1e6 * Math.exp(-i / 25)),
  };
  const L = keyRate01s(liab, curve, keys);
  const A = new Array(keys.length).fill(0);

  it("with one continuous instrument per key tenor, reaches the target exactly in every bucket", () => {
    const ins = keys.map((k) => ({ name: `swap ${k}y`, tenor: k, pv01: 0.0001 * k, integer: false }));
    const sol = solveHedge({ keys, liabilityKr01: L, assetKr01: A, instruments: ins, targetRatio: 0.8 });
    sol.ratioAfter.forEach((r, k) => (L[k] === 0 ? expect(r).toBeUndefined() : expect(r).toBeCloseTo(0.8, 10)));
    expect(sol.objective).toBeLessThan(1e-12 * L.reduce((s, x) => s + x * x, 0));
  });

  it("needs no trades when the assets already hedge the liabilities at the target (ratio 1 with their own cash flows)", () => {
    const ins = [
      { name: "TY", tenor: 7, pv01: 80, integer: true },
      { name: "30y swap", tenor: 30, pv01: 0.0019, integer: false },
    ];
    const sol = solveHedge({ keys, liabilityKr01: L, assetKr01: L, instruments: ins, targetRatio: 1 });
    expect(sol.units[0]).toBe(0);
    expect(Math.abs(sol.units[1])).toBeLessThan(1e-6);
    sol.ratioAfter.forEach((r, k) => (L[k] === 0 ? expect(r).toBeUndefined() : expect(r).toBeCloseTo(1, 12)));
  });

  it("one future on one bucket: units = target x KR01 / PV01, rounded to the nearer whole contract", () => {
    // Liability: one flow at 10 years whose KR01 sits on the 10-year key; a future whose PV01 sits there too.
    const l10 = keyRate01s({ times: [10], amounts: [1e6] }, curve, keys);
    const ins = [{ name: "TY", tenor: 10, pv01: 80, integer: true }];
    const sol = solveHedge({ keys, liabilityKr01: l10, assetKr01: A, instruments: ins, targetRatio: 0.9 });
    expect(sol.units[0]).toBe(Math.round((0.9 * l10[5]) / 80));
    const cont = solveHedge({ keys, liabilityKr01: l10, assetKr01: A, instruments: [{ ...ins[0], integer: false }], targetRatio: 0.9 });
    expect(cont.units[0]).toBeCloseTo((0.9 * l10[5]) / 80, 9);
  });

  it("splits the hedge between collinear instruments in equal PV01 shares", () => {
    const ins = [
      { name: "a", tenor: 10, pv01: 1, integer: false },
      { name: "b", tenor: 10, pv01: 3, integer: false },
    ];
    const sol = solveHedge({ keys, liabilityKr01: L, assetKr01: A, instruments: ins, targetRatio: 1 });
    expect(sol.pv01Added[0]).toBeCloseTo(sol.pv01Added[1], 9);
    expect(sol.units[0] / sol.units[1]).toBeCloseTo(3, 9);
    expect(sol.units[0] * 1 + sol.units[1] * 3).toBeCloseTo(L[5], 6);
  });

  const instruments = fc.array(
    fc.record({
      tenor: fc.double({ min: 0.5, max: 55, noNaN: true }),
      pv01: fc.double({ min: 20, max: 400, noNaN: true }),
      integer: fc.boolean(),
    }),
    { minLength: 1, maxLength: 8 },
  );
  it("integer units: never worse than rounding the least-squares units, and no single-contract move improves them (property)", () => {
    fc.assert(
      fc.property(
        instruments,
        fc.double({ min: 0, max: 1.5, noNaN: true }),
        fc.double({ min: 1e3, max: 1e7, noNaN: true }),
        (spec, target, size) => {
          const liabs = { times: [2, 5, 10, 20, 30], amounts: [size, size, size, size, size] };
          const l = keyRate01s(liabs, curve, keys);
          const ins = spec.map((s, j) => ({ name: `i${j}`, ...s }));
          const sol = solveHedge({ keys, liabilityKr01: l, assetKr01: A, instruments: ins, targetRatio: target });
          const f = objective(l, A, ins, sol.units, target);
          expect(f).toBeCloseTo(sol.objective, 6);
          ins.forEach((x, j) => x.integer && expect(Number.isInteger(sol.units[j])).toBe(true));
          expect(sol.objective).toBeGreaterThanOrEqual(sol.continuousObjective * (1 - 1e-9) - 1e-9);
          // Rounding the continuous solution to the nearest whole contracts (continuous ones re-solved) is no better.
          const cont = solveHedge({
            keys,
            liabilityKr01: l,
            assetKr01: A,
            instruments: ins.map((x) => ({ ...x, integer: false })),
            targetRatio: target,
          });
          const rounded = cont.units.map((u, j) => (ins[j].integer ? Math.round(u) : u));
          const residualL = keys.map(
            (_, k) =>
              target * l[k] - ins.reduce((s, x, j) => s + (x.integer ? rounded[j] * x.pv01 * triangleVector(keys, x.tenor)[k] : 0), 0),
          );
          const rest = solveHedge({
            keys,
            liabilityKr01: residualL,
            assetKr01: A,
            instruments: ins.filter((x) => !x.integer),
            targetRatio: 1,
          });
          expect(sol.objective).toBeLessThanOrEqual(rest.objective * (1 + 1e-9) + 1e-9);
          // Local optimality: moving any integer instrument by one contract (others re-optimised or fixed) does not help.
          ins.forEach((x, j) => {
            if (!x.integer) return;
            for (const step of [1, -1]) {
              const u = sol.units.slice();
              u[j] += step;
              expect(objective(l, A, ins, u, target)).toBeGreaterThanOrEqual(sol.objective * (1 - 1e-9) - 1e-9);
            }
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("reads instruments and rejects a zero PV01 with the row named", () => {
    const t = readInstruments([
      ["Instrument", "Tenor", "DV01", "Integer"],
      ["TYH6", 7, 82, true],
      ["10y swap", 10, 0.0008, ""],
    ]);
    expect(t).toEqual([
      { name: "TYH6", tenor: 7, pv01: 82, integer: true },
      { name: "10y swap", tenor: 10, pv01: 0.0008, integer: false },
    ]);
    expect(() =>
      readInstruments([
        ["Instrument", "Tenor", "PV01"],
        ["TY", 7, 0],
      ]),
    ).toThrow(/instruments row 1 \(TY\): PV01 must not be 0/);
    expect(() =>
      readInstruments([
        ["Instrument", "Tenor", "PV01"],
        ["TY", -7, 80],
      ]),
    ).toThrow(/instruments row 1 \(TY\): Tenor must be >= 0/);
    expect(() =>
      readInstruments([
        ["Instrument", "Tenor", "PV01"],
        ["TY", 7, 80],
        ["ty", 10, 80],
      ]),
    ).toThrow(/appears twice/);
  });
});
