/**
 * Options: an option structure on the legs table (a collar, a put spread) valued with OVERLAY.STRATEGY,
 * its payoff at expiry from OVERLAY.PAYOFF, and for a collar the zero-cost call strike (OVERLAY.ZEROCOST).
 * Trades: one per leg, in listed contracts (Quantity / multiplier). Guardrails: whole contracts, net
 * premium within the budget, the structure pays off in a fall of the chosen size.
 */
import { Call, callRegistry, describeOptions, spillTable, withDefaults } from "../call";
import { fmtMoney, fmtNumber, fmtPct, headline, numberOption } from "../checks";
import { Check, TradeLine, Workflow, WorkflowError } from "../model";
import { resultTable } from "./futuresCommon";

const OPTIONS = [
  { key: "spot", label: "Spot", kind: "number", help: "Level of the underlying (index points)." },
  { key: "years", label: "Years to expiry", kind: "number", help: "Default for legs without a Years column." },
  { key: "rate", label: "Interest rate", kind: "number", percent: true, help: "Continuously compounded, as a decimal (0.04) or 4%." },
  { key: "yield", label: "Dividend yield", kind: "number", percent: true, default: 0, help: "Continuous, as a decimal or percentage." },
  { key: "vol", label: "Volatility", kind: "number", percent: true, help: "Default for legs without a Vol column (0.16 or 16%)." },
  {
    key: "multiplier",
    label: "Contract multiplier",
    kind: "number",
    default: 100,
    help: "Units of the underlying per option contract (S&P 500 index options: 100).",
  },
  {
    key: "budget",
    label: "Premium budget",
    kind: "number",
    help: "Guardrail: the most net premium to pay, base currency. Empty: no limit.",
  },
  {
    key: "fall",
    label: "Fall to protect against",
    kind: "number",
    percent: true,
    default: 0.2,
    help: "Guardrail: the structure must pay off after a fall of this size (0.2 = 20%).",
  },
] as const satisfies Workflow["options"];

const LEG_NAMES: Record<string, string> = { call: "Call", put: "Put", underlying: "Underlying" };

export const optionsWorkflow: Workflow = {
  id: "options",
  label: "Options",
  summary: "An option overlay (a collar, a put spread): premium, Greeks, the payoff at expiry and the contracts to trade.",
  inputs: [{ name: "Legs", columns: "Type (call, put, underlying), Strike, Quantity (units, negative = short); optional Vol, Years" }],
  options: OPTIONS,
  async compute(inputs, raw) {
    const options = withDefaults(OPTIONS, raw);
    const strategyCall: Call = {
      fn: "STRATEGY",
      args: [{ input: "Legs" }, { option: "spot" }, { option: "years" }, { option: "rate" }, { option: "yield" }, { option: "vol" }],
    };
    const r = await callRegistry(strategyCall, inputs, options);
    const t = spillTable(r, "OVERLAY.STRATEGY");
    const spot = numberOption(options, "spot", "Spot", { min: 0 })!;
    const multiplier = numberOption(options, "multiplier", "Contract multiplier", { min: 0 }) ?? 100;
    if (!(multiplier > 0)) throw new WorkflowError("Contract multiplier must be > 0", "multiplier");
    const fall = numberOption(options, "fall", "Fall to protect against", { min: 0, max: 1 });
    const premium = t.total ? (t.num(t.total, "Price") ?? 0) : 0;

    const trades: TradeLine[] = t.rows.map((row) => {
      const type = t.text(row, "Type").toLowerCase();
      const q = t.num(row, "Quantity") ?? 0;
      const strike = t.num(row, "Strike");
      const isUnderlying = type === "underlying";
      const contracts = Math.abs(q) / multiplier;
      return {
        assetClass: "",
        instrument: isUnderlying ? "Underlying" : `${LEG_NAMES[type] ?? type} ${strike !== undefined ? fmtNumber(strike) : ""}`.trim(),
        side: q >= 0 ? "Buy" : "Sell",
        quantity: isUnderlying ? Math.abs(q) : Math.round(contracts * 1e9) / 1e9,
        unit: isUnderlying ? "units" : "contracts",
        notional: q * spot,
        note: `value ${fmtMoney(t.num(row, "Price") ?? 0)}`,
      };
    });

    // The payoff at expiry over spots from 50% to 150% of spot, with the strikes and the fall point.
    const strikes = t.rows.map((row) => t.num(row, "Strike")).filter((k): k is number => k !== undefined && k > 0);
    const grid = new Set<number>();
    for (let k = 0; k <= 40; k++) grid.add(round(spot * (0.5 + k * 0.025)));
    for (const k of strikes) grid.add(k);
    if (fall !== undefined) grid.add(round(spot * (1 - fall)));
    const spots = [...grid].filter((x) => x >= 0).sort((a, b) => a - b);
    const payoffCall: Call = { fn: "PAYOFF", args: [{ input: "Legs" }, { value: spots.map((x) => [x]) }, { value: premium }] };
    const pr = await callRegistry(payoffCall, inputs, options);
    const payoff = (Array.isArray(pr) ? pr : [[pr]])
      .map((row) => (typeof row[0] === "number" ? row[0] : Number.NaN))
      .filter((x) => Number.isFinite(x));
    if (payoff.length !== spots.length) throw new WorkflowError("OVERLAY.PAYOFF returned a column of another length than the spots");

    const contractsOk = trades.filter((tr) => tr.unit === "contracts").every((tr) => Number.isInteger(tr.quantity));
    const checks: Check[] = [
      {
        name: "Whole contracts",
        status: contractsOk ? "pass" : "fail",
        detail: contractsOk
          ? `Every leg is a whole number of contracts of ${fmtNumber(multiplier)} units.`
          : `Not whole: ${trades
              .filter((tr) => tr.unit === "contracts" && !Number.isInteger(tr.quantity))
              .map((tr) => `${tr.instrument} ${fmtNumber(tr.quantity)}`)
              .join(", ")} (Quantity / ${fmtNumber(multiplier)}).`,
      },
    ];
    const budget = numberOption(options, "budget", "Premium budget");
    if (budget !== undefined) {
      checks.push({
        name: "Premium within budget",
        status: premium <= budget + 1e-6 ? "pass" : "fail",
        detail: `Net premium ${premium >= 0 ? "paid" : "received"} ${fmtMoney(Math.abs(premium))}; the budget is ${fmtMoney(budget)}.`,
      });
    }
    if (fall !== undefined) {
      const at = round(spot * (1 - fall));
      const v = payoff[spots.indexOf(at)];
      checks.push({
        name: `Pays off in a ${fmtPct(fall, 0)} fall`,
        status: v > 0 ? "pass" : "fail",
        detail: `At ${fmtNumber(at)} the structure is worth ${fmtMoney(v)} at expiry, net of premium.`,
      });
    }

    const results = [resultTable("Strategy value and Greeks", strategyCall, r, inputs, options)];
    const notes = [
      `Net premium ${premium >= 0 ? "paid" : "received"}: ${fmtMoney(Math.abs(premium))}.`,
      t.total
        ? `Net delta ${fmtNumber(Math.round(t.num(t.total, "Delta") ?? 0))} units (${fmtMoney((t.num(t.total, "Delta") ?? 0) * spot)} of exposure).`
        : "",
    ].filter((s) => s !== "");

    // A collar (one long put, one short call of the same size): the call strike that makes it cost nothing.
    const puts = t.rows.filter((row) => t.text(row, "Type").toLowerCase() === "put");
    const calls = t.rows.filter((row) => t.text(row, "Type").toLowerCase() === "call");
    if (
      puts.length === 1 &&
      calls.length === 1 &&
      (t.num(puts[0], "Quantity") ?? 0) > 0 &&
      (t.num(calls[0], "Quantity") ?? 0) === -(t.num(puts[0], "Quantity") ?? 0)
    ) {
      const zc: Call = {
        fn: "ZEROCOST",
        args: [
          { value: "collar" },
          { option: "spot" },
          { option: "years" },
          { option: "rate" },
          { option: "yield" },
          { option: "vol" },
          { value: t.num(puts[0], "Strike") },
        ],
      };
      try {
        const k = await callRegistry(zc, inputs, options);
        if (typeof k === "number") {
          notes.push(
            `Zero-cost collar: with this put, a call struck at ${fmtNumber(Math.round(k * 100) / 100)} costs nothing (flat volatility).`,
          );
          results.push(resultTable("Zero-cost call strike", zc, k, inputs, options));
        }
      } catch {
        // Only a note: a collar with no zero-cost strike is still a proposal.
      }
    }
    results.push({
      ...resultTable("Payoff at expiry, net of premium", payoffCall, pr, inputs, options),
      values: [["Spot", "Payoff"], ...spots.map((x, i) => [x, payoff[i]])],
    });
    return {
      workflow: "options",
      label: "Options",
      headline: headline(trades, checks),
      inputs: [],
      options: describeOptions(OPTIONS, options),
      trades,
      checks,
      chart: {
        kind: "line",
        title: "Payoff at expiry, net of premium",
        xTitle: "Spot at expiry",
        yTitle: "Value",
        format: "money",
        categories: spots,
        series: [{ name: "Payoff", values: payoff }],
      },
      results,
      notes,
    };
  },
};

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
