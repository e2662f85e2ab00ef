/**
 * The plan: asset classes with market values, SAA targets and ranges, and existing synthetic exposure.
 *
 *   effective exposure = physical market value + synthetic (overlay) exposure
 *   NAV = sum of physical market values, cash included (futures add exposure, not NAV)
 *   weights are effective exposure / NAV
 *
 * The funding rule: synthetic exposure is financed from cash unless it is declared levered. The Cash row's
 * synthetic exposure is the funding leg, derived, never typed:
 *   funding = sum over the non-cash classes of (overlay - levered part)      Cash synthetic = -funding
 * so sum of effective exposure = NAV + levered exposure (+ the funded exposure of a plan with no Cash row,
 * which has nothing to finance it: "unfunded"). A typed Cash Overlay is accepted only when it equals the
 * derived leg (the convention of earlier versions, where the user typed it by hand).
 * An illiquid class may name a Proxy (a liquid class whose futures stand in for it) and its Proxy beta to it
 * (default 1): a rebalance offsets a deviation d of the illiquid class by d x Proxy beta of the proxy's exposure
 * (the regression beta of the illiquid class's returns on the proxy's; e.g. private equity on small caps).
 * A class may state a Duration (years, modified): rate futures with a DV01 are then sized by Hull's
 * duration-based hedge ratio (src/engine/futures/futures.ts) and rate derivatives count by their DV01.
 * A class may belong to a Group (an illiquid class and its proxy; total equity) with a band [Group min, Group max]
 * on the group's summed weight, stated on any of its rows (rows that state it agree; an unstated side is open);
 * Cash is never in a group. The rebalance keeps every group inside its band after whole contracts (ranges.ts).
 */
import { Matrix, normaliseName } from "../core/cells";
import { numError, valueError } from "../core/errors";
import { ColumnSpec, Table, findRow, parseTable, whereRow } from "../core/table";

export interface AssetClass {
  name: string;
  /** Physical market value, base currency. */
  marketValue: number;
  target: number;
  min: number;
  max: number;
  liquid: boolean;
  /** Index of the class whose futures stand in for this (illiquid) class, or -1. */
  proxy: number;
  /** The class's beta to its proxy (1 when not stated): a deviation d is offset by d x proxyBeta of the proxy. */
  proxyBeta: number;
  /** Synthetic exposure, base currency; for Cash the funding leg (-funding). */
  overlay: number;
  /** The part of `overlay` declared levered (not financed from cash), base currency. */
  levered: number;
  /** Modified duration of the class's exposure, years, when stated. */
  duration?: number;
  isCash: boolean;
  /** "Portfolio row 4 (Private equity)", for messages. */
  where: string;
}

/** A group band: the summed weight of its member classes kept inside [min, max]. */
export interface GroupBand {
  name: string;
  /** Class indices of the members. */
  members: number[];
  min: number;
  max: number;
}

export interface Plan {
  classes: AssetClass[];
  /** Group bands (none when the Portfolio table has no Group column). */
  groups?: GroupBand[];
  nav: number;
  /** Index of the Cash row, or -1. */
  cash: number;
  /** Class index by normalised name (see normaliseName). */
  index: Map<string, number>;
  /** Synthetic exposure financed from cash (the funding leg), base currency. */
  funding: number;
  /** Synthetic exposure declared levered, base currency. */
  levered: number;
  /** Funded synthetic exposure with no Cash row to finance it, base currency. */
  unfunded: number;
}

export const TARGET_SUM_TOLERANCE = 1e-4;
/**
 * How far a target may sit outside its range and still be read as on its edge: 1e-12 of NAV, below the 15
 * significant digits Excel shows (=1-0.97 gives 0.030000000000000027 against a typed Max of 0.03). Such a range
 * is widened to hold the target exactly; further out is an error.
 */
export const RANGE_TOLERANCE = 1e-12;

const LIMIT = { min: -1e15, max: 1e15 };
const WEIGHT = { min: -10, max: 10 };

export const PORTFOLIO_COLUMNS: readonly ColumnSpec[] = [
  { key: "name", header: "Asset class", synonyms: ["Asset", "Class", "Name", "Sleeve"], type: "text" },
  { key: "marketValue", header: "Market value", synonyms: ["MV", "Value", "Physical", "Market val"], type: "number", rule: LIMIT },
  { key: "target", header: "Target", synonyms: ["Target weight", "SAA", "Policy", "Weight target"], type: "number", rule: WEIGHT },
  { key: "min", header: "Min", synonyms: ["Minimum", "Lower", "Low", "Min weight"], type: "number", rule: WEIGHT },
  { key: "max", header: "Max", synonyms: ["Maximum", "Upper", "High", "Max weight"], type: "number", rule: WEIGHT },
  { key: "liquid", header: "Liquid", synonyms: ["Tradable", "Tradeable"], type: "boolean", optional: true, default: true },
  { key: "proxy", header: "Proxy", synonyms: ["Proxy class", "Proxied by"], type: "text", optional: true },
  {
    key: "proxyBeta",
    header: "Proxy beta",
    synonyms: ["Beta to proxy"],
    type: "number",
    optional: true,
    rule: { min: 0, minExclusive: true, max: 10 },
  },
  {
    key: "overlay",
    header: "Overlay",
    synonyms: ["Synthetic", "Derivatives", "Futures exposure"],
    type: "number",
    optional: true,
    default: 0,
    rule: LIMIT,
  },
  {
    key: "leveredOverlay",
    header: "Levered",
    synonyms: ["Unfunded", "Leveraged"],
    type: "boolean",
    optional: true,
    default: false,
  },
  {
    key: "duration",
    header: "Duration",
    synonyms: ["Modified duration", "Dur"],
    type: "number",
    optional: true,
    rule: { min: 0, minExclusive: true, max: 100 },
  },
  { key: "group", header: "Group", synonyms: ["Group band", "Band group"], type: "text", optional: true },
  { key: "groupMin", header: "Group min", synonyms: ["Group minimum"], type: "number", optional: true, rule: WEIGHT },
  { key: "groupMax", header: "Group max", synonyms: ["Group maximum"], type: "number", optional: true, rule: WEIGHT },
];

interface PortfolioRow {
  name: string;
  marketValue: number;
  target: number;
  min: number;
  max: number;
  liquid: boolean;
  proxy?: string;
  proxyBeta?: number;
  overlay: number;
  leveredOverlay: boolean;
  duration?: number;
  group?: string;
  groupMin?: number;
  groupMax?: number;
}

export function isCashName(name: string): boolean {
  return normaliseName(name) === "cash";
}

/** Reads and validates a Portfolio table (the README, Conventions: the Portfolio table). */
export function readPortfolio(matrix: Matrix, arg = "Portfolio"): Plan {
  const t: Table<PortfolioRow> = parseTable<PortfolioRow>(matrix, { arg, columns: PORTFOLIO_COLUMNS, key: "name" });
  const classes: AssetClass[] = t.rows.map((r, i) => {
    const where = whereRow(t, i);
    if (!(r.min <= r.target + RANGE_TOLERANCE && r.target <= r.max + RANGE_TOLERANCE)) {
      valueError(`${where}: the range must hold the target (Min <= Target <= Max), got Min ${r.min}, Target ${r.target}, Max ${r.max}`);
    }
    const isCash = isCashName(r.name);
    if (!isCash && r.marketValue < 0) valueError(`${where}: Market value must be >= 0, got ${r.marketValue}`);
    return {
      name: r.name,
      marketValue: r.marketValue,
      target: r.target,
      min: Math.min(r.min, r.target),
      max: Math.max(r.max, r.target),
      liquid: r.liquid,
      proxy: -1,
      proxyBeta: r.proxyBeta ?? 1,
      overlay: r.overlay,
      levered: r.leveredOverlay && !isCash ? r.overlay : 0,
      duration: r.duration,
      isCash,
      where,
    };
  });
  t.rows.forEach((r, i) => {
    if (r.proxyBeta !== undefined && !r.proxy) valueError(`${classes[i].where}: Proxy beta needs a Proxy (the class it is a beta to)`);
    if (!r.proxy) return;
    const where = classes[i].where;
    const j = findRow(t, r.proxy);
    if (j < 0) valueError(`${where}: Proxy '${r.proxy}' is not an asset class of the portfolio`);
    if (j === i) valueError(`${where}: Proxy names the class itself`);
    if (!classes[j].liquid) valueError(`${where}: Proxy '${r.proxy}' is itself illiquid`);
    if (classes[j].isCash) valueError(`${where}: Proxy cannot be Cash`);
    classes[i].proxy = j;
  });
  const groups = readGroups(t, classes);
  const targetSum = classes.reduce((s, c) => s + c.target, 0);
  if (Math.abs(targetSum - 1) > TARGET_SUM_TOLERANCE) {
    valueError(`${arg}: Targets must add up to 1 (100%), they add up to ${round6(targetSum)}`);
  }
  const nav = classes.reduce((s, c) => s + c.marketValue, 0);
  if (!(nav > 0)) numError(`${arg}: NAV (the sum of Market value) must be positive, got ${nav}`);
  const cash = classes.findIndex((c) => c.isCash);
  const typedCash = cash >= 0 ? classes[cash].overlay : 0;
  const plan = withFunding({
    classes,
    nav,
    cash,
    index: t.keyIndex,
    funding: 0,
    levered: 0,
    unfunded: 0,
    ...(groups.length ? { groups } : {}),
  });
  if (cash >= 0 && typedCash !== 0 && Math.abs(typedCash - plan.classes[cash].overlay) > 0.5 + 1e-9 * Math.abs(typedCash)) {
    valueError(
      `${classes[cash].where}: Overlay is the funding leg of the synthetic exposure, derived as ${round6(plan.classes[cash].overlay)}` +
        ` (the other classes' Overlay not marked Levered); leave it empty, or mark the levered classes, got ${typedCash}`,
      arg,
    );
  }
  return plan;
}

function bandOf(g: GroupBand): string {
  return `Group min ${Number.isFinite(g.min) ? g.min : "(none)"}, Group max ${Number.isFinite(g.max) ? g.max : "(none)"}`;
}

function readGroups(t: Table<PortfolioRow>, classes: AssetClass[]): GroupBand[] {
  const groups: GroupBand[] = [];
  const byName = new Map<string, GroupBand>();
  t.rows.forEach((r, i) => {
    const where = classes[i].where;
    if (!r.group) {
      if (r.groupMin !== undefined || r.groupMax !== undefined) valueError(`${where}: Group min and Group max need a Group`);
      return;
    }
    if (classes[i].isCash) valueError(`${where}: Cash cannot be in a Group (it is the funding leg)`);
    const key = normaliseName(r.group);
    let g = byName.get(key);
    if (!g) {
      g = { name: r.group, members: [], min: -Infinity, max: Infinity };
      byName.set(key, g);
      groups.push(g);
    }
    g.members.push(i);
    for (const [side, x] of [
      ["min", r.groupMin],
      ["max", r.groupMax],
    ] as const) {
      if (x === undefined) continue;
      const had = g[side];
      if (Number.isFinite(had) && Math.abs(had - x) > 1e-12) {
        valueError(`${where}: Group ${side} of '${r.group}' is ${x}, another row of the group states ${had}`);
      }
      g[side] = x;
    }
  });
  for (const g of groups) {
    const target = g.members.reduce((s, i) => s + classes[i].target, 0);
    if (!(g.min <= target + RANGE_TOLERANCE && target <= g.max + RANGE_TOLERANCE)) {
      valueError(
        `${classes[g.members[0]].where}: Group '${g.name}''s band must hold its summed targets (Group min <= ${round6(target)} <= Group max), got ${bandOf(g)}`,
      );
    }
    if (!Number.isFinite(g.min) && !Number.isFinite(g.max)) {
      valueError(`${classes[g.members[0]].where}: Group '${g.name}' needs a Group min or a Group max on one of its rows`);
    }
  }
  return groups;
}

/**
 * The plan with its funding leg: the Cash row's synthetic exposure = -(the non-cash synthetic exposure not
 * declared levered). Classes are copied; the input is not changed.
 */
export function withFunding(plan: Plan): Plan {
  let funded = 0;
  let levered = 0;
  for (const c of plan.classes) {
    if (c.isCash) continue;
    funded += c.overlay - c.levered;
    levered += c.levered;
  }
  const classes = plan.classes.map((c) => (c.isCash ? { ...c, overlay: funded === 0 ? 0 : -funded, levered: 0 } : c));
  const hasCash = plan.cash >= 0;
  return { ...plan, classes, funding: hasCash ? funded : 0, levered, unfunded: hasCash ? 0 : funded };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function effective(c: AssetClass): number {
  return c.marketValue + c.overlay;
}

export type RangeStatus = "within" | "over" | "under";

/** Where a weight stands against [min, max]; 1e-12 of slack so a weight exactly on a bound is within. */
export function rangeStatus(weight: number, c: { min: number; max: number }): RangeStatus {
  if (weight > c.max + 1e-12) return "over";
  if (weight < c.min - 1e-12) return "under";
  return "within";
}
