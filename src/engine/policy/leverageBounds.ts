/**
 * The plan's net leverage bounds kept by a proposal after whole contracts (the daily proposal's last step).
 *
 *   net leverage L = sum over the non-cash classes of post-trade effective exposure / NAV
 *                  = OVERLAY.LEVERAGE's net exposure / NAV (leverage/leverage.ts), post-trade
 *   post weight    = weight + contracts x contract value / beta / NAV (futures classes), weight otherwise;
 *                    Cash's post weight = its weight - the futures' exposure added (the funding leg)
 *
 * Under the floor (L < min) the missing exposure D = (min - L) x NAV is added through futures, pro rata to the
 * targets (water-filling), never past a class's max (room = (max - post) x NAV) nor Cash under its min (Cash's
 * room = (post - min) x NAV); over the cap the same with exposure removed, never under a class's min nor Cash
 * over its max. Contracts are whole, rounded towards zero, then more whole contracts where they still fit, and
 * one last contract where it reaches the bound without passing the other, so every range holds. A basket (several
 * futures for a class) takes its class's share on each future for its Weight, then the steps go future by future. What cannot be reached is said, with the room that limits it: never silently.
 */
import { ClassContracts, ClassFutures, basketExposure, contractsFor, exposureOf } from "../futures/futures";
import { Plan, effective } from "../portfolio/portfolio";

export interface LeverageBounds {
  min?: number;
  max?: number;
}

export type LeverageBoundStatus = "within" | "under" | "over" | "unbounded";

export interface LeverageKept {
  /** Contracts per class after the step, one per future of its basket (null where a class trades no future). */
  contracts: ClassContracts;
  /** Trades as weights of NAV, Cash the funding leg, with the step's exposure added. */
  trades: number[];
  /** Net leverage after the proposal's trades before this step, and after it. */
  before: number;
  after: number;
  status: LeverageBoundStatus;
  /** Why the bound cannot be met inside the ranges, in words (also the last note); undefined when it is met. */
  reason?: string;
  notes: string[];
}

const EPS = 1e-12;

function pct(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}

export function keepLeverage(
  plan: Plan,
  fut: ClassFutures,
  trades: readonly number[],
  contracts: readonly (readonly number[] | null)[],
  bounds: LeverageBounds,
): LeverageKept {
  const nav = plan.nav;
  const k: ClassContracts = contracts.map((x) => (x === null ? null : x.slice()));
  const t = trades.slice();
  const tradable = (i: number) => {
    const c = plan.classes[i];
    return !c.isCash && c.liquid && k[i] !== null && fut[i] !== undefined;
  };
  const post = () => {
    const w = plan.classes.map((c) => effective(c) / nav);
    let added = 0;
    plan.classes.forEach((_, i) => {
      if (!tradable(i)) return;
      const x = basketExposure(fut[i]!, k[i]!) / nav;
      w[i] += x;
      added += x;
    });
    if (plan.cash >= 0) w[plan.cash] -= added;
    return w;
  };
  const leverageOf = (w: readonly number[]) => plan.classes.reduce((s, c, i) => (c.isCash ? s : s + w[i]), 0);
  const w0 = post();
  const before = leverageOf(w0);
  const { min, max } = bounds;
  const result = (status: LeverageBoundStatus, after: number, notes: string[], reason?: string): LeverageKept => ({
    contracts: k,
    trades: t,
    before,
    after,
    status,
    reason,
    notes,
  });
  if (min === undefined && max === undefined) return result("unbounded", before, []);
  const under = min !== undefined && before < min - EPS;
  const over = max !== undefined && before > max + EPS;
  if (!under && !over) return result("within", before, []);

  const sign = under ? 1 : -1;
  const goal = under ? min! : max!;
  const need = Math.abs(goal - before) * nav;
  // Room per class (base currency, >= 0) in the direction of the move, and Cash's room as the funding leg.
  const roomOf = (w: readonly number[], i: number) => {
    const c = plan.classes[i];
    return Math.max(0, (sign > 0 ? c.max - w[i] : w[i] - c.min) * nav);
  };
  const cash = plan.cash >= 0 ? plan.classes[plan.cash] : undefined;
  const cashRoomOf = (w: readonly number[]) =>
    cash === undefined ? Infinity : Math.max(0, (sign > 0 ? w[plan.cash] - cash.min : cash.max - w[plan.cash]) * nav);
  const candidates = plan.classes.map((_, i) => i).filter((i) => tradable(i) && roomOf(w0, i) > 0);
  const classRoom = candidates.reduce((s, i) => s + roomOf(w0, i), 0);
  const cashRoom = cashRoomOf(w0);
  const amount = Math.min(need, classRoom, cashRoom);

  // Water-filling pro rata to the targets (equal shares where the targets are all zero), capped at each room.
  const alloc = new Map<number, number>();
  let left = amount;
  let open = candidates.slice();
  while (left > EPS * nav && open.length > 0) {
    const weights = open.map((i) => Math.max(plan.classes[i].target, 0));
    const total = weights.reduce((s, x) => s + x, 0);
    const share = (j: number) => (total > 0 ? weights[j] / total : 1 / open.length);
    const capped = open.filter((i, j) => (alloc.get(i) ?? 0) + left * share(j) >= roomOf(w0, i) - EPS * nav);
    if (capped.length === 0) {
      open.forEach((i, j) => alloc.set(i, (alloc.get(i) ?? 0) + left * share(j)));
      left = 0;
    } else {
      for (const i of capped) {
        left -= roomOf(w0, i) - (alloc.get(i) ?? 0);
        alloc.set(i, roomOf(w0, i));
      }
      open = open.filter((i) => !capped.includes(i));
    }
  }
  // Whole contracts towards zero, so no room is exceeded (a basket's futures each for its Weight).
  for (const [i, x] of alloc) {
    fut[i]!.forEach((f, j) => {
      k[i]![j] += Math.trunc(contractsFor(sign * x * f.weight, f) + sign * 1e-9);
    });
  }
  // Then whole contracts where they still fit, future by future, up to the bound; last, the smallest one contract
  // that fits and does not pass the other bound (the gap is then under one contract of every future with room).
  let w = post();
  const gapOf = () => (under ? min! - leverageOf(w) : leverageOf(w) - max!);
  const fits = (i: number, step: number) => step <= roomOf(w, i) / nav + EPS && step <= cashRoomOf(w) / nav + EPS;
  const legs = candidates.flatMap((i) => fut[i]!.map((f, j) => ({ i, j, step: Math.abs(exposureOf(1, f)) / nav })));
  for (const { i, j, step } of legs) {
    const n = Math.floor(Math.min(gapOf(), roomOf(w, i) / nav, cashRoomOf(w) / nav) / step + 1e-9);
    if (n > 0) {
      k[i]![j] += sign * n;
      w = post();
    }
  }
  if (gapOf() > EPS) {
    const L = leverageOf(w);
    const steps = legs
      .filter(
        ({ i, step }) => fits(i, step) && (under ? max === undefined || L + step <= max + EPS : min === undefined || L - step >= min - EPS),
      )
      .sort((a, b) => a.step - b.step);
    if (steps.length > 0) {
      k[steps[0].i]![steps[0].j] += sign;
      w = post();
    }
  }
  const after = leverageOf(w);
  // The step's exposure joins the trades (weights of NAV), Cash the funding leg.
  const changed: string[] = [];
  plan.classes.forEach((c, i) => {
    if (!tradable(i)) return;
    const b = fut[i]!;
    const was = contracts[i]!;
    if (k[i]!.every((x, j) => x === was[j])) return;
    const dx = (basketExposure(b, k[i]!) - basketExposure(b, was)) / nav;
    t[i] += dx;
    if (plan.cash >= 0) t[plan.cash] -= dx;
    b.forEach((f, j) => {
      const d = k[i]![j] - was[j];
      if (d !== 0) changed.push(`${b.length === 1 ? c.name : `${c.name} (${f.contract})`} ${d > 0 ? "+" : ""}${d}`);
    });
  });
  const notes: string[] = [];
  const bound = under ? `floor of ${goal}` : `cap of ${goal}`;
  if (changed.length > 0)
    notes.push(
      `Net leverage ${before.toFixed(4)} after the trades, ${under ? "under its" : "over its"} ${bound}: ${changed.join(", ")} contracts to bring it back`,
    );
  const inside = (min === undefined || after >= min - EPS) && (max === undefined || after <= max + EPS);
  if (inside) return result("within", after, notes);
  const limits: string[] = [];
  if (classRoom < need) {
    limits.push(
      candidates.length === 0
        ? `no class with a future has room ${under ? "below its max" : "above its min"}`
        : `the classes with futures have ${(classRoom / nav).toFixed(4)} of NAV of room ${under ? "below their max" : "above their min"}`,
    );
  }
  if (cashRoom < need && cash !== undefined) {
    limits.push(
      `Cash at ${pct(w0[plan.cash])} has ${(cashRoom / nav).toFixed(4)} of NAV of room ${under ? `above its min (${pct(cash.min)})` : `below its max (${pct(cash.max)})`}`,
    );
  }
  if (limits.length === 0) limits.push("whole contracts cannot land inside the bounds");
  const reason =
    `Net leverage cannot be brought ${under ? "up to its" : "down to its"} ${bound} inside the ranges: ${after.toFixed(4)} after the trades ` +
    `(needs ${(need / nav).toFixed(4)} of NAV; ${limits.join("; ")})`;
  notes.push(reason);
  return result(under ? "under" : "over", after, notes, reason);
}
