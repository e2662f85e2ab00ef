/**
 * Leverage & liquidity: the plan's leverage against its limits (OVERLAY.LEVERAGE) and the margin calls
 * of its derivatives under stress against the collateral, fully revalued (OVERLAY.LIQUIDITY), with the buffer
 * and the resilience figure (OVERLAY.RESILIENCE). The trade, when the net leverage is outside its range (or a
 * target is set), is the synthetic exposure to add or remove.
 * Guardrails: net leverage within [min, max] after the trade, collateral coverage at least the minimum
 * in every scenario, every call met by T+1, the buffer at least TPR's market stress plus operational buffer.
 * The liquidity figures come from the typed halves (callTyped); LEVERAGE has no typed half yet, so its spill is
 * still read by header.
 */
import type { LiquidityReport } from "../../../engine/leverage/liquidity";
import type { Buffer } from "../../../engine/stress/buffer";
import type { Resilience } from "../../../engine/stress/resilience";
import { Call, callRegistry, callTyped, describeOptions, withDefaults } from "../call";
import { LeverageReport } from "../../../engine/leverage/leverage";
import { fmtMoney, fmtNumber, headline, numberOption } from "../checks";
import { Check, ExposureLine, Figure, TradeLine, Workflow } from "../model";
import { bookArg, resultTable } from "./futuresCommon";
import { isBookTable } from "../../../engine/book/positions";

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
  {
    key: "marketBp",
    label: "Market stress buffer (bp)",
    kind: "number",
    default: 250,
    help: "TPR (April 2023): at least 250bp of rate rise the collateral absorbs.",
  },
  {
    key: "operationalBp",
    label: "Operational buffer (bp)",
    kind: "number",
    default: 100,
    help: "On top of the market stress buffer, for day-to-day moves (TPR's example: 100bp).",
  },
] as const satisfies Workflow["options"];

export const leverageWorkflow: Workflow = {
  id: "leverage",
  label: "Leverage & liquidity",
  summary: "Plan leverage against its limits, and whether the collateral meets margin calls under stress.",
  inputs: [
    { name: "Portfolio", columns: "Asset class, Market value, Target, Min, Max; optional Overlay (synthetic exposure)" },
    {
      name: "Positions",
      columns:
        "Contract, Quantity, Factor; optional Kind, Price, Multiplier, Margin, DV01, FX, FX factor, Spread factor, Coupon, Years, Yield, Conversion factor, option terms",
    },
    {
      name: "Collateral",
      columns: "Asset, Value; optional Haircut, Tier, Eligible, Days to cash, Posted, Factor, Spread factor, Coupon, Years, Yield",
    },
    {
      name: "Scenarios",
      columns:
        "Scenario, then one shock column per factor (returns; bp for rates, by key tenor or parallel, and spreads); optional IM and Haircut multipliers",
    },
  ],
  options: OPTIONS,
  async compute(inputs, raw) {
    const options = withDefaults(OPTIONS, raw);
    const minCoverage = numberOption(options, "minCoverage", "Minimum coverage", { min: 0 }) ?? 1;
    // One book: the Positions table the stress revalues is the book LEVERAGE derives exposure from (when it is the
    // book's table; LIQUIDITY's own stress layout names no asset classes, so it cannot reach leverage).
    const levCall: Call = {
      fn: "LEVERAGE",
      args: [
        { input: "Portfolio" },
        { option: "min" },
        { option: "max" },
        { option: "target" },
        ...(inputs.Positions && isBookTable(inputs.Positions.values) ? bookArg(inputs) : []),
      ],
    };
    const lev = await callTyped<LeverageReport>(levCall, inputs, options);
    const lr = await callRegistry(levCall, inputs, options);
    const liqCall: Call = { fn: "LIQUIDITY", args: [{ input: "Positions" }, { input: "Collateral" }, { input: "Scenarios" }] };
    const liq = await callTyped<LiquidityReport>(liqCall, inputs, options);
    const qr = await callRegistry(liqCall, inputs, options);
    const resCall: Call = {
      fn: "RESILIENCE",
      args: [
        { input: "Positions" },
        { input: "Collateral" },
        { value: undefined },
        { value: undefined },
        { value: undefined },
        { option: "marketBp" },
        { option: "operationalBp" },
      ],
    };
    const res = await callTyped<Resilience>(resCall, inputs, options);
    const rr = await callRegistry(resCall, inputs, options);
    const scenarios = liq.scenarios;

    const nav = lev.nav;
    const trade = lev.tradeToRange;
    const lo = lev.min;
    const hi = lev.max;
    const before = lev.netLeverage;
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
    const lines: ExposureLine[] = [{ name: "Net leverage", before, after, target: lev.target, min: lo, max: hi }];
    const cov = (sc: (typeof scenarios)[number]) => sc.coverage ?? Infinity;
    const short = scenarios.filter((sc) => cov(sc) < minCoverage - 1e-12);
    const late = scenarios.filter((sc) => sc.coveredBy === undefined || sc.coveredBy > 1);
    const lowest = Math.min(...scenarios.map(cov));
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
            ? `Coverage is at least ${fmtNumber(minCoverage)} in all ${scenarios.length} scenarios` +
              (Number.isFinite(lowest) ? ` (lowest ${lowest.toFixed(2)}).` : " (no scenario makes a margin call).")
            : `Below ${fmtNumber(minCoverage)}: ${short.map((sc) => `${sc.scenario} ${cov(sc).toFixed(2)} (need ${fmtMoney(sc.need)})`).join("; ")}.`,
      },
      {
        name: "Margin calls met by T+1",
        status: late.length === 0 ? "pass" : "fail",
        detail:
          late.length === 0
            ? `Every scenario's calls are met from eligible collateral or cash raised by T+1.`
            : `Not met by T+1: ${late
                .map(
                  (sc) =>
                    `${sc.scenario} (${sc.coveredBy === undefined ? "short at T+5" : `met at T+${sc.coveredBy}`}; short ${fmtMoney(sc.ladder[1]?.shortfall ?? 0)} at T+1)`,
                )
                .join("; ")}.`,
      },
      {
        name: "Buffer meets TPR's market stress plus operational buffer",
        status: res.meets ? "pass" : "fail",
        detail: `${bufferText(res.buffer)}; required ${fmtNumber(res.requiredBp)} bp (market stress ${fmtNumber(res.marketBp)} + operational ${fmtNumber(res.operationalBp)}).`,
      },
    ];
    const notes = [
      `NAV ${fmtMoney(nav)}; gross leverage ${lev.grossLeverage.toFixed(3)}, net leverage ${before.toFixed(3)}.`,
      `Rate rise to exhaust the collateral (full revaluation): ${bufferText(liq.rateRise)}.`,
      `Equity fall to exhaust the collateral: ${bufferText(liq.equityFall)}.`,
      ...scenarios.map(
        (sc) =>
          `${sc.scenario}: variation margin ${fmtMoney(sc.loss.total)} fully revalued (linear ${fmtMoney(sc.linearLoss)}); need ${fmtMoney(sc.need)}, ` +
          `${sc.coveredBy === undefined ? "short at T+5" : `met by T+${sc.coveredBy}`}.`,
      ),
      ...(liq.linear.length ? [`Valued by DV01 only (no cash flows given): ${liq.linear.join(", ")}.`] : []),
      ...resilienceNotes(res),
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
      figures: [
        { title: "Collateral buffer (TPR, April 2023)", rows: bufferFigures(res) },
        {
          title: "Variation margin under stress: full revaluation (linear)",
          rows: scenarios.map((sc) => ({
            label: sc.scenario,
            value: sc.loss.total,
            format: "money" as const,
            unit: `linear ${fmtMoney(sc.linearLoss)}`,
          })),
        },
      ],
      chart: {
        kind: "bars",
        title: "Liquidity coverage by scenario",
        xTitle: "Scenario",
        yTitle: "Collateral / need",
        format: "ratio",
        categories: scenarios.map((sc) => sc.scenario),
        series: [
          { name: "Coverage", values: scenarios.map((sc) => sc.coverage ?? 0) },
          { name: "Minimum", values: scenarios.map(() => minCoverage), line: true },
        ],
      },
      results: [
        resultTable("Leverage", levCall, lr, inputs, options),
        resultTable("Liquidity stress", liqCall, qr, inputs, options),
        resultTable("Resilience", resCall, rr, inputs, options),
      ],
      notes,
    };
  },
};

function bufferText(b: Buffer): string {
  if (b.status === "beyond") return b.kind === "rate" ? `beyond +${fmtNumber(b.limit)} bp` : "beyond a 100% fall";
  if (b.status === "no positions") return b.kind === "rate" ? "no rate positions" : "no return positions";
  if (b.status === "short already") return "short already (the collateral does not cover today's initial margin)";
  return b.kind === "rate" ? `${fmtNumber(Math.round(b.shock!))} bp` : `a ${(b.shock! * 100).toFixed(1)}% fall`;
}

function bufferFigures(r: Resilience): Figure[] {
  const out: Figure[] = [];
  if (r.buffer.shock !== undefined) out.push({ label: "Buffer", value: r.buffer.shock, format: "number", unit: "bp of rate rise" });
  out.push({
    label: "Required",
    value: r.requiredBp,
    format: "number",
    unit: `bp (market ${fmtNumber(r.marketBp)} + operational ${fmtNumber(r.operationalBp)})`,
  });
  if (r.maxScale !== undefined) out.push({ label: "Largest rate hedge sustained", value: r.maxScale, format: "ratio", unit: "x today's" });
  if (r.topUpAtBp !== undefined) out.push({ label: "Top up after", value: r.topUpAtBp, format: "number", unit: "bp rise" });
  if (r.topUpCash !== undefined) out.push({ label: "Top-up cash", value: r.topUpCash, format: "money" });
  if (r.deleverageAtBp !== undefined) out.push({ label: "Deleverage after", value: r.deleverageAtBp, format: "number", unit: "bp rise" });
  return out;
}

function resilienceNotes(r: Resilience): string[] {
  const out: string[] = [];
  if (r.maxScale !== undefined) {
    out.push(
      `Resilience: the collateral sustains ${r.maxScale.toFixed(2)} times today's rate hedge at a ${fmtNumber(r.requiredBp)} bp buffer.`,
    );
  } else out.push(`Resilience: ${r.maxScaleStatus}.`);
  if (r.topUpAtBp !== undefined) {
    out.push(
      `Top up ${r.topUpAtBp === 0 ? "now" : `after a ${fmtNumber(Math.round(r.topUpAtBp))} bp rise`}: ${fmtMoney(r.topUpCash ?? 0)} of cash restores the buffer.`,
    );
  }
  if (r.deleverageAtBp !== undefined) {
    const trades = r.deleverageTrades.map((t) => `${t.trade > 0 ? "buy" : "sell"} ${fmtNumber(Math.abs(t.trade))} ${t.id}`).join(", ");
    out.push(
      `Deleverage ${r.deleverageAtBp === 0 ? "now" : `after a ${fmtNumber(Math.round(r.deleverageAtBp))} bp rise`} (operational buffer used up): ` +
        (trades ? `${trades}, restoring the ${fmtNumber(r.requiredBp)} bp buffer.` : "no trade needed."),
    );
  }
  return out;
}
