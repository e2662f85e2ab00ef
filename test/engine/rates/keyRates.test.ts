import fc from "fast-check";
import { presentValue, pv01 } from "../../../src/engine/rates/cashflows";
import { Compounding, ZeroCurve, discountAt, makeCurve, zeroRate } from "../../../src/engine/rates/curve";
import {
  DEFAULT_KEY_TENORS,
  bucketPv01,
  checkKeyTenors,
  keyRate01s,
  readKeyTenors,
  triangleVector,
} from "../../../src/engine/rates/keyRates";

describe("triangle weights (README, Conventions)", () => {
  const keys = [1, 2, 5, 10];
  it("are 1 at a key, linear between neighbours, flat 1 outside the first and last keys", () => {
    expect(triangleVector(keys, 2)).toEqual([0, 1, 0, 0]);
    expect(triangleVector(keys, 3.5)).toEqual([0, 0.5, 0.5, 0]);
    triangleVector(keys, 4).forEach((w, k) => expect(w).toBeCloseTo([0, 1 / 3, 2 / 3, 0][k], 15));
    expect(triangleVector(keys, 0.25)).toEqual([1, 0, 0, 0]);
    expect(triangleVector(keys, 30)).toEqual([0, 0, 0, 1]);
    expect(bucketPv01(keys, 7.5, 100)).toEqual([0, 0, 50, 50]);
  });
  it("default key tenors (USD) 1, 2, 3, 5, 7, 10, 15, 20, 25, 30: none beyond the longest USD hedge", () => {
    expect(DEFAULT_KEY_TENORS).toEqual([1, 2, 3, 5, 7, 10, 15, 20, 25, 30]);
    expect(readKeyTenors(undefined, "keyTenors", DEFAULT_KEY_TENORS)).toEqual(DEFAULT_KEY_TENORS);
    expect(readKeyTenors([[true]], "keyTenors", undefined)).toEqual(DEFAULT_KEY_TENORS);
    expect(readKeyTenors([["Default"]], "keyTenors", undefined)).toEqual(DEFAULT_KEY_TENORS);
    expect(readKeyTenors([["Key tenor"], [2], [10], [30]], "keyTenors", undefined)).toEqual([2, 10, 30]);
    expect(readKeyTenors([[2, 10, 30]], "keyTenors", undefined)).toEqual([2, 10, 30]);
  });
  it("rejects negative, zero and unsorted key tenors", () => {
    expect(() => checkKeyTenors([1, 5, 3])).toThrow(/keyTenors must be strictly increasing, but 3 \(item 3\) follows 5/);
    expect(() => checkKeyTenors([-1, 5])).toThrow(/keyTenors item 1 must be a tenor in years > 0/);
    expect(() => readKeyTenors([[0], [5]], "keyTenors", undefined)).toThrow(/item 1 must be a tenor/);
  });
});

describe("key-rate 01s", () => {
  const curves = fc
    .tuple(
      fc.array(fc.double({ min: 0.25, max: 8, noNaN: true }), { minLength: 1, maxLength: 10 }),
      fc.array(fc.double({ min: -0.01, max: 0.08, noNaN: true }), { minLength: 10, maxLength: 10 }),
      fc.constantFrom<Compounding>("annual", "semiannual", "continuous"),
    )
    .map(([gaps, rates, comp]) => {
      let t = 0;
      const tenors = gaps.map((g) => (t += g));
      return makeCurve(tenors, rates.slice(0, tenors.length), comp);
    });
  const flows = fc.array(fc.tuple(fc.double({ min: 0, max: 70, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), {
    minLength: 1,
    maxLength: 60,
  });

  it("add up to the PV01 (property)", () => {
    fc.assert(
      fc.property(curves, flows, (curve: ZeroCurve, fl) => {
        const cf = { times: fl.map((f) => f[0]), amounts: fl.map((f) => f[1]) };
        const kr = keyRate01s(cf, curve, DEFAULT_KEY_TENORS);
        const total = kr.reduce((s, x) => s + x, 0);
        const scale = cf.amounts.reduce((s, a) => s + Math.abs(a), 0) * 1e-2;
        expect(Math.abs(total - pv01(cf, curve))).toBeLessThanOrEqual(1e-12 * scale + 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it("each KR01 matches revaluing under the -1bp x h_k(t) shift to second order (property)", () => {
    fc.assert(
      fc.property(curves, flows, (curve: ZeroCurve, fl) => {
        const cf = { times: fl.map((f) => f[0]), amounts: fl.map((f) => f[1]) };
        const kr = keyRate01s(cf, curve, DEFAULT_KEY_TENORS);
        DEFAULT_KEY_TENORS.forEach((_, k) => {
          let bumped = 0;
          let bound = 0;
          for (let i = 0; i < cf.times.length; i++) {
            const t = cf.times[i];
            const h = triangleVector(DEFAULT_KEY_TENORS, t)[k];
            const r = zeroRate(curve, t);
            bumped += cf.amounts[i] * (discountAt(r - 1e-4 * h, t, curve.compounding) - discountAt(r, t, curve.compounding));
            bound += Math.abs(cf.amounts[i]) * (t + 1) * (t + 1) * 1e-8;
          }
          expect(Math.abs(kr[k] - bumped)).toBeLessThanOrEqual(bound + 1e-12);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("puts a flow at a key tenor entirely on that key, and splits a flow between keys linearly", () => {
    const curve = makeCurve([1, 30], [0.03, 0.03]);
    const at10 = keyRate01s({ times: [10], amounts: [1000] }, curve, DEFAULT_KEY_TENORS);
    expect(at10[5]).toBeCloseTo(pv01({ times: [10], amounts: [1000] }, curve), 14);
    expect(at10.filter((x, k) => k !== 5 && x !== 0)).toEqual([]);
    const at12 = keyRate01s({ times: [12], amounts: [1000] }, curve, DEFAULT_KEY_TENORS);
    const p = pv01({ times: [12], amounts: [1000] }, curve);
    expect(at12[5]).toBeCloseTo(0.6 * p, 14);
    expect(at12[6]).toBeCloseTo(0.4 * p, 14);
    expect(presentValue({ times: [12], amounts: [1000] }, curve)).toBeCloseTo(1000 * Math.pow(1.03, -12), 10);
  });
});
