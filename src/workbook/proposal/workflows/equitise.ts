/**
 * Equitise: futures that put idle cash to work (OVERLAY.EQUITISE), with the weights before and after and
 * the guardrails: whole contracts, each class within half a contract of its share, no leverage (cash
 * exposure stays >= 0), post-trade weights inside ranges, gross notional, initial margin.
 */
import { Call, callRegistry, describeOptions, spillTable, withDefaults } from "../call";
import { fmtMoney, grossNotionalCheck, headline, marginCheck, numberOption, rangesCheck, wholeContractsCheck } from "../checks";
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
    key: "cash",
    label: "Cash to equitise",
    kind: "number",
    help: "Base currency. Empty: the Cash row's exposure.",
  },
  {
    key: "buffer",
    label: "Cash buffer",
    kind: "number",
    help: "Cash to keep uninvested, base currency. Empty: the Cash target times NAV.",
  },
  {
    key: "mode",
    label: "Spread",
    kind: "choice",
    default: "target",
    choices: [
      { value: "target", label: "Pro rata to targets" },
      { value: "underweight", label: "Fill underweights first" },
    ],
    help: "How the cash is spread over the asset classes.",
  },
  ROUNDING_OPTION,
  NOTIONAL_LIMIT_OPTION,
] as const satisfies Workflow["options"];

export const equitiseWorkflow: Workflow = {
  id: "equitise",
  label: "Equitise",
  summary: "Futures that invest the cash above a buffer, so cash does not drag on returns.",
  inputs: [
    { name: "Portfolio", columns: "Asset class, Market value, Target, Min, Max; a Cash row; optional Liquid, Proxy, Overlay" },
    FUTURES_INPUT,
  ],
  options: OPTIONS,
  async compute(inputs, raw) {
    const options = withDefaults(OPTIONS, raw);
    const plan = await planFigures(inputs, options);
    const call: Call = {
      fn: "EQUITISE",
      args: [
        { input: "Portfolio" },
        { input: "Futures" },
        { option: "cash" },
        { option: "buffer" },
        { option: "mode" },
        { option: "rounding" },
      ],
    };
    const r = await callRegistry(call, inputs, options);
    const t = spillTable(r, "OVERLAY.EQUITISE");
    const trades = futuresTrades(t);

    // Exposure the contracts give per class (requested minus residual); cash funds it.
    const added = new Map<string, number>();
    const halfContract: string[] = [];
    for (const row of t.rows) {
      const n = t.num(row, "Contracts");
      if (n === undefined) continue;
      const requested = t.num(row, "Exposure") ?? 0;
      const got = requested - (t.num(row, "Residual") ?? 0);
      const name = t.text(row, "Asset class");
      added.set(name, (added.get(name) ?? 0) + got);
      if (n !== 0 && Math.abs(requested - got) > 0.5 * Math.abs(got / n) * (1 + 1e-9)) halfContract.push(name);
    }
    const invested = [...added.values()].reduce((s, x) => s + x, 0);
    const ex = plan.exposure;
    const lines: ExposureLine[] = ex.rows.map((row) => {
      const name = ex.text(row, "Asset class");
      const before = ex.num(row, "Effective weight") ?? 0;
      const isCash = name.trim().toLowerCase() === "cash";
      const delta = isCash ? -invested : (added.get(name) ?? 0);
      return {
        name,
        before,
        after: before + delta / plan.nav,
        target: ex.num(row, "Target"),
        min: ex.num(row, "Min"),
        max: ex.num(row, "Max"),
      };
    });
    const cashLine = lines.find((l) => l.name.trim().toLowerCase() === "cash");
    const untradable = new Set(t.rows.filter((row) => t.num(row, "Contracts") === undefined).map((row) => t.text(row, "Asset class")));
    if (cashLine) untradable.add(cashLine.name);

    const checks: Check[] = [
      wholeContractsCheck(trades),
      {
        name: "Each class within half a contract",
        status: halfContract.length === 0 ? "pass" : "fail",
        detail:
          halfContract.length === 0
            ? "Rounding leaves every class at most half a contract from its share."
            : `More than half a contract from the share: ${halfContract.join(", ")}.`,
      },
    ];
    if (cashLine) {
      const after = cashLine.after * plan.nav;
      checks.push({
        name: "No leverage",
        status: after >= -1e-6 * plan.nav ? "pass" : "fail",
        detail: `Cash exposure after the trades: ${fmtMoney(after)} (futures invest ${fmtMoney(invested)}).`,
      });
    }
    checks.push(rangesCheck(lines, untradable, true));
    const gross = grossNotionalCheck(trades, plan.nav, numberOption(options, "notionalLimit", NOTIONAL_LIMIT_OPTION.label, { min: 0 }));
    if (gross) checks.push(gross);
    const margin = marginCheck(trades, inputs.Futures?.values, plan.cash);
    if (margin) checks.push(margin);

    const total = t.total;
    const notes = [
      `Futures invest ${fmtMoney(invested)} of ${fmtMoney(total ? (t.num(total, "Exposure") ?? 0) : 0)} requested; NAV ${fmtMoney(plan.nav)}.`,
    ];
    return {
      workflow: "equitise",
      label: "Equitise",
      headline: headline(trades, checks),
      inputs: [],
      options: describeOptions(OPTIONS, options),
      trades,
      exposures: { title: "Effective weights before and after", format: "percent", lines },
      checks,
      chart: bandsChart("Weights against target and range", lines),
      results: [resultTable("Equitisation trades", call, r, inputs, options), plan.result],
      notes,
    };
  },
};
