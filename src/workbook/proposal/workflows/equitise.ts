/**
 * Equitise: futures that put idle cash to work (OVERLAY.EQUITISE's typed half), with the weights before and
 * after and the guardrails: whole contracts, each class within one contract of its share, no leverage (cash
 * exposure stays >= 0; cash that backs the book's futures is not invested again), post-trade weights inside
 * ranges, gross notional, initial margin over the whole book.
 */
import { EquitiseResult } from "../../../engine/futures/equitise";
import { Call, callRegistry, callTyped, describeOptions, withDefaults } from "../call";
import { fmtMoney, grossNotionalCheck, headline, numberOption, rangesCheck, wholeContractsCheck } from "../checks";
import { Check, ExposureLine, Workflow } from "../model";
import {
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
} from "./futuresCommon";

const OPTIONS = [
  {
    key: "cash",
    label: "Cash to equitise",
    kind: "number",
    help: "Base currency. Empty: the Cash row's exposure (less the cash that backs existing futures).",
  },
  {
    key: "buffer",
    label: "Cash buffer",
    kind: "number",
    help: "Cash to keep uninvested, base currency. Empty: the cash needs, else the Cash target times NAV.",
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
  {
    key: "cashNeeds",
    label: "Cash needs",
    kind: "number",
    help: "Known cash needs over the horizon (benefit payments, capital calls), base currency: the buffer when none is given.",
  },
] as const satisfies Workflow["options"];

export const equitiseWorkflow: Workflow = {
  id: "equitise",
  label: "Equitise",
  summary: "Futures that invest the cash above a buffer, so cash does not drag on returns.",
  inputs: [
    {
      name: "Portfolio",
      columns: "Asset class, Market value, Target, Min, Max; a Cash row; optional Liquid, Proxy, Overlay, Levered, Duration",
    },
    FUTURES_INPUT,
    POSITIONS_INPUT,
    COLLATERAL_INPUT,
  ],
  options: OPTIONS,
  async compute(inputs, raw) {
    const options = withDefaults(OPTIONS, raw);
    const plan = await planFigures(inputs, options);
    const book = bookArg(inputs);
    const call: Call = {
      fn: "EQUITISE",
      args: [
        { input: "Portfolio" },
        { input: "Futures" },
        { option: "cash" },
        { option: "buffer" },
        { option: "mode" },
        { option: "rounding" },
        ...(book.length > 0 || options.cashNeeds !== undefined ? [book[0] ?? { value: undefined }, { option: "cashNeeds" }] : []),
      ],
    };
    const r = await callTyped<EquitiseResult & { nav: number }>(call, inputs, options);
    const shown = await callRegistry(call, inputs, options);
    const trades = tradesOf(r.lines);

    // Exposure the contracts give per class (requested minus residual); cash funds it.
    const added = new Map<string, number>();
    const wide: string[] = [];
    for (const l of r.lines) {
      if (l.legs.length === 0) continue;
      const got = l.exposure - (l.residual ?? 0);
      added.set(l.assetClass, got);
      // each future within one contract of its share (a basket's futures each of its Weight of the class's)
      const off = l.legs.some((g) => g.contracts !== 0 && Math.abs(g.asked - g.exposure) > Math.abs(g.exposure / g.contracts) * (1 + 1e-9));
      if (off && !wide.includes(l.assetClass)) wide.push(l.assetClass);
    }
    const invested = [...added.values()].reduce((s, x) => s + x, 0);
    const lines: ExposureLine[] = plan.lines.map((l) => {
      const isCash = l.name.trim().toLowerCase() === "cash";
      return { ...l, after: l.before + (isCash ? -invested : (added.get(l.name) ?? 0)) / r.nav };
    });
    const cashLine = lines.find((l) => l.name.trim().toLowerCase() === "cash");
    const untradable = new Set(r.lines.filter((l) => l.legs.length === 0).map((l) => l.assetClass));
    if (cashLine) untradable.add(cashLine.name);

    const checks: Check[] = [
      wholeContractsCheck(trades),
      {
        name: "Each class within one contract",
        status: wide.length === 0 ? "pass" : "fail",
        detail:
          wide.length === 0
            ? "Rounding leaves every class within a contract of its share (half a contract, or one where a range took one back)."
            : `More than a contract from the share: ${wide.join(", ")}.`,
      },
    ];
    if (cashLine) {
      const after = cashLine.after * r.nav;
      checks.push({
        name: "No leverage",
        status: after >= -1e-6 * r.nav ? "pass" : "fail",
        detail: `Cash exposure after the trades: ${fmtMoney(after)} (futures invest ${fmtMoney(invested)}).`,
      });
    }
    checks.push(rangesCheck(lines, untradable, true));
    const limit = numberOption(options, "notionalLimit", NOTIONAL_LIMIT_OPTION.label, { min: 0 });
    const gross = postTradeGrossCheck(trades, plan, limit) ?? grossNotionalCheck(trades, r.nav, limit);
    if (gross) checks.push(gross);
    const margin = bookMarginCheck(trades, inputs.Futures?.values, plan, inputs.Collateral?.values);
    if (margin) checks.push(margin);

    const notes = [
      `Futures invest ${fmtMoney(invested)} of ${fmtMoney(r.total.exposure)} requested (cash ${fmtMoney(r.cash)} less a buffer of ${fmtMoney(r.buffer)}); NAV ${fmtMoney(r.nav)}.`,
      ...r.notes,
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
      results: [resultTable("Equitisation trades", call, shown, inputs, options), plan.result],
      notes,
    };
  },
};
