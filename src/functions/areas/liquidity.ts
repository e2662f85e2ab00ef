/**
 * Liquidity of the overlay under stress: OVERLAY.LIQUIDITY, OVERLAY.LADDER, OVERLAY.RESILIENCE.
 * Thin: parse the arguments, call the engine, lay out the spill. Loaded on first use, as a chunk of its own:
 * the JSDoc'd functions Excel sees, and the registry entries, are in catalogue/liquidity.ts. Each has a typed half (…Result) for workflows.
 */
import { argMatrix, argOptionalNumber } from "../../engine/core/cells";
import { LiquidityReport, liquidityReport, readLiquidity } from "../../engine/leverage/liquidity";
import { Buffer, TPR_MARKET_BUFFER_BP, TPR_OPERATIONAL_BUFFER_BP } from "../../engine/stress/buffer";
import { Resilience, Trade, resilience } from "../../engine/stress/resilience";
import { ScenarioOutcome } from "../../engine/stress/stress";
import { run, spill } from "../excel";

const day = (d: number | undefined) => (d === undefined ? "" : `T+${d}`);

function bufferStatus(b: Buffer): string {
  if (b.status === "beyond") return b.kind === "rate" ? `beyond +${b.limit} bp` : "beyond a 100% fall";
  if (b.status === "no positions") return b.kind === "rate" ? "no rate positions" : "no return positions";
  return b.status;
}

function bufferRow(label: string, b: Buffer) {
  const o = b.outcome;
  return [
    label,
    o ? o.loss.total : "",
    "",
    o ? o.loss.initialMargin : "",
    o ? o.postedIm : "",
    o ? o.need : "",
    o ? o.available : "",
    o && o.coverage !== undefined ? o.coverage : "",
    bufferStatus(b),
    "",
    o?.lastTier ?? "",
    b.shock ?? "",
  ];
}

function scenarioRow(s: ScenarioOutcome & { linearLoss: number; status: string }) {
  return [
    s.scenario,
    s.loss.total,
    s.linearLoss,
    s.loss.initialMargin,
    s.postedIm,
    s.need,
    s.available,
    s.coverage ?? "",
    s.status,
    day(s.coveredBy),
    s.lastTier ?? "",
    "",
  ];
}

/** The typed half of OVERLAY.LIQUIDITY: the engine's report. */
export function liquidityResult(positions: any[][], collateral: any[][], scenarios: any[][]): LiquidityReport {
  return liquidityReport(
    readLiquidity(argMatrix(positions, "positions"), argMatrix(collateral, "collateral"), argMatrix(scenarios, "scenarios")),
  );
}

/** OVERLAY.LIQUIDITY: its JSDoc (the function reference) is in catalogue/liquidity.ts. */
export function liquidity(...args: Parameters<typeof liquidityResult>) {
  return run(() => {
    const r = liquidityResult(...args);
    return spill(
      [
        "Scenario",
        "Variation margin",
        "Linear VM",
        "Initial margin",
        "Posted IM",
        "Need",
        "Available",
        "Coverage",
        "Status",
        "Covered by",
        "Last tier",
        "Shock",
      ],
      [
        ...r.scenarios.map(scenarioRow),
        bufferRow("Rate rise to exhaust (bp)", r.rateRise),
        bufferRow("Equity fall to exhaust", r.equityFall),
      ],
    );
  });
}

/** The typed half of OVERLAY.LADDER: the same report (its ladders). */
export function ladderResult(positions: any[][], collateral: any[][], scenarios: any[][]): LiquidityReport {
  return liquidityResult(positions, collateral, scenarios);
}

/** OVERLAY.LADDER: its JSDoc (the function reference) is in catalogue/liquidity.ts. */
export function ladder(...args: Parameters<typeof ladderResult>) {
  return run(() => {
    const r = ladderResult(...args);
    return spill(
      ["Scenario", "Day", "Cash VM", "CSA VM", "IM top-up", "Met", "Shortfall", "Spare", "Last tier"],
      r.scenarios.flatMap((s) =>
        s.ladder.map((st) => [
          s.scenario,
          day(st.day),
          s.needs.cashVm,
          s.needs.csaVm,
          s.needs.imTopUp,
          st.cashVm + st.csaVm + st.im,
          st.shortfall,
          st.spare,
          st.lastTier ?? "",
        ]),
      ),
    );
  });
}

/** The typed half of OVERLAY.RESILIENCE. */
export function resilienceResult(
  positions: any[][],
  collateral: any[][],
  hedgeRatio?: any,
  leverage?: any,
  nav?: any,
  marketBp?: any,
  operationalBp?: any,
): Resilience {
  const inp = readLiquidity(argMatrix(positions, "positions"), argMatrix(collateral, "collateral"));
  const market = argOptionalNumber(marketBp, "marketBp", { min: TPR_MARKET_BUFFER_BP, max: 2000 }) ?? TPR_MARKET_BUFFER_BP;
  const operational = argOptionalNumber(operationalBp, "operationalBp", { min: 0, max: 1000 }) ?? TPR_OPERATIONAL_BUFFER_BP;
  return resilience(inp.book, inp.collateral, {
    marketBp: market,
    operationalBp: operational,
    hedgeRatio: argOptionalNumber(hedgeRatio, "hedgeRatio", { min: 0, max: 10 }),
    leverage: argOptionalNumber(leverage, "leverage", { min: 0, max: 100 }),
    nav: argOptionalNumber(nav, "nav", { min: 0, minExclusive: true, max: 1e15 }),
  });
}

function tradeRows(trigger: string, trades: Trade[]) {
  return trades.map((t) => [trigger, t.id, t.quantity, t.trade, t.after]);
}

/** OVERLAY.RESILIENCE: its JSDoc (the function reference) is in catalogue/liquidity.ts. */
export function resilienceFn(...args: Parameters<typeof resilienceResult>) {
  return run(() => {
    const r = resilienceResult(...args);
    const b = r.buffer;
    const rows: unknown[][] = [
      ["Buffer (bp)", b.shock ?? "", bufferStatus(b)],
      ["Required buffer (bp)", r.requiredBp, `market stress ${r.marketBp} + operational ${r.operationalBp}`],
      ["Meets the requirement", r.meets, ""],
      ["Maximum scale of the rate hedge", r.maxScale ?? "", r.maxScaleStatus],
      ["Maximum hedge ratio", r.maxHedgeRatio ?? "", r.maxHedgeRatio === undefined ? "give hedgeRatio" : ""],
      ["Maximum leverage", r.maxLeverage ?? "", r.maxLeverage === undefined ? "give leverage and nav" : ""],
      ["Top-up trigger (bp rise)", r.topUpAtBp ?? "", r.topUpAtBp === 0 ? "now" : ""],
      ["Top-up cash", r.topUpCash ?? "", "restores the buffer at the trigger"],
      ["Deleverage trigger (bp rise)", r.deleverageAtBp ?? "", r.deleverageAtBp === 0 ? "now" : ""],
      ["Deleverage scale", r.deleverageScale ?? "", "of the rate positions, restores the required buffer"],
    ];
    const trades = [...tradeRows("Maximum hedge", r.toMaximum), ...tradeRows("Deleverage", r.deleverageTrades)];
    const out: unknown[][] = [["Metric", "Value", "Note", "", ""], ...rows];
    if (trades.length > 0) out.push(["", "", "", "", ""], ["Trigger", "Position", "Quantity", "Trade", "After"], ...trades);
    return out;
  });
}
