/**
 * The futures life cycle: OVERLAY.TRANCHES (staging a trade), CONTRACTDATES (a contract's key dates), ROLLS
 * (the positions that need rolling and their roll trades), ROLLCOST (a calendar spread's implied financing)
 * and COSTCOMPARE (futures against physical). Thin: parse the arguments, call the engine, lay out the spill. Loaded on first use, as a chunk of its own:
 * the JSDoc'd functions Excel sees, and the registry entries, are in catalogue/futures.ts.
 * Each function has a typed half (`...Result`) returning the engine's result, and the layout built from it.
 */
import { Matrix, argChoice, argMatrix, argNumber, argOptionalNumber, argString, isEmpty } from "../../engine/core/cells";
import { valueError } from "../../engine/core/errors";
import { ColumnSpec, parseTable, whereRow } from "../../engine/core/table";
import { readPositions } from "../../engine/book/positions";
import { ContractMonth, KeyDates, contractCode, keyDates, nextContract, parseContract } from "../../engine/futures/calendar/contracts";
import { CALENDAR_NAMES } from "../../engine/futures/calendar/holidays";
import { FuturesHolding, ImpliedFinancing, RollPlan, SpreadQuote, impliedFinancing, planRolls } from "../../engine/futures/roll";
import { RouteCost, costCompare } from "../../engine/leverage/implementationCost";
import { MAX_DATE_SERIAL, MAX_TRANCHES, TRANCHE_SHAPES, Tranche, tranches as tranchesEngine } from "../../engine/tilts/tranches";
import { run, spill } from "../excel";

const DATE_RULE = { min: 1, max: MAX_DATE_SERIAL };

function optionalContract(v: unknown, arg: string, asOf?: number): ContractMonth | undefined {
  const text = argString(v, arg, "");
  return text === "" ? undefined : parseContract(text, arg, asOf);
}

/** The typed half of TRANCHES. */
export function tranchesResult(total: any, count: any, start?: any, intervalDays?: any, shape?: any, contract?: any): Tranche[] {
  const t = argNumber(total, "total", { min: -1e15, max: 1e15 });
  const n = argNumber(count, "count", { min: 1, max: MAX_TRANCHES, integer: true });
  const s = argOptionalNumber(start, "start", { min: 0, max: MAX_DATE_SERIAL });
  const d = argNumber(intervalDays, "intervalDays", { default: 7, min: 0, max: 36500, integer: true });
  const c = optionalContract(contract, "contract", s);
  return tranchesEngine(t, n, argChoice(shape, "shape", TRANCHE_SHAPES, "equal"), s === undefined ? undefined : Math.trunc(s), d, c);
}

/** OVERLAY.TRANCHES: its JSDoc (the function reference) is in catalogue/futures.ts. */
export function tranches(...args: Parameters<typeof tranchesResult>) {
  return run(() => {
    const rows = tranchesResult(...args);
    if (rows[0]?.contract === undefined) {
      return spill(
        ["Tranche", "Date", "Size", "Cumulative"],
        rows.map((r) => [r.tranche, r.date, r.size, r.cumulative]),
      );
    }
    return spill(
      ["Tranche", "Date", "Size", "Cumulative", "Contract", "Last trading day"],
      rows.map((r) => [r.tranche, r.date, r.size, r.cumulative, r.contract, r.lastTrade]),
    );
  });
}

export interface ContractDates {
  code: string;
  name: string;
  exchange: string;
  calendar: string;
  multiplier: number;
  dates: KeyDates;
  next: string;
}

/** The typed half of CONTRACTDATES. */
export function contractDatesResult(contract: any, asOf?: any): ContractDates {
  const a = argOptionalNumber(asOf, "asOf", DATE_RULE);
  const c = parseContract(argString(contract, "contract"), "contract", a === undefined ? undefined : Math.trunc(a));
  return {
    code: contractCode(c),
    name: c.spec.name,
    exchange: c.spec.exchange,
    calendar: CALENDAR_NAMES[c.spec.calendar],
    multiplier: c.spec.multiplier,
    dates: keyDates(c),
    next: contractCode(nextContract(c)),
  };
}

/** OVERLAY.CONTRACTDATES: its JSDoc (the function reference) is in catalogue/futures.ts. */
export function contractdates(...args: Parameters<typeof contractDatesResult>) {
  return run(() => {
    const r = contractDatesResult(...args);
    const d = r.dates;
    const rows: [string, string | number][] = [
      ["Contract", r.code],
      ["Name", r.name],
      ["Exchange", r.exchange],
      ["Calendar", r.calendar],
      ["Multiplier", r.multiplier],
      ["Last trading day", d.lastTrade],
      [d.firstDelivery === undefined ? "Final settlement" : "Last delivery day", d.settlement],
    ];
    if (d.firstPosition !== undefined) rows.push(["First position day", d.firstPosition]);
    if (d.firstNotice !== undefined) rows.push(["First notice day", d.firstNotice]);
    if (d.firstDelivery !== undefined) rows.push(["First delivery day", d.firstDelivery]);
    rows.push(["Roll date", d.roll], ["Next contract", r.next]);
    return spill(["Field", "Value"], rows);
  });
}

const HOLDING_COLUMNS: readonly ColumnSpec[] = [
  { key: "id", header: "Id", synonyms: ["Position", "Position id", "Ref"], type: "text", optional: true },
  { key: "instrument", header: "Contract", synonyms: ["Instrument", "Ticker", "Future", "Futures contract"], type: "text" },
  { key: "kind", header: "Kind", synonyms: ["Type", "Instrument type", "Product"], type: "text", optional: true },
  { key: "quantity", header: "Quantity", synonyms: ["Qty", "Contracts", "Position size"], type: "number", rule: { min: -1e15, max: 1e15 } },
  {
    key: "multiplier",
    header: "Multiplier",
    synonyms: ["Mult", "Point value", "Contract size"],
    type: "number",
    optional: true,
    rule: { min: 0, minExclusive: true, max: 1e15 },
  },
];

/**
 * The futures positions of a Positions table: the book's (src/engine/book/positions.ts, with a Kind
 * column: its futures rows) or a plain futures table (Contract, Quantity, optional Multiplier).
 */
export function readFuturesHoldings(m: Matrix, arg: string, asOf: number): FuturesHolding[] {
  const t = parseTable<{ id?: string; instrument: string; kind?: string; quantity: number; multiplier?: number }>(m, {
    arg,
    columns: HOLDING_COLUMNS,
  });
  if (t.headers.kind !== undefined) {
    return readPositions(m, arg)
      .filter((p) => p.kind === "future")
      .map((p) => ({
        id: p.id,
        contract: parseContract(p.instrument, `${p.where}: Instrument`, asOf),
        quantity: p.quantity,
        multiplier: p.multiplier,
        where: p.where,
      }));
  }
  return t.rows.map((r, i) => {
    const where = whereRow(t, i);
    const contract = parseContract(r.instrument, `${where}: ${t.headers.instrument}`, asOf);
    return { id: r.id ?? r.instrument, contract, quantity: r.quantity, multiplier: r.multiplier ?? contract.spec.multiplier, where };
  });
}

const SPREAD_COLUMNS: readonly ColumnSpec[] = [
  { key: "contract", header: "Contract", synonyms: ["Front", "Front contract", "Held"], type: "text" },
  {
    key: "front",
    header: "Price",
    synonyms: ["Front price", "Futures price"],
    type: "number",
    rule: { min: 0, minExclusive: true, max: 1e15 },
  },
  {
    key: "spread",
    header: "Spread",
    synonyms: ["Calendar spread", "Roll spread", "Spread points"],
    type: "number",
    rule: { min: -1e15, max: 1e15 },
  },
  {
    key: "dividends",
    header: "Dividends",
    synonyms: ["Dividend points", "Divs"],
    type: "number",
    optional: true,
    default: 0,
    rule: { min: -1e15, max: 1e15 },
  },
];

function readSpreads(v: unknown, arg: string, asOf: number): Map<string, SpreadQuote> {
  const out = new Map<string, SpreadQuote>();
  if (v === null || v === undefined) return out;
  const m = argMatrix(v, arg);
  if (m.flat().every(isEmpty)) return out;
  const t = parseTable<{ contract: string; front: number; spread: number; dividends: number }>(m, { arg, columns: SPREAD_COLUMNS });
  t.rows.forEach((r, i) => {
    const code = contractCode(parseContract(r.contract, `${whereRow(t, i)}: ${t.headers.contract}`, asOf));
    if (out.has(code)) valueError(`${whereRow(t, i)}: ${code} appears twice`, arg);
    out.set(code, { front: r.front, spread: r.spread, dividends: r.dividends });
  });
  return out;
}

/** The typed half of ROLLS. */
export function rollsResult(positions: any[][], asOf: any, windowDays?: any, spreads?: any[][], cashRate?: any): RollPlan {
  const a = Math.trunc(argNumber(asOf, "asOf", DATE_RULE));
  const w = argNumber(windowDays, "windowDays", { default: 30, min: 0, max: 3650, integer: true });
  const holdings = readFuturesHoldings(argMatrix(positions, "positions"), "Positions", a);
  for (const h of holdings) {
    const d = keyDates(h.contract);
    if (d.lastTrade < a)
      valueError(
        `${h.where}: ${contractCode(h.contract)} stopped trading on serial ${d.lastTrade}, before asOf: nothing to roll`,
        "positions",
      );
  }
  const quotes = readSpreads(spreads, "spreads", a);
  const r = argOptionalNumber(cashRate, "cashRate", { min: -1, max: 1 });
  if (quotes.size > 0 && r === undefined) valueError("cashRate is required with spreads: the financing is measured against it", "cashRate");
  return planRolls(holdings, a, w, quotes, r);
}

/** OVERLAY.ROLLS: its JSDoc (the function reference) is in catalogue/futures.ts. */
export function rolls(...args: Parameters<typeof rollsResult>) {
  return run(() => {
    const plan = rollsResult(...args);
    return spill(
      [
        "Id",
        "Held",
        "Quantity",
        "Roll date",
        "Last trading day",
        "Status",
        "Spread trade",
        "Into",
        "Days",
        "Implied financing",
        "Over cash (bp)",
        "Financing cost",
      ],
      plan.lines.map((l) => [
        l.holding.id,
        l.held,
        l.holding.quantity,
        l.heldDates.roll,
        l.heldDates.lastTrade,
        l.status,
        `${l.spreadSide} ${Math.abs(l.holding.quantity)} ${l.held}/${l.into}`,
        l.into,
        l.days,
        l.financing?.impliedRate ?? "",
        l.financing?.richnessBp ?? "",
        l.financingCost ?? "",
      ]),
    );
  });
}

export interface RollCost extends ImpliedFinancing {
  held: string;
  into: string;
  days: number;
}

/** The typed half of ROLLCOST. */
export function rollCostResult(contract: any, front: any, spread: any, cashRate: any, dividends?: any, asOf?: any): RollCost {
  const a = argOptionalNumber(asOf, "asOf", DATE_RULE);
  const c = parseContract(argString(contract, "contract"), "contract", a === undefined ? undefined : Math.trunc(a));
  const q: SpreadQuote = {
    front: argNumber(front, "front", { min: 0, minExclusive: true, max: 1e15 }),
    spread: argNumber(spread, "spread", { min: -1e15, max: 1e15 }),
    dividends: argNumber(dividends, "dividends", { default: 0, min: -1e15, max: 1e15 }),
  };
  const r = argNumber(cashRate, "cashRate", { min: -1, max: 1 });
  const into = nextContract(c);
  const days = keyDates(into).settlement - keyDates(c).settlement;
  return { held: contractCode(c), into: contractCode(into), days, ...impliedFinancing(q, days, r, c.spec.multiplier) };
}

/** OVERLAY.ROLLCOST: its JSDoc (the function reference) is in catalogue/futures.ts. */
export function rollcost(...args: Parameters<typeof rollCostResult>) {
  return run(() => {
    const r = rollCostResult(...args);
    return spill(
      ["Held", "Into", "Days", "Implied financing", "Cash rate", "Over cash (bp a year)", "Cost per contract"],
      [[r.held, r.into, r.days, r.impliedRate, r.cashRate, r.richnessBp, r.costPerContract]],
    );
  });
}

/** The typed half of COSTCOMPARE. */
export function costCompareResult(
  notional: any,
  physicalBps: any,
  futuresBps: any,
  marginRate?: any,
  years?: any,
  rollBps?: any,
  financingBps?: any,
  rollsPerYear?: any,
): RouteCost[] {
  return costCompare({
    notional: argNumber(notional, "notional", { min: 0, max: 1e15 }),
    physicalBps: argNumber(physicalBps, "physicalBps", { min: 0, max: 10000 }),
    futuresBps: argNumber(futuresBps, "futuresBps", { min: 0, max: 10000 }),
    marginRate: argNumber(marginRate, "marginRate", { default: 0.05, min: 0, max: 1 }),
    years: argNumber(years, "years", { default: 1, min: 0, max: 100 }),
    rollBps: argOptionalNumber(rollBps, "rollBps", { min: -10000, max: 10000 }),
    financingBps: argOptionalNumber(financingBps, "financingBps", { min: -10000, max: 10000 }),
    rollsPerYear: argOptionalNumber(rollsPerYear, "rollsPerYear", { min: 0, max: 365 }),
  });
}

/** OVERLAY.COSTCOMPARE: its JSDoc (the function reference) is in catalogue/futures.ts. */
export function costcompare(...args: Parameters<typeof costCompareResult>) {
  return run(() => {
    const rows = costCompareResult(...args);
    return spill(
      ["Route", "Trading cost", "Roll trades", "Financing over cash", "Holding cost", "Total cost", "Capital required"],
      rows.map((r) => [r.route, r.tradingCost, r.rollCost, r.financingCost, r.holdingCost, r.totalCost, r.capitalRequired]),
    );
  });
}
