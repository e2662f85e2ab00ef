/**
 * Rebalance: futures trades back to the SAA (OVERLAY.REBALANCE's typed half), with the exposure before and
 * after against target and range, and the guardrails: trades net to zero, whole contracts, post-trade weights
 * inside ranges, gross notional under the limit (the post-trade overlay with a book), initial margin over the
 * whole book covered by cash. The Positions table (the book), when there is one, is the synthetic exposure.
 */
import { RebalanceResult } from "../../../engine/rebalance/rebalance";
import { Call, callRegistry, callTyped, describeOptions, withDefaults } from "../call";
import { grossNotionalCheck, headline, numberOption, rangesCheck, wholeContractsCheck, fmtMoney, fmtPct } from "../checks";
import { Check, ExposureLine, Workflow } from "../model";
import {
  groupBandsCheck,
  NOTIONAL_LIMIT_OPTION,
  COLLATERAL_INPUT,
  POSITIONS_INPUT,
  ROUNDING_OPTION,
  bandsChart,
  bookArg,
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
  ruleOption("target"),
  triggerOption("Trade only when a class is outside its range, or every time."),
  ROUNDING_OPTION,
  NOTIONAL_LIMIT_OPTION,
] as const satisfies Workflow["options"];

export const rebalanceWorkflow: Workflow = {
  id: "rebalance",
  label: "Rebalance",
  summary: "Futures trades that bring the portfolio back to its strategic allocation.",
  inputs: [
    { name: "Portfolio", columns: "Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay, Levered, Duration" },
    FUTURES_INPUT,
    POSITIONS_INPUT,
    COLLATERAL_INPUT,
  ],
  options: OPTIONS,
  async compute(inputs, raw) {
    const options = withDefaults(OPTIONS, raw);
    const plan = await planFigures(inputs, options);
    const call: Call = {
      fn: "REBALANCE",
      args: [
        { input: "Portfolio" },
        { input: "Futures" },
        { option: "rule" },
        { option: "trigger" },
        { option: "rounding" },
        ...bookArg(inputs),
      ],
    };
    const r = await callTyped<RebalanceResult & { nav: number }>(call, inputs, options);
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
        detail: `The exposure moved adds up to ${fmtMoney(net)} (the overlay moves exposure, it does not create it).`,
      },
      wholeContractsCheck(trades),
      rangesCheck(lines, untradable),
    ];
    if (untradable.size > 0) {
      const direct = trades.filter((tr) => untradable.has(tr.assetClass));
      checks.push({
        name: "Illiquid classes not traded directly",
        status: direct.length === 0 ? "pass" : "fail",
        detail: `${[...untradable].join(", ")}: no contracts of their own; a proxy's futures offset them where one is named.`,
      });
    }
    const groupCheck = groupBandsCheck(r.groups);
    if (groupCheck) checks.push(groupCheck);
    const limit = numberOption(options, "notionalLimit", NOTIONAL_LIMIT_OPTION.label, { min: 0 });
    const gross = postTradeGrossCheck(trades, plan, limit) ?? grossNotionalCheck(trades, r.nav, limit);
    if (gross) checks.push(gross);
    const margin = bookMarginCheck(trades, inputs.Futures?.values, plan, inputs.Collateral?.values);
    if (margin) checks.push(margin);
    const outside = r.lines.filter((l) => l.status !== "within");
    const notes = [
      outside.length === 0
        ? "Every class starts inside its range."
        : `Outside their ranges before trading: ${outside.map((l) => `${l.assetClass} at ${fmtPct(l.weight)}`).join(", ")}.`,
      ...r.notes,
      `NAV ${fmtMoney(r.nav)}.`,
    ];
    return {
      workflow: "rebalance",
      label: "Rebalance",
      headline: headline(trades, checks),
      inputs: [],
      options: describeOptions(OPTIONS, options),
      trades,
      exposures: { title: "Effective weights before and after", format: "percent", lines },
      checks,
      chart: bandsChart("Weights against target and range", lines),
      results: [resultTable("Rebalancing trades", call, shown, inputs, options), plan.result],
      notes,
    };
  },
};
