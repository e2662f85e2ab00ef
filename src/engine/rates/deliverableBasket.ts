/**
 * A Treasury future's deliverable basket: each note or bond's conversion factor (treasuryFutures.ts), basis,
 * carry, implied repo rate and forward DV01, and the cheapest-to-deliver (the highest implied repo rate).
 *
 * Per bond, clean price P and accrued interest AI_s at settlement s, accrued AI_d at the delivery date d,
 * coupons C_k paid between them (n_k days before d), n = d - s days, futures price F, conversion factor CF,
 * term repo rate r (money market, Act/360):
 *
 *   gross basis   = P - F x CF                                                    (points per 100 face)
 *   carry         = (AI_d - AI_s + sum_k C_k) - (P + AI_s) x r x n / 360           (coupon income less financing)
 *   net basis     = gross basis - carry
 *   invoice       = F x CF + AI_d
 *   implied repo  = (invoice + sum_k C_k - (P + AI_s)) / ((P + AI_s) x n / 360 - sum_k C_k x n_k / 360)
 *   forward price = (P + AI_s)(1 + r n / 360) - sum_k C_k (1 + r n_k / 360) - AI_d  (clean, at d)
 *   forward DV01  = the bond's DV01 at d at the yield of its forward price (bond.ts); a future's DV01 is
 *                   forward DV01 / 100 x contract size / CF
 *
 * Sources: CME Group, "Understanding Treasury Futures" (basis, carry, implied repo rate, cheapest-to-deliver as
 * the highest implied repo) and "Calculating U.S. Treasury Futures Conversion Factors"; Burghardt et al., "The
 * Treasury Bond Basis" (net basis and the implied repo rate with an intervening coupon). Accrued interest is
 * actual/actual on semiannual coupons (Treasury convention; bond.ts basis 1).
 */
import { OverlayError, numError } from "../core/errors";
import { bondAnalytics, bondYield } from "./bond";
import { couponPeriod } from "./couponDates";
import { TreasuryContract, conversionFactor } from "./treasuryFutures";

export interface BasketBond {
  coupon: number;
  /** Maturity, an Excel serial. */
  maturity: number;
  /** Clean price per 100 face at settlement. */
  price: number;
}

export interface BasketRow extends BasketBond {
  deliverable: boolean;
  /** Why not, in words, when not deliverable. */
  reason?: string;
  factor?: number;
  grossBasis?: number;
  carry?: number;
  netBasis?: number;
  impliedRepo?: number;
  forwardPrice?: number;
  /** DV01 per 100 face at delivery, at the forward price's yield. */
  forwardDv01?: number;
  /** DV01 of one future through this bond: forwardDv01 / 100 x contract size / factor. */
  futuresDv01?: number;
  ctd: boolean;
}

export interface BasketTerms {
  contract: TreasuryContract;
  /** Any date in the delivery month (serial). */
  deliveryMonth: number;
  /** Settlement and delivery dates (serials). */
  settlement: number;
  delivery: number;
  futuresPrice: number;
  repoRate: number;
}

const accrued = (coupon: number, maturity: number, on: number) =>
  bondAnalytics({ settlement: on, maturity, rate: coupon, redemption: 100, frequency: 2, basis: 1 }, 0.05).accrued;

/** Coupons paid after `from` up to and including `to`, per 100 face: their dates. */
function couponsBetween(coupon: number, maturity: number, from: number, to: number): number[] {
  const dates: number[] = [];
  let at = from;
  for (let guard = 0; guard < 400 && at < maturity; guard++) {
    const ncd = couponPeriod(at, maturity, 2).ncd.serial;
    if (ncd > to) break;
    dates.push(ncd);
    at = ncd;
  }
  return coupon === 0 ? [] : dates;
}

export function deliverableBasket(t: BasketTerms, bonds: readonly BasketBond[]): BasketRow[] {
  if (!(t.delivery > t.settlement)) numError(`delivery (${t.delivery}) must be after settlement (${t.settlement})`, "deliveryDate");
  if (!(t.futuresPrice > 0)) numError(`futuresPrice must be > 0, got ${t.futuresPrice}`, "futuresPrice");
  const n = t.delivery - t.settlement;
  const rows: BasketRow[] = bonds.map((b) => {
    let factor: number;
    try {
      factor = conversionFactor(t.contract, b.coupon, b.maturity, t.deliveryMonth).factor;
    } catch (e) {
      if (e instanceof OverlayError) return { ...b, deliverable: false, reason: e.message, ctd: false };
      throw e;
    }
    if (!(b.maturity > t.delivery)) return { ...b, deliverable: false, reason: "matures before delivery", ctd: false };
    const c = (100 * b.coupon) / 2;
    const aiS = accrued(b.coupon, b.maturity, t.settlement);
    const aiD = accrued(b.coupon, b.maturity, t.delivery);
    const paid = couponsBetween(b.coupon, b.maturity, t.settlement, t.delivery);
    const income = paid.length * c;
    const dirty = b.price + aiS;
    const grossBasis = b.price - t.futuresPrice * factor;
    const carry = aiD - aiS + income - (dirty * t.repoRate * n) / 360;
    const invoice = t.futuresPrice * factor + aiD;
    const denom = (dirty * n) / 360 - paid.reduce((s, d) => s + (c * (t.delivery - d)) / 360, 0);
    const impliedRepo = (invoice + income - dirty) / denom;
    const forwardPrice =
      dirty * (1 + (t.repoRate * n) / 360) - paid.reduce((s, d) => s + c * (1 + (t.repoRate * (t.delivery - d)) / 360), 0) - aiD;
    const terms = {
      settlement: t.delivery,
      maturity: b.maturity,
      rate: b.coupon,
      redemption: 100,
      frequency: 2 as const,
      basis: 1 as const,
    };
    const forwardDv01 = bondAnalytics(terms, bondYield(terms, forwardPrice)).dv01;
    return {
      ...b,
      deliverable: true,
      factor,
      grossBasis,
      carry,
      netBasis: grossBasis - carry,
      impliedRepo,
      forwardPrice,
      forwardDv01,
      futuresDv01: ((forwardDv01 / 100) * t.contract.contractSize) / factor,
      ctd: false,
    };
  });
  const eligible = rows.filter((r) => r.deliverable);
  if (eligible.length === 0)
    numError(`basket: no note or bond in it is deliverable into ${t.contract.code} for that delivery month`, "basket");
  const best = eligible.reduce((a, r) => (r.impliedRepo! > a.impliedRepo! ? r : a));
  best.ctd = true;
  return rows;
}
