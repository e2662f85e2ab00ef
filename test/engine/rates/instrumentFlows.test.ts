import { presentValue, pv01 } from "../../../src/engine/rates/cashflows";
import { ZeroCurve, makeCurve, zeroRate } from "../../../src/engine/rates/curve";
import { bondFlows, forwardFlows, forwardPrice, futureFlows, trsFlows } from "../../../src/engine/rates/instrumentFlows";
import { keyRate01s, triangleVector } from "../../../src/engine/rates/keyRates";
import { parSwapRate, swapCashFlows, swapPv } from "../../../src/engine/rates/swap";

const curve = makeCurve([0.5, 1, 2, 5, 10, 20, 30], [0.043, 0.042, 0.04, 0.0395, 0.042, 0.0465, 0.047]);
const keys = [1, 2, 3, 5, 7, 10, 15, 20, 25, 30];

/** The curve with the zero rate at every time t moved by bp x h_k(t): a key-rate bump revalued, not linearised. */
function bumped(c: ZeroCurve, k: number, bp: number): ZeroCurve {
  const grid = Array.from({ length: 1201 }, (_, i) => i / 40);
  return makeCurve(
    grid,
    grid.map((t) => zeroRate(c, t) + bp * 1e-4 * triangleVector(keys, t)[k]),
    c.compounding,
  );
}

describe("instrument cash flows on the liabilities' basis", () => {
  it("a bond's flows: semiannual coupons back from maturity and the redemption; a STRIP is one flow", () => {
    expect(bondFlows(0.05, 1.25)).toEqual({ times: [0.25, 0.75, 1.25], amounts: [0.025, 0.025, 1.025] });
    expect(bondFlows(0, 7)).toEqual({ times: [7], amounts: [1] });
  });

  // The linearised key rates of a forward (the CTD forward to delivery) against revaluing its forward price
  // F = PV(flows after delivery) / DF(delivery) under each key-rate bump of -1bp: equal to second order.
  it("forward flows give the key-rate 01s of the forward price under bumped revaluation", () => {
    const ctd = bondFlows(0.0425, 6.9);
    const td = 0.25;
    const kr = keyRate01s(forwardFlows(ctd, td, curve), curve, keys);
    const f0 = forwardPrice(ctd, td, curve);
    keys.forEach((_, k) => {
      const reval = forwardPrice(ctd, td, bumped(curve, k, -1)) - f0;
      expect(Math.abs(kr[k] - reval)).toBeLessThan(2e-3 * Math.abs(f0 * 1e-4 * 7) + 1e-9);
    });
    // The future: contract size / factor times the forward; its DV01 is the CTD's forward DV01 / CF (CME Group,
    // "Understanding Treasury Futures"), here by a parallel -1bp revaluation of the forward price.
    const fut = futureFlows(ctd, td, 0.9069, 100000, curve);
    const forwardDv01 =
      forwardPrice(
        ctd,
        td,
        makeCurve(
          curve.tenors,
          curve.rates.map((r) => r - 1e-4),
        ),
      ) - f0;
    expect(pv01(fut, curve)).toBeCloseTo((forwardDv01 * 100000) / 0.9069, 0);
    // A future's forward financing sits at delivery: the 1-year key carries negative risk.
    expect(keyRate01s(fut, curve, keys)[0]).toBeLessThan(0);
  });

  it("a swap's key rates from its schedule match revaluing it under each key-rate bump", () => {
    const terms = { tenor: 30, frequency: 1, dayCount: "act/360" as const };
    const k = parSwapRate(curve, terms);
    const kr = keyRate01s(swapCashFlows(terms, k), curve, keys);
    keys.forEach((_, i) => {
      const reval = swapPv(bumped(curve, i, -1), terms, k) - swapPv(curve, terms, k);
      expect(Math.abs(kr[i] - reval)).toBeLessThan(5e-3 * Math.abs(kr[i]) + 1e-9);
    });
    // Half of a 30-year par receiver's PV01 on the 30-year key, the rest spread down the curve (issue 15: not 100% at 30y).
    const share = kr[9] / kr.reduce((s, x) => s + x, 0);
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
  });

  it("a total return swap on an index is worth 0 when struck and carries the index's duration", () => {
    const index = bondFlows(0.045, 15);
    const trs = trsFlows(index, 0.25, curve);
    expect(presentValue(trs, curve)).toBeCloseTo(0, 14);
    const p0 = presentValue(index, curve);
    expect(pv01(trs, curve)).toBeCloseTo(
      pv01(index, curve) / p0 - pv01({ times: [0.25], amounts: [1 / Math.pow(1 + zeroRate(curve, 0.25), -0.25)] }, curve),
      10,
    );
    expect(() => forwardFlows(bondFlows(0.04, 0.2), 0.25, curve)).toThrow(/no cash flow falls after the delivery date/);
  });
});
