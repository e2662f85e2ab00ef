/**
 * What the futures workflows (rebalance, equitise, tilt) share: the plan's NAV and cash from
 * OVERLAY.EXPOSURE, trades from a spill's Contract / Contracts / Notional columns, and the exposure chart.
 */
import { readFutures } from "../../../engine/futures/futures";
import { Result } from "../../../functions/excel";
import { Matrix } from "../../WorkbookPort";
import { Call, SpillTable, callRegistry, formulaOf, spillTable } from "../call";
import { ChartModel, ExposureLine, InputDef, OptionDef, ResultTable, TradeLine, WorkflowInputs, WorkflowOptions } from "../model";

export const NOTIONAL_LIMIT_OPTION: OptionDef = {
  key: "notionalLimit",
  label: "Gross notional limit (share of NAV)",
  kind: "number",
  percent: true,
  default: 0.2,
  help: "Guardrail: the trades' gross futures notional may not exceed this share of NAV (20% = 0.2). Empty: no limit.",
};

/** The Futures input of the workflows that trade futures (the columns OVERLAY.REBALANCE, EQUITISE and TILT read). */
export const FUTURES_INPUT: InputDef = { name: "Futures", columns: "Asset class, Contract, Price, Multiplier; optional Beta, FX, Margin" };

/** Whole contracts: nearest per class, or the HiGHS optimum (OVERLAY.REBALANCE and OVERLAY.EQUITISE's rounding). */
export const ROUNDING_OPTION: OptionDef = {
  key: "rounding",
  label: "Contract rounding",
  kind: "choice",
  default: "nearest",
  choices: [
    { value: "nearest", label: "Nearest whole contract" },
    { value: "optimal", label: "Optimal (closest to the goals)" },
  ],
  help: "How fractional contracts become whole contracts.",
};

export interface PlanFigures {
  exposure: SpillTable;
  nav: number;
  /** The Cash row's physical market value, when the portfolio has one. */
  cash?: number;
  /** Effective weight before the trades, per class. */
  weight: Map<string, number>;
  result: ResultTable;
}

export async function planFigures(inputs: WorkflowInputs, options: WorkflowOptions): Promise<PlanFigures> {
  const call: Call = { fn: "EXPOSURE", args: [{ input: "Portfolio" }] };
  const r = await callRegistry(call, inputs, options);
  const t = spillTable(r, "OVERLAY.EXPOSURE");
  const nav = t.total ? (t.num(t.total, "Physical") ?? 0) : 0;
  const cashRow = t.rows.find((row) => t.text(row, "Asset class").trim().toLowerCase() === "cash");
  const weight = new Map(t.rows.map((row) => [t.text(row, "Asset class"), t.num(row, "Effective weight") ?? 0]));
  return {
    exposure: t,
    nav,
    cash: cashRow ? t.num(cashRow, "Physical") : undefined,
    weight,
    result: resultTable("Exposure before the trades", call, r, inputs, options),
  };
}

export function resultTable(title: string, call: Call, r: Result, inputs: WorkflowInputs, options: WorkflowOptions): ResultTable {
  return { title, formula: formulaOf(call, inputs, options), values: Array.isArray(r) ? r.map((row) => row.slice()) : [[r]] };
}

/** Contract name per asset class (lower case) from a Futures table, for spills without a Contract column. */
export function contractsByClass(futures: Matrix | undefined): Map<string, string> {
  try {
    return new Map(futures ? readFutures(futures).map((f) => [f.assetClass.toLowerCase(), f.contract]) : []);
  } catch {
    return new Map(); // the function has reported the table's problems
  }
}

/**
 * Futures trades of a spill: the rows with a non-zero whole number in Contracts. The contract comes from
 * the spill's Contract column, else from `contracts` (asset class -> contract).
 */
export function futuresTrades(t: SpillTable, contracts?: Map<string, string>, notionalHeader = "Notional"): TradeLine[] {
  const out: TradeLine[] = [];
  for (const row of t.rows) {
    const n = t.num(row, "Contracts");
    if (n === undefined || n === 0) continue;
    out.push({
      assetClass: t.text(row, "Asset class"),
      instrument: t.has("Contract")
        ? t.text(row, "Contract")
        : (contracts?.get(t.text(row, "Asset class").toLowerCase()) ?? t.text(row, "Asset class")),
      side: n > 0 ? "Buy" : "Sell",
      quantity: Math.abs(n),
      unit: "contracts",
      notional: t.num(row, notionalHeader),
    });
  }
  return out;
}

/** Exposure against target and range: columns before and after, lines for target, min and max. */
export function bandsChart(title: string, lines: ExposureLine[]): ChartModel {
  return {
    kind: "bands",
    title,
    xTitle: "Asset class",
    yTitle: "Weight of NAV",
    format: "percent",
    categories: lines.map((l) => l.name),
    series: [
      { name: "Before", values: lines.map((l) => l.before) },
      { name: "After", values: lines.map((l) => l.after) },
      { name: "Target", values: lines.map((l) => l.target ?? 0), line: true },
      { name: "Min", values: lines.map((l) => l.min ?? 0), line: true },
      { name: "Max", values: lines.map((l) => l.max ?? 0), line: true },
    ],
  };
}
