/**
 * Exposure, cash and rebalancing: OVERLAY.CONTRACTS, EXPOSURE, EQUITISE, REBALANCE.
 * Thin: parse the arguments, call the engine, lay out the spill.
 */
import { argChoice, argNumber, argOptionalNumber, argMatrix } from "../../engine/core/cells";
import { ROUNDING_MODES, roundContracts } from "../../engine/core/rounding";
import { sumSnapped } from "../../engine/core/sum";
import { EQUITISE_MODES, equitise as equitiseEngine } from "../../engine/futures/equitise";
import { contractsFor, readFutures } from "../../engine/futures/futures";
import { Book } from "../../engine/book/derive";
import { Reconciliation, reconcile } from "../../engine/book/effective";
import { EquitiseResult } from "../../engine/futures/equitise";
import { ExposureReport, exposureReport } from "../../engine/portfolio/exposure";
import { equitiseOptimal, rebalanceOptimal } from "../../engine/rebalance/optimalRounding";
import {
  ILLIQUID_POLICIES,
  GroupLine,
  REBALANCE_RULES,
  REBALANCE_TRIGGERS,
  RebalanceResult,
  rebalance as rebalanceEngine,
} from "../../engine/rebalance/rebalance";
import { run, spill } from "../excel";
import { entry } from "../def";
import { readPlanArgs } from "./book";
import { legSpillRows } from "../legs";

/**
 * Futures contracts for an exposure: exposure x beta / (price x multiplier x fx), rounded.
 * @customfunction CONTRACTS
 * @param {any} exposure Exposure to add in base currency; negative to remove.
 * @param {any} price Futures price, in the contract's currency.
 * @param {any} multiplier Contract multiplier (currency per index point), e.g. 50 for E-mini S&P 500.
 * @param {any} [beta] Beta of the exposure to the future's underlying. Default 1.
 * @param {any} [fx] Base currency per unit of the contract's currency. Default 1.
 * @param {any} [rounding] "nearest" (default, half away from zero), "down" (toward zero), "up" (away from zero) or "none".
 * @returns {any} Number of contracts (negative = sell).
 */
export function contracts(exposure: any, price: any, multiplier: any, beta?: any, fx?: any, rounding?: any) {
  return run(() => contractsResult(exposure, price, multiplier, beta, fx, rounding));
}

/** The typed half of CONTRACTS: the number of contracts. */
export function contractsResult(exposure: any, price: any, multiplier: any, beta?: any, fx?: any, rounding?: any): number {
  const e = argNumber(exposure, "exposure", { min: -1e15, max: 1e15 });
  const p = argNumber(price, "price", { min: 0, minExclusive: true, max: 1e15 });
  const m = argNumber(multiplier, "multiplier", { min: 0, minExclusive: true, max: 1e15 });
  const b = argNumber(beta, "beta", { default: 1, min: 0, minExclusive: true, max: 100 });
  const f = argNumber(fx, "fx", { default: 1, min: 0, minExclusive: true, max: 1e15 });
  const mode = argChoice(rounding, "rounding", ROUNDING_MODES, "nearest");
  return roundContracts(contractsFor(e, { price: p, multiplier: m, beta: b, fx: f }), mode);
}

/** The typed half of EXPOSURE: the report over the effective plan (Portfolio + Positions), and its reconciliation. */
export function exposureResult(
  portfolio: any[][],
  positions?: any[][],
  valuationDate?: any,
): ExposureReport & { nav: number; reconciliation: Reconciliation; book?: Book } {
  const { plan, book } = readPlanArgs(portfolio, positions, valuationDate);
  return { ...exposureReport(plan), nav: plan.nav, reconciliation: reconcile(plan), book };
}

/**
 * Exposure report: physical, synthetic and effective exposure per asset class, weights over NAV, and each class against its target and range, with a Total row. Synthetic exposure is financed from cash (the Cash row's Synthetic is the funding leg) unless declared levered, so the Total's effective exposure is NAV x (1 + declared leverage).
 * @customfunction EXPOSURE
 * @param {any[][]} portfolio Portfolio table with headers: Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay, Levered, Duration. Weights as decimals.
 * @param {any[][]} [positions] Positions table (the book): the synthetic exposure per class is derived from it (see OVERLAY.BOOK).
 * @param {any} [valuationDate] Excel date serial, for options given by Expiry.
 * @returns {any[][]} Table: Asset class, Physical, Synthetic, Effective, Physical weight, Effective weight, Target, Min, Max, Deviation, Status.
 */
export function exposure(portfolio: any[][], positions?: any[][], valuationDate?: any) {
  return run(() => {
    const r = exposureResult(portfolio, positions, valuationDate);
    return spill(
      [
        "Asset class",
        "Physical",
        "Synthetic",
        "Effective",
        "Physical weight",
        "Effective weight",
        "Target",
        "Min",
        "Max",
        "Deviation",
        "Status",
      ],
      [
        ...r.lines.map((l) => [
          l.assetClass,
          l.physical,
          l.synthetic,
          l.effective,
          l.physicalWeight,
          l.effectiveWeight,
          l.target,
          l.min,
          l.max,
          l.deviation,
          l.status,
        ]),
        [
          "Total",
          r.total.physical,
          r.total.synthetic,
          r.total.effective,
          r.total.physicalWeight,
          r.total.effectiveWeight,
          r.total.target,
          "",
          "",
          r.total.deviation,
          "",
        ],
      ],
    );
  });
}

/** The typed half of EQUITISE: the engine's result (a Promise with rounding "optimal") and the plan's NAV. */
export function equitiseResult(
  portfolio: any[][],
  futures: any[][],
  cash?: any,
  buffer?: any,
  mode?: any,
  rounding?: any,
  positions?: any[][],
  cashNeeds?: any,
): (EquitiseResult & { nav: number }) | Promise<EquitiseResult & { nav: number }> {
  const { plan } = readPlanArgs(portfolio, positions);
  const fut = readFutures(argMatrix(futures, "futures"), plan);
  const opts = {
    cash: argOptionalNumber(cash, "cash", { min: -1e15, max: 1e15 }),
    buffer: argOptionalNumber(buffer, "buffer", { min: -1e15, max: 1e15 }),
    cashNeeds: argOptionalNumber(cashNeeds, "cashNeeds", { min: 0, max: 1e15 }),
    mode: argChoice(mode, "mode", EQUITISE_MODES, "target"),
  };
  if (argChoice(rounding, "rounding", CONTRACT_ROUNDING, "nearest") === "optimal") {
    return equitiseOptimal(plan, fut, opts).then((r) => ({ ...r, nav: plan.nav }));
  }
  return { ...equitiseEngine(plan, fut, opts), nav: plan.nav };
}

/**
 * Cash equitisation: futures that invest the cash above a buffer, pro rata to targets or filling underweights first, never buying a class above its max (nor selling below its min), nor a group above its Group max (below its Group min): what no range or band can take stays in cash. Illiquid classes are equitised through their proxy's futures. Cash that finances existing futures (the funding leg) is not invested again.
 * @customfunction EQUITISE
 * @param {any[][]} portfolio Portfolio table (Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay, Levered, Duration, Group, Group min, Group max). A row named Cash is the plan's cash.
 * @param {any[][]} futures Futures table: Asset class, Contract, Price, Multiplier; optional Beta, FX, Margin, DV01 (sizes rate futures by DV01 for a class with a Duration), Weight (several futures for a class: a basket, Weights adding to 1).
 * @param {any} [cash] Cash to equitise, base currency. Default: the Cash row's effective exposure (its market value less the funding leg).
 * @param {any} [buffer] Cash to keep uninvested, base currency. Default: cashNeeds, else Cash target x NAV.
 * @param {any} [mode] "target" (default: pro rata to the targets of the non-cash classes) or "underweight" (fill underweights first).
 * @param {any} [rounding] "nearest" (default: each class to its nearest whole contract) or "optimal" (whole contracts minimising the summed absolute residuals of the classes plus the absolute residual left in cash; HiGHS MILP, 2 s time limit, never worse than nearest).
 * @param {any[][]} [positions] Positions table (the book): the synthetic exposure and its funding leg are derived from it.
 * @param {any} [cashNeeds] Known cash needs (benefit payments, capital calls) over the horizon, base currency: the buffer when none is given.
 * @returns {any[][]} Table: Asset class, Exposure, Contract, Contracts, Notional, Residual (a class with a basket of futures: one row per future), with a Total row.
 */
export function equitise(
  portfolio: any[][],
  futures: any[][],
  cash?: any,
  buffer?: any,
  mode?: any,
  rounding?: any,
  positions?: any[][],
  cashNeeds?: any,
) {
  return run(() => {
    const r = equitiseResult(portfolio, futures, cash, buffer, mode, rounding, positions, cashNeeds);
    return r instanceof Promise ? r.then(equitiseSpill) : equitiseSpill(r);
  });
}

function equitiseSpill(r: EquitiseResult) {
  return spill(
    ["Asset class", "Exposure", "Contract", "Contracts", "Notional", "Residual"],
    [
      ...r.lines.flatMap((l) =>
        legSpillRows([l.assetClass, l.exposure, l.contract, l.contracts ?? "", l.notional ?? "", l.residual ?? ""], l.legs, {
          1: (g) => g.asked,
          2: (g) => g.contract,
          3: (g) => g.contracts,
          4: (g) => g.notional,
          5: (g) => g.asked - g.exposure,
        }),
      ),
      ["Total", r.total.exposure, "", "", r.total.notional, r.total.residual],
    ],
  );
}

/** Rounding of whole contracts in REBALANCE and EQUITISE. */
const CONTRACT_ROUNDING = ["nearest", "optimal"] as const;

/** The typed half of REBALANCE: the engine's result (a Promise with rounding "optimal") and the plan's NAV. */
export function rebalanceResult(
  portfolio: any[][],
  futures: any[][],
  rule?: any,
  trigger?: any,
  rounding?: any,
  positions?: any[][],
  illiquid?: any,
): (RebalanceResult & { nav: number }) | Promise<RebalanceResult & { nav: number }> {
  const { plan } = readPlanArgs(portfolio, positions);
  const fut = readFutures(argMatrix(futures, "futures"), plan);
  const round = argChoice(rounding, "rounding", CONTRACT_ROUNDING, "nearest");
  const opts = {
    rule: argChoice(rule, "rule", REBALANCE_RULES, "target"),
    trigger: argChoice(trigger, "trigger", REBALANCE_TRIGGERS, "bands"),
    illiquid: argChoice(illiquid, "illiquid", ILLIQUID_POLICIES, "rule"),
  };
  if (round === "optimal") return rebalanceOptimal(plan, fut, opts).then((r) => ({ ...r, nav: plan.nav }));
  return { ...rebalanceEngine(plan, fut, opts), nav: plan.nav };
}

/**
 * Rebalancing trades back to the SAA with futures. Trades sum to zero; every class inside its range, and every group inside its band, stays inside after whole contracts, one outside moves towards it (or a note says which range or band cannot be met); illiquid classes are offset through their proxy's futures as far as the proxy's range allows; Cash is the funding leg.
 * @customfunction REBALANCE
 * @param {any[][]} portfolio Portfolio table (Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay, Levered, Duration, Group, Group min, Group max).
 * @param {any[][]} futures Futures table: Asset class, Contract, Price, Multiplier; optional Beta, FX, Margin, DV01 (sizes rate futures by DV01 for a class with a Duration), Weight (several futures for a class: a basket, Weights adding to 1).
 * @param {any} [rule] "target" (default: back to target), "edge" (to the nearest range bound) or "halfway" (halfway from the bound to the target).
 * @param {any} [trigger] "bands" (default: trade only when a class is outside its range) or "always" (calendar rebalancing).
 * @param {any} [rounding] "nearest" (default: whole contracts per class) or "optimal" (whole contracts minimising the summed absolute distance of all post-trade weights, Cash included, to their goals; HiGHS MILP, 2 s time limit, never worse than nearest).
 * @param {any[][]} [positions] Positions table (the book): the synthetic exposure and its funding leg are derived from it.
 * @param {any} [illiquid] The policy for an illiquid class outside its range, offset through its proxy: "rule" (default: as the rule), "edge" (to the nearest bound) or "target".
 * @returns {any[][]} Table: Asset class, Weight, Target, Min, Max, Status, Goal, Trade, Contract, Contracts, Notional, Post weight, Post status (a class with a basket of futures: one row per future), with a Total row, one Group row per group band (summed weights, band, status before and after) and the notes.
 */
export function rebalance(
  portfolio: any[][],
  futures: any[][],
  rule?: any,
  trigger?: any,
  rounding?: any,
  positions?: any[][],
  illiquid?: any,
) {
  return run(() => {
    const r = rebalanceResult(portfolio, futures, rule, trigger, rounding, positions, illiquid);
    return r instanceof Promise ? r.then((x) => rebalanceSpill(x.lines, x.notes, x.groups)) : rebalanceSpill(r.lines, r.notes, r.groups);
  });
}

type Line = ReturnType<typeof rebalanceEngine>["lines"][number];

/** The rebalance table; group bands, then notes (ranges moved or that cannot be met) follow the Total row, one a row. */
export function rebalanceSpill(lines: Line[], notes: readonly string[] = [], groups: readonly GroupLine[] = []) {
  const sum = (f: (l: Line) => number) => lines.reduce((s, l) => s + f(l), 0);
  return spill(
    [
      "Asset class",
      "Weight",
      "Target",
      "Min",
      "Max",
      "Status",
      "Goal",
      "Trade",
      "Contract",
      "Contracts",
      "Notional",
      "Post weight",
      "Post status",
    ],
    [
      ...lines.flatMap((l) =>
        legSpillRows(
          [
            l.assetClass,
            l.weight,
            l.target,
            l.min,
            l.max,
            l.status,
            l.goal,
            l.trade,
            l.contract,
            l.contracts ?? "",
            l.notional ?? "",
            l.postWeight,
            l.postStatus,
          ],
          l.legs,
          { 7: (g) => g.asked, 8: (g) => g.contract, 9: (g) => g.contracts, 10: (g) => g.notional },
        ),
      ),
      [
        "Total",
        sum((l) => l.weight),
        sum((l) => l.target),
        "",
        "",
        "",
        sum((l) => l.goal),
        sumSnapped(lines.map((l) => l.trade)),
        "",
        "",
        sum((l) => l.notional ?? 0),
        sum((l) => l.postWeight),
        "",
      ],
      ...groups.map((g) => [
        `Group ${g.group}`,
        g.weight,
        g.target,
        g.min ?? "",
        g.max ?? "",
        g.status,
        g.goal,
        "",
        "",
        "",
        "",
        g.postWeight,
        g.postStatus,
      ]),
      ...notes.map((n) => ["Note", n, "", "", "", "", "", "", "", "", "", "", ""]),
    ],
  );
}

export const PORTFOLIO_FUNCTIONS = [
  entry("CONTRACTS", contracts, "exposure, price, multiplier, [beta], [fx], [rounding]", contractsResult),
  entry("EXPOSURE", exposure, "portfolio#, [positions#], [valuationDate]", exposureResult),
  entry("EQUITISE", equitise, "portfolio#, futures#, [cash], [buffer], [mode], [rounding], [positions#], [cashNeeds]", equitiseResult),
  entry("REBALANCE", rebalance, "portfolio#, futures#, [rule], [trigger], [rounding], [positions#], [illiquid]", rebalanceResult),
];
