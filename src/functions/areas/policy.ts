/**
 * Policy: OVERLAY.DAILY, the day's net trades for the whole programme (equitise new cash, rebalance, keep the
 * active tilts, unwind the ended ones), one per contract, with a minimum trade size.
 * Thin: parse the arguments, call the engine, lay out the spill. Loaded on first use, as a chunk of its own:
 * the JSDoc'd functions Excel sees, and the registry entries, are in catalogue/policy.ts.
 */
import { argChoice, argMatrix, argNumber, argOptionalNumber } from "../../engine/core/cells";
import { readFutures } from "../../engine/futures/futures";
import { DailyResult, dailyProposal } from "../../engine/policy/daily";
import { readTiltBook } from "../../engine/policy/tilts";
import { REBALANCE_RULES, REBALANCE_TRIGGERS } from "../../engine/rebalance/rebalance";
import { run, spill } from "../excel";
import { argOptionalMatrix, readPlanArgs } from "../catalogue/book";
import { legSpillRows } from "../legs";

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
    ...r.lines.flatMap((l) =>
      legSpillRows(
        [
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
        ],
        l.legs,
        {
          7: (g) => l.equitise * g.weight,
          8: (g) => l.rebalance * g.weight,
          9: (g) => g.asked,
          10: (g) => g.contract,
          11: (g) => g.contracts,
          12: (g) => g.notional,
        },
      ),
    ),
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

/** OVERLAY.DAILY: its JSDoc (the function reference) is in catalogue/policy.ts. */
export function daily(...args: Parameters<typeof dailyResult>) {
  return run(() => dailyLayout(dailyResult(...args)));
}
