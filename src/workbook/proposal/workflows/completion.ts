/**
 * Completion: a completion sleeve that moves the manager line-up's factor exposures to their targets
 * (OVERLAY.COMPLETION). Trades: the sleeve's weights (and money, given the portfolio's value).
 * Guardrails: the sleeve adds up to the budget, long only, no weight above the maximum, the factor gaps
 * smaller after than before.
 */
import { completionLayout, completionResult } from "../../../functions/areas/completion";
import { Call, callTyped, describeOptions, withDefaults } from "../call";
import { fmtNumber, fmtPct, headline, numberOption } from "../checks";
import { Check, ExposureLine, TradeLine, Workflow } from "../model";
import { Result } from "../../../functions/excel";
import { resultTable } from "./futuresCommon";

const OPTIONS = [
  {
    key: "budget",
    label: "Sleeve budget",
    kind: "number",
    percent: true,
    default: 0.1,
    help: "Share of the portfolio in the completion sleeve (0.1 = 10%).",
  },
  {
    key: "maxWeight",
    label: "Maximum weight",
    kind: "number",
    percent: true,
    help: "Largest weight of one security in the sleeve. Empty: the budget.",
  },
  {
    key: "turnover",
    label: "Turnover penalty",
    kind: "number",
    help: "Penalty on the sum of squared sleeve weights (spreads the sleeve). Empty: the function's default.",
  },
  { key: "value", label: "Portfolio value", kind: "number", help: "Base currency, to show the trades in money. Empty: weights only." },
] as const satisfies Workflow["options"];

export const completionWorkflow: Workflow = {
  id: "completion",
  label: "Completion",
  summary: "A completion sleeve that brings the managers' combined factor exposures to their targets.",
  inputs: [
    { name: "Holdings", columns: "Security, Weight" },
    { name: "Loadings", columns: "Security, then one column per factor" },
    { name: "Targets", columns: "Factor, Target" },
  ],
  options: OPTIONS,
  async compute(inputs, raw) {
    const options = withDefaults(OPTIONS, raw);
    const maxWeight = numberOption(options, "maxWeight", "Maximum weight");
    const value = numberOption(options, "value", "Portfolio value", { min: 0 });
    const call: Call = {
      fn: "COMPLETION",
      args: [
        { input: "Holdings" },
        { input: "Loadings" },
        { input: "Targets" },
        { option: "budget" },
        { option: "maxWeight" },
        { option: "turnover" },
      ],
    };
    const r = await callTyped<ReturnType<typeof completionResult>>(call, inputs, options);
    const budget = r.budget;
    const trades: TradeLine[] = [];
    let sum = 0;
    let negative = 0;
    let largest = 0;
    r.securities.forEach((security, i) => {
      const w = r.weights[i];
      sum += w;
      if (w < -1e-12) negative++;
      largest = Math.max(largest, w);
      if (Math.abs(w) < 1e-9) return;
      trades.push({
        assetClass: "Completion sleeve",
        instrument: security,
        side: w > 0 ? "Buy" : "Sell",
        quantity: Math.abs(w),
        unit: "weight",
        notional: value !== undefined ? w * value : undefined,
      });
    });
    const lines: ExposureLine[] = r.factors.map((f) => ({ name: f.factor, before: f.before, after: f.after, target: f.target }));
    const gap2 = (pick: (l: ExposureLine) => number) => lines.reduce((s, l) => s + (pick(l) - (l.target ?? 0)) ** 2, 0);
    const before = Math.sqrt(gap2((l) => l.before));
    const after = Math.sqrt(gap2((l) => l.after));
    const checks: Check[] = [
      {
        name: "Sleeve adds up to the budget",
        status: Math.abs(sum - budget) <= 1e-6 ? "pass" : "fail",
        detail: `The sleeve's weights add up to ${fmtPct(sum, 3)}; the budget is ${fmtPct(budget, 3)}.`,
      },
      {
        name: "Long only",
        status: negative === 0 ? "pass" : "fail",
        detail: negative === 0 ? "No short positions in the sleeve." : `${negative} negative weights.`,
      },
    ];
    if (maxWeight !== undefined) {
      checks.push({
        name: "No weight above the maximum",
        status: largest <= maxWeight + 1e-9 ? "pass" : "fail",
        detail: `Largest weight ${fmtPct(largest, 2)}; the maximum is ${fmtPct(maxWeight, 2)}.`,
      });
    }
    checks.push({
      name: "Factor gaps reduced",
      status: after <= before + 1e-12 ? "pass" : "fail",
      detail: `Distance to the factor targets (root of the summed squared gaps): ${fmtNumber(before)} before, ${fmtNumber(after)} after.`,
    });
    return {
      workflow: "completion",
      label: "Completion",
      headline: headline(trades, checks),
      inputs: [],
      options: describeOptions(OPTIONS, options),
      trades,
      exposures: { title: "Factor exposures before and after", format: "number", lines },
      checks,
      chart: {
        kind: "bars",
        title: "Factor exposures against targets",
        xTitle: "Factor",
        yTitle: "Exposure",
        format: "number",
        categories: lines.map((l) => l.name),
        series: [
          { name: "Before", values: lines.map((l) => l.before) },
          { name: "After", values: lines.map((l) => l.after) },
          { name: "Target", values: lines.map((l) => l.target ?? 0) },
        ],
      },
      results: [resultTable("Completion sleeve and factor gaps", call, completionLayout(r) as Result, inputs, options)],
      notes: [`The rest of the holdings are scaled by ${fmtPct(1 - budget, 1)} to make room for the sleeve.`],
    };
  },
};
