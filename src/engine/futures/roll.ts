/**
 * Rolls: which futures positions need rolling within a window, the roll trade as a calendar spread on the
 * contract's conventional roll date (contracts.ts), and the roll's cost as implied financing against cash.
 *
 * Implied financing of an equity index calendar spread (CME Group, "Equity index futures fair value" and
 * "Understanding the implied financing of equity index futures rolls"; Hull, "Options, Futures, and Other
 * Derivatives", ch. 5, with the money-market convention): fair value between two expiries is
 *   F_back = F_front (1 + r d / 360) - D,     d = days between the two final settlements, D = dividends paid
 *                                             in between (index points)
 * so the rate the spread implies is
 *   r_implied = ((F_back + D) / F_front - 1) x 360 / d           (Act/360, simple, like the cash rate)
 * A long who rolls (sells the front, buys the back) finances the exposure at r_implied instead of at cash:
 *   richness = r_implied - r_cash (bp a year; > 0: the roll costs more than cash financing)
 *   financing cost of the roll = Quantity x Multiplier x F_front x (r_implied - r_cash) x d / 360
 * (positive: a cost to a long; a short earns it). For contracts without a dividend-style carry (Treasury,
 * commodity index) the same formula reads the spread against cash with D = 0, which is the financing part
 * only: a bond future's spread also prices coupons and the delivery option, so for those it is indicative.
 *
 * Positions: a roll is due when the held contract's roll date falls within [asOf, asOf + windowDays] (or has
 * passed while the contract still trades: roll now). A position named by a bare root ("ES") holds the front
 * contract on asOf.
 */
import { numError } from "../core/errors";
import { ContractMonth, KeyDates, contractCode, keyDates, nextContract } from "./calendar/contracts";

export interface FuturesHolding {
  id: string;
  contract: ContractMonth;
  /** Contracts, signed (+ long). */
  quantity: number;
  /** Multiplier: the position's own, else the contract's. */
  multiplier: number;
  where: string;
}

export interface SpreadQuote {
  /** Front contract price. */
  front: number;
  /** Back minus front, index points. */
  spread: number;
  /** Dividends between the two final settlements, index points (0 for other contracts). */
  dividends: number;
}

export type RollStatus = "roll now" | "roll in window" | "later";

export interface RollLine {
  holding: FuturesHolding;
  held: string;
  heldDates: KeyDates;
  into: string;
  intoDates: KeyDates;
  status: RollStatus;
  /** Calendar days from asOf to the roll date (negative: the roll date has passed). */
  daysToRoll: number;
  /** The calendar spread: a long sells the front and buys the back ("Sell"), a short the reverse. */
  spreadSide: "Sell" | "Buy";
  /** Days between the two final settlements. */
  days: number;
  financing?: ImpliedFinancing;
  /** Financing cost of rolling this position over cash, base currency (cost to the position, signed). */
  financingCost?: number;
}

export interface ImpliedFinancing {
  impliedRate: number;
  cashRate: number;
  /** (impliedRate - cashRate) x 10^4. */
  richnessBp: number;
  /** Cost per contract of a long roll over cash financing, currency. */
  costPerContract: number;
}

/** r_implied from a calendar spread (see the header). */
export function impliedFinancingRate(q: SpreadQuote, days: number): number {
  if (!(q.front > 0)) numError(`the front price must be > 0, got ${q.front}`, "front");
  if (!(days > 0)) numError(`the back contract must settle after the front (days between = ${days})`);
  const back = q.front + q.spread;
  if (!(back > 0)) numError(`front + spread = ${back} must be > 0: the back contract's price`, "spread");
  return ((back + q.dividends) / q.front - 1) * (360 / days);
}

export function impliedFinancing(q: SpreadQuote, days: number, cashRate: number, multiplier: number): ImpliedFinancing {
  const impliedRate = impliedFinancingRate(q, days);
  const out = {
    impliedRate,
    cashRate,
    richnessBp: (impliedRate - cashRate) * 1e4,
    costPerContract: multiplier * q.front * (impliedRate - cashRate) * (days / 360),
  };
  if (!Object.values(out).every(Number.isFinite)) {
    numError(
      `the implied financing of a spread of ${q.spread} on a front price of ${q.front} is too large to compute: check the prices`,
      "spread",
    );
  }
  return out;
}

export interface RollPlan {
  asOf: number;
  windowDays: number;
  lines: RollLine[];
}

/** The roll of each holding; `quotes` by held contract code (ESH6), `cashRate` for the financing. */
export function planRolls(
  holdings: readonly FuturesHolding[],
  asOf: number,
  windowDays: number,
  quotes: ReadonlyMap<string, SpreadQuote> = new Map(),
  cashRate?: number,
): RollPlan {
  const lines = holdings.map((h): RollLine => {
    const heldDates = keyDates(h.contract);
    const intoC = nextContract(h.contract);
    const intoDates = keyDates(intoC);
    const held = contractCode(h.contract);
    const daysToRoll = heldDates.roll - asOf;
    const status: RollStatus = daysToRoll < 0 ? "roll now" : daysToRoll <= windowDays ? "roll in window" : "later";
    const days = intoDates.settlement - heldDates.settlement;
    const line: RollLine = {
      holding: h,
      held,
      heldDates,
      into: contractCode(intoC),
      intoDates,
      status,
      daysToRoll,
      spreadSide: h.quantity >= 0 ? "Sell" : "Buy",
      days,
    };
    const q = quotes.get(held);
    if (q && cashRate !== undefined) {
      line.financing = impliedFinancing(q, days, cashRate, h.multiplier);
      line.financingCost = h.quantity * line.financing.costPerContract;
      if (!Number.isFinite(line.financingCost)) numError(`${h.where}: the financing cost is too large to compute`);
    }
    return line;
  });
  return { asOf, windowDays, lines };
}
