/**
 * Tactical tilts: temporary views away from the SAA, expressed through futures and scaled within the
 * rebalancing ranges.
 *
 *   w_i      = effective weight of class i (physical + synthetic) / NAV
 *   t_i      = requested tilt of class i (a weight; 0 for classes not in the tilts table)
 *   applied  = s x t_i, ONE scale s in [0, 1] for the whole vector (the views keep their proportions)
 *   s        = min(1, s_i over the tilted classes, s_gross)
 *     s_i     = (hi_i - w_i) / t_i      for t_i > 0,   hi_i = max(Max_i, w_i)
 *             = (w_i - lo_i) / (-t_i)   for t_i < 0,   lo_i = min(Min_i, w_i)
 *     s_gross = maxGross / sum over the futures legs of |t_i| x NAV x beta_i   (futures notional; a basket's
 *               beta_i = sum_j Weight_j x beta_j, each future sized for its Weight of the class's tilt)
 * A tilt never pushes a weight outside its range, nor further outside than it already is (a class already
 * outside its range may only be tilted back towards it). The binding limit is the one that sets s when
 * s < 1 ("Equity max", "Bonds min", "maxGross"), "none" when the whole tilt fits.
 *
 * Modes: "funded" (the default) requires the tilts to net to zero (long legs = short legs, within 1e-6),
 * so the tilt moves exposure and adds no leverage; a Cash leg is allowed (it trades without contracts) and
 * the Cash row, where there is one, absorbs the exposure the whole-contract rounding leaves, so the post
 * weights add up to 1. "levered" takes the tilts as they are: their net adds exposure (leverage) and nothing
 * is offset. Contracts are whole and rounded toward zero, so no leg overshoots its scaled tilt: the ranges
 * and maxGross hold after rounding too.
 */
import { Matrix, normaliseName } from "../core/cells";
import { numError, valueError } from "../core/errors";
import { ColumnSpec, parseTable, whereRow } from "../core/table";
import { FutureSpec, LegTrade, basketContracts, basketName, futuresByClass, legTrades } from "../futures/futures";
import { Plan, effective } from "../portfolio/portfolio";

export type TiltMode = "funded" | "levered";
export const TILT_MODES: readonly TiltMode[] = ["funded", "levered"];

/** Funded tilts must net to zero within this (a weight: 1e-6 = 0.01 bp). */
export const FUNDED_NET_TOLERANCE = 1e-6;

export const TILT_COLUMNS: readonly ColumnSpec[] = [
  { key: "assetClass", header: "Asset class", synonyms: ["Asset", "Class", "Sleeve", "Name"], type: "text" },
  {
    key: "tilt",
    header: "Tilt",
    synonyms: ["Tilt weight", "Active weight", "View", "Weight", "Overweight"],
    type: "number",
    rule: { min: -10, max: 10 },
  },
];

interface TiltRow {
  assetClass: string;
  tilt: number;
}

/** Reads a tilts table against the plan: the requested tilt per class (index-aligned, 0 where absent). */
export function readTilts(matrix: Matrix, plan: Plan, arg = "Tilts"): number[] {
  const t = parseTable<TiltRow>(matrix, { arg, columns: TILT_COLUMNS, key: "assetClass" });
  const out = new Array<number>(plan.classes.length).fill(0);
  const index = new Map(plan.classes.map((c, i) => [normaliseName(c.name), i]));
  t.rows.forEach((r, i) => {
    const j = index.get(normaliseName(r.assetClass));
    if (j === undefined) {
      valueError(
        `${whereRow(t, i)}: asset class '${r.assetClass}' is not in the portfolio (classes: ${plan.classes.map((c) => c.name).join(", ")})`,
      );
    }
    const c = plan.classes[j];
    if (!c.liquid && r.tilt !== 0) valueError(`${whereRow(t, i)}: '${c.name}' is illiquid (Liquid = FALSE) and cannot be tilted`);
    out[j] = r.tilt;
  });
  return out;
}

export interface TiltOptions {
  mode: TiltMode;
  /** Cap on the gross futures notional of the tilt, base currency; undefined for no cap. */
  maxGross?: number;
}

export interface TiltLine {
  assetClass: string;
  requested: number;
  applied: number;
  /** "Equity max" when this class's range sets the scale, else "". */
  binding: string;
  /** Whole contracts (toward zero) of the class's one future; null for a basket (see legs), for Cash and for classes without a tilt. */
  contracts: number | null;
  /** contracts x price x multiplier x fx (base currency), summed over the legs; null where no future trades. */
  notional: number | null;
  /** Weight after the tilt, with whole contracts. */
  postWeight: number;
  /** The future's contract (a basket's legs with their weights), "" where the class has none. */
  contract: string;
  /** One per future of the class's basket (one for a single future), empty where no future trades. */
  legs: LegTrade[];
}

export interface TiltResult {
  /** The one scale factor in [0, 1]. */
  scale: number;
  /** Names of the limits that set the scale ("Equity max", "maxGross"); empty when nothing binds. */
  binding: string[];
  /** Gross futures notional of the tilt before rounding, at scale 1 (base currency). */
  grossRequested: number;
  lines: TiltLine[];
  total: { requested: number; applied: number; notional: number; grossNotional: number; postWeight: number };
}

/** Limits on the scale: each is the largest s that keeps its constraint, with the limit's name. */
export interface ScaleLimit {
  name: string;
  limit: number;
}

/**
 * The largest scale in [0, 1] within every limit, and the limits that bind (those within a relative 1e-12
 * of the scale, when the scale is below 1).
 */
export function bindingScale(limits: readonly ScaleLimit[]): { scale: number; binding: string[] } {
  let scale = 1;
  for (const l of limits) scale = Math.min(scale, Math.max(0, l.limit));
  if (scale >= 1) return { scale: 1, binding: [] };
  const tol = 1e-12 * Math.max(1, scale);
  return { scale, binding: limits.filter((l) => Math.max(0, l.limit) <= scale + tol).map((l) => l.name) };
}

/** The scale limit a class's range puts on a tilt t from weight w: see the header formula. */
export function rangeLimit(w: number, t: number, min: number, max: number): number {
  if (t > 0) return (Math.max(max, w) - w) / t;
  if (t < 0) return (w - Math.min(min, w)) / -t;
  return Infinity;
}

export function tilt(plan: Plan, futures: readonly FutureSpec[], requested: readonly number[], opts: TiltOptions): TiltResult {
  const n = plan.classes.length;
  if (requested.length !== n) valueError(`tilts: expected ${n} tilts, got ${requested.length}`);
  const fut = futuresByClass(plan, futures);
  const w = plan.classes.map((c) => effective(c) / plan.nav);
  const isLeg = requested.map((t) => t !== 0);
  const isFutureLeg = plan.classes.map((c, i) => isLeg[i] && !c.isCash);
  plan.classes.forEach((c, i) => {
    if (isFutureLeg[i] && !fut[i]) valueError(`tilts: '${c.name}' has no future in futures, so it cannot be tilted`);
  });

  const net = requested.reduce((s, t) => s + t, 0);
  if (opts.mode === "funded" && Math.abs(net) > FUNDED_NET_TOLERANCE) {
    valueError(
      `tilts: in funded mode the tilts must net to zero (long legs = short legs), they add up to ${round10(net)}; ` +
        `add an offsetting leg (e.g. Cash ${round10(-net)}) or use mode "levered"`,
    );
  }

  const limits: ScaleLimit[] = [];
  plan.classes.forEach((c, i) => {
    if (!isLeg[i]) return;
    const t = requested[i];
    limits.push({ name: limitName(c.name, t), limit: rangeLimit(w[i], t, c.min, c.max) });
  });
  // Futures notional of an exposure E through a basket: sum_j |E| w_j beta_j.
  const notionalPerExposure = plan.classes.map((_, i) => (fut[i] ?? []).reduce((s, f) => s + f.weight * f.beta, 0));
  const grossRequested = plan.classes.reduce(
    (s, _, i) => (isFutureLeg[i] ? s + Math.abs(requested[i]) * plan.nav * notionalPerExposure[i] : s),
    0,
  );
  if (!Number.isFinite(grossRequested)) numError("tilts: the gross notional of the tilt is too large to compute");
  if (opts.maxGross !== undefined && grossRequested > 0) limits.push({ name: "maxGross", limit: opts.maxGross / grossRequested });
  const { scale, binding } = bindingScale(limits);

  const applied = requested.map((t) => scale * t);
  // Whole contracts toward zero, per future (a basket's futures each for its Weight of the class's tilt).
  const legsOf = plan.classes.map((_, i): LegTrade[] => {
    if (!isFutureLeg[i]) return [];
    const b = fut[i]!;
    const exposure = applied[i] * plan.nav;
    return legTrades(b, exposure, basketContracts(exposure, b, "down"));
  });
  const sumOf = (legs: readonly LegTrade[], k: "exposure" | "notional") => {
    let x = 0;
    for (const l of legs) x += l[k];
    return x;
  };
  const achieved = legsOf.map((legs) => sumOf(legs, "exposure") / plan.nav);
  // Funded: the Cash row absorbs what the rounding leaves of the futures legs.
  const residual = opts.mode === "funded" ? plan.classes.reduce((s, _, i) => (isFutureLeg[i] ? s + applied[i] - achieved[i] : s), 0) : 0;

  const bound = new Set(binding);
  const lines = plan.classes.map((c, i): TiltLine => {
    let post = w[i];
    if (isFutureLeg[i]) post += achieved[i];
    else if (c.isCash) post += applied[i] + (plan.cash === i ? residual : 0);
    const legs = legsOf[i];
    return {
      assetClass: c.name,
      requested: requested[i],
      applied: applied[i],
      binding: isLeg[i] && bound.has(limitName(c.name, requested[i])) ? limitName(c.name, requested[i]) : "",
      contracts: legs.length === 1 ? legs[0].contracts : null,
      notional: legs.length === 0 ? null : sumOf(legs, "notional"),
      postWeight: post,
      contract: fut[i] ? basketName(fut[i]!) : "",
      legs,
    };
  });
  const sum = (f: (l: TiltLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  const total = {
    requested: sum((l) => l.requested),
    applied: sum((l) => l.applied),
    notional: sum((l) => l.notional ?? 0),
    grossNotional: sum((l) => Math.abs(l.notional ?? 0)),
    postWeight: sum((l) => l.postWeight),
  };
  for (const x of [total.notional, total.grossNotional, total.postWeight]) {
    if (!Number.isFinite(x)) numError("tilts: the tilt is too large to compute (overflow)");
  }
  return { scale, binding, grossRequested, lines, total };
}

/** "Equity max" for a tilt up, "Equity min" for a tilt down. */
function limitName(name: string, t: number): string {
  return `${name} ${t > 0 ? "max" : "min"}`;
}

/** The binding limits for one cell: all of them, or the first five and how many more (Excel cells hold 32,767 characters). */
export function bindingText(binding: readonly string[]): string {
  if (binding.length === 0) return "none";
  if (binding.length <= 5) return binding.join(", ");
  return `${binding.slice(0, 5).join(", ")} and ${binding.length - 5} more`;
}

function round10(x: number): number {
  return Math.round(x * 1e10) / 1e10;
}
