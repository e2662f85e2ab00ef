/**
 * Tilt: a tactical tilt through futures (OVERLAY.TILT's typed half), scaled so every post-tilt weight stays
 * inside its range and the gross notional under the cap. Guardrails: whole contracts, a funded tilt nets to
 * zero, post-tilt weights inside ranges (or no further out than before), the scale applied, initial margin over
 * the whole book. For dated tilts that the next rebalance keeps, see the daily proposal.
 */
import { TiltResult } from "../../../engine/tilts/tilt";
import { Call, callRegistry, callTyped, describeOptions, withDefaults } from "../call";
import { fmtMoney, fmtPct, headline, rangesCheck, wholeContractsCheck } from "../checks";
import { Check, ExposureLine, Workflow } from "../model";
import {
  COLLATERAL_INPUT,
  POSITIONS_INPUT,
  bandsChart,
  bookArg,
  bookMarginCheck,
  planFigures,
  resultTable,
  tradesOf,
  FUTURES_INPUT,
} from "./futuresCommon";

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
    { name: "Portfolio", columns: "Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay, Levered, Duration" },
    FUTURES_INPUT,
    { name: "Tilts", columns: "Asset class, Tilt (a weight: 0.02 = +2% of NAV)" },
    POSITIONS_INPUT,
    COLLATERAL_INPUT,
  ],
  options: OPTIONS,
  async compute(inputs, raw) {
    const options = withDefaults(OPTIONS, raw);
    const plan = await planFigures(inputs, options);
    const call: Call = {
      fn: "TILT",
      args: [
        { input: "Portfolio" },
        { input: "Futures" },
        { input: "Tilts" },
        { option: "mode" },
        { option: "maxGross" },
        ...bookArg(inputs),
      ],
    };
    const r = await callTyped<TiltResult & { nav: number }>(call, inputs, options);
    const shown = await callRegistry(call, inputs, options);
    const trades = tradesOf(r.lines);
    const post = new Map(r.lines.map((l) => [l.assetClass, l.postWeight]));
    const lines: ExposureLine[] = plan.lines.map((l) => ({ ...l, after: post.get(l.name) ?? l.before }));
    const checks: Check[] = [wholeContractsCheck(trades)];
    if (String(options.mode ?? "funded").toLowerCase() === "funded") {
      const net = r.lines.reduce((s, l) => s + l.applied, 0);
      checks.push({
        name: "Funded: legs net to zero",
        status: Math.abs(net) <= 1e-6 ? "pass" : "fail",
        detail: `The applied tilts add up to ${fmtPct(net, 4)} of NAV.`,
      });
    }
    const binding = r.binding.join(", ");
    checks.push({
      name: "Tilt applied in full",
      status: r.scale >= 1 - 1e-9 ? "pass" : "warn",
      detail:
        r.scale >= 1 - 1e-9
          ? "Every requested tilt fits inside the ranges and caps."
          : `Scaled to ${fmtPct(r.scale, 1)} of the request; the binding limit is ${binding || "not named"}.`,
    });
    checks.push(rangesCheck(lines, new Set(), true));
    const margin = bookMarginCheck(trades, inputs.Futures?.values, plan, inputs.Collateral?.values);
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
      results: [resultTable("Tilt trades", call, shown, inputs, options), plan.result],
      notes: [`Gross futures notional ${fmtMoney(gross)} (${fmtPct(r.nav > 0 ? gross / r.nav : 0)} of NAV).`],
    };
  },
};
