/**
 * Daily: the day's net futures trades for the whole programme (OVERLAY.DAILY's typed half): new cash
 * equitised, the rebalance, the active tilts kept and the ended ones unwound, netted per contract, trades
 * under the minimum size dropped, every range kept after whole contracts. One set of checks: trades net to
 * zero, whole contracts, post-trade weights inside ranges, illiquid classes not traded, gross notional of the
 * post-trade overlay, initial margin over the whole book.
 */
import { DailyResult } from "../../../engine/policy/daily";
import { Call, callRegistry, callTyped, describeOptions, withDefaults } from "../call";
import { fmtMoney, fmtPct, grossNotionalCheck, headline, numberOption, rangesCheck, wholeContractsCheck } from "../checks";
import { Check, ExposureLine, Workflow } from "../model";
import {
  groupBandsCheck,
  NOTIONAL_LIMIT_OPTION,
  COLLATERAL_INPUT,
  POSITIONS_INPUT,
  bandsChart,
  bookMarginCheck,
  planFigures,
  postTradeGrossCheck,
  resultTable,
  tradesOf,
  FUTURES_INPUT,
  ruleOption,
  triggerOption,
} from "./futuresCommon";

const OPTIONS = [
  { key: "asOf", label: "Trade date", kind: "number", help: "Excel date serial of the day: tilts start, expire and stop on it." },
  { key: "newCash", label: "New cash", kind: "number", help: "Cash arriving today (negative: paid out), base currency." },
  {
    key: "cashNeeds",
    label: "Cash needs",
    kind: "number",
    help: "Known cash needs (benefit payments, capital calls), base currency: the cash kept uninvested. Empty: Cash target x NAV.",
  },
  { key: "minContracts", label: "Minimum trade (contracts)", kind: "number", default: 5, help: "Smaller trades are dropped. Empty: none." },
  {
    key: "minNotional",
    label: "Minimum trade (notional)",
    kind: "number",
    default: 1_000_000,
    help: "Base currency; smaller trades are dropped. Empty: none.",
  },
  ruleOption("edge"),
  triggerOption("Rebalance only when a class is outside its range, or every time (tilts are kept either way)."),
  {
    key: "minLeverage",
    label: "Net leverage floor",
    kind: "number",
    help: "The plan's floor on net leverage (as OVERLAY.LEVERAGE's min): a proposal under it adds exposure within the ranges. Empty: none.",
  },
  {
    key: "maxLeverage",
    label: "Net leverage cap",
    kind: "number",
    help: "The plan's cap on net leverage: a proposal over it removes exposure within the ranges. Empty: none.",
  },
  NOTIONAL_LIMIT_OPTION,
] as const satisfies Workflow["options"];

export const dailyWorkflow: Workflow = {
  id: "daily",
  label: "Daily proposal",
  summary: "The day's net futures trades: new cash, rebalancing and the tactical tilts, one trade per contract.",
  inputs: [
    { name: "Portfolio", columns: "Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay, Levered, Duration" },
    FUTURES_INPUT,
    POSITIONS_INPUT,
    { name: "Tilts", columns: "Id, Asset class, Tilt; optional Start, Expiry, Stop loss, Take profit, P&L or Return", optional: true },
    COLLATERAL_INPUT,
  ],
  options: OPTIONS,
  async compute(inputs, raw) {
    const options = withDefaults(OPTIONS, raw);
    if (options.asOf === undefined || options.asOf === "") options.asOf = todaySerial();
    const plan = await planFigures(inputs, options);
    const call: Call = {
      fn: "DAILY",
      args: [
        { input: "Portfolio" },
        { input: "Futures" },
        { option: "asOf" },
        ...(inputs.Positions ? [{ input: "Positions" as const }] : [{ value: undefined }]),
        ...(inputs.Tilts ? [{ input: "Tilts" as const }] : [{ value: undefined }]),
        { option: "newCash" },
        { option: "cashNeeds" },
        { option: "minContracts" },
        { option: "minNotional" },
        { option: "rule" },
        { option: "trigger" },
        { option: "minLeverage" },
        { option: "maxLeverage" },
      ],
    };
    const r = await callTyped<DailyResult>(call, inputs, options);
    const shown = await callRegistry(call, inputs, options);
    const trades = tradesOf(r.lines.filter((l) => l.route === "future"));
    const lines: ExposureLine[] = r.lines.map((l) => ({
      name: l.assetClass,
      before: l.weight,
      after: l.postWeight,
      target: l.target,
      min: l.min,
      max: l.max,
    }));
    const untradable = new Set(
      r.lines.filter((l) => l.route === "proxy" || l.route === "illiquid" || l.route === "none").map((l) => l.assetClass),
    );
    const net = r.lines.reduce((s, l) => s + l.trade, 0);
    const checks: Check[] = [
      {
        name: "Trades net to zero",
        status: Math.abs(net) <= 1e-6 * Math.max(1, r.nav) ? "pass" : "fail",
        detail: `The exposure moved adds up to ${fmtMoney(net)}; Cash is the funding leg.`,
      },
      wholeContractsCheck(trades),
      {
        name: "One trade per contract",
        status: new Set(trades.map((t) => t.instrument)).size === trades.length ? "pass" : "fail",
        detail: `Equitisation, rebalance and tilts are netted: ${trades.length} contract${trades.length === 1 ? "" : "s"} traded.`,
      },
      rangesCheck(lines, untradable, true),
    ];
    if (untradable.size > 0) {
      checks.push({
        name: "Illiquid classes not traded directly",
        status: trades.some((t) => untradable.has(t.assetClass)) ? "fail" : "pass",
        detail: `${[...untradable].join(", ")}: no contracts of their own.`,
      });
    }
    const groupCheck = groupBandsCheck(r.groups);
    if (groupCheck) checks.push(groupCheck);
    const lev = leverageCheck(r);
    if (lev) checks.push(lev);
    const limit = numberOption(options, "notionalLimit", NOTIONAL_LIMIT_OPTION.label, { min: 0 });
    const gross = postTradeGrossCheck(trades, plan, limit) ?? grossNotionalCheck(trades, r.nav, limit);
    if (gross) checks.push(gross);
    const margin = bookMarginCheck(trades, inputs.Futures?.values, plan, inputs.Collateral?.values);
    if (margin) checks.push(margin);
    const notes = [
      ...r.tilts.map((t) => `Tilt ${t.id}: ${t.status} (${t.reason}).`),
      ...(r.scale < 1 - 1e-12
        ? [`The active tilts are scaled to ${fmtPct(r.scale, 1)} to keep every tilted target inside its range.`]
        : []),
      ...r.notes,
      `NAV ${fmtMoney(r.nav)}.`,
    ];
    return {
      workflow: "daily",
      label: "Daily proposal",
      headline: headline(trades, checks),
      inputs: [],
      options: describeOptions(OPTIONS, options),
      trades,
      exposures: { title: "Effective weights before and after", format: "percent", lines },
      checks,
      chart: bandsChart("Weights against the tilted target and the range", lines),
      results: [resultTable("The day's net trades", call, shown, inputs, options), plan.result],
      notes,
    };
  },
};

/**
 * Net leverage after the proposal against the plan's bounds, recomputed from the lines' post weights (the
 * non-cash classes' effective exposure / NAV): pass inside; a warning when the proposal moves it towards a bound
 * it cannot reach inside the ranges (the engine's note says what limits it); a failure if it ends further out.
 */
function leverageCheck(r: DailyResult): Check | undefined {
  const { min, max, before } = r.leverage;
  if (min === undefined && max === undefined) return undefined;
  const after = r.lines.reduce((s, l) => (l.route === "cash" ? s : s + l.postWeight), 0);
  const gap = (x: number) => (min !== undefined && x < min - 1e-9 ? min - x : max !== undefined && x > max + 1e-9 ? x - max : 0);
  const bounds = `[${min ?? "none"}, ${max ?? "none"}]`;
  const moved = `net leverage ${before.toFixed(4)} before, ${after.toFixed(4)} after`;
  if (gap(after) === 0) return { name: "Net leverage within bounds", status: "pass", detail: `${moved}; bounds ${bounds}.` };
  const why = r.leverage.reason;
  return {
    name: "Net leverage within bounds",
    status: gap(after) < gap(before) + 1e-9 ? "warn" : "fail",
    detail: `${moved}, outside ${bounds}.${why ? ` ${why}.` : ""}`,
  };
}

/** Today as an Excel date serial (days since 1899-12-30, UTC). */
function todaySerial(): number {
  return Math.floor(Date.now() / 86_400_000) + 25_569;
}
