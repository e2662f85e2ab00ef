/**
 * Exposure, cash and rebalancing: OVERLAY.CONTRACTS, EXPOSURE, EQUITISE, REBALANCE.
 * Thin: parse the arguments, call the engine, lay out the spill.
 */
import { argChoice, argNumber, argOptionalNumber, argMatrix } from "../../engine/core/cells";
import { ROUNDING_MODES, roundContracts } from "../../engine/core/rounding";
import { sumSnapped } from "../../engine/core/sum";
import { EQUITISE_MODES, equitise as equitiseEngine } from "../../engine/futures/equitise";
import { contractsFor, readFutures } from "../../engine/futures/futures";
import { exposureReport } from "../../engine/portfolio/exposure";
import { readPortfolio } from "../../engine/portfolio/portfolio";
import { equitiseOptimal, rebalanceOptimal } from "../../engine/rebalance/optimalRounding";
import { REBALANCE_RULES, REBALANCE_TRIGGERS, rebalance as rebalanceEngine } from "../../engine/rebalance/rebalance";
import { run, spill } from "../excel";
import { entry } from "../def";

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
  return run(() => {
    const e = argNumber(exposure, "exposure", { min: -1e15, max: 1e15 });
    const p = argNumber(price, "price", { min: 0, minExclusive: true, max: 1e15 });
    const m = argNumber(multiplier, "multiplier", { min: 0, minExclusive: true, max: 1e15 });
    const b = argNumber(beta, "beta", { default: 1, min: 0, minExclusive: true, max: 100 });
    const f = argNumber(fx, "fx", { default: 1, min: 0, minExclusive: true, max: 1e15 });
    const mode = argChoice(rounding, "rounding", ROUNDING_MODES, "nearest");
    return roundContracts(contractsFor(e, { price: p, multiplier: m, beta: b, fx: f }), mode);
  });
}

/**
 * Exposure report: physical, synthetic and effective exposure per asset class, weights over NAV, and each class against its target and range, with a Total row.
 * @customfunction EXPOSURE
 * @param {any[][]} portfolio Portfolio table with headers: Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay. Weights as decimals.
 * @returns {any[][]} Table: Asset class, Physical, Synthetic, Effective, Physical weight, Effective weight, Target, Min, Max, Deviation, Status.
 */
export function exposure(portfolio: any[][]) {
  return run(() => {
    const plan = readPortfolio(argMatrix(portfolio, "portfolio"));
    const r = exposureReport(plan);
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

/**
 * Cash equitisation: futures that invest the cash above a buffer, pro rata to targets or filling underweights first. Illiquid classes are equitised through their proxy's futures.
 * @customfunction EQUITISE
 * @param {any[][]} portfolio Portfolio table (Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay). A row named Cash is the plan's cash.
 * @param {any[][]} futures Futures table: Asset class, Contract, Price, Multiplier; optional Beta, FX, Margin.
 * @param {any} [cash] Cash to equitise, base currency. Default: the Cash row's effective exposure.
 * @param {any} [buffer] Cash to keep uninvested, base currency. Default: Cash target x NAV.
 * @param {any} [mode] "target" (default: pro rata to the targets of the non-cash classes) or "underweight" (fill underweights first).
 * @param {any} [rounding] "nearest" (default: each class to its nearest whole contract) or "optimal" (whole contracts minimising the summed absolute residuals of the classes plus the absolute residual left in cash; HiGHS MILP, 2 s time limit, never worse than nearest).
 * @returns {any[][]} Table: Asset class, Exposure, Contract, Contracts, Notional, Residual, with a Total row.
 */
export function equitise(portfolio: any[][], futures: any[][], cash?: any, buffer?: any, mode?: any, rounding?: any) {
  return run(() => {
    const plan = readPortfolio(argMatrix(portfolio, "portfolio"));
    const fut = readFutures(argMatrix(futures, "futures"), plan);
    const opts = {
      cash: argOptionalNumber(cash, "cash", { min: -1e15, max: 1e15 }),
      buffer: argOptionalNumber(buffer, "buffer", { min: -1e15, max: 1e15 }),
      mode: argChoice(mode, "mode", EQUITISE_MODES, "target"),
    };
    if (argChoice(rounding, "rounding", CONTRACT_ROUNDING, "nearest") === "optimal") {
      return equitiseOptimal(plan, fut, opts).then(equitiseSpill);
    }
    return equitiseSpill(equitiseEngine(plan, fut, opts));
  });
}

function equitiseSpill(r: ReturnType<typeof equitiseEngine>) {
  return spill(
    ["Asset class", "Exposure", "Contract", "Contracts", "Notional", "Residual"],
    [
      ...r.lines.map((l) => [l.assetClass, l.exposure, l.contract, l.contracts ?? "", l.notional ?? "", l.residual ?? ""]),
      ["Total", r.total.exposure, "", "", r.total.notional, r.total.residual],
    ],
  );
}

/** Rounding of whole contracts in REBALANCE and EQUITISE. */
const CONTRACT_ROUNDING = ["nearest", "optimal"] as const;

/**
 * Rebalancing trades back to the SAA with futures. Trades sum to zero; illiquid classes are offset through their proxy's futures; Cash is the funding leg.
 * @customfunction REBALANCE
 * @param {any[][]} portfolio Portfolio table (Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay).
 * @param {any[][]} futures Futures table: Asset class, Contract, Price, Multiplier; optional Beta, FX, Margin.
 * @param {any} [rule] "target" (default: back to target), "edge" (to the nearest range bound) or "halfway" (halfway from the bound to the target).
 * @param {any} [trigger] "bands" (default: trade only when a class is outside its range) or "always" (calendar rebalancing).
 * @param {any} [rounding] "nearest" (default: whole contracts per class) or "optimal" (whole contracts minimising the summed absolute distance of all post-trade weights, Cash included, to their goals; HiGHS MILP, 2 s time limit, never worse than nearest).
 * @returns {any[][]} Table: Asset class, Weight, Target, Min, Max, Status, Goal, Trade, Contract, Contracts, Notional, Post weight, with a Total row.
 */
export function rebalance(portfolio: any[][], futures: any[][], rule?: any, trigger?: any, rounding?: any) {
  return run(() => {
    const plan = readPortfolio(argMatrix(portfolio, "portfolio"));
    const fut = readFutures(argMatrix(futures, "futures"), plan);
    const round = argChoice(rounding, "rounding", CONTRACT_ROUNDING, "nearest");
    const opts = {
      rule: argChoice(rule, "rule", REBALANCE_RULES, "target"),
      trigger: argChoice(trigger, "trigger", REBALANCE_TRIGGERS, "bands"),
    };
    if (round === "optimal") return rebalanceOptimal(plan, fut, opts).then((r) => rebalanceSpill(r.lines));
    const r = rebalanceEngine(plan, fut, opts);
    return rebalanceSpill(r.lines);
  });
}

type Line = ReturnType<typeof rebalanceEngine>["lines"][number];

export function rebalanceSpill(lines: Line[]) {
  const sum = (f: (l: Line) => number) => lines.reduce((s, l) => s + f(l), 0);
  return spill(
    ["Asset class", "Weight", "Target", "Min", "Max", "Status", "Goal", "Trade", "Contract", "Contracts", "Notional", "Post weight"],
    [
      ...lines.map((l) => [
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
      ]),
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
      ],
    ],
  );
}

export const PORTFOLIO_FUNCTIONS = [
  entry("CONTRACTS", contracts, "exposure, price, multiplier, [beta], [fx], [rounding]"),
  entry("EXPOSURE", exposure, "portfolio#"),
  entry("EQUITISE", equitise, "portfolio#, futures#, [cash], [buffer], [mode], [rounding]"),
  entry("REBALANCE", rebalance, "portfolio#, futures#, [rule], [trigger], [rounding]"),
];
