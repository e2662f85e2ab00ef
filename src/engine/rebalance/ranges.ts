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
 * Baskets (several futures for a class, futures.ts): the class's post weight is w_i + sum_j n_ij v_ij. It is
 * brought into its interval one contract at a time on the leg furthest from its own goal (its Weight of the
 * class's trade), never a step past the other end; the Cash and group steps choose among every leg of every
 * class the same way, a basket's move allowed while the class stays inside its interval.
 */
import { ClassContracts, ClassFutures, exposureOf } from "../futures/futures";
import { GroupBand, Plan, effective } from "../portfolio/portfolio";

const SLACK = 1e-12;
const MAX_STEPS = 100_000;

export interface KeptRanges {
  /** Whole contracts per class, one per future of its basket. */
  contracts: ClassContracts;
  /** What was moved, and the ranges that cannot be met. */
  notes: string[];
}

/** Interval a class's post-trade weight must end in: its range, widened to hold its pre-trade weight and its goal. */
export function allowedInterval(min: number, max: number, weight: number, goal: number): [number, number] {
  return [Math.min(min, weight, goal), Math.max(max, weight, goal)];
}

export function keepRanges(
  plan: Plan,
  fut: ClassFutures,
  trades: readonly number[],
  contracts: readonly (readonly number[] | null)[],
): KeptRanges {
  const n: ClassContracts = contracts.map((k) => (k === null ? null : k.slice()));
  const notes: string[] = [];
  const w = plan.classes.map((c) => effective(c) / plan.nav);
  // v[i][j]: the weight of one contract of the class's j-th future; a leg's goal is its Weight of the class's trade.
  const v: number[][] = plan.classes.map((_, i) => {
    const b = fut[i];
    return n[i] === null || !b ? [] : b.map((f) => exposureOf(1, f) / plan.nav);
  });
  const legGoal = (i: number, j: number) => trades[i] * fut[i]![j].weight;
  const isTrading = plan.classes.map((_, i) => n[i] !== null && v[i].length > 0 && v[i].every((x) => x > 0));
  const trading = (i: number) => isTrading[i];
  const postOf = (i: number) => {
    let p = w[i];
    const k = n[i]!;
    for (let j = 0; j < v[i].length; j++) p += k[j] * v[i][j];
    return p;
  };
  const label = (i: number, j: number) => (v[i].length === 1 ? plan.classes[i].name : `${plan.classes[i].name} (${fut[i]![j].contract})`);
  /** How far leg j is from its goal in the direction of a move (in contracts). */
  const score = (i: number, j: number, dir: number) => (dir * (legGoal(i, j) - n[i]![j] * v[i][j])) / v[i][j];
  const lo: number[] = [];
  const hi: number[] = [];
  const nLo: number[] = [];
  const nHi: number[] = [];
  plan.classes.forEach((c, i) => {
    const goal = w[i] + trades[i];
    const goalInside = goal >= c.min - SLACK && goal <= c.max + SLACK;
    let [a, b] = allowedInterval(c.min, c.max, w[i], goal);
    if (!trading(i)) {
      if (goalInside) [a, b] = [c.min, c.max];
      lo.push(a);
      hi.push(b);
      nLo.push(0);
      nHi.push(0);
      return;
    }
    if (v[i].length > 1) {
      keepBasket(i, goalInside, a, b);
      return;
    }
    const vi = v[i][0];
    const count = (x: number, y: number) => [Math.ceil((x - SLACK - w[i]) / vi - 1e-9), Math.floor((y + SLACK - w[i]) / vi + 1e-9)];
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
    const was = n[i]![0];
    if (first > last) {
      notes.push(`${c.name}: no whole number of contracts keeps it inside its range (one contract is ${pct(vi)} of NAV)`);
      return;
    }
    const now = Math.min(last, Math.max(first, was));
    if (now !== was) {
      n[i]![0] = now;
      notes.push(`${c.name}: ${fmt(now)} contracts instead of ${fmt(was)} keep it inside its range`);
    }
  });

  /**
   * A basket: its legs' post weight sum_j w + n_j v_j into [a, b], one contract at a time on the leg furthest from
   * its goal in the direction needed, never a step that passes the other end (a goal inside the range: the range
   * itself, when the smallest contract fits in it).
   */
  function keepBasket(i: number, goalInside: boolean, a: number, b: number) {
    const c = plan.classes[i];
    if (goalInside && Math.min(...v[i]) <= c.max - c.min + 2 * SLACK) [a, b] = [c.min, c.max];
    lo.push(a);
    hi.push(b);
    nLo.push(0);
    nHi.push(0);
    const was = n[i]!.slice();
    let p = postOf(i);
    for (let steps = 0; (p > b + SLACK || p < a - SLACK) && steps < MAX_STEPS; steps++) {
      const dir = p > b ? -1 : 1;
      let best = -1;
      for (let j = 0; j < v[i].length; j++) {
        const next = p + dir * v[i][j];
        if (next < a - SLACK || next > b + SLACK) {
          if (dir < 0 ? next < a - SLACK : next > b + SLACK) continue; // passes the other end
        }
        if (best < 0 || score(i, j, dir) > score(i, best, dir)) best = j;
      }
      if (best < 0) {
        n[i] = was;
        notes.push(
          `${c.name}: no whole number of contracts of its basket keeps it inside its range (the smallest contract is ${pct(Math.min(...v[i]))} of NAV)`,
        );
        return;
      }
      n[i]![best] += dir;
      p += dir * v[i][best];
    }
    const moved = was.map((x, j) => `${fut[i]![j].contract} ${fmt(n[i]![j])} instead of ${fmt(x)}`).filter((_, j) => n[i]![j] !== was[j]);
    if (moved.length > 0) notes.push(`${c.name}: ${moved.join(", ")} keep it inside its range`);
  }

  /** Whether one contract more (dir +1) or less (-1) of leg j keeps class i within its allowed contracts. */
  const canMove = (i: number, j: number, dir: number) => {
    if (v[i].length === 1) return dir > 0 ? n[i]![0] + 1 <= nHi[i] : n[i]![0] - 1 >= nLo[i];
    const p = postOf(i) + dir * v[i][j];
    return p >= lo[i] - SLACK && p <= hi[i] + SLACK;
  };
  const residualOf = (i: number) => {
    let e = trades[i];
    const k = n[i]!;
    for (let j = 0; j < v[i].length; j++) e -= k[j] * v[i][j];
    return e;
  };

  const cash = plan.cash;
  const cashPost = () =>
    cash < 0 ? 0 : w[cash] + trades[cash] + plan.classes.reduce((s, _, i) => (n[i] === null ? s : s + residualOf(i)), 0);
  if (cash >= 0) {
    let p = cashPost();
    const moved = new Map<string, { i: number; j: number; d: number }>();
    let lastDir = 0;
    for (let steps = 0; (p > hi[cash] + SLACK || p < lo[cash] - SLACK) && steps < MAX_STEPS; steps++) {
      const up = p > hi[cash]; // cash too high: buy one more contract somewhere
      if (lastDir === (up ? -1 : 1)) break; // overshot: the interval is narrower than the contracts left
      lastDir = up ? 1 : -1;
      let best: [number, number] | undefined;
      let bestScore = -Infinity;
      plan.classes.forEach((c, i) => {
        if (!trading(i)) return;
        const now = postOf(i);
        const goal = w[i] + trades[i];
        for (let j = 0; j < v[i].length; j++) {
          if (!canMove(i, j, lastDir)) continue;
          // only moves that keep the class inside its own range, or bring it closer to its goal
          const next = now + lastDir * v[i][j];
          const inside = next >= c.min - SLACK && next <= c.max + SLACK;
          if (!inside && Math.abs(next - goal) >= Math.abs(now - goal)) continue;
          const sc = score(i, j, lastDir);
          if (sc > bestScore) {
            bestScore = sc;
            best = [i, j];
          }
        }
      });
      if (!best) break;
      const [i, j] = best;
      n[i]![j] += lastDir;
      p -= lastDir * v[i][j];
      const m = moved.get(`${i},${j}`) ?? { i, j, d: 0 };
      m.d += lastDir;
      moved.set(`${i},${j}`, m);
    }
    for (const { i, j, d } of moved.values()) {
      if (d !== 0) notes.push(`${label(i, j)}: ${d > 0 ? "+" : ""}${fmt(d)} contracts keep Cash inside its range`);
    }
    if (p > hi[cash] + SLACK || p < lo[cash] - SLACK) {
      notes.push(
        `Cash: its range cannot be met after whole contracts (${pct(p)} against ${pct(plan.classes[cash].min)} to ${pct(plan.classes[cash].max)}): the other classes have no room left`,
      );
    }
  }
  for (const g of plan.groups ?? []) {
    const [gLo, gHi] = [g.min, g.max];
    const post = () => g.members.reduce((s, i) => s + (n[i] === null ? w[i] : postOf(i)), 0); // postOf is w[i] without legs
    let s = post();
    const moved = new Map<string, { i: number; j: number; d: number }>();
    let blocked = "";
    for (let steps = 0; (s > gHi + SLACK || s < gLo - SLACK) && steps < MAX_STEPS; steps++) {
      const dir = s > gHi ? -1 : 1;
      let best: [number, number] | undefined;
      let bestScore = -Infinity;
      let cashBlocked = false;
      const cp = cash >= 0 ? cashPost() : 0;
      for (const i of g.members) {
        if (!trading(i)) continue;
        for (let j = 0; j < v[i].length; j++) {
          if (!canMove(i, j, dir)) continue;
          if (cash >= 0) {
            const p = cp - dir * v[i][j];
            if (p > hi[cash] + SLACK || p < lo[cash] - SLACK) {
              cashBlocked = true;
              continue;
            }
          }
          const sc = score(i, j, dir);
          if (sc > bestScore) {
            bestScore = sc;
            best = [i, j];
          }
        }
      }
      if (!best) {
        blocked = cashBlocked ? "Cash has no room left in its range to absorb it" : "its members have no room left in their ranges";
        break;
      }
      const [i, j] = best;
      n[i]![j] += dir;
      s += dir * v[i][j];
      const m = moved.get(`${i},${j}`) ?? { i, j, d: 0 };
      m.d += dir;
      moved.set(`${i},${j}`, m);
    }
    for (const { i, j, d } of moved.values()) {
      if (d !== 0) notes.push(`${label(i, j)}: ${d > 0 ? "+" : ""}${fmt(d)} contracts keep group ${g.name} inside its band`);
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
