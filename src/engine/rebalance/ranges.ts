/**
 * Ranges kept after whole contracts. Goal trades keep every range (rebalance.ts); rounding to whole contracts
 * can still leave a class a fraction of a contract outside (27.003% against a 27% max), and the Cash row, which
 * absorbs what the rounding leaves, can be pushed out too. This step moves contracts, one at a time, until every
 * class is inside its allowed interval, or says which range cannot be met and why.
 *
 * Allowed interval of class i (weights): its range [Min_i, Max_i] when its goal g_i is inside it (and whole
 * contracts can land there), else [min(Min_i, w_i, g_i), max(Max_i, w_i, g_i)], w_i the pre-trade weight: a
 * class inside its range stays inside, a class sent back inside gets inside, and none moves further out.
 * With v_i = the weight of one contract (exposureOf(1, f) / NAV > 0), a futures leg's post weight is
 * w_i + n_i v_i, so its whole-contract counts inside the interval are
 *   n_i in [ceil((lo_i - w_i) / v_i), floor((hi_i - w_i) / v_i)]      (1e-12 of slack, as rangeStatus)
 * and n_i is clamped to the one nearest its count. Cash ends at w_c + t_c + sum_i (t_i - n_i v_i); while it
 * is outside its interval, one contract more (cash too high) or less (too low) is traded on a leg that stays
 * inside its own range (or comes closer to its goal), the one furthest from its goal in that direction first.
 * Group bands (portfolio.ts) last: a group's summed weight s_G = sum over its members of w_i + n_i v_i must end
 * in [Group min, Group max] (the goals already aim there, rebalance.ts). While it is outside, one contract of a member leg is sold (above) or
 * bought (below), the member furthest from its goal in that direction first, only where the leg stays in its
 * own allowed counts and Cash, which absorbs the move, stays inside its interval; a group that cannot be brought
 * inside is named with what limits it.
 */
import { ClassFutures, exposureOf } from "../futures/futures";
import { GroupBand, Plan, effective } from "../portfolio/portfolio";

const SLACK = 1e-12;
const MAX_STEPS = 100_000;

export interface KeptRanges {
  contracts: (number | null)[];
  /** What was moved, and the ranges that cannot be met. */
  notes: string[];
}

/** Interval a class's post-trade weight must end in: its range, widened to hold its pre-trade weight and its goal. */
export function allowedInterval(min: number, max: number, weight: number, goal: number): [number, number] {
  return [Math.min(min, weight, goal), Math.max(max, weight, goal)];
}

export function keepRanges(plan: Plan, fut: ClassFutures, trades: readonly number[], contracts: readonly (number | null)[]): KeptRanges {
  const n = contracts.slice();
  const notes: string[] = [];
  const w = plan.classes.map((c) => effective(c) / plan.nav);
  const v = plan.classes.map((_, i) => {
    const f = fut[i];
    return n[i] === null || !f ? 0 : exposureOf(1, f) / plan.nav;
  });
  const lo: number[] = [];
  const hi: number[] = [];
  const nLo: number[] = [];
  const nHi: number[] = [];
  plan.classes.forEach((c, i) => {
    const goal = w[i] + trades[i];
    const goalInside = goal >= c.min - SLACK && goal <= c.max + SLACK;
    let [a, b] = allowedInterval(c.min, c.max, w[i], goal);
    if (n[i] === null || !(v[i] > 0)) {
      if (goalInside) [a, b] = [c.min, c.max];
      lo.push(a);
      hi.push(b);
      nLo.push(0);
      nHi.push(0);
      return;
    }
    const count = (x: number, y: number) => [Math.ceil((x - SLACK - w[i]) / v[i] - 1e-9), Math.floor((y + SLACK - w[i]) / v[i] + 1e-9)];
    let [first, last] = count(a, b);
    // A goal inside the range: end inside the range itself, where whole contracts can.
    if (goalInside) {
      const [f2, l2] = count(c.min, c.max);
      if (f2 <= l2) [a, b, first, last] = [c.min, c.max, f2, l2];
    }
    lo.push(a);
    hi.push(b);
    nLo.push(first);
    nHi.push(last);
    const was = n[i]!;
    if (first > last) {
      notes.push(`${c.name}: no whole number of contracts keeps it inside its range (one contract is ${pct(v[i])} of NAV)`);
      return;
    }
    const now = Math.min(last, Math.max(first, was));
    if (now !== was) {
      n[i] = now;
      notes.push(`${c.name}: ${fmt(now)} contracts instead of ${fmt(was)} keep it inside its range`);
    }
  });

  const cash = plan.cash;
  const cashPost = () =>
    cash < 0 ? 0 : w[cash] + trades[cash] + plan.classes.reduce((s, _, i) => (n[i] === null ? s : s + trades[i] - n[i]! * v[i]), 0);
  if (cash >= 0) {
    let p = w[cash] + trades[cash] + plan.classes.reduce((s, _, i) => (n[i] === null ? s : s + trades[i] - n[i]! * v[i]), 0);
    const moved = new Map<number, number>();
    let lastDir = 0;
    for (let steps = 0; (p > hi[cash] + SLACK || p < lo[cash] - SLACK) && steps < MAX_STEPS; steps++) {
      const up = p > hi[cash]; // cash too high: buy one more contract somewhere
      if (lastDir === (up ? -1 : 1)) break; // overshot: the interval is narrower than the contracts left
      lastDir = up ? 1 : -1;
      let best = -1;
      let bestScore = -Infinity;
      plan.classes.forEach((c, i) => {
        if (n[i] === null || !(v[i] > 0)) return;
        if (up ? n[i]! + 1 > nHi[i] : n[i]! - 1 < nLo[i]) return;
        // only moves that keep the leg inside its own range, or bring it closer to its goal
        const next = w[i] + (n[i]! + (up ? 1 : -1)) * v[i];
        const goal = w[i] + trades[i];
        const inside = next >= c.min - SLACK && next <= c.max + SLACK;
        if (!inside && Math.abs(next - goal) >= Math.abs(w[i] + n[i]! * v[i] - goal)) return;
        // how far the leg is from its goal in the direction of the move (in contracts)
        const score = ((up ? 1 : -1) * (trades[i] - n[i]! * v[i])) / v[i];
        if (score > bestScore) {
          bestScore = score;
          best = i;
        }
      });
      if (best < 0) break;
      n[best] = n[best]! + lastDir;
      p -= lastDir * v[best];
      moved.set(best, (moved.get(best) ?? 0) + lastDir);
    }
    for (const [i, d] of moved) {
      if (d !== 0) notes.push(`${plan.classes[i].name}: ${d > 0 ? "+" : ""}${fmt(d)} contracts keep Cash inside its range`);
    }
    if (p > hi[cash] + SLACK || p < lo[cash] - SLACK) {
      notes.push(
        `Cash: its range cannot be met after whole contracts (${pct(p)} against ${pct(plan.classes[cash].min)} to ${pct(plan.classes[cash].max)}): the other classes have no room left`,
      );
    }
  }
  for (const g of plan.groups ?? []) {
    const [gLo, gHi] = [g.min, g.max];
    const post = () => g.members.reduce((s, i) => s + w[i] + (n[i] === null ? 0 : n[i]! * v[i]), 0);
    let s = post();
    const moved = new Map<number, number>();
    let blocked = "";
    for (let steps = 0; (s > gHi + SLACK || s < gLo - SLACK) && steps < MAX_STEPS; steps++) {
      const dir = s > gHi ? -1 : 1;
      let best = -1;
      let bestScore = -Infinity;
      let cashBlocked = false;
      for (const i of g.members) {
        if (n[i] === null || !(v[i] > 0)) continue;
        if (dir > 0 ? n[i]! + 1 > nHi[i] : n[i]! - 1 < nLo[i]) continue;
        if (cash >= 0) {
          const p = cashPost() - dir * v[i];
          if (p > hi[cash] + SLACK || p < lo[cash] - SLACK) {
            cashBlocked = true;
            continue;
          }
        }
        const score = (dir * (trades[i] - n[i]! * v[i])) / v[i];
        if (score > bestScore) {
          bestScore = score;
          best = i;
        }
      }
      if (best < 0) {
        blocked = cashBlocked ? "Cash has no room left in its range to absorb it" : "its members have no room left in their ranges";
        break;
      }
      n[best] = n[best]! + dir;
      s += dir * v[best];
      moved.set(best, (moved.get(best) ?? 0) + dir);
    }
    for (const [i, d] of moved) {
      if (d !== 0) notes.push(`${plan.classes[i].name}: ${d > 0 ? "+" : ""}${fmt(d)} contracts keep group ${g.name} inside its band`);
    }
    if (s > gHi + SLACK || s < gLo - SLACK) {
      notes.push(
        `Group ${g.name}: its band cannot be met after whole contracts (${pct(s)} against ${bandText(g)}): ${blocked || "no member trades futures"}`,
      );
    }
  }
  return { contracts: n, notes };
}

/** "45.000% to 55.000%", "at least 45.000%", "at most 55.000%". */
export function bandText(g: GroupBand): string {
  if (!Number.isFinite(g.min)) return `at most ${pct(g.max)}`;
  if (!Number.isFinite(g.max)) return `at least ${pct(g.min)}`;
  return `${pct(g.min)} to ${pct(g.max)}`;
}

function fmt(x: number): string {
  return String(x);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(3)}%`;
}
