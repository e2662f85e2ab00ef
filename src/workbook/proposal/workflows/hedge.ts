/**
 * LDI hedge: the hedge instruments that bring the assets' key-rate 01s to a target share of the
 * liabilities' (OVERLAY.HEDGETRADES), with the key-rate hedge ratios before and after. Guardrails: whole
 * futures contracts, the total hedge ratio within tolerance of the target, each material key rate within
 * tolerance (an immaterial one, under the materiality share of the liability PV01, is a warning).
 */
import { cellToBoolean } from "../../../engine/core/cells";
import { Call, callRegistry, describeOptions, splitSpill, spillTable, withDefaults } from "../call";
import { fmtMoney, fmtPct, headline, listOption, numberOption, wholeContractsCheck } from "../checks";
import { Check, ExposureLine, TradeLine, Workflow } from "../model";
import { bandsChart, resultTable } from "./futuresCommon";

const OPTIONS = [
  {
    key: "targetRatio",
    label: "Target hedge ratio",
    kind: "number",
    percent: true,
    default: 0.8,
    help: "Share of the liabilities' rate risk to hedge, per key rate (0.8 = 80%).",
  },
  {
    key: "keyTenors",
    label: "Key tenors (years)",
    kind: "list",
    help: "Numbers separated by commas. Empty: 1, 2, 3, 5, 7, 10, 15, 20, 25, 30, 40, 50.",
  },
  {
    key: "tolerance",
    label: "Tolerance",
    kind: "number",
    percent: true,
    default: 0.05,
    help: "Guardrail: hedge ratios within the target plus or minus this (0.05 = 5 points).",
  },
  {
    key: "materiality",
    label: "Materiality",
    kind: "number",
    percent: true,
    default: 0.05,
    help: "Key rates holding less than this share of the liability PV01 only warn when outside the tolerance.",
  },
] as const satisfies Workflow["options"];

function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, "");
}

export const hedgeWorkflow: Workflow = {
  id: "hedge",
  label: "LDI hedge",
  summary: "Rate hedges that bring each key-rate hedge ratio of the liabilities to the target.",
  inputs: [
    { name: "Liabilities", columns: "Time (years), Amount (base currency)" },
    { name: "Curve", columns: "Tenor (years), Rate (zero rate, decimal)" },
    { name: "Instruments", columns: "Instrument, Tenor, PV01 (per unit); optional Integer (TRUE for contracts)" },
    { name: "Assets", columns: "Time, Amount: the hedging assets' cash flows", optional: true },
  ],
  options: OPTIONS,
  async compute(inputs, raw) {
    const options = withDefaults(OPTIONS, raw);
    const target = numberOption(options, "targetRatio", "Target hedge ratio") ?? 0.8;
    const tol = numberOption(options, "tolerance", "Tolerance", { min: 0 }) ?? 0.05;
    const materiality = numberOption(options, "materiality", "Materiality", { min: 0, max: 1 }) ?? 0.05;
    const keys = listOption(options, "keyTenors", "Key tenors");
    const call: Call = {
      fn: "HEDGETRADES",
      args: [
        { input: "Liabilities" },
        { input: "Curve" },
        { option: "targetRatio" },
        { input: "Instruments" },
        inputs.Assets ? { input: "Assets" } : { value: undefined },
        { value: keys, field: "keyTenors" },
      ],
    };
    const r = await callRegistry(call, inputs, options);
    const [tradePart, keyPart] = splitSpill(r, "OVERLAY.HEDGETRADES");
    const tt = spillTable(tradePart, "OVERLAY.HEDGETRADES");
    const kt = spillTable(keyPart ?? [[""]], "OVERLAY.HEDGETRADES (key rates)");

    // Which instruments trade in whole contracts (the Instruments table's Integer column).
    const m = inputs.Instruments?.values ?? [];
    const head = (m[0] ?? []).map((h) => norm(String(h)));
    const iName = head.indexOf("instrument");
    const iInt = head.indexOf("integer");
    const integer = new Set(
      m
        .slice(1)
        .filter((row) => iInt >= 0 && cellToBoolean(row[iInt]) === true)
        .map((row) => norm(String(row[iName >= 0 ? iName : 0]))),
    );
    const trades: TradeLine[] = [];
    for (const row of tt.rows) {
      const units = tt.num(row, "Units");
      if (units === undefined || units === 0) continue;
      const name = tt.text(row, "Instrument");
      const whole = integer.has(norm(name));
      trades.push({
        assetClass: "Liability hedge",
        instrument: name,
        side: units > 0 ? "Buy" : "Sell",
        quantity: Math.abs(units),
        unit: whole ? "contracts" : "units",
        notional: whole ? undefined : units,
        note: `PV01 ${fmtMoney(tt.num(row, "PV01 added") ?? 0)}`,
      });
    }

    const liabilityTotal = kt.total ? (kt.num(kt.total, "Liability KR01") ?? 0) : 0;
    const lines: ExposureLine[] = kt.rows.map((row) => ({
      name: `${kt.text(row, "Tenor")}y`,
      before: kt.num(row, "Ratio before") ?? 0,
      after: kt.num(row, "Ratio after") ?? 0,
      target,
      min: target - tol,
      max: target + tol,
    }));
    const share = new Map(
      kt.rows.map((row) => [`${kt.text(row, "Tenor")}y`, liabilityTotal > 0 ? (kt.num(row, "Liability KR01") ?? 0) / liabilityTotal : 0]),
    );
    const outside = lines.filter((l) => Math.abs(l.after - target) > tol + 1e-9);
    const material = outside.filter((l) => (share.get(l.name) ?? 0) >= materiality);
    const totalAfter = kt.total ? (kt.num(kt.total, "Ratio after") ?? 0) : 0;
    const totalBefore = kt.total ? (kt.num(kt.total, "Ratio before") ?? 0) : 0;
    const checks: Check[] = [
      wholeContractsCheck(trades.filter((t) => t.unit === "contracts")),
      {
        name: "Total hedge ratio at target",
        status: Math.abs(totalAfter - target) <= tol + 1e-9 ? "pass" : "fail",
        detail: `${fmtPct(totalBefore, 1)} before, ${fmtPct(totalAfter, 1)} after; target ${fmtPct(target, 1)} plus or minus ${fmtPct(tol, 1)}.`,
      },
      {
        name: "Key-rate hedge ratios within tolerance",
        status: outside.length === 0 ? "pass" : material.length > 0 ? "fail" : "warn",
        detail:
          outside.length === 0
            ? `All ${lines.length} key rates end within ${fmtPct(tol, 1)} of the target.`
            : `Outside: ${outside.map((l) => `${l.name} ${fmtPct(l.after, 1)} (${fmtPct(share.get(l.name) ?? 0, 1)} of the liability PV01)`).join("; ")}.`,
      },
    ];
    return {
      workflow: "hedge",
      label: "LDI hedge",
      headline: headline(trades, checks),
      inputs: [],
      options: describeOptions(OPTIONS, options),
      trades,
      exposures: { title: "Key-rate hedge ratios before and after", format: "percent", lines },
      checks,
      chart: { ...bandsChart("Key-rate hedge ratios against target", lines), xTitle: "Key tenor", yTitle: "Hedge ratio" },
      results: [resultTable("Hedge trades and key-rate hedge ratios", call, r, inputs, options)],
      notes: [
        `Liability PV01 ${fmtMoney(liabilityTotal)}; the trades add ${fmtMoney(tt.total ? (tt.num(tt.total, "PV01 added") ?? 0) : 0)} of PV01.`,
      ],
    };
  },
};
