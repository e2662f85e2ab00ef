/**
 * Options: an option overlay on a holding (a collar, a put spread, puts against a future), valued with the
 * smile when the workbook has one. Figures come from the typed halves: OVERLAY.STRATEGY (premium of the option
 * legs alone, the holding apart, desk Greeks, protection), OVERLAY.PAYOFF (the payoff at expiry), ZEROCOST
 * (for a collar, the zero-cost call strike, rounded to the listed grid with the premium the rounding leaves).
 * The tables shown are the spills a cell would show.
 *
 * Trades: the option legs in listed contracts (Quantity / multiplier) and future legs in futures contracts
 * (Quantity / futures multiplier), each with its expiry when given. The holding (underlying legs) is neither a
 * trade nor a premium. Checks: whole contracts, listed strikes, premium within budget, and protection: the
 * overlay, net of its premium, pays off after a fall of the chosen size (the holding's own loss is not the
 * overlay's).
 */
import { Leg } from "../../../engine/options/strategy";
import { listedStrike, isListed } from "../../../engine/options/strikeGrid";
import type { StrategyResult } from "../../../functions/catalogue/options";
import { Call, callRegistry, callTyped, describeOptions, withDefaults } from "../call";
import { fmtMoney, fmtNumber, fmtPct, headline, numberOption } from "../checks";
import { Check, Figure, TradeLine, Workflow, WorkflowError, WorkflowOptions } from "../model";
import { resultTable } from "./futuresCommon";

const OPTIONS = [
  { key: "spot", label: "Spot", kind: "number", help: "Level of the underlying (index points)." },
  { key: "years", label: "Years to expiry", kind: "number", help: "Default for legs without a Years column." },
  { key: "rate", label: "Interest rate", kind: "number", percent: true, help: "Continuously compounded, as a decimal (0.04) or 4%." },
  { key: "yield", label: "Dividend yield", kind: "number", percent: true, default: 0, help: "Continuous, as a decimal or percentage." },
  {
    key: "vol",
    label: "Volatility",
    kind: "number",
    percent: true,
    help: "For legs without a Vol column when the workbook has no Smile table (0.16 or 16%). With a Smile table, the smile is used.",
  },
  {
    key: "multiplier",
    label: "Contract multiplier",
    kind: "number",
    default: 100,
    help: "Units of the underlying per option contract (S&P 500 index options: 100).",
  },
  {
    key: "futuresMultiplier",
    label: "Futures multiplier",
    kind: "number",
    default: 50,
    help: "Units of the underlying per futures contract, for future legs (E-mini S&P 500: 50).",
  },
  {
    key: "strikeStep",
    label: "Listed strike step",
    kind: "number",
    default: 5,
    help: "Strikes are listed on this grid (SPX near the money: 5 points); a solved strike is rounded to it.",
  },
  {
    key: "expiry",
    label: "Expiry date",
    kind: "number",
    help: "The options' expiry, an Excel date serial, shown on every option and future trade. Empty: not shown.",
  },
  {
    key: "budget",
    label: "Premium budget",
    kind: "number",
    help: "Guardrail: the most net premium to pay for the options, base currency. Empty: no limit.",
  },
  {
    key: "fall",
    label: "Fall to protect against",
    kind: "number",
    percent: true,
    default: 0.2,
    help: "Guardrail: the overlay, net of its premium, must pay off after a fall of this size (0.2 = 20%).",
  },
] as const satisfies Workflow["options"];

const LEG_NAMES: Record<string, string> = { call: "Call", put: "Put", future: "Future" };

/** An Excel serial as yyyy-mm-dd (1900 date system). */
function isoDate(serial: number): string {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.trunc(serial) * 86400000);
  return d.toISOString().slice(0, 10);
}

function legName(leg: Leg): string {
  if (leg.kind === "future") return leg.strike === undefined ? "Future" : `Future at ${fmtNumber(leg.strike)}`;
  return `${LEG_NAMES[leg.kind]} ${fmtNumber(leg.strike as number)}`;
}

/** The one long put and one short call of the same size, when the legs are a collar on a holding. */
function collarOf(legs: readonly Leg[]): { put: Leg; call: Leg } | undefined {
  const puts = legs.filter((l) => l.kind === "put");
  const calls = legs.filter((l) => l.kind === "call");
  if (puts.length !== 1 || calls.length !== 1) return undefined;
  if (!(puts[0].quantity > 0) || calls[0].quantity !== -puts[0].quantity) return undefined;
  return { put: puts[0], call: calls[0] };
}

export const optionsWorkflow: Workflow = {
  id: "options",
  label: "Options",
  summary:
    "An option overlay on a holding (a collar, a put spread, puts against a future): premium, Greeks in desk units, protection, the payoff at expiry and the contracts to trade.",
  inputs: [
    {
      name: "Legs",
      columns:
        "Type (call, put, future, underlying = the holding), Strike (a future's traded price; empty = fair), Quantity (units, negative = short); optional Vol, Years",
    },
    { name: "Smile", columns: "Strike, Vol (linear in strike, flat outside); used instead of the Volatility option", optional: true },
  ],
  options: OPTIONS,
  async compute(inputs, raw) {
    const options: WorkflowOptions = withDefaults(OPTIONS, raw);
    const vol = inputs.Smile ? { input: "Smile" as const } : { option: "vol" };
    const strategyCall: Call = {
      fn: "STRATEGY",
      args: [{ input: "Legs" }, { option: "spot" }, { option: "years" }, { option: "rate" }, { option: "yield" }, vol],
    };
    const value = await callTyped<StrategyResult>(strategyCall, inputs, options);
    const r = await callRegistry(strategyCall, inputs, options);
    const spot = value.market.spot;
    const multiplier = numberOption(options, "multiplier", "Contract multiplier", { min: 0 }) ?? 100;
    if (!(multiplier > 0)) throw new WorkflowError("Contract multiplier must be > 0", "multiplier");
    const futuresMultiplier = numberOption(options, "futuresMultiplier", "Futures multiplier", { min: 0 }) ?? 50;
    if (!(futuresMultiplier > 0)) throw new WorkflowError("Futures multiplier must be > 0", "futuresMultiplier");
    const step = numberOption(options, "strikeStep", "Listed strike step", { min: 0 }) ?? 5;
    if (!(step > 0)) throw new WorkflowError("Listed strike step must be > 0", "strikeStep");
    const fall = numberOption(options, "fall", "Fall to protect against", { min: 0, max: 1 });
    const expirySerial = numberOption(options, "expiry", "Expiry date", { min: 1, max: 2958465 });
    const expiry = expirySerial === undefined ? undefined : isoDate(expirySerial);
    const premium = value.premium;

    // Trades: options and futures only; the holding is what the overlay protects, not a trade.
    const trades: TradeLine[] = [];
    value.lines.forEach((line) => {
      const leg = line.leg;
      if (leg.kind === "underlying") return;
      const perContract = leg.kind === "future" ? futuresMultiplier : multiplier;
      const contracts = Math.round((Math.abs(leg.quantity) / perContract) * 1e9) / 1e9;
      const unitNotional = leg.kind === "future" ? value.forward : spot;
      trades.push({
        assetClass: "",
        instrument: legName(leg),
        side: leg.quantity >= 0 ? "Buy" : "Sell",
        quantity: contracts,
        unit: "contracts",
        notional: leg.quantity * unitNotional,
        expiry,
        note:
          leg.kind === "future"
            ? `worth ${fmtMoney(line.position.price)} (a future costs nothing to enter)`
            : `premium ${fmtMoney(line.position.price)}`,
      });
    });
    const holdingUnits = value.legs.filter((l) => l.kind === "underlying").reduce((s, l) => s + l.quantity, 0);

    // The payoff at expiry over spots from 50% to 150% of spot, with the strikes and the fall point.
    const strikes = value.legs.filter((l) => l.kind === "call" || l.kind === "put").map((l) => l.strike as number);
    const grid = new Set<number>();
    for (let k = 0; k <= 40; k++) grid.add(round(spot * (0.5 + k * 0.025)));
    for (const k of strikes) grid.add(k);
    if (fall !== undefined) grid.add(round(spot * (1 - fall)));
    const spots = [...grid].filter((x) => x >= 0).sort((a, b) => a - b);
    const payoffCall: Call = {
      fn: "PAYOFF",
      args: [{ input: "Legs" }, { value: spots.map((x) => [x]) }, { value: premium }, { value: value.forward }],
    };
    const payoffCells = await callTyped<(number | string)[][]>(payoffCall, inputs, options);
    const total = payoffCells.map((row) => row[0]).filter((x): x is number => typeof x === "number");
    if (total.length !== spots.length) throw new WorkflowError("OVERLAY.PAYOFF returned a column of another length than the spots");
    // The overlay alone: the whole position's payoff less the holding's own value at expiry.
    const overlay = total.map((v, i) => v - holdingUnits * spots[i]);

    const optionTrades = trades;
    const notWhole = optionTrades.filter((tr) => !Number.isInteger(tr.quantity));
    const checks: Check[] = [
      {
        name: "Whole contracts",
        status: notWhole.length === 0 ? "pass" : "fail",
        detail:
          notWhole.length === 0
            ? `Every option leg is a whole number of contracts of ${fmtNumber(multiplier)} units${
                value.legs.some((l) => l.kind === "future") ? `, every future leg of ${fmtNumber(futuresMultiplier)}` : ""
              }.`
            : `Not whole: ${notWhole.map((tr) => `${tr.instrument} ${fmtNumber(tr.quantity)}`).join(", ")}.`,
      },
    ];
    const offGrid = value.legs.filter((l) => (l.kind === "call" || l.kind === "put") && !isListed(l.strike as number, step));
    checks.push({
      name: "Listed strikes",
      status: offGrid.length === 0 ? "pass" : "warn",
      detail:
        offGrid.length === 0
          ? `Every strike is on the listed grid of ${fmtNumber(step)} points.`
          : `Not listed: ${offGrid.map((l) => `${legName(l)} (nearest ${fmtNumber(listedStrike(l.strike as number, step))})`).join(", ")}.`,
    });
    const budget = numberOption(options, "budget", "Premium budget");
    if (budget !== undefined) {
      checks.push({
        name: "Premium within budget",
        status: premium <= budget + 1e-6 ? "pass" : "fail",
        detail: `Net premium of the options ${premium >= 0 ? "paid" : "received"} ${fmtMoney(Math.abs(premium))}; the budget is ${fmtMoney(budget)}.`,
      });
    }
    if (fall !== undefined) {
      const at = round(spot * (1 - fall));
      const i = spots.indexOf(at);
      const gain = overlay[i];
      const holdingLoss = holdingUnits * (spot - at);
      checks.push({
        name: `Protection in a ${fmtPct(fall, 0)} fall`,
        status: gain > 0 ? "pass" : "fail",
        detail:
          `At ${fmtNumber(at)} the overlay pays ${fmtMoney(gain)} at expiry, net of its premium` +
          (holdingUnits !== 0
            ? `; the holding loses ${fmtMoney(holdingLoss)}, so the protected loss is ${fmtMoney(holdingLoss - gain)}.`
            : "."),
      });
    }

    const results = [
      resultTable("Strategy value and Greeks (raw: vega per 1.00 of vol, theta per year)", strategyCall, r, inputs, options),
    ];
    const notes: string[] = [
      `Net premium of the options ${premium >= 0 ? "paid" : "received"}: ${fmtMoney(Math.abs(premium))}${
        value.legs.some((l) => l.kind === "future") ? "; future legs cost nothing to enter" : ""
      }.`,
      `Net delta ${fmtNumber(Math.round(value.desk.delta))} units (${fmtMoney(value.desk.dollarDelta)} of exposure).`,
      inputs.Smile ? "Volatility: the workbook's Smile, read at each strike." : "Volatility: flat (no Smile table).",
    ];
    if (holdingUnits !== 0) {
      notes.push(
        `The holding (${fmtNumber(holdingUnits)} units, ${fmtMoney(value.holding)}) is what the overlay protects: it is not traded and not part of the premium.`,
      );
    }

    const p = value.protection;
    const protectionRows: Figure[] = [{ label: "Net premium of the options", value: premium, format: "money" }];
    if (Number.isFinite(p.floor)) {
      protectionRows.push({ label: "Floor (worst value at expiry, net of premium)", value: p.floor, format: "money" });
      protectionRows.push({ label: "Floor level", value: p.floorLevel, format: "number", unit: "index points" });
      protectionRows.push({ label: "Maximum loss including the holding", value: p.maxLoss, format: "money" });
    } else
      notes.push(
        "No floor: the legs lose without limit as the underlying rises (short calls not covered by a holding; add an underlying leg for the holding the overlay protects to see its floor and maximum loss).",
      );
    if (p.cap !== undefined && p.capLevel !== undefined) {
      protectionRows.push({ label: "Cap (best value at expiry, net of premium)", value: p.cap, format: "money" });
      protectionRows.push({ label: "Cap level", value: p.capLevel, format: "number", unit: "index points" });
    }
    if (p.breakeven !== undefined)
      protectionRows.push({ label: "Breakeven at expiry", value: p.breakeven, format: "number", unit: "index points" });
    const d = value.desk;
    const figures = [
      {
        title: "Greeks (desk units)",
        rows: [
          { label: "Delta", value: d.delta, format: "number", unit: "units of the underlying" },
          { label: "Dollar delta", value: d.dollarDelta, format: "money" },
          { label: "Dollar gamma", value: d.dollarGammaPer1pct, format: "money", unit: "per 1% move" },
          { label: "Vega", value: d.vegaPerVolPoint, format: "money", unit: "per vol point" },
          { label: "Theta", value: d.thetaPerDay, format: "money", unit: "per day" },
          { label: "Rho", value: d.rhoPerBp, format: "money", unit: "per bp" },
        ] satisfies Figure[],
      },
      { title: "Protection", rows: protectionRows },
    ];

    // A collar: the call strike that makes it cost nothing (with the smile), rounded to the listed grid.
    const collar = collarOf(value.legs);
    if (collar) {
      const zc: Call = {
        fn: "ZEROCOST",
        args: [
          { value: "collar" },
          { option: "spot" },
          { option: "years" },
          { option: "rate" },
          { option: "yield" },
          vol,
          { value: collar.put.strike },
        ],
      };
      try {
        const k = await callTyped<number>(zc, inputs, options);
        const listed = listedStrike(k, step);
        const q = collar.put.quantity;
        const rounded: Call = {
          fn: "STRATEGY",
          args: [
            {
              value: [
                ["Type", "Strike", "Quantity"],
                ["put", collar.put.strike, q],
                ["call", listed, -q],
              ],
            },
            { option: "spot" },
            { option: "years" },
            { option: "rate" },
            { option: "yield" },
            vol,
          ],
        };
        const residual = (await callTyped<StrategyResult>(rounded, inputs, options)).premium;
        notes.push(
          `Zero-cost collar: with the ${fmtNumber(collar.put.strike as number)} put, a call struck at ${fmtNumber(Math.round(k * 1000) / 1000)} costs nothing` +
            ` (${inputs.Smile ? "smile" : "flat volatility"}); the nearest listed strike is ${fmtNumber(listed)}, which leaves a net premium of ${fmtMoney(residual)}` +
            ` on ${fmtNumber(q)} units.`,
        );
        figures[1].rows.push({ label: "Zero-cost call strike (listed)", value: listed, format: "number", unit: "index points" });
        figures[1].rows.push({ label: "Premium left at the listed strike", value: residual, format: "money" });
        results.push(resultTable("Zero-cost call strike", zc, k, inputs, options));
      } catch {
        // Only a note: a collar with no zero-cost strike is still a proposal.
      }
    }
    const payoffTable = await callRegistry(payoffCall, inputs, options);
    results.push({
      ...resultTable("Payoff at expiry, net of premium", payoffCall, payoffTable, inputs, options),
      values: [["Spot", "Holding and overlay", "Overlay"], ...spots.map((x, i) => [x, total[i], overlay[i]])],
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
        title: "Value at expiry, net of premium",
        xTitle: "Spot at expiry",
        yTitle: "Value",
        format: "money",
        categories: spots,
        series:
          holdingUnits !== 0
            ? [
                { name: "Holding and overlay", values: total },
                { name: "Overlay", values: overlay },
              ]
            : [{ name: "Overlay", values: overlay }],
      },
      figures,
      results,
      notes,
    };
  },
};

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
