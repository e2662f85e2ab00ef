/**
 * Policy: OVERLAY.DAILY, the day's net trades for the whole programme (equitise new cash, rebalance, keep the
 * active tilts, unwind the ended ones), one per contract, with a minimum trade size.
 * The bodies (areas/policy.ts) load on first use, as a chunk of their own, so the functions bundle Excel loads
 * with the workbook stays small; what Excel sees (the JSDoc) and the registry entries are here.
 */
import type * as Area from "../areas/policy";
import { lazyArea } from "../excel";
import { FunctionDef, entry } from "../def";

const area = lazyArea("daily proposal", () => import(/* webpackChunkName: "policy" */ "../areas/policy"));

/**
 * The daily proposal: the day's net futures trades for the whole programme, one per contract: new cash equitised above the buffer, a rebalance by the rule and trigger, the active tilts kept on top of the SAA targets (scaled within the ranges) and ended tilts unwound, every range and group band kept after whole contracts, trades under the minimum size dropped.
 * @customfunction DAILY
 * @param {any[][]} portfolio Portfolio table (Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Overlay, Levered, Duration, Group, Group min, Group max).
 * @param {any[][]} futures Futures table: Asset class, Contract, Price, Multiplier; optional Beta, FX, Margin, DV01, Weight (several futures for a class: a basket, Weights adding to 1).
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
 * @returns {any[][]} Table: Asset class, Weight, SAA target, Tilt, Target, Min, Max, Equitise, Rebalance, Trade, Contract, Contracts, Notional, Post weight, Post status (a class with a basket of futures: one row per future), a Total row, with leverage bounds a Net leverage row (before, after, min, max, status), one Group row per group band (weight, tilted target, band, post weight and status), one row per tilt (its status) and the notes.
 */
export async function daily(
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
  return (await area()).daily(
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
  );
}

export const POLICY_FUNCTIONS: FunctionDef[] = [
  entry(
    "DAILY",
    daily,
    "portfolio#, futures#, asOf, [positions#], [tilts#], [newCash], [cashNeeds], [minContracts], [minNotional], [rule], [trigger], [minLeverage], [maxLeverage]",
    async (...a: Parameters<typeof Area.dailyResult>) => (await area()).dailyResult(...a),
  ),
];
