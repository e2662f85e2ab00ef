import fc from "fast-check";
import { evaluateHedge, solveHedge } from "../../../src/engine/ldi/hedgeTrades";
import { HedgeInstrument, readHedgeInstruments } from "../../../src/engine/ldi/instruments";
import { CashFlows } from "../../../src/engine/rates/cashflows";
import { makeCurve } from "../../../src/engine/rates/curve";
import { DEFAULT_KEY_TENORS, keyRate01s } from "../../../src/engine/rates/keyRates";

const keys = DEFAULT_KEY_TENORS.slice();
const curve = makeCurve([1, 2, 5, 10, 20, 30, 50], [0.0415, 0.04, 0.04, 0.0435, 0.0485, 0.049, 0.048]);
const liab: CashFlows = {
  times: Array.from({ length: 60 }, (_, i) => i + 1),
  amounts: Array.from({ length: 60 }, (_, i) => 4e7 * Math.pow(1.025, i) * Math.exp(-Math.pow((i + 1) / 30, 2.4))),
};
const L = keyRate01s(liab, curve, keys);
const zero = keys.map(() => 0);
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

const TABLE = [
  ["Instrument", "Kind", "Tenor", "Coupon", "Contract", "Delivery", "Factor"],
  ["TU Mar26", "future", 1.92, 0.035, "TU", 0.25, 0.9318],
  ["FV Mar26", "future", 4.83, 0.04, "FV", 0.25, 0.9098],
  ["TY Mar26", "future", 6.87, 0.0425, "TY", 0.25, 0.9069],
  ["US Mar26", "future", 15.37, 0.04375, "US", 0.25, 0.8407],
  ["UB Mar26", "future", 29.13, 0.04625, "UB", 0.25, 0.8126],
  ...[1, 2, 3, 5, 7, 10, 15, 20, 25, 30].map((t) => [`${t}y SOFR`, "swap", t, "", "", "", ""]),
];

/** The hedge's KR01s recomputed from scratch: every instrument's own cash flows times its trade, on the curve. */
function recomputed(ins: readonly HedgeInstrument[], trades: readonly number[]): number[] {
  const flows: CashFlows = { times: [], amounts: [] };
  ins.forEach((x, j) => {
    x.flows!.times.forEach((t, i) => {
      flows.times.push(t);
      flows.amounts.push(x.flows!.amounts[i] * trades[j]);
    });
  });
  return keyRate01s(flows, curve, keys);
}

describe("hedge trades a mandate can sign (HiGHS)", () => {
  const ins = readHedgeInstruments(TABLE, curve, keys);

  it("meets the total target within its band and every key within its band, in whole contracts and $1m notional steps", async () => {
    const p = { keys, liabilityKr01: L, assetKr01: zero, instruments: ins, targetRatio: 0.8, totalBand: 0.005, bucketBand: 0.05 };
    const sol = await solveHedge(p);
    expect(sol.status).toBe("optimal");
    ins.forEach((x, j) => {
      const steps = sol.trades[j] / x.increment;
      expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-9);
      expect(sol.positions[j]).toBeGreaterThanOrEqual(0);
    });
    expect(ins[0].increment).toBe(1);
    expect(ins[5].increment).toBe(1e6);
    expect(ins.length).toBe(15);
    // Independent: the trades' KR01s from the instruments' own flows, against the liabilities'.
    const h = recomputed(ins, sol.trades);
    const total = sum(h) / sum(L);
    expect(Math.abs(total - 0.8)).toBeLessThanOrEqual(0.005 + 1e-12);
    keys.forEach((_, k) => expect(Math.abs(h[k] / L[k] - 0.8)).toBeLessThanOrEqual(0.05 + 1e-9));
    expect(sol.totalAfter).toBeCloseTo(total, 12);
    expect(sol.outside).toEqual([]);
    // The LP relaxation bounds every whole-unit solution from below.
    expect(sol.objective!).toBeGreaterThanOrEqual(sol.bound! - 1e-9);
  });

  it("total ratio as an equality with continuous notional", async () => {
    const cont = readHedgeInstruments(
      [
        ["Instrument", "Kind", "Tenor", "Increment"],
        ["10y", "swap", 10, 0],
        ["30y", "swap", 30, 0],
      ],
      curve,
      keys,
    );
    const sol = await solveHedge({
      keys,
      liabilityKr01: L,
      assetKr01: zero,
      instruments: cont,
      targetRatio: 0.6,
      totalBand: 0,
      bucketBand: 0.05,
    });
    expect(sum(recomputed(cont, sol.trades)) / sum(L)).toBeCloseTo(0.6, 9);
  });

  it("honours sign limits and existing hedges: no payer swaps, an overhedge is cut back only to zero", async () => {
    const held = readHedgeInstruments(
      [
        ["Instrument", "Kind", "Tenor", "Existing", "Min"],
        ["30y", "swap", 30, 3e9, 0],
        ["10y", "swap", 10, 0, 0],
      ],
      curve,
      keys,
    );
    const before = evaluateHedge(
      { keys, liabilityKr01: L, assetKr01: zero, instruments: held, targetRatio: 0.5, totalBand: 0.01, bucketBand: 1 },
      [0, 0],
    );
    expect(before.totalBefore).toBeGreaterThan(0.5);
    const sol = await solveHedge({
      keys,
      liabilityKr01: L,
      assetKr01: zero,
      instruments: held,
      targetRatio: 0.5,
      totalBand: 0.01,
      bucketBand: 1,
    });
    expect(sol.trades[0]).toBeLessThan(0);
    sol.positions.forEach((x) => expect(x).toBeGreaterThanOrEqual(0));
    expect(Math.abs(sol.totalAfter - 0.5)).toBeLessThanOrEqual(0.01 + 1e-12);
    // A target the limits cannot reach is refused in words.
    const capped = readHedgeInstruments(
      [
        ["Instrument", "Kind", "Tenor", "Max"],
        ["30y", "swap", 30, 1e6],
      ],
      curve,
      keys,
    );
    await expect(
      solveHedge({ keys, liabilityKr01: L, assetKr01: zero, instruments: capped, targetRatio: 0.8, totalBand: 0.01, bucketBand: 0.05 }),
    ).rejects.toThrow(
      /targetRatio: no trades within the instruments' limits .* bring the total hedge ratio from 0.00% into 79.00% to 81.00%/,
    );
  });

  it("properties: limits, increments and the total band hold, and the reported ratios are the instruments' own (random targets and bands)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 0.2, max: 1.1, noNaN: true }),
        fc.double({ min: 0.002, max: 0.05, noNaN: true }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        async (target, band, assetShare) => {
          const A = L.map((x) => x * assetShare * 0.3);
          const sol = await solveHedge({
            keys,
            liabilityKr01: L,
            assetKr01: A,
            instruments: ins,
            targetRatio: target,
            totalBand: band,
            bucketBand: 0.05,
          });
          const h = recomputed(ins, sol.trades);
          expect(Math.abs((sum(A) + sum(h)) / sum(L) - target)).toBeLessThanOrEqual(band + 1e-9);
          keys.forEach((_, k) => expect(sol.ratioAfter[k]!).toBeCloseTo((A[k] + h[k]) / L[k], 9));
          ins.forEach((x, j) => {
            expect(sol.positions[j]).toBeGreaterThanOrEqual(-1e-9);
            expect(Math.abs(sol.trades[j] / x.increment - Math.round(sol.trades[j] / x.increment))).toBeLessThan(1e-9);
          });
        },
      ),
      { numRuns: 15 },
    );
  });
});
