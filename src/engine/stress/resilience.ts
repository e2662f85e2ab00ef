/**
 * The resilience figure: the largest hedge ratio (and leverage) the plan's actual collateral sustains under the
 * required buffer, and the trigger levels for topping up and deleveraging with the trades for each, computed
 * before the event from the full revaluation (buffer.ts, stress.ts).
 *
 *   B = the buffer today (bp of parallel rate rise that exhausts the collateral), R = market + operational buffer
 *   (TPR, April 2023: market stress buffer >= 250 bp plus an operational buffer), M = the market stress buffer.
 *   Max scale   lambda* = the largest lambda with surplus(R bp; rate positions x lambda) >= 0 (Brent's method)
 *   Max hedge ratio = lambda* x hedge ratio today;  max leverage = leverage + (lambda* - 1) x rate notional / NAV
 *   Top-up trigger  rates up B - R: the buffer is down to R. Cash to add there to restore B:
 *                   c = -surplus(B - R + B) (cash does not revalue, so it adds to the surplus one for one)
 *   Deleverage trigger  rates up B - M: the operational buffer is used up. Scale the rate positions to lambda_d
 *                   with surplus(from B - M, R bp further; lambda_d) = 0 (the variation margin already paid stays
 *                   paid), rounded to whole units towards the smaller position.
 * A move is a parallel rise of every key tenor of every rate factor. The search assumes the surplus falls as the
 * rate positions grow (a book that loses as rates rise); where it does not, the maximum is "unbounded".
 */
import { numError } from "../core/errors";
import { brent } from "../core/rootFinding";
import { Buffer, BufferOptions, exhaustingMove, surplusAt } from "./buffer";
import { PreparedBook, isRatePosition, unitNotional } from "./revalue";
import { PreparedCollateral } from "./stress";

export interface ResilienceInputs {
  marketBp: number;
  operationalBp: number;
  /** Hedge ratio today (decimal), for the maximum hedge ratio. */
  hedgeRatio?: number;
  /** Leverage today and the NAV, for the maximum leverage. */
  leverage?: number;
  nav?: number;
}

export interface Trade {
  id: string;
  quantity: number;
  trade: number;
  after: number;
}

export interface Resilience {
  buffer: Buffer;
  requiredBp: number;
  marketBp: number;
  operationalBp: number;
  /** Whether the buffer covers the required one (market + operational). */
  meets: boolean;
  /** lambda*: undefined when unbounded. */
  maxScale?: number;
  maxScaleStatus: "found" | "unbounded" | "short without the rate hedge" | "no rate positions";
  maxHedgeRatio?: number;
  maxLeverage?: number;
  /** Trades to the maximum (lambda* x each rate position), in whole units towards the smaller position. */
  toMaximum: Trade[];
  /** Rise (bp) at which to top up (0: now), and the cash that restores the buffer. */
  topUpAtBp?: number;
  topUpCash?: number;
  /** Rise (bp) at which to deleverage (0: now), the scale and the trades. */
  deleverageAtBp?: number;
  deleverageScale?: number;
  deleverageTrades: Trade[];
}

const MAX_SCALE = 1024;

/** Largest lambda in [0, MAX_SCALE] with g(lambda) >= 0, g falling; undefined when g(MAX_SCALE) >= 0. */
function largestScale(g: (lambda: number) => number): number | undefined {
  if (g(0) < 0) return 0;
  let lo = 0;
  for (let hi = 1; hi <= MAX_SCALE; hi *= 2) {
    const gh = g(hi);
    if (gh < 0) return brent(g, lo, hi, { xTol: 1e-10, what: "the largest hedge" });
    lo = hi;
  }
  return undefined;
}

/** lambda x each rate position, rounded to whole units towards zero (the smaller position: the buffer holds). */
function tradesTo(book: PreparedBook, lambda: number): Trade[] {
  return book.positions.flatMap((p) => {
    if (!isRatePosition(p)) return [];
    const target = lambda * p.quantity;
    const after = Math.trunc(target + Math.sign(target) * 1e-9);
    return after === p.quantity ? [] : [{ id: p.id, quantity: p.quantity, trade: after - p.quantity, after }];
  });
}

export function resilience(book: PreparedBook, coll: PreparedCollateral, r: ResilienceInputs, o: BufferOptions = {}): Resilience {
  const buffer = exhaustingMove(book, coll, "rate", o);
  const requiredBp = r.marketBp + r.operationalBp;
  const base: Resilience = {
    buffer,
    requiredBp,
    marketBp: r.marketBp,
    operationalBp: r.operationalBp,
    meets: buffer.status === "beyond" || (buffer.status === "exhausts" && buffer.shock! >= requiredBp - 1e-9),
    maxScaleStatus: "no rate positions",
    toMaximum: [],
    deleverageTrades: [],
  };
  if (!book.positions.some(isRatePosition) || buffer.status === "no positions") return base;

  const at = (lambda: number) => surplusAt(book, coll, "rate", requiredBp, { ...o, scaleRates: lambda });
  const maxScale = largestScale(at);
  base.maxScale = maxScale;
  base.maxScaleStatus = maxScale === undefined ? "unbounded" : at(0) < 0 ? "short without the rate hedge" : "found";
  if (maxScale !== undefined) {
    if (r.hedgeRatio !== undefined) base.maxHedgeRatio = maxScale * r.hedgeRatio;
    if (r.leverage !== undefined && r.nav !== undefined && r.nav > 0) {
      let rateNotional = 0;
      book.positions.forEach((p, i) => {
        if (isRatePosition(p)) rateNotional += Math.abs(p.quantity) * unitNotional(book, i);
      });
      base.maxLeverage = r.leverage + ((maxScale - 1) * rateNotional) / r.nav;
      if (!Number.isFinite(base.maxLeverage)) numError(`nav ${r.nav} is too small: the maximum leverage is not a finite number`, "nav");
    }
    base.toMaximum = tradesTo(book, maxScale);
  }

  // Triggers, from the buffer today.
  const B = buffer.status === "exhausts" ? buffer.shock! : buffer.status === "short already" ? 0 : undefined;
  if (B === undefined) return base;
  const topAt = Math.max(0, B - requiredBp);
  base.topUpAtBp = topAt;
  const restore = Math.max(B, requiredBp);
  base.topUpCash = Math.max(0, -surplusAt(book, coll, "rate", topAt + restore, o));
  for (const [name, v] of [
    ["the maximum scale", base.maxScale],
    ["the top-up cash", base.topUpCash],
  ] as const) {
    if (v !== undefined && !Number.isFinite(v)) numError(`Positions: ${name} is not a finite number for these inputs`);
  }
  const delAt = Math.max(0, B - r.marketBp);
  base.deleverageAtBp = delAt;
  const g = (lambda: number) => surplusAt(book, coll, "rate", requiredBp, { ...o, fromMove: delAt, scaleRates: lambda });
  const lambda = largestScale(g);
  if (lambda !== undefined && lambda < 1) {
    base.deleverageScale = lambda;
    base.deleverageTrades = tradesTo(book, lambda);
  } else base.deleverageScale = lambda;
  return base;
}
