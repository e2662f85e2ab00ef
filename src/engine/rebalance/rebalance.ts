/**
 * Systematic rebalancing back to the SAA with futures (the function reference in the README, OVERLAY.REBALANCE).
 *
 * Weights are effective (physical + synthetic) over NAV. The trigger decides whether to trade:
 * "bands" trades only when some class is outside its range; "always" trades every time (calendar).
 * The rule sets goals: "target" moves every class to its target; "edge" moves each class outside its range
 * to the nearest bound; "halfway" to the middle of that bound and the target.
 *
 * Trades sum to zero. Under every rule the offset of the goal trades is spread over the liquid classes
 * inside their ranges without goals, pro rata to their targets, each only as far as its range allows; what
 * they cannot take moves the classes with goals further inside their ranges; only if the ranges cannot all be
 * met is the rest spread pro rata to targets regardless, and a note says how much. An illiquid class is never
 * traded: with a Proxy its deviation d is traded through the proxy's futures, as d x Proxy beta of the proxy's
 * exposure (portfolio.ts), as far as the proxy's own range allows (what cannot be offset is reported, in the
 * proxy's exposure), otherwise it is reported and left alone. Whole contracts are
 * then moved where rounding would leave a range (ranges.ts). The Cash row is
 * the funding leg: it trades without contracts and absorbs the exposure the rounding of contracts leaves.
 * A class whose futures are a basket (futures.ts) trades its goal on each future for its Weight, each in whole
 * contracts; its line carries one leg per future.
 */
import { RoundingMode } from "../core/rounding";
import {
  ClassContracts,
  ClassFutures,
  FutureSpec,
  LegTrade,
  basketContracts,
  basketExposure,
  basketName,
  futuresByClass,
  legTrades,
} from "../futures/futures";
import { GroupBand, Plan, RangeStatus, effective, rangeStatus } from "../portfolio/portfolio";
import { bandText, keepRanges } from "./ranges";
import { spreadWithRoom } from "./spread";

export type RebalanceRule = "target" | "edge" | "halfway";
export type RebalanceTrigger = "bands" | "always";
export const REBALANCE_RULES: readonly RebalanceRule[] = ["target", "edge", "halfway"];
export const REBALANCE_TRIGGERS: readonly RebalanceTrigger[] = ["bands", "always"];
/** The policy for an illiquid class's deviation, offset through its proxy: as the rule, to the edge, or to target. */
export type IlliquidPolicy = "rule" | "edge" | "target";
export const ILLIQUID_POLICIES: readonly IlliquidPolicy[] = ["rule", "edge", "target"];

export interface RebalanceOptions {
  rule: RebalanceRule;
  trigger: RebalanceTrigger;
  /** Classes that go to their target whatever the rule and trigger (the daily proposal's tilted classes). */
  force?: readonly boolean[];
  /** How far an illiquid class's deviation is offset through its proxy: "rule" (default), "edge" or "target". */
  illiquid?: IlliquidPolicy;
}

export interface RebalanceLine {
  assetClass: string;
  weight: number;
  target: number;
  min: number;
  max: number;
  status: RangeStatus;
  /** Post-trade weight before rounding to whole contracts. */
  goal: number;
  /** Exposure to move, base currency (sums to zero over the classes). */
  trade: number;
  /** Contract name (a basket's legs with their weights); "via <proxy>", "cash", "illiquid: not traded" or "no future" otherwise. */
  contract: string;
  /** Whole contracts of the class's one future; null for a basket (see legs) and where no future trades. */
  contracts: number | null;
  /** Futures notional, base currency, summed over the legs; null where no future trades. */
  notional: number | null;
  /** One per future of the class's basket (one for a single future), empty where no future trades. */
  legs: LegTrade[];
  /** Post-trade weight with whole contracts. */
  postWeight: number;
  /** Post weight against the range. */
  postStatus: RangeStatus;
  /** How the class trades: its own future, its proxy's, the cash leg, not at all (illiquid) or no future. */
  route: "future" | "proxy" | "cash" | "illiquid" | "none";
}

export interface RebalancePlan {
  triggered: boolean;
  /** Goal trades as weights, per class (before rounding). */
  trades: number[];
  /** Whether each class trades itself through futures (liquid, has a future, not cash). */
  hasFuture: boolean[];
  notes: string[];
}

/** A group band's status before and after the trades (weights summed over its members). */
export interface GroupLine {
  group: string;
  members: string[];
  weight: number;
  target: number;
  /** The band; null where a side is open. */
  min: number | null;
  max: number | null;
  status: RangeStatus;
  goal: number;
  postWeight: number;
  postStatus: RangeStatus;
}

export interface RebalanceResult {
  triggered: boolean;
  lines: RebalanceLine[];
  /** One per group band of the plan (empty without groups). */
  groups: GroupLine[];
  /** Notes on the whole proposal (ranges that could not all be met). */
  notes: string[];
}

/** Goal trades (as weights) for every class, before contracts. */
export function rebalanceTrades(plan: Plan, fut: ClassFutures, opts: RebalanceOptions): RebalancePlan {
  const n = plan.classes.length;
  const w = plan.classes.map((c) => effective(c) / plan.nav);
  const status = plan.classes.map((c, i) => rangeStatus(w[i], c));
  const hasFuture = plan.classes.map((c, i) => c.liquid && !c.isCash && fut[i] !== undefined);
  const tradable = plan.classes.map((c, i) => c.liquid && (c.isCash || hasFuture[i]));
  const groupSum = (g: GroupBand, x: (i: number) => number) => g.members.reduce((s, i) => s + x(i), 0);
  const outOfBand = (g: GroupBand, x: number) => x > g.max + 1e-12 || x < g.min - 1e-12;
  const rangeTriggered =
    opts.trigger === "always" ||
    status.some((s) => s !== "within") ||
    (plan.groups ?? []).some((g) =>
      outOfBand(
        g,
        groupSum(g, (i) => w[i]),
      ),
    );
  const forced = plan.classes.map((c, i) => !!opts.force?.[i] && Math.abs(w[i] - c.target) > 1e-12);
  const triggered = rangeTriggered || forced.some((f) => f);
  const trades = new Array<number>(n).fill(0);
  const notes: string[] = [];
  if (!triggered) return { triggered, trades, hasFuture, notes };

  const goalOf = (i: number): number | undefined => {
    const c = plan.classes[i];
    if (opts.force?.[i]) return c.target;
    if (!rangeTriggered) return undefined;
    const rule = !c.liquid && opts.illiquid && opts.illiquid !== "rule" ? opts.illiquid : opts.rule;
    if (rule === "target") return c.target;
    if (status[i] === "within") return undefined;
    const bound = status[i] === "over" ? c.max : c.min;
    return rule === "edge" ? bound : (bound + c.target) / 2;
  };

  const hasGoal = new Array<boolean>(n).fill(false);
  const viaProxy = new Array<number>(n).fill(0);
  const offsetBy: number[][] = plan.classes.map(() => []);
  for (let i = 0; i < n; i++) {
    const g = goalOf(i);
    if (g === undefined) continue;
    const c = plan.classes[i];
    if (tradable[i]) {
      trades[i] += g - w[i];
      hasGoal[i] = true;
    } else if (!c.liquid && c.proxy >= 0 && tradable[c.proxy]) {
      viaProxy[c.proxy] += (g - w[i]) * c.proxyBeta;
      offsetBy[c.proxy].push(i);
    }
  }
  // A proxy takes the deviations of its illiquid classes only as far as its own range allows.
  for (let p = 0; p < n; p++) {
    if (viaProxy[p] === 0) continue;
    const c = plan.classes[p];
    const lo = Math.min(c.min, w[p]);
    const hi = Math.max(c.max, w[p]);
    const post = Math.min(hi, Math.max(lo, w[p] + trades[p] + viaProxy[p]));
    const taken = post - w[p] - trades[p];
    trades[p] += taken;
    hasGoal[p] = true;
    const left = viaProxy[p] - taken;
    if (Math.abs(left) > 1e-12) {
      const names = offsetBy[p].map((i) => plan.classes[i].name).join(", ");
      notes.push(
        `${names}: ${pct(Math.abs(left))} of NAV cannot be offset through ${c.name} without taking it outside its range; not traded`,
      );
    }
  }

  const sum = trades.reduce((s, x) => s + x, 0);
  const offset = -sum;
  if (Math.abs(offset) > 1e-15) {
    const share = plan.classes.map((c) => Math.max(0, c.target));
    const room = (i: number, from: number) => {
      const c = plan.classes[i];
      return Math.max(0, offset > 0 ? c.max - from : from - c.min);
    };
    // 1. liquid classes inside their ranges, without a goal of their own
    const first = spreadWithRoom(
      offset,
      share,
      plan.classes.map((_, i) => (tradable[i] && !hasGoal[i] ? room(i, w[i]) : 0)),
    );
    first.alloc.forEach((a, i) => (trades[i] += a));
    let left = first.unplaced;
    // 2. the classes with goals, further inside their ranges
    if (Math.abs(left) > 1e-15) {
      const second = spreadWithRoom(
        left,
        share,
        plan.classes.map((_, i) => (tradable[i] && hasGoal[i] ? room(i, w[i] + trades[i]) : 0)),
      );
      second.alloc.forEach((a, i) => (trades[i] += a));
      left = second.unplaced;
    }
    // 3. the ranges cannot all be met: spread the rest pro rata to targets
    if (Math.abs(left) > 1e-12) {
      const third = spreadWithRoom(
        left,
        share.map((s, i) => (tradable[i] ? s : 0)),
        tradable.map((t) => (t ? Infinity : 0)),
      );
      third.alloc.forEach((a, i) => (trades[i] += a));
      notes.push(
        `The ranges of the tradable classes cannot all be met: ${pct(Math.abs(left))} of NAV (the exposure to ${left > 0 ? "add" : "remove"} has no room left in any range) was spread pro rata to targets`,
      );
    }
  }
  // Group bands: a group whose goal is outside its band goes to its bound (edge), halfway or its summed target,
  // through its tradable members within their ranges, offset over the tradable classes in no group.
  const inGroup = new Array<boolean>(n).fill(false);
  for (const g of plan.groups ?? []) for (const i of g.members) inGroup[i] = true;
  const groupShare = plan.classes.map((c) => Math.max(0, c.target));
  for (const g of plan.groups ?? []) {
    const goalSum = groupSum(g, (i) => w[i] + trades[i]);
    if (!outOfBand(g, goalSum)) continue;
    const bound = goalSum > g.max ? g.max : g.min;
    const target = groupSum(g, (i) => plan.classes[i].target);
    const aim = opts.rule === "target" ? target : opts.rule === "edge" ? bound : (bound + target) / 2;
    const need = aim - goalSum;
    const room = (i: number, ok: boolean) => {
      const c = plan.classes[i];
      return ok ? Math.max(0, need > 0 ? c.max - w[i] - trades[i] : w[i] + trades[i] - c.min) : 0;
    };
    const members = new Set(g.members);
    const inside = spreadWithRoom(
      need,
      groupShare,
      plan.classes.map((c, i) => room(i, members.has(i) && tradable[i] && !c.isCash)),
    );
    const placed = need - inside.unplaced;
    // the offset, with the opposite sign: its room is the other way
    const outside = spreadWithRoom(
      -placed,
      groupShare,
      plan.classes.map((c, i) => {
        if (members.has(i) || inGroup[i] || !tradable[i]) return 0;
        return Math.max(0, need > 0 ? w[i] + trades[i] - c.min : c.max - w[i] - trades[i]);
      }),
    );
    const k = placed === 0 ? 0 : (placed + outside.unplaced) / placed;
    inside.alloc.forEach((a, i) => (trades[i] += a * k));
    outside.alloc.forEach((a, i) => (trades[i] += a));
    hasGoal.forEach((_, i) => (hasGoal[i] = hasGoal[i] || inside.alloc[i] !== 0));
    const reached = groupSum(g, (i) => w[i] + trades[i]);
    if (outOfBand(g, reached)) {
      const why =
        Math.abs(inside.unplaced) > 1e-12
          ? "its members have no room left in their ranges"
          : "the classes outside groups have no room left to offset it";
      notes.push(`Group ${g.name}: its goal is ${pct(reached)} against ${bandText(g)}: ${why}`);
    }
  }
  return { triggered, trades, hasFuture, notes };
}

/**
 * Whole contracts for goal trades (as weights): nearest rounding per future (a basket's legs each for its Weight
 * of the class's trade). The Cash row, where there is one, absorbs the exposure the rounding leaves, so NAV and
 * total exposure are unchanged.
 */
export function contractsForTrades(
  plan: Plan,
  fut: ClassFutures,
  trades: readonly number[],
  rounding: RoundingMode = "nearest",
): ClassContracts {
  return plan.classes.map((c, i) => {
    const b = fut[i];
    if (!b || !c.liquid || c.isCash) return null;
    return basketContracts(trades[i] * plan.nav, b, rounding);
  });
}

/** Lays out the rebalance table for given goal trades and whole contracts. */
export function rebalanceLines(
  plan: Plan,
  fut: ClassFutures,
  trades: readonly number[],
  contracts: readonly (readonly number[] | null)[],
): RebalanceLine[] {
  const achieved = plan.classes.map((_, i) => {
    const n = contracts[i];
    const b = fut[i];
    return n === null || !b ? 0 : basketExposure(b, n) / plan.nav;
  });
  // Rounding residual of the futures legs, absorbed by the Cash row.
  const residual = plan.classes.reduce((s, c, i) => (contracts[i] === null ? s : s + trades[i] - achieved[i]), 0);
  return plan.classes.map((c, i): RebalanceLine => {
    const w = effective(c) / plan.nav;
    const b = fut[i];
    const n = contracts[i];
    let contract: string;
    let legs: LegTrade[] = [];
    let route: RebalanceLine["route"];
    let post = w;
    if (c.isCash) {
      contract = "cash";
      route = "cash";
      post = w + trades[i] + (plan.cash === i ? residual : 0);
    } else if (!c.liquid) {
      contract = c.proxy >= 0 ? `via ${plan.classes[c.proxy].name}` : "illiquid: not traded";
      route = c.proxy >= 0 ? "proxy" : "illiquid";
    } else if (n === null || !b) {
      contract = "no future";
      route = "none";
    } else {
      contract = basketName(b);
      route = "future";
      post = w + achieved[i];
      legs = legTrades(b, trades[i] * plan.nav, n);
    }
    return {
      assetClass: c.name,
      weight: w,
      target: c.target,
      min: c.min,
      max: c.max,
      status: rangeStatus(w, c),
      goal: w + trades[i],
      trade: trades[i] * plan.nav,
      contract,
      contracts: legs.length === 1 ? legs[0].contracts : null,
      notional: legs.length === 0 ? null : legs.length === 1 ? legs[0].notional : legs.reduce((x, l) => x + l.notional, 0),
      legs,
      postWeight: post,
      postStatus: rangeStatus(post, c),
      route,
    };
  });
}

function pct(x: number): string {
  return `${(x * 100).toFixed(3)}%`;
}

/** The whole rebalance with nearest rounding, then whole contracts moved where a range needs it (ranges.ts). */
export function rebalance(plan: Plan, futures: readonly FutureSpec[], opts: RebalanceOptions): RebalanceResult {
  const fut = futuresByClass(plan, futures);
  const p = rebalanceTrades(plan, fut, opts);
  const kept = keepRanges(plan, fut, p.trades, contractsForTrades(plan, fut, p.trades));
  const lines = rebalanceLines(plan, fut, p.trades, kept.contracts);
  return { triggered: p.triggered, lines, groups: groupLines(plan, lines), notes: [...p.notes, ...kept.notes] };
}

/** Every group band's summed weights from the class lines (pre-trade, goal, post-trade with whole contracts). */
export function groupLines(
  plan: Plan,
  lines: readonly { weight: number; target: number; goal: number; postWeight: number }[],
): GroupLine[] {
  return (plan.groups ?? []).map((g) => {
    const sum = (f: (l: (typeof lines)[number]) => number) => g.members.reduce((s, i) => s + f(lines[i]), 0);
    const band = { min: g.min, max: g.max };
    const weight = sum((l) => l.weight);
    const postWeight = sum((l) => l.postWeight);
    return {
      group: g.name,
      members: g.members.map((i) => plan.classes[i].name),
      weight,
      target: sum((l) => l.target),
      min: Number.isFinite(g.min) ? g.min : null,
      max: Number.isFinite(g.max) ? g.max : null,
      status: rangeStatus(weight, band),
      goal: sum((l) => l.goal),
      postWeight,
      postStatus: rangeStatus(postWeight, band),
    };
  });
}
