/**
 * The collateral buffer: the smallest uniform move that exhausts the collateral, found by root-finding on the
 * full revaluation (stress.ts), never by extrapolating a sensitivity.
 *
 *   rate rise x (bp, every key tenor of every rate factor):   surplus(x) = spare(T+5) - shortfall(T+5) = 0
 *   equity fall y (every return factor falls by y, 0..100%):   the same, "beyond a 100% fall" where none does
 * The positions and the collateral (bonds from their cash flows, haircuts as today, IM multiplier 1) are both
 * revalued at each trial move. The first sign change is bracketed by a scan (25 bp, or 2.5% of equity) and
 * refined by Brent's method (core/rootFinding.ts) to 1e-6 bp.
 *
 * The Pensions Regulator, "Liability driven investment" guidance for trustees (24 April 2023), "Setting,
 * operating and maintaining a collateral buffer": a market stress buffer of at least 250 bp plus an operational
 * buffer for day-to-day moves, cumulative ("operational 100 bps and market stress 250 bps: 350 bps in total"),
 * expressed as the rise in yields the collateral can absorb, replenished within five days (hence the ladder's T+5).
 */
import { brent } from "../core/rootFinding";
import { FactorSpace, PreparedBook, StressScenario } from "./revalue";
import { PreparedCollateral, ScenarioOutcome, StressOptions, runScenario, surplusOf } from "./stress";

export const TPR_MARKET_BUFFER_BP = 250;
/** TPR's worked example of an operational buffer (the guidance leaves its size to the arrangement). */
export const TPR_OPERATIONAL_BUFFER_BP = 100;
/** The largest rate rise searched (bp). */
export const MAX_RATE_RISE_BP = 2000;

export type MoveKind = "rate" | "return";

/** The scenario of a uniform move: x bp on every rate slot, or a fall of x on every return factor. */
export function uniformMove(space: FactorSpace, kind: MoveKind, x: number, name = ""): StressScenario {
  const shocks = new Float64Array(space.slots);
  for (const f of space.factors) {
    if (f.kind !== kind) continue;
    for (let k = 0; k < Math.max(1, f.tenors.length); k++) shocks[f.offset + k] = kind === "rate" ? x : -x;
  }
  return { name, shocks, imMultiplier: 1, haircutMultiplier: 1 };
}

export type BufferStatus = "exhausts" | "short already" | "beyond" | "no positions";

export interface Buffer {
  kind: MoveKind;
  /** bp of rate rise, or a decimal fall (0.35 = 35%); undefined unless status is "exhausts" or "short already". */
  shock?: number;
  status: BufferStatus;
  /** The largest move searched: MAX_RATE_RISE_BP, or 1 (a 100% fall). */
  limit: number;
  /** The outcome at the exhausting move. */
  outcome?: ScenarioOutcome;
}

export interface BufferOptions extends Omit<StressOptions, "from"> {
  /** Moves are counted from this one (already happened, paid at scale 1). */
  fromMove?: number;
}

/** The outcome of a uniform move of size x (beyond `fromMove` when given). */
export function outcomeAt(book: PreparedBook, coll: PreparedCollateral, kind: MoveKind, x: number, o: BufferOptions = {}): ScenarioOutcome {
  const base = o.fromMove ?? 0;
  const sc = uniformMove(book.space, kind, base + x);
  const from = o.fromMove !== undefined ? uniformMove(book.space, kind, base).shocks : undefined;
  return runScenario(book, coll, sc, { scaleRates: o.scaleRates, topUp: o.topUp, days: o.days, from, withLinear: false });
}

/** Surplus of the collateral after a uniform move of size x (beyond `fromMove` when given). */
export function surplusAt(book: PreparedBook, coll: PreparedCollateral, kind: MoveKind, x: number, o: BufferOptions = {}): number {
  return surplusOf(outcomeAt(book, coll, kind, x, o));
}

export function exhaustingMove(book: PreparedBook, coll: PreparedCollateral, kind: MoveKind, o: BufferOptions = {}): Buffer {
  const limit = kind === "rate" ? MAX_RATE_RISE_BP : 1;
  const has = book.space.factors.some((f) => f.kind === kind);
  if (!has) return { kind, status: "no positions", limit };
  const g = (x: number) => surplusAt(book, coll, kind, x, o);
  const at = (x: number) => outcomeAt(book, coll, kind, x, o);
  const g0 = g(0);
  if (g0 < 0) return { kind, shock: 0, status: "short already", limit, outcome: at(0) };
  const step = kind === "rate" ? 25 : 0.025;
  let lo = 0;
  let glo = g0;
  for (let x = step; x <= limit + 1e-12; x += step) {
    const gx = g(x);
    if (gx <= 0) {
      const root = gx === 0 ? x : glo === 0 ? lo : brent(g, lo, x, { xTol: kind === "rate" ? 1e-6 : 1e-10, what: "the exhausting move" });
      return { kind, shock: root, status: "exhausts", limit, outcome: at(root) };
    }
    lo = x;
    glo = gx;
  }
  return { kind, status: "beyond", limit };
}
