/**
 * Rebalance: futures trades back to the SAA (OVERLAY.REBALANCE), with the exposure before and after
 * against target and range, and the guardrails: trades net to zero, whole contracts, post-trade weights
 * inside ranges, gross notional under the limit, initial margin covered by cash.
 */
import { Call, callRegistry, describeOptions, spillTable, withDefaults } from "../call";
import { grossNotionalCheck, headline, marginCheck, numberOption, rangesCheck, wholeContractsCheck, fmtMoney, fmtPct } from "../checks";
import { Check, ExposureLine, Workflow } from "../model";
import {
  NOTIONAL_LIMIT_OPTION,
  ROUNDING_OPTION,
  bandsChart,
  futuresTrades,
  planFigures,
  resultTable,
  FUTURES_INPUT,
} from "./futuresCommon";

const OPTIONS = [
  {
    key: "rule",
    label: "Rebalance to",
    kind: "choice",
    default: "target",
    choices: [
      { value: "target", label: "Target" },
      { value: "edge", label: "Edge of the range" },
      { value: "halfway", label: "Halfway to target" },
    ],
    help: "Where a class outside its range is brought back to.",
  },
  {
    key: "trigger",
    label: "Trigger",
    kind: "choice",
    default: "bands",
    choices: [
      { value: "bands", label: "Only when outside a range" },
      { value: "always", label: "Always (calendar)" },
    ],
    help: "Trade only when a class is outside its range, or every time.",
  },
  ROUNDING_OPTION,
  NOTIONAL_LIMIT_OPTION,
] as const satisfies Workflow["options"];

export const rebalanceWorkflow: Workflow = {
  id: "rebalance",
  label: "Rebalance",
  summary: "Futures trades that bring the portfolio back to its strategic allocation.",
  inputs: [{ name: "Portfolio", columns: "Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay" }, FUTURES_INPUT],
  options: OPTIONS,
  async compute(inputs, raw) {
    const options = withDefaults(OPTIONS, raw);
    const plan = await planFigures(inputs, options);
    const call: Call = {
      fn: "REBALANCE",
      args: [{ input: "Portfolio" }, { input: "Futures" }, { option: "rule" }, { option: "trigger" }, { option: "rounding" }],
    };
    const r = await callRegistry(call, inputs, options);
    const t = spillTable(r, "OVERLAY.REBALANCE");
    const trades = futuresTrades(t);
    const lines: ExposureLine[] = t.rows.map((row) => ({
      name: t.text(row, "Asset class"),
      before: t.num(row, "Weight") ?? 0,
      after: t.num(row, "Post weight") ?? 0,
      target: t.num(row, "Target"),
      min: t.num(row, "Min"),
      max: t.num(row, "Max"),
    }));
    const untradable = new Set(
      t.rows.filter((row) => /^(via |illiquid|no future)/i.test(t.text(row, "Contract"))).map((row) => t.text(row, "Asset class")),
    );
    const net = t.rows.reduce((s, row) => s + (t.num(row, "Trade") ?? 0), 0);
    const checks: Check[] = [
      {
        name: "Trades net to zero",
        status: Math.abs(net) <= 1e-6 * Math.max(1, plan.nav) ? "pass" : "fail",
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
    const gross = grossNotionalCheck(trades, plan.nav, numberOption(options, "notionalLimit", NOTIONAL_LIMIT_OPTION.label, { min: 0 }));
    if (gross) checks.push(gross);
    const margin = marginCheck(trades, inputs.Futures?.values, plan.cash);
    if (margin) checks.push(margin);
    const outside = lines.filter(
      (l) => l.min !== undefined && l.max !== undefined && (l.before < l.min - 1e-12 || l.before > l.max + 1e-12),
    );
    const notes = [
      outside.length === 0
        ? "Every class starts inside its range."
        : `Outside their ranges before trading: ${outside.map((l) => `${l.name} at ${fmtPct(l.before)}`).join(", ")}.`,
      `NAV ${fmtMoney(plan.nav)}.`,
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
      results: [resultTable("Rebalancing trades", call, r, inputs, options), plan.result],
      notes,
    };
  },
};
