/**
 * The tactical layer: a Tilts table of dated tilts with guardrails, and the targets they give.
 *
 *   Tilts table: Id | Asset class | Tilt, optional Start, Expiry (Excel serials), Stop loss, Take profit,
 *   P&L (base currency) or Return (decimal). One row per leg; the legs of a tilt share its Id. Without an Id
 *   column every row is a leg of one tilt ("Tilt"), so OVERLAY.TILT's `Asset class | Tilt` table reads too.
 *   status on date d:  "pending" d < Start;  "expired" d >= Expiry;  "stopped" P&L <= -|Stop loss|;
 *                      "taken" P&L >= Take profit;  "active" otherwise.  With a Return, Stop loss and Take
 *                      profit are returns (0.02 = 2%) and are compared with it instead of the P&L.
 *   tilted target_i = SAA target_i + s x sum of the active legs on class i, s in [0, 1] the largest scale that
 *                      keeps every tilted target inside its range [Min, Max] (the ranges apply to SAA + tilts;
 *                      Enhanced Asset Allocation: tilts "scaled within their asset class rebalancing ranges").
 * Staged tilts: with `Tranches` n (and `Interval` days, default 7; `Shape` "equal" or "front"), a tilt goes on
 * in n tranches from Start (tranche k on Start + (k - 1) x Interval, sized by tranches.ts's trancheWeights):
 * on date d the requested tilt is size x (the weights of the tranches due by d) / (all weights), and the scale s
 * above is taken on that day, so each tranche is re-scaled against the ranges on the day it trades.
 * The active legs must net to zero (long = short; a Cash leg may take the other side) so the targets still
 * add up to 1. Expired and stopped tilts no longer shift the targets, so a proposal on the tilted targets
 * unwinds them; the classes a tilt touches are the ones the daily proposal keeps at their tilted targets.
 */
import { Matrix, normaliseName } from "../core/cells";
import { valueError } from "../core/errors";
import { ColumnSpec, parseTable, whereRow } from "../core/table";
import { Plan } from "../portfolio/portfolio";
import { rangeLimit } from "../tilts/tilt";
import { MAX_TRANCHES, TRANCHE_SHAPES, TrancheShape, trancheWeights } from "../tilts/tranches";

export type TiltStatus = "pending" | "active" | "expired" | "stopped" | "taken";

export interface TiltLeg {
  id: string;
  classIndex: number;
  tilt: number;
  start?: number;
  expiry?: number;
  stopLoss?: number;
  takeProfit?: number;
  pnl?: number;
  ret?: number;
  tranches?: number;
  interval?: number;
  shape?: string;
  where: string;
}

const SERIAL = { min: 0, max: 2958465 };

export const TILT_BOOK_COLUMNS: readonly ColumnSpec[] = [
  { key: "id", header: "Id", synonyms: ["Tilt id", "Name", "View"], type: "text", optional: true, default: "Tilt" },
  { key: "assetClass", header: "Asset class", synonyms: ["Asset", "Class", "Sleeve"], type: "text" },
  { key: "tilt", header: "Tilt", synonyms: ["Size", "Weight"], type: "number", rule: { min: -1, max: 1 } },
  { key: "start", header: "Start", synonyms: ["Start date", "From"], type: "number", optional: true, rule: SERIAL },
  { key: "expiry", header: "Expiry", synonyms: ["End", "End date", "Until", "Expiry date"], type: "number", optional: true, rule: SERIAL },
  { key: "stopLoss", header: "Stop loss", synonyms: ["Stop"], type: "number", optional: true, rule: { min: -1e15, max: 1e15 } },
  {
    key: "takeProfit",
    header: "Take profit",
    synonyms: ["Target profit", "Profit target"],
    type: "number",
    optional: true,
    rule: { min: -1e15, max: 1e15 },
  },
  { key: "pnl", header: "P&L", synonyms: ["PnL", "Profit", "P and L"], type: "number", optional: true, rule: { min: -1e15, max: 1e15 } },
  { key: "ret", header: "Return", synonyms: ["Tilt return"], type: "number", optional: true, rule: { min: -10, max: 10 } },
  {
    key: "tranches",
    header: "Tranches",
    synonyms: ["Count", "Steps"],
    type: "number",
    optional: true,
    rule: { min: 1, max: MAX_TRANCHES, integer: true },
  },
  {
    key: "interval",
    header: "Interval",
    synonyms: ["Interval days", "Days between"],
    type: "number",
    optional: true,
    rule: { min: 0, max: 3650, integer: true },
  },
  { key: "shape", header: "Shape", type: "text", optional: true },
];

/** Reads a Tilts table of dated tilts against a plan. */
export function readTiltBook(matrix: Matrix, plan: Plan, arg = "tilts"): TiltLeg[] {
  const t = parseTable<Omit<TiltLeg, "classIndex" | "where"> & { assetClass: string }>(matrix, {
    arg,
    columns: TILT_BOOK_COLUMNS,
    minRows: 0,
  });
  return t.rows.map((r, i) => {
    const where = `${whereRow(t, i)} (${r.id})`;
    const k = plan.index.get(normaliseName(r.assetClass));
    if (k === undefined) valueError(`${where}: asset class '${r.assetClass}' is not in the portfolio`, arg);
    const c = plan.classes[k];
    if (!c.liquid) valueError(`${where}: '${c.name}' is illiquid and cannot be tilted`, arg);
    if (r.shape !== undefined && !TRANCHE_SHAPES.includes(normaliseName(r.shape) as TrancheShape)) {
      valueError(`${where}: Shape must be one of ${TRANCHE_SHAPES.join(", ")}, got '${r.shape}'`, arg);
    }
    if (r.tranches !== undefined && r.tranches > 1 && r.start === undefined) valueError(`${where}: a tilt in tranches needs a Start`, arg);
    if (r.start !== undefined && r.expiry !== undefined && !(r.expiry > r.start)) {
      valueError(`${where}: Expiry (${r.expiry}) must be after Start (${r.start})`, arg);
    }
    const { assetClass: _ignored, ...rest } = r;
    void _ignored;
    return { ...rest, classIndex: k, where };
  });
}

export interface TiltState {
  id: string;
  status: TiltStatus;
  /** Why, for people: "expired on 46100", "stop loss: P&L -2,100,000 <= -2,000,000". */
  reason: string;
  /** Requested legs per class (index-aligned), and applied (x scale when active, else 0). */
  requested: number[];
  applied: number[];
}

export interface TiltedTargets {
  /** SAA target + applied tilt, per class. */
  targets: number[];
  /** Applied tilt per class. */
  tilt: number[];
  scale: number;
  /** The classes some tilt touches (active or ended): kept at their tilted targets by the daily proposal. */
  touched: boolean[];
  tilts: TiltState[];
}

/** The share of a staged tilt due by date d (1 when not staged), and the last tranche due. */
function dueShare(legs: TiltLeg[], asOf: number): { share: number; due: number; count: number } {
  const n = legs.find((l) => l.tranches !== undefined)?.tranches ?? 1;
  if (n <= 1) return { share: 1, due: 1, count: 1 };
  const start = legs.find((l) => l.start !== undefined)!.start!;
  const interval = legs.find((l) => l.interval !== undefined)?.interval ?? 7;
  const shape = (normaliseName(legs.find((l) => l.shape !== undefined)?.shape ?? "equal") as TrancheShape) || "equal";
  const w = trancheWeights(n, shape);
  const due = interval === 0 ? n : Math.min(n, Math.floor((asOf - start) / interval) + 1);
  const total = w.reduce((s, x) => s + x, 0);
  return { share: w.slice(0, Math.max(0, due)).reduce((s, x) => s + x, 0) / total, due, count: n };
}

function statusOf(legs: TiltLeg[], asOf: number): { status: TiltStatus; reason: string } {
  const first = <K extends keyof TiltLeg>(k: K) => legs.find((l) => l[k] !== undefined)?.[k];
  const start = first("start") as number | undefined;
  const expiry = first("expiry") as number | undefined;
  if (start !== undefined && asOf < start) return { status: "pending", reason: `starts on ${start}` };
  if (expiry !== undefined && asOf >= expiry) return { status: "expired", reason: `expired on ${expiry}` };
  const ret = first("ret") as number | undefined;
  const pnl = first("pnl") as number | undefined;
  const x = ret ?? pnl;
  const unit = ret !== undefined ? "return" : "P&L";
  const stop = first("stopLoss") as number | undefined;
  const take = first("takeProfit") as number | undefined;
  if (x !== undefined && stop !== undefined && x <= -Math.abs(stop))
    return { status: "stopped", reason: `stop loss: ${unit} ${x} <= -${Math.abs(stop)}` };
  if (x !== undefined && take !== undefined && x >= take) return { status: "taken", reason: `take profit: ${unit} ${x} >= ${take}` };
  const staged = dueShare(legs, asOf);
  const tranche = staged.count > 1 ? `tranche ${staged.due} of ${staged.count}, ` : "";
  return { status: "active", reason: `${tranche}${expiry !== undefined ? `until ${expiry}` : "open-ended"}` };
}

/** The tilted targets on a date: each tilt's status, and the active legs added to the SAA targets within the ranges. */
export function tiltedTargets(plan: Plan, legs: readonly TiltLeg[], asOf: number, arg = "tilts"): TiltedTargets {
  const n = plan.classes.length;
  const byId = new Map<string, TiltLeg[]>();
  for (const l of legs) {
    const k = normaliseName(l.id);
    byId.set(k, [...(byId.get(k) ?? []), l]);
  }
  const tilts: TiltState[] = [];
  const sum = new Array<number>(n).fill(0);
  const touched = new Array<boolean>(n).fill(false);
  for (const group of byId.values()) {
    const { status, reason } = statusOf(group, asOf);
    const requested = new Array<number>(n).fill(0);
    const share = status === "active" ? dueShare(group, asOf).share : 1;
    for (const l of group) requested[l.classIndex] += l.tilt * share;
    if (status !== "pending") group.forEach((l) => (touched[l.classIndex] = true));
    if (status === "active") requested.forEach((t, i) => (sum[i] += t));
    tilts.push({ id: group[0].id, status, reason, requested, applied: requested.map(() => 0) });
  }
  const net = sum.reduce((s, x) => s + x, 0);
  if (Math.abs(net) > 1e-6) {
    valueError(
      `${arg}: the active tilts must net to zero (long legs = short legs, or a Cash leg), they add up to ${Math.round(net * 1e10) / 1e10}`,
      arg,
    );
  }
  let scale = 1;
  plan.classes.forEach((c, i) => {
    if (sum[i] !== 0) scale = Math.min(scale, Math.max(0, rangeLimit(c.target, sum[i], c.min, c.max)));
  });
  const tilt = sum.map((t) => t * scale);
  for (const s of tilts) if (s.status === "active") s.applied = s.requested.map((t) => t * scale);
  return { targets: plan.classes.map((c, i) => c.target + tilt[i]), tilt, scale, touched, tilts };
}

/** The plan with its targets replaced (ranges unchanged). */
export function withTargets(plan: Plan, targets: readonly number[]): Plan {
  return { ...plan, classes: plan.classes.map((c, i) => ({ ...c, target: targets[i] })) };
}
