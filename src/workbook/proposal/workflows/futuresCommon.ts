/**
 * What the futures workflows (rebalance, equitise, tilt, daily) share: the plan's figures from OVERLAY.EXPOSURE's
 * typed half (Portfolio and the optional book), trades from typed lines, the margin over the whole book against
 * cash and eligible collateral, and the exposure chart. Nothing here reads a spilled table back.
 */
import { Book } from "../../../engine/book/derive";
import { LegTrade, legRows, readFutures } from "../../../engine/futures/futures";
import { keyDates, parseContract } from "../../../engine/futures/calendar/contracts";
import { EXCEL_CODE, OverlayError } from "../../../engine/core/errors";
import { readCollateral } from "../../../engine/leverage/liquidity";
import { marginCover } from "../../../engine/leverage/marginCover";
import { fromSerial } from "../../../engine/rates/excelDate";
import { ExposureReport } from "../../../engine/portfolio/exposure";
import { isCashName } from "../../../engine/portfolio/portfolio";
import { GroupLine } from "../../../engine/rebalance/rebalance";
import { Result } from "../../../functions/excel";
import { PortMatrix } from "../../WorkbookPort";
import { Arg, Call, callRegistry, callTyped, formulaOf } from "../call";
import { fmtMoney, fmtPct } from "../checks";
import {
  ChartModel,
  Check,
  ExposureLine,
  InputDef,
  OptionDef,
  ResultTable,
  TradeLine,
  WorkflowError,
  WorkflowInputs,
  WorkflowOptions,
} from "../model";

export const NOTIONAL_LIMIT_OPTION: OptionDef = {
  key: "notionalLimit",
  label: "Gross notional limit (share of NAV)",
  kind: "number",
  percent: true,
  default: 0.2,
  help: "Guardrail: the trades' gross futures notional may not exceed this share of NAV (20% = 0.2). Empty: no limit.",
};

/** The Futures input of the workflows that trade futures (the columns OVERLAY.REBALANCE, EQUITISE and TILT read). */
export const FUTURES_INPUT: InputDef = {
  name: "Futures",
  columns: "Asset class, Contract, Price, Multiplier; optional Beta, FX, Margin, DV01, Weight (a basket: several futures for a class)",
};

const RULE_CHOICES = [
  { value: "target", label: "Target" },
  { value: "edge", label: "Edge of the range" },
  { value: "halfway", label: "Halfway to target" },
];

/** The rebalancing rule (OVERLAY.REBALANCE's and DAILY's `rule`), its default listed first. */
export function ruleOption(defaultRule: "target" | "edge"): OptionDef {
  return {
    key: "rule",
    label: "Rebalance to",
    kind: "choice",
    default: defaultRule,
    choices: [...RULE_CHOICES.filter((c) => c.value === defaultRule), ...RULE_CHOICES.filter((c) => c.value !== defaultRule)],
    help: "Where a class outside its range is brought back to.",
  };
}

/** The rebalancing trigger (OVERLAY.REBALANCE's and DAILY's `trigger`), "bands" by default. */
export function triggerOption(help: string): OptionDef {
  return {
    key: "trigger",
    label: "Trigger",
    kind: "choice",
    default: "bands",
    choices: [
      { value: "bands", label: "Only when outside a range" },
      { value: "always", label: "Always (calendar)" },
    ],
    help,
  };
}

/** Whole contracts: nearest per class, or the HiGHS optimum (OVERLAY.REBALANCE and OVERLAY.EQUITISE's rounding). */
export const ROUNDING_OPTION: OptionDef = {
  key: "rounding",
  label: "Contract rounding",
  kind: "choice",
  default: "nearest",
  choices: [
    { value: "nearest", label: "Nearest whole contract" },
    { value: "optimal", label: "Optimal (closest to the goals)" },
  ],
  help: "How fractional contracts become whole contracts.",
};

export interface PlanFigures {
  nav: number;
  /** The Cash row's physical market value, when the portfolio has one. */
  cash?: number;
  /** Effective weight before the trades, per class. */
  weight: Map<string, number>;
  /** Before = effective weight, with target and range, per class (after = before until the trades move it). */
  lines: ExposureLine[];
  /** The book's initial margin (existing positions), base currency; 0 without a Positions table. */
  bookMargin: number;
  /** The book's notional per class (base currency), for the post-trade gross notional. */
  bookNotional: Map<string, number>;
  result: ResultTable;
}

/** The Positions input of the futures workflows: the book, optional. */
export const POSITIONS_INPUT: InputDef = {
  name: "Positions",
  columns: "Id, Asset class, Instrument, Kind, Quantity; optional Price, Multiplier, FX, Beta, Delta, option terms, DV01, Margin, Levered",
  optional: true,
};

/** The Positions argument when the workbook has a book, else none (so the formula shown has no empty argument). */
export function bookArg(inputs: WorkflowInputs): Arg[] {
  return inputs.Positions ? [{ input: "Positions" }] : [];
}

/** The plan's figures from OVERLAY.EXPOSURE's typed half (Portfolio + the optional book). */
export async function planFigures(inputs: WorkflowInputs, options: WorkflowOptions): Promise<PlanFigures> {
  const call: Call = { fn: "EXPOSURE", args: [{ input: "Portfolio" }, ...bookArg(inputs)] };
  const x = await callTyped<ExposureTyped>(call, inputs, options);
  const cash = x.lines.find((l) => isCashName(l.assetClass));
  const r = await callRegistry(call, inputs, options);
  return {
    nav: x.nav,
    cash: cash?.physical,
    weight: new Map(x.lines.map((l) => [l.assetClass, l.effectiveWeight])),
    lines: x.lines.map((l) => ({
      name: l.assetClass,
      before: l.effectiveWeight,
      after: l.effectiveWeight,
      target: l.target,
      min: l.min,
      max: l.max,
    })),
    bookMargin: x.book?.total.margin ?? 0,
    bookNotional: new Map(x.book ? x.lines.map((l, i) => [l.assetClass, x.book!.byClass[i].notional]) : []),
    result: resultTable("Exposure before the trades", call, r, inputs, options),
  };
}

type ExposureTyped = ExposureReport & { nav: number; book?: Book };

/**
 * A futures contract's last trading day, yyyy-mm-dd, from its text as the Futures table names it ("ES Mar26
 * (E-mini S&P 500)", "ESH6", "TY Jun 2026"), by the engine's contract calendar (calendar/contracts.ts: the
 * exchange's rule and holidays). A bare root is the front contract on `asOf` when one is given. Undefined when the
 * calendar cannot identify the contract (a root it does not list, a free name, a bare root without a date).
 */
export function contractExpiry(contract: string, asOf?: number): string | undefined {
  try {
    const { y, m, d } = fromSerial(keyDates(parseContract(contract, "Contract", asOf)).lastTrade);
    return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  } catch (e) {
    if (e instanceof OverlayError) return undefined;
    throw e;
  }
}

/** The expiry field of a trade line, present only when known. */
export function withExpiry(expiry: string | undefined): { expiry?: string } {
  return expiry === undefined ? {} : { expiry };
}

/**
 * Trades from typed lines: one per future with a non-zero whole number of contracts (a class's basket gives a
 * trade on each of its futures), each with its contract's expiry when known.
 */
export function tradesOf(lines: readonly { assetClass: string; legs: readonly LegTrade[] }[], asOf?: number): TradeLine[] {
  return legRows(lines)
    .filter((l) => l.contracts !== 0)
    .map((l) => ({
      assetClass: l.assetClass,
      instrument: l.contract,
      side: l.contracts > 0 ? "Buy" : "Sell",
      quantity: Math.abs(l.contracts),
      unit: "contracts",
      notional: l.notional,
      ...withExpiry(contractExpiry(l.contract, asOf)),
    }));
}

/** The Collateral input of the futures workflows: what can post initial margin beside cash, optional. */
export const COLLATERAL_INPUT: InputDef = {
  name: "Collateral",
  columns:
    "Asset, Value; optional Haircut, Eligible (IM), Days to cash, Posted, Factor, Coupon, Years, Yield (as OVERLAY.LIQUIDITY reads it)",
  optional: true,
};

/**
 * Initial margin over the whole book: the book's existing margin plus the trades' (Margin x FX per contract
 * from the Futures table, read by the engine's reader), against the cash and, with a Collateral table, the
 * securities eligible for IM after their haircuts (engine/leverage/marginCover.ts).
 */
export function bookMarginCheck(
  trades: TradeLine[],
  futures: PortMatrix | undefined,
  plan: PlanFigures,
  collateral?: PortMatrix,
): Check | undefined {
  let specs;
  try {
    specs = futures ? readFutures(futures) : [];
  } catch {
    return undefined; // the function already reported the Futures table's problems
  }
  const byContract = new Map(specs.map((f) => [f.contract.toLowerCase(), f]));
  let margin = 0;
  for (const t of trades) {
    const f = byContract.get(t.instrument.toLowerCase());
    if (t.unit === "contracts" && f?.margin !== undefined) margin += t.quantity * f.margin * f.fx;
  }
  if (margin === 0 && plan.bookMargin === 0) return undefined;
  const total = margin + plan.bookMargin;
  const what =
    plan.bookMargin > 0
      ? `Initial margin ${fmtMoney(total)} (book ${fmtMoney(plan.bookMargin)} + trades ${fmtMoney(margin)})`
      : `Initial margin ${fmtMoney(margin)}`;
  if (plan.cash === undefined)
    return { name: "Initial margin", status: "warn", detail: `${what}; the portfolio has no Cash row to post it from.` };
  let holdings;
  try {
    holdings = collateral === undefined ? [] : readCollateral(collateral);
  } catch (e) {
    if (e instanceof OverlayError) throw new WorkflowError(e.message, "Collateral", EXCEL_CODE[e.kind]);
    throw e;
  }
  const cover = marginCover(total, plan.cash, holdings);
  if (collateral === undefined) {
    return {
      name: "Initial margin covered by cash",
      status: cover.covered ? "pass" : "fail",
      detail: `${what} against cash of ${fmtMoney(plan.cash)}.`,
    };
  }
  const assets = cover.counted.length > 0 ? ` (${cover.counted.map((c) => c.asset).join(", ")})` : "";
  const cashRows = cover.cashRows.length > 0 ? `; ${cover.cashRows.join(", ")} counted in the Cash row, not twice` : "";
  return {
    name: "Initial margin covered by cash and eligible collateral",
    status: cover.covered ? "pass" : "fail",
    detail:
      `${what} against cash of ${fmtMoney(plan.cash)} and collateral eligible for IM of ${fmtMoney(cover.collateral)} after haircuts` +
      `${assets}${cashRows}.`,
  };
}

/**
 * With a book, the gross-notional limit applies to the post-trade overlay: per class |book notional + traded
 * notional|, summed, against a share of NAV. Undefined without a book (the trades' own check applies).
 */
export function postTradeGrossCheck(trades: TradeLine[], plan: PlanFigures, limit: number | undefined): Check | undefined {
  if (limit === undefined || plan.bookNotional.size === 0) return undefined;
  const byClass = new Map(plan.bookNotional);
  for (const t of trades) byClass.set(t.assetClass, (byClass.get(t.assetClass) ?? 0) + (t.notional ?? 0));
  const gross = [...byClass.values()].reduce((s, x) => s + Math.abs(x), 0);
  const share = plan.nav > 0 ? gross / plan.nav : 0;
  return {
    name: "Gross notional within limit",
    status: share <= limit + 1e-12 ? "pass" : "fail",
    detail: `The overlay after the trades (book and trades, per class) holds ${fmtMoney(gross)} of gross notional, ${fmtPct(share)} of NAV; the limit is ${fmtPct(limit)}.`,
  };
}

export function resultTable(title: string, call: Call, r: Result, inputs: WorkflowInputs, options: WorkflowOptions): ResultTable {
  return { title, formula: formulaOf(call, inputs, options), values: Array.isArray(r) ? r.map((row) => row.slice()) : [[r]] };
}

/** Exposure against target and range: columns before and after, lines for target, min and max. */
export function bandsChart(title: string, lines: ExposureLine[]): ChartModel {
  return {
    kind: "bands",
    title,
    xTitle: "Asset class",
    yTitle: "Weight of NAV",
    format: "percent",
    categories: lines.map((l) => l.name),
    series: [
      { name: "Before", values: lines.map((l) => l.before) },
      { name: "After", values: lines.map((l) => l.after) },
      { name: "Target", values: lines.map((l) => l.target ?? 0), line: true },
      { name: "Min", values: lines.map((l) => l.min ?? 0), line: true },
      { name: "Max", values: lines.map((l) => l.max ?? 0), line: true },
    ],
  };
}

/**
 * Group bands after the trades (REBALANCE's and DAILY's typed Group lines): pass when every group ends inside its
 * band, warn when a group outside its band ends no further out than it started, fail otherwise. Undefined without
 * groups.
 */
export function groupBandsCheck(groups: readonly GroupLine[]): Check | undefined {
  if (groups.length === 0) return undefined;
  const gap = (w: number, g: GroupLine) => Math.max(0, (g.min ?? w) - w, w - (g.max ?? w));
  const band = (g: GroupLine) =>
    g.min === null ? `at most ${fmtPct(g.max!)}` : g.max === null ? `at least ${fmtPct(g.min)}` : `${fmtPct(g.min)} to ${fmtPct(g.max)}`;
  const outside = groups.filter((g) => gap(g.postWeight, g) > 1e-9);
  if (outside.length === 0) {
    return {
      name: "Group bands kept",
      status: "pass",
      detail: `${groups.map((g) => `${g.group} ends at ${fmtPct(g.postWeight)} (${band(g)})`).join("; ")}.`,
    };
  }
  const closer = (g: GroupLine) => gap(g.postWeight, g) <= gap(g.weight, g) + 1e-9;
  const words = outside.map((g) => `${g.group} at ${fmtPct(g.postWeight)} (${band(g)})${closer(g) ? ", already outside before" : ""}`);
  return { name: "Group bands kept", status: outside.every(closer) ? "warn" : "fail", detail: `Outside: ${words.join("; ")}.` };
}
