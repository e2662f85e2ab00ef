/**
 * Cash equitisation: invest idle cash above a buffer through futures.
 *
 *   amount to equitise E = cash - buffer     (negative: sell futures to restore the buffer)
 *   mode "target":      E spread over the non-cash classes pro rata to their targets
 *   mode "underweight": E first fills the gaps between target and effective exposure (pro rata to the
 *                       gaps), and what remains is spread pro rata to targets
 * An illiquid class is equitised through its proxy's futures (its share is executed on the proxy's row);
 * a class with no future and no proxy gets no share.
 * Ranges: no class is bought above max(Max, its weight) nor sold below min(Min, its weight). A share beyond
 * that room goes to the other classes pro rata to their targets, as far as their rooms allow (spread.ts);
 * what no class can take stays in cash, and a note says how much. Contracts are rounded to the nearest whole
 * contract, then one contract back where the rounding would cross the range, so each class keeps at most one
 * contract's exposure as its residual. A basket (several futures for a class, futures.ts) sizes each future for
 * its Weight of the class's exposure; a contract given back comes off the leg with the largest exposure.
 * Group bands (portfolio.ts): the members' summed exposure is not bought above max(Group max x NAV, its
 * exposure) nor sold below min(Group min x NAV, its exposure): the members' shares are scaled down to the group's
 * room and what is cut stays in cash (a note says how much); whole contracts that would cross the band give one
 * contract back, the member with the largest trade first.
 * Buffer: `buffer`, or the plan's known cash needs over the horizon (`cashNeeds`: benefit payments, capital
 * calls), or Cash target x NAV.
 * The classic worked example: Hull, Options, Futures, and Other Derivatives, ch. 3 (hedging with index
 * futures, N* = beta x V_A / V_F).
 */
import { numError, valueError } from "../core/errors";
import { Plan, effective } from "../portfolio/portfolio";
import { spreadWithRoom } from "../rebalance/spread";
import {
  Basket,
  ClassFutures,
  basketContracts,
  FutureSpec,
  LegTrade,
  basketExposure,
  basketName,
  exposureOf,
  futuresByClass,
  legTrades,
} from "./futures";

export type EquitiseMode = "target" | "underweight";
export const EQUITISE_MODES: readonly EquitiseMode[] = ["target", "underweight"];

export interface EquitiseOptions {
  /** Cash to equitise, base currency; default: the Cash row's effective exposure. */
  cash?: number;
  /** Cash to keep, base currency; default: cashNeeds, else Cash target x NAV. */
  buffer?: number;
  /** Known cash needs (benefit payments, capital calls), base currency: the buffer when none is given. */
  cashNeeds?: number;
  mode: EquitiseMode;
  /**
   * Whole contracts per class (index-aligned with plan.classes), one per future of its basket, to use instead of
   * nearest rounding, for the classes that execute futures (rebalance/optimalRounding.ts); omitted or null: nearest.
   */
  contracts?: readonly (readonly number[] | null | undefined)[];
}

export interface EquitiseLine {
  assetClass: string;
  /** Exposure to add, base currency (including the shares of illiquid classes it stands in for). */
  exposure: number;
  /** Contract name (a basket's legs with their weights), "via <proxy>" for an illiquid class, or "" when the class has no future. */
  contract: string;
  /** Whole contracts of the class's one future; null for a basket (see legs) and where no future trades. */
  contracts: number | null;
  /** Summed over the legs. */
  notional: number | null;
  residual: number | null;
  /** One per future of the class's basket (one for a single future), empty where no future trades. */
  legs: LegTrade[];
}

export interface EquitiseResult {
  amount: number;
  cash: number;
  buffer: number;
  lines: EquitiseLine[];
  total: { exposure: number; notional: number; residual: number };
  /** Exposure left in cash because the ranges had no room for it, base currency (signed like amount). */
  unplaced: number;
  notes: string[];
}

export function equitise(plan: Plan, futures: readonly FutureSpec[], opts: EquitiseOptions): EquitiseResult {
  return equitiseAligned(plan, futuresByClass(plan, futures), opts);
}

/** equitise with the futures already aligned to the plan's classes (futuresByClass). */
export function equitiseAligned(plan: Plan, fut: ClassFutures, opts: EquitiseOptions): EquitiseResult {
  const cashRow = plan.cash >= 0 ? plan.classes[plan.cash] : undefined;
  if (opts.cash === undefined && !cashRow) valueError("cash: the portfolio has no Cash row, so give the cash to equitise");
  const cash = opts.cash ?? effective(cashRow!);
  const buffer = opts.buffer ?? opts.cashNeeds ?? (cashRow ? cashRow.target * plan.nav : 0);
  const amount = cash - buffer;

  // Which class executes each class's share: itself (liquid, with a future) or its proxy.
  const executor = plan.classes.map((c, i) => {
    if (c.isCash) return -1;
    if (c.liquid) return fut[i] ? i : -1;
    return c.proxy >= 0 && fut[c.proxy] ? c.proxy : -1;
  });
  const eligible = plan.classes.map((_, i) => executor[i] >= 0);
  const targets = plan.classes.map((c, i) => (eligible[i] ? Math.max(0, c.target) : 0));
  const targetSum = targets.reduce((s, x) => s + x, 0);
  if (amount !== 0 && !(targetSum > 0)) {
    numError("Futures: no non-cash class with a positive target has a future (or a proxy with one) to equitise into");
  }

  const share = new Array<number>(plan.classes.length).fill(0);
  if (opts.mode === "target") {
    plan.classes.forEach((_, i) => (share[i] = (amount * targets[i]) / targetSum));
  } else {
    const dir = amount < 0 ? -1 : 1;
    const gaps = plan.classes.map((c, i) => (eligible[i] ? Math.max(0, dir * (c.target * plan.nav - effective(c))) : 0));
    const gapSum = gaps.reduce((s, x) => s + x, 0);
    const need = Math.abs(amount);
    if (gapSum >= need && gapSum > 0) {
      gaps.forEach((g, i) => (share[i] = (dir * need * g) / gapSum));
    } else {
      const rest = need - gapSum;
      gaps.forEach((g, i) => (share[i] = dir * (g + (rest * targets[i]) / targetSum)));
    }
  }

  const executed = new Array<number>(plan.classes.length).fill(0);
  share.forEach((s, i) => {
    if (executor[i] >= 0) executed[executor[i]] += s;
  });
  // Ranges: each executing class only as far as its range allows; the rest to the others, then to cash.
  const dir = amount < 0 ? -1 : 1;
  const roomOf = (i: number) => {
    const c = plan.classes[i];
    const eff = effective(c);
    return Math.max(0, dir > 0 ? Math.max(c.max * plan.nav, eff) - eff : eff - Math.min(c.min * plan.nav, eff));
  };
  const isExec = plan.classes.map((_, i) => executor.includes(i));
  const room = plan.classes.map((_, i) => (isExec[i] ? roomOf(i) : 0));
  let excess = 0;
  executed.forEach((x, i) => {
    if (Math.abs(x) > room[i]) {
      excess += x - dir * room[i];
      executed[i] = dir * room[i];
    }
  });
  const notes: string[] = [];
  let unplaced = 0;
  if (Math.abs(excess) > 1e-9 * Math.max(1, Math.abs(amount))) {
    const again = spreadWithRoom(
      excess,
      plan.classes.map((c, i) => (isExec[i] ? Math.max(0, c.target) : 0)),
      room.map((r, i) => Math.max(0, r - Math.abs(executed[i]))),
    );
    again.alloc.forEach((a, i) => (executed[i] += a));
    unplaced = again.unplaced;
    if (Math.abs(unplaced) > 1e-9 * Math.max(1, Math.abs(amount))) {
      notes.push(`${fmtMoney(Math.abs(unplaced))} stays in cash: no class has room left in its range to ${dir > 0 ? "buy" : "sell"} it`);
    }
  }

  // Group bands: the members' summed trade within the group's room.
  const groupRoom = (plan.groups ?? []).map((g) => {
    const pre = g.members.reduce((x, i) => x + effective(plan.classes[i]), 0);
    return Math.max(0, dir > 0 ? Math.max(g.max * plan.nav, pre) - pre : pre - Math.min(g.min * plan.nav, pre));
  });
  (plan.groups ?? []).forEach((g, k) => {
    const moved = g.members.reduce((x, i) => x + (isExec[i] ? executed[i] : 0), 0);
    if (!(Math.abs(moved) > groupRoom[k] * (1 + 1e-12) + 1e-6)) return;
    const scale = groupRoom[k] / Math.abs(moved);
    let cut = 0;
    for (const i of g.members) {
      if (!isExec[i]) continue;
      cut += executed[i] * (1 - scale);
      executed[i] *= scale;
    }
    unplaced += cut;
    notes.push(
      `Group ${g.name}: ${fmtMoney(Math.abs(cut))} stays in cash: the group has no room left in its band to ${dir > 0 ? "buy" : "sell"} it`,
    );
  });

  // Whole contracts per future, nearest (or given); then one contract back at a time where rounding would cross
  // the range, on the leg with the largest exposure in the trade's direction.
  const sizes = new Map<number, number[]>();
  const got = (i: number) => basketExposure(fut[i]!, sizes.get(i)!);
  const backOne = (b: Basket, n: number[], sign: number): number => {
    let best = -1;
    for (let j = 0; j < b.length; j++) {
      if (n[j] === 0 || Math.sign(n[j]) !== sign) continue;
      if (best < 0 || Math.abs(exposureOf(n[j], b[j])) > Math.abs(exposureOf(n[best], b[best]))) best = j;
    }
    if (best >= 0) n[best] -= sign;
    return best;
  };
  plan.classes.forEach((c, i) => {
    const b = fut[i];
    if (c.isCash || !b || executor[i] !== i) return;
    const fixed = opts.contracts?.[i];
    const n = fixed === null || fixed === undefined ? basketContracts(executed[i], b, "nearest") : fixed.slice();
    sizes.set(i, n);
    const was = n.slice();
    const sign = Math.sign(executed[i]) || Math.sign(got(i));
    while (Math.abs(got(i)) > room[i] * (1 + 1e-12) + 1e-6 && backOne(b, n, sign) >= 0);
    if (n.some((x, j) => x !== was[j])) {
      const what =
        b.length === 1
          ? `${n[0]} contracts instead of ${was[0]}`
          : b
              .map((f, j) => `${f.contract} ${n[j]} instead of ${was[j]}`)
              .filter((_, j) => n[j] !== was[j])
              .join(", ");
      notes.push(`${c.name}: ${what} keep it inside its range`);
    }
  });
  // Whole contracts that would cross a group's band: one contract back at a time.
  (plan.groups ?? []).forEach((g, k) => {
    const exec = g.members.filter((i) => sizes.has(i));
    const total = () => exec.reduce((x, i) => x + got(i), 0);
    const back = new Map<number, number>();
    while (Math.abs(total()) > groupRoom[k] * (1 + 1e-12) + 1e-6) {
      const sign = Math.sign(total());
      let best = -1;
      for (const i of exec) {
        if (!sizes.get(i)!.some((x) => x !== 0 && Math.sign(x) === sign)) continue;
        if (best < 0 || Math.abs(got(i)) > Math.abs(got(best))) best = i;
      }
      if (best < 0 || backOne(fut[best]!, sizes.get(best)!, sign) < 0) break;
      back.set(best, (back.get(best) ?? 0) + 1);
    }
    for (const [i, d] of back)
      notes.push(`${plan.classes[i].name}: ${d} contract${d === 1 ? "" : "s"} fewer keep group ${g.name} inside its band`);
  });

  const lines: EquitiseLine[] = [];
  const total = { exposure: 0, notional: 0, residual: 0 };
  plan.classes.forEach((c, i) => {
    if (c.isCash) return;
    if (executor[i] >= 0 && executor[i] !== i) {
      lines.push({
        assetClass: c.name,
        exposure: 0,
        contract: `via ${plan.classes[executor[i]].name}`,
        contracts: null,
        notional: null,
        residual: null,
        legs: [],
      });
      return;
    }
    const b = fut[i];
    if (!b || executor[i] < 0) {
      lines.push({ assetClass: c.name, exposure: 0, contract: "", contracts: null, notional: null, residual: null, legs: [] });
      return;
    }
    const legs = legTrades(b, executed[i], sizes.get(i)!);
    const notional = legs.reduce((x, l) => x + l.notional, 0);
    const residual = executed[i] - legs.reduce((x, l) => x + l.exposure, 0);
    lines.push({
      assetClass: c.name,
      exposure: executed[i],
      contract: basketName(b),
      contracts: legs.length === 1 ? legs[0].contracts : null,
      notional,
      residual,
      legs,
    });
    total.exposure += executed[i];
    total.notional += notional;
    total.residual += residual;
  });
  return { amount, cash, buffer, lines, total, unplaced, notes };
}

function fmtMoney(x: number): string {
  return Math.round(x).toLocaleString("en-US");
}
