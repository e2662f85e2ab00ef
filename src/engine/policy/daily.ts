/**
 * The daily proposal: the day's net futures trades for the whole programme, one per contract.
 *
 *   1. new cash: the Cash row's market value + newCash (NAV moves with it)
 *   2. the tactical layer: targets = SAA + the active tilts, scaled within the ranges (tilts.ts); the classes a
 *      tilt touches go to their tilted targets (active tilts maintained, expired or stopped ones unwound)
 *   3. equitise: cash - buffer (buffer = cashNeeds, else Cash target x NAV) pro rata to the tilted targets,
 *      within the ranges (futures/equitise.ts)
 *   4. rebalance the equitised plan by the rule and trigger (rebalance/rebalance.ts), offsets within ranges
 *   5. net per class: trade = equitise + rebalance exposure, whole contracts (nearest) per future, one trade a
 *      contract (a class's basket of futures, futures.ts, a trade on each for its Weight)
 *   6. minimum trade size: a trade under minContracts or minNotional is dropped (what it would have moved stays
 *      in cash), unless the class is outside its range and needs it to come back
 *   7. ranges kept after whole contracts (rebalance/ranges.ts)
 *   8. with leverage bounds: the net leverage brought inside [minLeverage, maxLeverage] within the ranges, or a
 *      note says which bound cannot be met and what limits it (policy/leverageBounds.ts)
 * Every figure of the result comes from the same lines: post weights from the contracts, trades net to zero
 * with Cash as the funding leg.
 */
import { valueError } from "../core/errors";
import { equitiseAligned } from "../futures/equitise";
import { ClassContracts, ClassFutures, FutureSpec, basketContracts, contractValue, futuresByClass } from "../futures/futures";
import { Plan, RangeStatus, effective, withFunding } from "../portfolio/portfolio";
import { bandText, keepRanges } from "../rebalance/ranges";
import {
  GroupLine,
  RebalanceLine,
  RebalanceRule,
  RebalanceTrigger,
  groupLines,
  rebalanceLines,
  rebalanceTrades,
} from "../rebalance/rebalance";
import { LeverageBoundStatus, keepLeverage } from "./leverageBounds";
import { TiltLeg, TiltState, tiltedTargets, withTargets } from "./tilts";

export interface DailyOptions {
  asOf: number;
  rule: RebalanceRule;
  trigger: RebalanceTrigger;
  /** Cash arriving today (+) or paid out (-), base currency. */
  newCash?: number;
  /** Known cash needs: the equitisation buffer. */
  cashNeeds?: number;
  minContracts?: number;
  minNotional?: number;
  /** The plan's net leverage bounds (OVERLAY.LEVERAGE's min and max). */
  minLeverage?: number;
  maxLeverage?: number;
}

export interface DailyLine extends RebalanceLine {
  /** SAA target (the line's `target` is the tilted target). */
  saaTarget: number;
  tilt: number;
  /** Exposure from equitising new cash, and from rebalancing (with the leverage step's), base currency (their sum is `trade`). */
  equitise: number;
  rebalance: number;
  /** Initial margin of the trade, base currency. */
  margin: number;
  postStatus: RangeStatus;
}

export interface DailyResult {
  nav: number;
  lines: DailyLine[];
  /** One per group band of the plan (empty without groups). */
  groups: GroupLine[];
  tilts: TiltState[];
  scale: number;
  /** Trades dropped under the minimum size: class, contract, contracts, notional. */
  dropped: { assetClass: string; contract: string; contracts: number; notional: number }[];
  notes: string[];
  total: { trade: number; grossNotional: number; margin: number };
  /** Net leverage before the trades and after them, against the bounds given (status "unbounded" without). */
  leverage: { before: number; after: number; min?: number; max?: number; status: LeverageBoundStatus; reason?: string };
}

function addCash(plan: Plan, amount: number, arg: string): Plan {
  if (amount === 0) return plan;
  if (plan.cash < 0) valueError("newCash: the portfolio has no Cash row to receive it", arg);
  const classes = plan.classes.map((c, i) => (i === plan.cash ? { ...c, marketValue: c.marketValue + amount } : c));
  const nav = plan.nav + amount;
  if (!(nav > 0)) valueError(`newCash: NAV after ${amount} would be ${nav}`, arg);
  return { ...plan, classes, nav };
}

export function dailyProposal(plan0: Plan, futures: readonly FutureSpec[], tiltLegs: readonly TiltLeg[], opts: DailyOptions): DailyResult {
  const plan1 = addCash(plan0, opts.newCash ?? 0, "newCash");
  const fut: ClassFutures = futuresByClass(plan1, futures);
  const tilted = tiltedTargets(plan1, tiltLegs, opts.asOf);
  const planT = withTargets(plan1, tilted.targets);
  const n = planT.classes.length;
  const nav = planT.nav;

  // 3. equitise the cash above the buffer (exposures only; contracts come once, from the net trade)
  const eq = new Array<number>(n).fill(0);
  const notes: string[] = [];
  if (planT.cash >= 0) {
    const e = equitiseAligned(planT, fut, { mode: "target", cashNeeds: opts.cashNeeds });
    const index = new Map(planT.classes.map((c, i) => [c.name, i]));
    for (const l of e.lines) if (l.contracts !== null) eq[index.get(l.assetClass)!] += l.exposure;
    notes.push(...e.notes);
  }
  // 4. rebalance the equitised plan
  const planE = withFunding({ ...planT, classes: planT.classes.map((c, i) => (c.isCash ? c : { ...c, overlay: c.overlay + eq[i] })) });
  const rb = rebalanceTrades(planE, fut, { rule: opts.rule, trigger: opts.trigger, force: tilted.touched });
  notes.push(...rb.notes);
  // 5. net per class, as weights of NAV; Cash funds the rest
  const trades = planT.classes.map((c, i) => (c.isCash ? 0 : eq[i] / nav + rb.trades[i]));
  if (planT.cash >= 0) trades[planT.cash] = -trades.reduce((s, x) => s + x, 0);
  let contracts: ClassContracts = planT.classes.map((c, i) => {
    const b = fut[i];
    if (!b || !c.liquid || c.isCash) return null;
    return basketContracts(trades[i] * nav, b, "nearest");
  });
  // 6. minimum trade size, per contract (each future of a basket is its own trade)
  const dropped: DailyResult["dropped"] = [];
  const w = planT.classes.map((c) => effective(c) / nav);
  contracts = contracts.map((ks, i) => {
    const b = fut[i];
    if (ks === null || !b) return ks;
    const c = planT.classes[i];
    if (w[i] > c.max + 1e-12 || w[i] < c.min - 1e-12) return ks; // needed to come back inside its range
    return ks.map((k, j) => {
      if (k === 0) return k;
      const notional = k * contractValue(b[j]);
      const small =
        (opts.minContracts !== undefined && Math.abs(k) < opts.minContracts) ||
        (opts.minNotional !== undefined && Math.abs(notional) < opts.minNotional);
      if (!small) return k;
      dropped.push({ assetClass: c.name, contract: b[j].contract, contracts: k, notional });
      return 0;
    });
  });
  if (dropped.length > 0) {
    const what = (d: (typeof dropped)[number]) => {
      const b = fut[planT.classes.findIndex((c) => c.name === d.assetClass)];
      return b && b.length > 1 ? `${d.assetClass} (${d.contract}) ${d.contracts}` : `${d.assetClass} ${d.contracts}`;
    };
    notes.push(`Under the minimum trade size, not traded: ${dropped.map(what).join(", ")}`);
  }
  // 7. ranges after whole contracts
  const kept = keepRanges(planT, fut, trades, contracts);
  notes.push(...kept.notes);
  // 8. leverage bounds
  const bounds = { min: opts.minLeverage, max: opts.maxLeverage };
  if (bounds.min !== undefined && bounds.max !== undefined && bounds.min > bounds.max)
    valueError(`minLeverage (${bounds.min}) is above maxLeverage (${bounds.max})`, "minLeverage");
  const lev = keepLeverage(planT, fut, trades, kept.contracts, bounds);
  notes.push(...lev.notes);
  const lines = rebalanceLines(planT, fut, lev.trades, lev.contracts).map((l, i): DailyLine => {
    return {
      ...l,
      saaTarget: plan1.classes[i].target,
      tilt: tilted.tilt[i],
      equitise: planT.classes[i].isCash ? 0 : eq[i],
      rebalance: planT.classes[i].isCash ? 0 : (lev.trades[i] - trades[i] + rb.trades[i]) * nav,
      margin: l.legs.reduce((x, g) => x + g.margin, 0),
    };
  });
  const total = {
    trade: lines.reduce((s, l) => s + l.trade, 0),
    grossNotional: lines.reduce((s, l) => s + Math.abs(l.notional ?? 0), 0),
    margin: lines.reduce((s, l) => s + l.margin, 0),
  };
  const leverage = {
    before: planT.classes.reduce((s, c) => (c.isCash ? s : s + effective(c) / nav), 0),
    after: lines.reduce((s, l, i) => (planT.classes[i].isCash ? s : s + l.postWeight), 0),
    min: bounds.min,
    max: bounds.max,
    status: lev.status,
    reason: lev.reason,
  };
  const groups = groupLines(planT, lines);
  (planT.groups ?? []).forEach((g, k) => {
    const post = groups[k].postWeight;
    if ((post > g.max + 1e-12 || post < g.min - 1e-12) && !notes.some((n) => n.startsWith(`Group ${g.name}:`))) {
      notes.push(`Group ${g.name}: ${(post * 100).toFixed(3)}% after the leverage bound's trades, against ${bandText(g)}`);
    }
  });
  return { nav, lines, groups, tilts: tilted.tilts, scale: tilted.scale, dropped, notes, total, leverage };
}
