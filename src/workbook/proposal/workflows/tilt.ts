/**
 * Tilt: a tactical tilt through futures (OVERLAY.TILT), scaled so every post-tilt weight stays inside its
 * range and the gross notional under the cap. Guardrails: whole contracts, a funded tilt nets to zero,
 * post-tilt weights inside ranges (or no further out than before), the scale applied, initial margin.
 */
import { Call, callRegistry, describeOptions, spillTable, withDefaults } from "../call";
import { fmtMoney, fmtPct, headline, marginCheck, rangesCheck, wholeContractsCheck } from "../checks";
import { Check, ExposureLine, Workflow } from "../model";
import { bandsChart, contractsByClass, futuresTrades, planFigures, resultTable, FUTURES_INPUT } from "./futuresCommon";

const OPTIONS = [
  {
    key: "mode",
    label: "Tilt mode",
    kind: "choice",
    default: "funded",
    choices: [
      { value: "funded", label: "Funded (legs net to zero)" },
      { value: "levered", label: "Levered (adds exposure)" },
    ],
    help: "Funded: the long and short legs net to zero, no leverage. Levered: the net tilt adds exposure.",
  },
  {
    key: "maxGross",
    label: "Gross notional cap",
    kind: "number",
    help: "Cap on the tilt's gross futures notional, base currency. Empty: no cap.",
  },
] as const satisfies Workflow["options"];

export const tiltWorkflow: Workflow = {
  id: "tilt",
  label: "Tilt",
  summary: "A tactical tilt through futures, scaled to stay inside every range.",
  inputs: [
    { name: "Portfolio", columns: "Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay" },
    FUTURES_INPUT,
    { name: "Tilts", columns: "Asset class, Tilt (a weight: 0.02 = +2% of NAV)" },
  ],
  options: OPTIONS,
  async compute(inputs, raw) {
    const options = withDefaults(OPTIONS, raw);
    const plan = await planFigures(inputs, options);
    const call: Call = {
      fn: "TILT",
      args: [{ input: "Portfolio" }, { input: "Futures" }, { input: "Tilts" }, { option: "mode" }, { option: "maxGross" }],
    };
    const r = await callRegistry(call, inputs, options);
    const t = spillTable(r, "OVERLAY.TILT");
    const trades = futuresTrades(t, contractsByClass(inputs.Futures?.values));
    const ex = plan.exposure;
    const post = new Map(t.rows.map((row) => [t.text(row, "Asset class"), t.num(row, "Post weight")]));
    const lines: ExposureLine[] = ex.rows.map((row) => {
      const name = ex.text(row, "Asset class");
      const before = ex.num(row, "Effective weight") ?? 0;
      return {
        name,
        before,
        after: post.get(name) ?? before,
        target: ex.num(row, "Target"),
        min: ex.num(row, "Min"),
        max: ex.num(row, "Max"),
      };
    });
    const requested = t.rows.reduce((s, row) => s + Math.abs(t.num(row, "Requested") ?? 0), 0);
    const applied = t.rows.reduce((s, row) => s + Math.abs(t.num(row, "Applied") ?? 0), 0);
    const scale = requested > 0 ? applied / requested : 1;
    const binding = t.total ? t.text(t.total, "Binding limit") : "";
    const checks: Check[] = [wholeContractsCheck(trades)];
    if (String(options.mode ?? "funded").toLowerCase() === "funded") {
      const net = t.rows.reduce((s, row) => s + (t.num(row, "Applied") ?? 0), 0);
      checks.push({
        name: "Funded: legs net to zero",
        status: Math.abs(net) <= 1e-6 ? "pass" : "fail",
        detail: `The applied tilts add up to ${fmtPct(net, 4)} of NAV.`,
      });
    }
    checks.push({
      name: "Tilt applied in full",
      status: scale >= 1 - 1e-9 ? "pass" : "warn",
      detail:
        scale >= 1 - 1e-9
          ? "Every requested tilt fits inside the ranges and caps."
          : `Scaled to ${fmtPct(scale, 1)} of the request; the binding limit is ${binding || "not named"}.`,
    });
    checks.push(rangesCheck(lines, new Set(), true));
    const margin = marginCheck(trades, inputs.Futures?.values, plan.cash);
    if (margin) checks.push(margin);
    const gross = trades.reduce((s, tr) => s + Math.abs(tr.notional ?? 0), 0);
    return {
      workflow: "tilt",
      label: "Tilt",
      headline: headline(trades, checks),
      inputs: [],
      options: describeOptions(OPTIONS, options),
      trades,
      exposures: { title: "Effective weights before and after the tilt", format: "percent", lines },
      checks,
      chart: bandsChart("Weights after the tilt against target and range", lines),
      results: [resultTable("Tilt trades", call, r, inputs, options), plan.result],
      notes: [`Gross futures notional ${fmtMoney(gross)} (${fmtPct(plan.nav > 0 ? gross / plan.nav : 0)} of NAV).`],
    };
  },
};
