/**
 * Hedge instruments as cash flows on the curve's time axis (years), so their key-rate 01s come from the same
 * bump as the liabilities' (keyRates.ts): one basis for both sides.
 *
 *   bond / STRIP (per 1 face)   coupon/f at T - k/f (k = 0, 1, ... while > 0), plus 1 at T (coupon 0: a STRIP)
 *   forward on a bond to td     the flows after td, valued at td: F = PV_after / DF(td). To first order
 *                               dF = dPV_after / DF(td) - PV_after dDF(td) / DF(td)^2, the key-rate 01s of the
 *                               flows  {A_i / DF(td) at t_i > td}  and  {-PV_after / DF(td)^2 at td}
 *   Treasury future (per contract) = contractSize x forward on the cheapest-to-deliver / conversion factor
 *                               (CME Group, "Understanding Treasury Futures": the future tracks the CTD's
 *                               forward price divided by its factor; its DV01 is the CTD's forward DV01 / CF)
 *   total return swap on a bond index (receive the index, pay floating reset at td, per 1 of notional = the
 *                               index's value P0): the index's flows / P0 and the funding -1 / DF(td) at td
 *
 * The forward flows are linear in the curve's discount factors only to first order; their KR01s match a bumped
 * revaluation of the forward price to second order in the bump (tested).
 */
import { numError } from "../core/errors";
import { ZeroCurve, discount } from "./curve";
import { CashFlows, presentValue } from "./cashflows";

/** A fixed-coupon bond's flows per 1 face, from its maturity in years (coupons every 1/frequency back from T). */
export function bondFlows(coupon: number, maturityYears: number, frequency = 2): CashFlows {
  if (!(maturityYears > 0)) numError(`a bond's maturity must be > 0 years, got ${maturityYears}`, "maturity");
  const times: number[] = [];
  const amounts: number[] = [];
  if (coupon !== 0) {
    const n = Math.ceil(maturityYears * frequency - 1e-9);
    for (let k = n - 1; k >= 0; k--) {
      const t = maturityYears - k / frequency;
      if (t <= 1e-9) continue;
      times.push(t);
      amounts.push(coupon / frequency);
    }
  }
  if (times.length > 0 && times[times.length - 1] === maturityYears) amounts[amounts.length - 1] += 1;
  else {
    times.push(maturityYears);
    amounts.push(1);
  }
  return { times, amounts };
}

/** Flows whose key-rate 01s are those of the forward price, for delivery at `delivery` years, of `flows`. */
export function forwardFlows(flows: CashFlows, delivery: number, curve: ZeroCurve): CashFlows {
  const after: CashFlows = { times: [], amounts: [] };
  flows.times.forEach((t, i) => {
    if (t > delivery) {
      after.times.push(t);
      after.amounts.push(flows.amounts[i]);
    }
  });
  if (after.times.length === 0) numError(`no cash flow falls after the delivery date (${delivery} years)`, "delivery");
  const d = discount(curve, delivery);
  const pvAfter = presentValue(after, curve);
  return {
    times: [...after.times, delivery],
    amounts: [...after.amounts.map((a) => a / d), -pvAfter / (d * d)],
  };
}

/** The forward price per 1 face of `flows` for delivery at `delivery` years: PV of the flows after it / DF. */
export function forwardPrice(flows: CashFlows, delivery: number, curve: ZeroCurve): number {
  const after: CashFlows = { times: [], amounts: [] };
  flows.times.forEach((t, i) => {
    if (t > delivery) {
      after.times.push(t);
      after.amounts.push(flows.amounts[i]);
    }
  });
  return presentValue(after, curve) / discount(curve, delivery);
}

/** A Treasury future per contract: contractSize x the CTD's forward flows / conversion factor. */
export function futureFlows(ctd: CashFlows, delivery: number, factor: number, contractSize: number, curve: ZeroCurve): CashFlows {
  if (!(factor > 0)) numError(`conversion factor must be > 0, got ${factor}`, "factor");
  const f = forwardFlows(ctd, delivery, curve);
  const scale = contractSize / factor;
  return { times: f.times, amounts: f.amounts.map((a) => a * scale) };
}

/**
 * A total return swap receiving a bond index (a representative bond's flows), per 1 of notional (the index's
 * market value): the index's flows / P0, and the funding -1 / DF(reset) at the reset; worth 0 when struck.
 */
export function trsFlows(index: CashFlows, reset: number, curve: ZeroCurve): CashFlows {
  const p0 = presentValue(index, curve);
  if (!(p0 > 0)) numError(`the index's flows are worth ${p0}, so a total return swap on them has no notional`, "instruments");
  return { times: [...index.times, reset], amounts: [...index.amounts.map((a) => a / p0), -1 / discount(curve, reset)] };
}
