/**
 * LDI hedge: the trades that bring the plan's total hedge ratio inside its band and each key-rate hedge ratio
 * within its band (OVERLAY.HEDGETRADES), every instrument on the liabilities' basis (its own cash flows under the
 * same bump). Figures come from the function's typed half; the spill is only shown. Guardrails: whole futures
 * contracts, notional in market increments, the total hedge ratio within its band, each material key rate within
 * its band (an immaterial one, under the materiality share of the liability PV01, is a warning). Tickets: swaps
 * with receive/pay fixed, fixed rate, index, effective and maturity; futures with exchange and Globex codes.
 */
import type { HedgeTradesResult } from "../../../functions/catalogue/rates";
import { Call, callRegistry, callTyped, describeOptions, withDefaults } from "../call";
import { fmtMoney, fmtPct, headline, listOption, numberOption, wholeContractsCheck } from "../checks";
import { Check, ExposureLine, RatesTicket, TradeLine, Workflow } from "../model";
import { bandsChart, contractExpiry, resultTable, withExpiry } from "./futuresCommon";

const OPTIONS = [
  {
    key: "targetRatio",
    label: "Target hedge ratio",
    kind: "number",
    percent: true,
    default: 0.8,
    help: "Share of the liabilities' rate risk to hedge (0.8 = 80%), in total and per key rate.",
  },
  {
    key: "totalBand",
    label: "Total band",
    kind: "number",
    percent: true,
    default: 0.01,
    help: "The total hedge ratio must end within the target plus or minus this (0.01 = 1 point; 0 for an equality).",
  },
  {
    key: "keyTenors",
    label: "Key tenors (years)",
    kind: "list",
    help: "Numbers separated by commas. Empty: 1, 2, 3, 5, 7, 10, 15, 20, 25, 30 (USD).",
  },
  {
    key: "tolerance",
    label: "Key-rate band",
    kind: "number",
    percent: true,
    default: 0.05,
    help: "Each key-rate hedge ratio should end within the target plus or minus this (0.05 = 5 points).",
  },
  {
    key: "materiality",
    label: "Materiality",
    kind: "number",
    percent: true,
    default: 0.05,
    help: "Key rates holding less than this share of the liability PV01 only warn when outside their band.",
  },
  {
    key: "liabilitySpreadBp",
    label: "Liability spread (bp)",
    kind: "number",
    default: 0,
    help: "Liability discount basis: the curve plus this spread in bp (e.g. AA corporate over swaps). The hedge ratio is stated on it, with the CS01 beside it.",
  },
] as const satisfies Workflow["options"];

/** "spot + 30y": a swap's tenor as the market says it. */
function tenorText(years: number): string {
  const months = Math.round(years * 12);
  return months % 12 === 0 ? `${months / 12}y` : `${months}m`;
}

function ticketOf(r: HedgeTradesResult, j: number, trade: number): { ticket: RatesTicket; note: string } {
  const x = r.instruments[j];
  if (x.kind === "swap") {
    const direction = trade > 0 ? "Receive fixed" : "Pay fixed";
    const ticket: RatesTicket = {
      direction,
      fixedRate: x.fixedRate,
      index: x.convention?.description,
      effective: "spot (T+2)",
      maturity: `spot + ${tenorText(x.tenor ?? 0)}`,
      notional: Math.abs(trade),
      increment: x.increment,
    };
    return {
      ticket,
      note: `${direction} ${fmtPct(x.fixedRate ?? 0, 4)} vs ${x.convention?.index ?? ""}, ${ticket.effective} to ${ticket.maturity}, notional ${fmtMoney(Math.abs(trade))} (in ${fmtMoney(x.increment)} steps)`,
    };
  }
  if (x.kind === "future" && x.contract) {
    const ticket: RatesTicket = { exchange: "CBOT", code: x.contract.code, globex: x.contract.globex };
    return {
      ticket,
      note: `CBOT ${x.contract.code} (CME Globex ${x.contract.globex}), ${x.contract.name}, face ${fmtMoney(x.contract.contractSize)} a contract`,
    };
  }
  return { ticket: { notional: Math.abs(trade), increment: x.increment }, note: `${x.kind}, ${x.unit} ${fmtMoney(Math.abs(trade))}` };
}

export const hedgeWorkflow: Workflow = {
  id: "hedge",
  label: "LDI hedge",
  summary: "Rate hedges that bring the total and each key-rate hedge ratio of the liabilities within their bands.",
  inputs: [
    { name: "Liabilities", columns: "Time (years), Amount (base currency)" },
    { name: "Curve", columns: "Tenor (years), Rate (zero rate, decimal)" },
    {
      name: "Instruments",
      columns:
        "Instrument, Kind (swap, future, bond, strip, trs), Tenor; per kind Coupon, Index, Contract, Delivery, Factor; optional Increment, Min, Max, Existing",
    },
    { name: "Assets", columns: "Time, Amount: the hedging assets' cash flows", optional: true },
    {
      name: "Positions",
      columns: "the book: its swaps (Fixed rate, Maturity) and rate futures count as hedges already held",
      optional: true,
    },
  ],
  options: OPTIONS,
  async compute(inputs, raw) {
    const options = withDefaults(OPTIONS, raw);
    const target = numberOption(options, "targetRatio", "Target hedge ratio") ?? 0.8;
    const tol = numberOption(options, "tolerance", "Key-rate band", { min: 0 }) ?? 0.05;
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
        { option: "totalBand" },
        { option: "tolerance" },
        { option: "liabilitySpreadBp" },
        inputs.Positions ? { input: "Positions" } : { value: undefined },
      ],
    };
    const r = await callTyped<HedgeTradesResult>(call, inputs, options);
    const sol = r.solution;

    const trades: TradeLine[] = [];
    r.instruments.forEach((x, j) => {
      const u = sol.trades[j];
      if (u === 0) return;
      const { ticket, note } = ticketOf(r, j, u);
      const contracts = x.unit === "contracts";
      trades.push({
        assetClass: "Liability hedge",
        instrument: x.name,
        side: u > 0 ? "Buy" : "Sell",
        quantity: Math.abs(u),
        unit: contracts ? "contracts" : "units",
        // Futures: face notional, contracts x the contract's face value (CME's contract unit); others their notional.
        notional: contracts ? (x.contract ? u * x.contract.contractSize : undefined) : u,
        note: `${note}; PV01 ${fmtMoney(sol.pv01Added[j])}`,
        ticket,
        // A Treasury future named with its delivery month ("TY Mar26 (10-year note future)"): its last trading day.
        ...withExpiry(x.kind === "future" ? contractExpiry(x.name) : undefined),
      });
    });

    const liabilityTotal = r.liabilityPv01;
    const lines: ExposureLine[] = r.keys.map((k, i) => ({
      name: `${k}y`,
      before: sol.ratioBefore[i] ?? 0,
      after: sol.ratioAfter[i] ?? 0,
      target,
      min: target - tol,
      max: target + tol,
    }));
    const share = new Map(r.keys.map((k, i) => [`${k}y`, liabilityTotal > 0 ? r.liabilityKr01[i] / liabilityTotal : 0]));
    const outside = sol.outside.map((i) => lines[i]);
    const material = outside.filter((l) => (share.get(l.name) ?? 0) >= materiality);
    const steps = r.instruments.filter(
      (x, j) => x.increment > 0 && Math.abs(sol.trades[j] / x.increment - Math.round(sol.trades[j] / x.increment)) > 1e-9,
    );
    const checks: Check[] = [
      wholeContractsCheck(trades.filter((t) => t.unit === "contracts")),
      {
        name: "Notional in market increments",
        status: steps.length === 0 ? "pass" : "fail",
        detail:
          steps.length === 0
            ? "Every swap, bond and total return swap trades a whole number of its market increment."
            : `Not in increments: ${steps.map((x) => x.name).join(", ")}.`,
      },
      {
        name: "Total hedge ratio within its band",
        status: Math.abs(sol.totalAfter - target) <= r.totalBand + 1e-9 ? "pass" : "fail",
        detail: `${fmtPct(sol.totalBefore, 1)} before, ${fmtPct(sol.totalAfter, 2)} after; target ${fmtPct(target, 1)} plus or minus ${fmtPct(r.totalBand, 1)}, on the basis: ${r.basis}.`,
      },
      {
        name: "Key-rate hedge ratios within their band",
        status: outside.length === 0 ? "pass" : material.length > 0 ? "fail" : "warn",
        detail:
          outside.length === 0
            ? `All ${lines.length} key rates end within ${fmtPct(tol, 1)} of the target.`
            : `Outside: ${outside.map((l) => `${l.name} ${fmtPct(l.after, 1)} (${fmtPct(share.get(l.name) ?? 0, 1)} of the liability PV01)`).join("; ")}.`,
      },
    ];
    const shown = await callRegistry(call, inputs, options);
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
      results: [resultTable("Hedge trades and key-rate hedge ratios", call, shown, inputs, options)],
      notes: [
        ...(r.book.counted.length ? [`Existing hedges from the book: ${r.book.counted.join("; ")}.`] : []),
        ...(r.book.leftOut.length ? [`Left out of the book: ${r.book.leftOut.join("; ")}.`] : []),
        ...r.book.notes.map((n) => `${n}.`),
        `Liability PV01 ${fmtMoney(liabilityTotal)} and CS01 ${fmtMoney(r.liabilityCs01)} (${r.basis}); the trades add ${fmtMoney(sol.pv01Added.reduce((s, x) => s + x, 0))} of PV01.`,
      ],
    };
  },
};
