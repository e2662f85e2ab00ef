import { bondAnalytics, bondYield } from "../../../src/engine/rates/bond";
import { deliverableBasket } from "../../../src/engine/rates/deliverableBasket";
import { toSerial } from "../../../src/engine/rates/excelDate";
import { conversionFactor, findContract, futuresDv01 } from "../../../src/engine/rates/treasuryFutures";

const d = (y: number, m: number, day: number) => toSerial({ y, m, d: day });
const TY = findContract("TY");
const terms = {
  contract: TY,
  deliveryMonth: d(2026, 3, 1),
  settlement: d(2025, 12, 31),
  delivery: d(2026, 3, 31),
  futuresPrice: 112,
  repoRate: 0.04,
};

describe("deliverable basket and cheapest-to-deliver (CME Group, Understanding Treasury Futures)", () => {
  const a = { coupon: 0.0425, maturity: d(2032, 11, 15), price: 101.5 };
  const b = { coupon: 0.04125, maturity: d(2033, 2, 15), price: 100.25 };
  const tooShort = { coupon: 0.04, maturity: d(2031, 11, 15), price: 100 };
  const rows = deliverableBasket(terms, [a, b, tooShort]);

  it("basis, carry and implied repo by hand, without a coupon before delivery", () => {
    // 4 1/4s of Nov-2032: coupon period 15-Nov-2025 to 15-May-2026 (181 days); 46 days accrued on 31-Dec, 136 on 31-Mar.
    const cf = conversionFactor(TY, a.coupon, a.maturity, terms.deliveryMonth).factor;
    const aiS = (2.125 * 46) / 181;
    const aiD = (2.125 * 136) / 181;
    const dirty = a.price + aiS;
    const r = rows[0];
    expect(r.factor).toBe(cf);
    expect(r.grossBasis).toBeCloseTo(a.price - 112 * cf, 12);
    expect(r.carry).toBeCloseTo(aiD - aiS - (dirty * 0.04 * 90) / 360, 12);
    expect(r.netBasis).toBeCloseTo(r.grossBasis! - r.carry!, 12);
    expect(r.impliedRepo).toBeCloseTo((112 * cf + aiD - dirty) / ((dirty * 90) / 360), 12);
    // At a repo rate equal to the implied repo, the net basis is nil (no intervening coupon).
    const atIrr = deliverableBasket({ ...terms, repoRate: r.impliedRepo! }, [a])[0];
    expect(atIrr.netBasis).toBeCloseTo(0, 10);
  });

  it("with the 15-Feb coupon paid before delivery", () => {
    // 4 1/8s of Feb-2033: 138 of 184 days accrued on 31-Dec; coupon 2.0625 on 15-Feb; 44 of 181 days on 31-Mar.
    const cf = conversionFactor(TY, b.coupon, b.maturity, terms.deliveryMonth).factor;
    const aiS = (2.0625 * 138) / 184;
    const aiD = (2.0625 * 44) / 181;
    const dirty = b.price + aiS;
    const r = rows[1];
    expect(r.carry).toBeCloseTo(aiD - aiS + 2.0625 - (dirty * 0.04 * 90) / 360, 12);
    expect(r.impliedRepo).toBeCloseTo((112 * cf + aiD + 2.0625 - dirty) / ((dirty * 90) / 360 - (2.0625 * 44) / 360), 12);
    const fwd = dirty * (1 + (0.04 * 90) / 360) - 2.0625 * (1 + (0.04 * 44) / 360) - aiD;
    expect(r.forwardPrice).toBeCloseTo(fwd, 12);
    const atDelivery = {
      settlement: terms.delivery,
      maturity: b.maturity,
      rate: b.coupon,
      redemption: 100,
      frequency: 2 as const,
      basis: 1 as const,
    };
    expect(r.forwardDv01).toBeCloseTo(bondAnalytics(atDelivery, bondYield(atDelivery, fwd)).dv01, 12);
    expect(r.futuresDv01).toBeCloseTo(futuresDv01(r.forwardDv01!, cf, 100000), 9);
  });

  it("the CTD has the highest implied repo; a note outside the grade says why", () => {
    const irr = rows.filter((r) => r.deliverable).map((r) => r.impliedRepo!);
    const ctd = rows.find((r) => r.ctd)!;
    expect(ctd.impliedRepo).toBe(Math.max(...irr));
    expect(rows.filter((r) => r.ctd).length).toBe(1);
    expect(rows[2].deliverable).toBe(false);
    expect(rows[2].reason).toMatch(/not deliverable into TY .* between 6 years 6 months and 10 years/);
    expect(() => deliverableBasket(terms, [tooShort])).toThrow(/basket: no note or bond in it is deliverable into TY/);
  });
});
