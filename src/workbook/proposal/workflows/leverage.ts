/**
 * Leverage & liquidity: the plan's leverage against its limits (OVERLAY.LEVERAGE) and the margin calls
 * of its derivatives under stress against the collateral (OVERLAY.LIQUIDITY). The trade, when the net
 * leverage is outside its range (or a target is set), is the synthetic exposure to add or remove.
 * Guardrails: net leverage within [min, max] after the trade, collateral coverage at least the minimum
 * in every scenario.
 */
import { Call, callRegistry, describeOptions, spillTable, withDefaults } from "../call";
import { fmtMoney, fmtNumber, headline, numberOption } from "../checks";
import { Check, ExposureLine, TradeLine, Workflow } from "../model";
import { resultTable } from "./futuresCommon";

const OPTIONS = [
  {
    key: "min",
    label: "Minimum net leverage",
    kind: "number",
    default: 0,
    help: "Net exposure over NAV (1.0 = fully invested, no leverage).",
  },
  { key: "max", label: "Maximum net leverage", kind: "number", default: 1, help: "Default 1: no leverage." },
  { key: "target", label: "Target net leverage", kind: "number", help: "Trade to this level. Empty: only back inside [min, max]." },
  {
    key: "minCoverage",
    label: "Minimum coverage",
    kind: "number",
    default: 1.2,
    help: "Guardrail: collateral after haircuts over the margin need, in every scenario.",
  },
] as const satisfies Workflow["options"];

export const leverageWorkflow: Workflow = {
  id: "leverage",
  label: "Leverage & liquidity",
  summary: "Plan leverage against its limits, and whether the collateral meets margin calls under stress.",
  inputs: [
    { name: "Portfolio", columns: "Asset class, Market value, Target, Min, Max; optional Overlay (synthetic exposure)" },
    { name: "Positions", columns: "Contract, Quantity, Price, Multiplier, Margin, Factor; optional DV01" },
    { name: "Collateral", columns: "Asset, Value; optional Haircut, Tier" },
    { name: "Scenarios", columns: "Scenario, then one shock column per factor (returns, or bp for rates)" },
  ],
  options: OPTIONS,
  async compute(inputs, raw) {
    const options = withDefaults(OPTIONS, raw);
    const minCoverage = numberOption(options, "minCoverage", "Minimum coverage", { min: 0 }) ?? 1;
    const levCall: Call = { fn: "LEVERAGE", args: [{ input: "Portfolio" }, { option: "min" }, { option: "max" }, { option: "target" }] };
    const lr = await callRegistry(levCall, inputs, options);
    const lt = spillTable(lr, "OVERLAY.LEVERAGE", false);
    const metric = (name: string) => {
      const row = lt.rows.find((x) => lt.text(x, "Metric").toLowerCase() === name.toLowerCase());
      return row ? lt.get(row, "Value") : "";
    };
    const num = (name: string) => {
      const v = metric(name);
      return typeof v === "number" ? v : 0;
    };
    const liqCall: Call = { fn: "LIQUIDITY", args: [{ input: "Positions" }, { input: "Collateral" }, { input: "Scenarios" }] };
    const qr = await callRegistry(liqCall, inputs, options);
    const qt = spillTable(qr, "OVERLAY.LIQUIDITY", false);
    const isExhaust = (row: (typeof qt.rows)[number]) => /to exhaust/i.test(qt.text(row, "Scenario"));
    const scenarios = qt.rows.filter((row) => !isExhaust(row));
    const exhaust = qt.rows.filter(isExhaust);

    const nav = num("NAV");
    const trade = num("Trade to range");
    const lo = num("Min");
    const hi = num("Max");
    const before = num("Net leverage");
    const after = nav > 0 ? before + trade / nav : before;
    const trades: TradeLine[] =
      trade === 0
        ? []
        : [
            {
              assetClass: "Plan",
              instrument: "Synthetic exposure (futures)",
              side: trade > 0 ? "Buy" : "Sell",
              quantity: Math.abs(trade),
              unit: "exposure",
              notional: trade,
              note: "size per class with OVERLAY.CONTRACTS",
            },
          ];
    const lines: ExposureLine[] = [
      { name: "Net leverage", before, after, target: typeof metric("Target") === "number" ? num("Target") : undefined, min: lo, max: hi },
    ];
    const short = scenarios.filter((row) => (qt.num(row, "Coverage") ?? 0) < minCoverage - 1e-12);
    const checks: Check[] = [
      {
        name: "Net leverage within range",
        status: after >= lo - 1e-9 && after <= hi + 1e-9 ? "pass" : "fail",
        detail: `Net leverage ${before.toFixed(3)} before, ${after.toFixed(3)} after; the range is ${fmtNumber(lo)} to ${fmtNumber(hi)}.`,
      },
      {
        name: "Collateral covers every scenario",
        status: short.length === 0 ? "pass" : "fail",
        detail:
          short.length === 0
            ? `Coverage is at least ${fmtNumber(minCoverage)} in all ${scenarios.length} scenarios (lowest ${Math.min(...scenarios.map((row) => qt.num(row, "Coverage") ?? 0)).toFixed(2)}).`
            : `Below ${fmtNumber(minCoverage)}: ${short.map((row) => `${qt.text(row, "Scenario")} ${(qt.num(row, "Coverage") ?? 0).toFixed(2)} (need ${fmtMoney(qt.num(row, "Need") ?? 0)})`).join("; ")}.`,
      },
    ];
    const notes = [
      `NAV ${fmtMoney(nav)}; gross leverage ${num("Gross leverage").toFixed(3)}, net leverage ${before.toFixed(3)}.`,
      ...exhaust.map((row) => {
        const shock = qt.num(row, "Shock");
        const name = qt.text(row, "Scenario");
        if (shock === undefined) return `${name}: ${qt.text(row, "Status")}.`;
        return /bp/i.test(name) ? `${name}: ${fmtNumber(Math.round(shock))} bp.` : `${name}: ${(shock * 100).toFixed(1)}%.`;
      }),
    ];
    return {
      workflow: "leverage",
      label: "Leverage & liquidity",
      headline: headline(trades, checks),
      inputs: [],
      options: describeOptions(OPTIONS, options),
      trades,
      exposures: { title: "Net leverage before and after", format: "ratio", lines },
      checks,
      chart: {
        kind: "bars",
        title: "Liquidity coverage by scenario",
        xTitle: "Scenario",
        yTitle: "Collateral / need",
        format: "ratio",
        categories: scenarios.map((row) => qt.text(row, "Scenario")),
        series: [
          { name: "Coverage", values: scenarios.map((row) => qt.num(row, "Coverage") ?? 0) },
          { name: "Minimum", values: scenarios.map(() => minCoverage), line: true },
        ],
      },
      results: [resultTable("Leverage", levCall, lr, inputs, options), resultTable("Liquidity stress", liqCall, qr, inputs, options)],
      notes,
    };
  },
};
