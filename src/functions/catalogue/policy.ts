/**
 * Policy: OVERLAY.DAILY, the day's net trades for the whole programme (equitise new cash, rebalance, keep the
 * active tilts, unwind the ended ones), one per contract, with a minimum trade size.
 * Thin: parse the arguments, call the engine, lay out the spill.
 */
import { argChoice, argMatrix, argNumber, argOptionalNumber } from "../../engine/core/cells";
import { readFutures } from "../../engine/futures/futures";
import { DailyResult, dailyProposal } from "../../engine/policy/daily";
import { readTiltBook } from "../../engine/policy/tilts";
import { REBALANCE_RULES, REBALANCE_TRIGGERS } from "../../engine/rebalance/rebalance";
import { run, spill } from "../excel";
import { FunctionDef, entry } from "../def";
import { argOptionalMatrix, readPlanArgs } from "./book";

/** The typed half of DAILY: the engine's result. */
export function dailyResult(
  portfolio: any[][],
  futures: any[][],
  asOf: any,
  positions?: any[][],
  tilts?: any[][],
  newCash?: any,
  cashNeeds?: any,
  minContracts?: any,
  minNotional?: any,
  rule?: any,
  trigger?: any,
  minLeverage?: any,
  maxLeverage?: any,
): DailyResult {
  const date = argNumber(asOf, "asOf", { min: 0, max: 2958465 });
  const { plan } = readPlanArgs(portfolio, positions, date);
  const fut = readFutures(argMatrix(futures, "futures"), plan);
  const tiltMatrix = argOptionalMatrix(tilts, "tilts");
  const legs = tiltMatrix ? readTiltBook(tiltMatrix, plan, "tilts") : [];
  return dailyProposal(plan, fut, legs, {
    asOf: date,
    rule: argChoice(rule, "rule", REBALANCE_RULES, "edge"),
    trigger: argChoice(trigger, "trigger", REBALANCE_TRIGGERS, "bands"),
    newCash: argOptionalNumber(newCash, "newCash", { min: -1e15, max: 1e15 }),
    cashNeeds: argOptionalNumber(cashNeeds, "cashNeeds", { min: 0, max: 1e15 }),
    minContracts: argOptionalNumber(minContracts, "minContracts", { min: 0, max: 1e9 }),
    minNotional: argOptionalNumber(minNotional, "minNotional", { min: 0, max: 1e15 }),
    minLeverage: argOptionalNumber(minLeverage, "minLeverage", { min: 0, max: 100 }),
    maxLeverage: argOptionalNumber(maxLeverage, "maxLeverage", { min: 0, max: 100 }),
  });
}

const HEADERS = [
  "Asset class",
  "Weight",
  "SAA target",
  "Tilt",
  "Target",
  "Min",
  "Max",
  "Equitise",
  "Rebalance",
  "Trade",
  "Contract",
  "Contracts",
  "Notional",
  "Post weight",
  "Post status",
];

function dailyLayout(r: DailyResult) {
  const pad = (row: unknown[]) => [...row, ...new Array<string>(HEADERS.length - row.length).fill("")];
  const sum = (f: (l: DailyResult["lines"][number]) => number) => r.lines.reduce((s, l) => s + f(l), 0);
  return spill(HEADERS, [
    ...r.lines.map((l) => [
      l.assetClass,
      l.weight,
      l.saaTarget,
      l.tilt,
      l.target,
      l.min,
      l.max,
      l.equitise,
      l.rebalance,
      l.trade,
      l.contract,
      l.contracts ?? "",
      l.notional ?? "",
      l.postWeight,
      l.postStatus,
    ]),
    [
      "Total",
      sum((l) => l.weight),
      sum((l) => l.saaTarget),
      sum((l) => l.tilt),
      sum((l) => l.target),
      "",
      "",
      sum((l) => l.equitise),
      sum((l) => l.rebalance),
      r.total.trade,
      "",
      "",
      r.total.grossNotional,
      sum((l) => l.postWeight),
      "",
    ],
    ...(r.leverage.status === "unbounded"
      ? []
      : [pad(["Net leverage", r.leverage.before, r.leverage.after, r.leverage.min ?? "", r.leverage.max ?? "", r.leverage.status])]),
    ...r.groups.map((g) =>
      pad([`Group ${g.group}`, g.weight, "", "", g.target, g.min ?? "", g.max ?? "", "", "", "", "", "", "", g.postWeight, g.postStatus]),
    ),
    ...r.tilts.map((t) => pad(["Tilt", t.id, t.status, t.reason])),
    ...r.notes.map((n) => pad(["Note", n])),
  ]);
}

/**
 * The daily proposal: the day's net futures trades for the whole programme, one per contract: new cash equitised above the buffer, a rebalance by the rule and trigger, the active tilts kept on top of the SAA targets (scaled within the ranges) and ended tilts unwound, every range and group band kept after whole contracts, trades under the minimum size dropped.
 * @customfunction DAILY
 * @param {any[][]} portfolio Portfolio table (Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay, Levered, Duration, Group, Group min, Group max).
 * @param {any[][]} futures Futures table: Asset class, Contract, Price, Multiplier; optional Beta, FX, Margin, DV01.
 * @param {any} asOf The day, an Excel date serial: tilts start, expire and stop on it.
 * @param {any[][]} [positions] Positions table (the book): the synthetic exposure and its funding leg are derived from it.
 * @param {any[][]} [tilts] Tilts table: Id, Asset class, Tilt; optional Start, Expiry, Stop loss, Take profit, P&L or Return.
 * @param {any} [newCash] Cash arriving today (negative: paid out), base currency.
 * @param {any} [cashNeeds] Known cash needs (benefit payments, capital calls), base currency: the cash kept uninvested. Default Cash target x NAV.
 * @param {any} [minContracts] Smallest trade in contracts; smaller trades are dropped. Default none.
 * @param {any} [minNotional] Smallest trade in notional, base currency. Default none.
 * @param {any} [rule] "edge" (default), "target" or "halfway", as in OVERLAY.REBALANCE.
 * @param {any} [trigger] "bands" (default) or "always".
 * @param {any} [minLeverage] The plan's net leverage floor (as in OVERLAY.LEVERAGE): a proposal under it adds exposure through futures within the ranges, or a note says why it cannot.
 * @param {any} [maxLeverage] The plan's net leverage cap: a proposal over it removes exposure within the ranges, or a note says why it cannot.
 * @returns {any[][]} Table: Asset class, Weight, SAA target, Tilt, Target, Min, Max, Equitise, Rebalance, Trade, Contract, Contracts, Notional, Post weight, Post status, a Total row, with leverage bounds a Net leverage row (before, after, min, max, status), one Group row per group band (weight, tilted target, band, post weight and status), one row per tilt (its status) and the notes.
 */
export function daily(
  portfolio: any[][],
  futures: any[][],
  asOf: any,
  positions?: any[][],
  tilts?: any[][],
  newCash?: any,
  cashNeeds?: any,
  minContracts?: any,
  minNotional?: any,
  rule?: any,
  trigger?: any,
  minLeverage?: any,
  maxLeverage?: any,
) {
  return run(() =>
    dailyLayout(
      dailyResult(
        portfolio,
        futures,
        asOf,
        positions,
        tilts,
        newCash,
        cashNeeds,
        minContracts,
        minNotional,
        rule,
        trigger,
        minLeverage,
        maxLeverage,
      ),
    ),
  );
}

export const POLICY_FUNCTIONS: FunctionDef[] = [
  entry(
    "DAILY",
    daily,
    "portfolio#, futures#, asOf, [positions#], [tilts#], [newCash], [cashNeeds], [minContracts], [minNotional], [rule], [trigger], [minLeverage], [maxLeverage]",
    dailyResult,
  ),
];
