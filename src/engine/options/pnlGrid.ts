/**
 * A spot x vol P&L grid: the change in value of a strategy (strategy.ts: holding, futures and options) when
 * the underlying moves by each spot shock and every option's vol by each vol shift, instantly (same time to
 * expiry, rate and yield):
 *   PnL(ds, dv) = V(S (1 + ds), vol + dv) - V(S, vol)
 * A future leg keeps the price it was entered at (its Strike, else today's fair price), so it gains
 * Quantity x (F(S (1 + ds)) - F_0). A shifted vol must stay in (0, 10] (#NUM! naming the shift otherwise).
 */
import { numError } from "../core/errors";
import { Leg, StrategyMarket, fairForward, valueStrategy } from "./strategy";
import { VolSpec, volAt } from "./smile";

export interface PnlGrid {
  spotShocks: number[];
  volShifts: number[];
  /** pnl[i][j]: spot shock i, vol shift j. */
  pnl: number[][];
  base: number;
}

function shiftedVol(spec: VolSpec | undefined, dv: number): VolSpec | undefined {
  if (spec === undefined) return undefined;
  if (typeof spec === "number") return spec + dv;
  return { strikes: spec.strikes, vols: spec.vols.map((v) => v + dv) };
}

export function pnlGrid(legs: readonly Leg[], m: StrategyMarket, spotShocks: readonly number[], volShifts: readonly number[]): PnlGrid {
  // Futures enter at today's fair price when they carry none.
  const fixed = legs.map((l) => {
    if (l.kind !== "future" || l.strike !== undefined) return l;
    const years = l.years ?? m.years;
    return years === undefined ? l : { ...l, strike: fairForward(m, years) };
  });
  const base = valueStrategy(fixed, m, "price").total.price;
  const pnl = spotShocks.map((ds) =>
    volShifts.map((dv) => {
      const legsAt = fixed.map((l) => (l.vol === undefined ? l : { ...l, vol: l.vol + dv }));
      const vol = shiftedVol(m.vol, dv);
      for (const l of legsAt) {
        if (l.kind !== "call" && l.kind !== "put") continue;
        const v = l.vol ?? (vol === undefined ? undefined : volAt(vol, l.strike as number));
        if (v !== undefined && !(v > 0 && v <= 10)) {
          numError(`vol shift ${dv}: ${l.where} would have a vol of ${Number(v.toPrecision(6))}, outside (0, 10]`, "volShifts");
        }
      }
      return valueStrategy(legsAt, { ...m, spot: m.spot * (1 + ds), vol }, "price").total.price - base;
    }),
  );
  return { spotShocks: [...spotShocks], volShifts: [...volShifts], pnl, base };
}
