/**
 * The Instruments table of a hedge: each row an instrument whose key-rate vector comes from its own cash flows
 * (rates/instrumentFlows.ts, rates/swap.ts) under the same bump as the liabilities' (rates/keyRates.ts):
 *
 *   Kind     Unit                 cash flows (per unit)                                        columns used
 *   swap     notional (currency)  receive-fixed swap at Coupon (default par), convention Index  Tenor, Coupon, Index
 *   future   contracts            contract size (from Contract) x CTD forward to Delivery / CF  Contract, Coupon, Tenor
 *                                                                                             (CTD maturity), Delivery, Factor
 *   bond     face (currency)      coupons (semiannual) and redemption                          Coupon, Tenor (maturity)
 *   strip    face (currency)      1 at Tenor                                                   Tenor
 *   trs      notional (currency)  receive a bond index (Coupon, Tenor) funded to Delivery      Coupon, Tenor, Delivery
 *   pv01     units                a PV01 placed at Tenor with the triangle weights (a given    Tenor, PV01
 *                                 bucket, not the instrument's own flows: kept for vectors a
 *                                 user has from elsewhere)
 *
 * Times are years from the valuation date (Tenor, Delivery); Kind defaults to "pv01" when a PV01 is given.
 * Swaps are valued on the swap curve, the others on the Treasury curve when one is given; a key-rate bump moves
 * both curves alike (the swap spread held), so every vector is on the liabilities' bump.
 * Position limits (Min, Max) apply to the position after the trade (Existing + trade): Min 0, the default,
 * means no payer swaps, no short futures or bonds; a negative Min allows them. Increment: the market's
 * notional step (default 1,000,000 for swaps and TRS, 1,000 for bonds and STRIPS, 1 contract for futures;
 * 0 for a continuous amount). Integer TRUE is an increment of 1.
 */
import { Matrix } from "../core/cells";
import { numError, valueError } from "../core/errors";
import { ColumnSpec, parseTable, whereRow } from "../core/table";
import { MAX_YEARS, ZeroCurve } from "../rates/curve";
import { CashFlows } from "../rates/cashflows";
import { bondFlows, futureFlows, trsFlows } from "../rates/instrumentFlows";
import { bucketPv01, keyRate01s } from "../rates/keyRates";
import { SwapConvention, findConvention } from "../rates/swapConventions";
import { parSwapRate, swapCashFlows } from "../rates/swap";
import { TreasuryContract, findContract } from "../rates/treasuryFutures";
import { CtdFuture, ctdYield } from "../rates/ctdFuture";
import { presentValue } from "../rates/cashflows";

export const INSTRUMENT_KINDS = ["swap", "future", "bond", "strip", "trs", "pv01"] as const;
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

export interface InstrumentRow {
  name: string;
  kind?: string;
  tenor?: number;
  coupon?: number;
  index?: string;
  contract?: string;
  delivery?: number;
  factor?: number;
  pv01?: number;
  integer?: boolean;
  increment?: number;
  min?: number;
  max?: number;
  existing: number;
}

export const INSTRUMENT_COLUMNS: readonly ColumnSpec[] = [
  { key: "name", header: "Instrument", synonyms: ["Name", "Hedge", "Security"], type: "text" },
  { key: "kind", header: "Kind", synonyms: ["Type", "Instrument type"], type: "text", optional: true },
  {
    key: "tenor",
    header: "Tenor",
    synonyms: ["Years", "Maturity", "Term", "Time"],
    type: "number",
    optional: true,
    rule: { min: 0, max: MAX_YEARS },
  },
  {
    key: "coupon",
    header: "Coupon",
    synonyms: ["Fixed rate", "Rate", "CTD coupon"],
    type: "number",
    optional: true,
    rule: { min: -0.5, max: 1 },
  },
  { key: "index", header: "Index", synonyms: ["Convention", "Floating index"], type: "text", optional: true },
  { key: "contract", header: "Contract", synonyms: ["Code", "Exchange code", "Future"], type: "text", optional: true },
  {
    key: "delivery",
    header: "Delivery",
    synonyms: ["Delivery (years)", "Reset", "Expiry"],
    type: "number",
    optional: true,
    rule: { min: 0, max: 50 },
  },
  {
    key: "factor",
    header: "Factor",
    synonyms: ["Conversion factor", "CF"],
    type: "number",
    optional: true,
    rule: { min: 0, minExclusive: true, max: 10 },
  },
  {
    key: "pv01",
    header: "PV01",
    synonyms: ["DV01", "PV01 per unit", "DV01 per unit", "BPV", "PVBP"],
    type: "number",
    optional: true,
    rule: { min: -1e12, max: 1e12 },
  },
  { key: "integer", header: "Integer", synonyms: ["Whole", "Whole units", "Integer units", "Round"], type: "boolean", optional: true },
  {
    key: "increment",
    header: "Increment",
    synonyms: ["Step", "Lot", "Notional increment"],
    type: "number",
    optional: true,
    rule: { min: 0, max: 1e12 },
  },
  {
    key: "min",
    header: "Min",
    synonyms: ["Minimum", "Lower", "Min position"],
    type: "number",
    optional: true,
    rule: { min: -1e15, max: 1e15 },
  },
  {
    key: "max",
    header: "Max",
    synonyms: ["Maximum", "Upper", "Max position", "Limit"],
    type: "number",
    optional: true,
    rule: { min: -1e15, max: 1e15 },
  },
  {
    key: "existing",
    header: "Existing",
    synonyms: ["Held", "Position", "Current"],
    type: "number",
    optional: true,
    default: 0,
    rule: { min: -1e15, max: 1e15 },
  },
];

export const MAX_INSTRUMENTS = 50;

/** One instrument, resolved: its kind, unit, key-rate vector per unit, and what a ticket needs. */
export interface HedgeInstrument {
  name: string;
  kind: InstrumentKind;
  unit: "notional" | "contracts" | "face" | "units";
  /** KR01 per unit at each key tenor (currency per 1bp, PV(curve - 1bp x h_k) - PV(curve), linearised). */
  kr01: number[];
  /** Sum of kr01: the PV01 per unit. */
  pv01: number;
  /** Cash flows per unit (undefined for kind pv01). */
  flows?: CashFlows;
  /** Trade step: 0 continuous, else the trade is a whole number of increments. */
  increment: number;
  /** Bounds on the position after the trade. */
  min: number;
  max: number;
  existing: number;
  tenor?: number;
  /** Swaps: the fixed rate and the index convention. */
  fixedRate?: number;
  convention?: SwapConvention;
  /** Futures: the contract. */
  contract?: TreasuryContract;
  delivery?: number;
  /** Futures: the cheapest-to-deliver on the book's basis (rates/ctdFuture.ts: spot, at the yield the instrument's
   * curve prices it at), to hold the book's futures' DV01 against (bookHedges.ts). */
  ctd?: CtdFuture;
}

function kindOf(r: InstrumentRow, where: string): InstrumentKind {
  if (r.kind === undefined || r.kind.trim() === "") {
    if (r.pv01 !== undefined) return "pv01";
    valueError(`${where}: Kind is required (swap, future, bond, strip, trs, or pv01 with a PV01)`, "instruments");
  }
  const k = r.kind
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  const map: Record<string, InstrumentKind> = {
    swap: "swap",
    irs: "swap",
    ois: "swap",
    receiver: "swap",
    future: "future",
    futures: "future",
    bond: "bond",
    gilt: "bond",
    treasury: "bond",
    strip: "strip",
    strips: "strip",
    zero: "strip",
    trs: "trs",
    totalreturnswap: "trs",
    pv01: "pv01",
    dv01: "pv01",
  };
  const hit = map[k];
  if (!hit) valueError(`${where}: Kind must be one of ${INSTRUMENT_KINDS.join(", ")}, got '${r.kind}'`, "instruments");
  return hit;
}

function need<T>(v: T | undefined, where: string, what: string, kind: string): T {
  if (v === undefined) valueError(`${where}: ${what} is required for a ${kind}`, "instruments");
  return v;
}

const DEFAULT_INCREMENT: Record<InstrumentKind, number> = { swap: 1e6, trs: 1e6, bond: 1e3, strip: 1e3, future: 1, pv01: 0 };
const UNIT: Record<InstrumentKind, HedgeInstrument["unit"]> = {
  swap: "notional",
  trs: "notional",
  bond: "face",
  strip: "face",
  future: "contracts",
  pv01: "units",
};

/**
 * Reads the Instruments table and builds every instrument's key-rate vector at `keys`: swaps on `curve` (the swap
 * curve), Treasury futures, bonds, STRIPS and TRS on `treasury` (the Treasury curve; default `curve`).
 */
export function readHedgeInstruments(
  matrix: Matrix,
  curve: ZeroCurve,
  keys: readonly number[],
  arg = "instruments",
  treasury: ZeroCurve = curve,
): HedgeInstrument[] {
  const t = parseTable<InstrumentRow>(matrix, { arg, columns: INSTRUMENT_COLUMNS, key: "name" });
  if (t.rows.length > MAX_INSTRUMENTS) numError(`${arg} has ${t.rows.length} instruments; at most ${MAX_INSTRUMENTS} are supported`, arg);
  return t.rows.map((r, i) => {
    const where = whereRow(t, i);
    const kind = kindOf(r, where);
    // A given PV01 in whole units is a futures contract (the Integer column of the PV01 table).
    const unit = kind === "pv01" && r.integer === true ? "contracts" : UNIT[kind];
    const out: Partial<HedgeInstrument> = { name: r.name, kind, unit, existing: r.existing, tenor: r.tenor };
    let flows: CashFlows | undefined;
    if (kind === "pv01") {
      const pv01 = need(r.pv01, where, "PV01", "pv01 instrument");
      if (pv01 === 0) numError(`${where}: PV01 must not be 0 (an instrument without rate risk cannot hedge)`, arg);
      out.kr01 = bucketPv01(keys, need(r.tenor, where, "Tenor", "pv01 instrument"), pv01);
    } else if (kind === "swap") {
      const tenor = need(r.tenor, where, "Tenor (years)", "swap");
      if (!(tenor > 0 && tenor <= 100)) numError(`${where}: Tenor must be > 0 and <= 100 years for a swap, got ${tenor}`, arg);
      const convention = findConvention(r.index ?? "SOFR", `${where}: Index`);
      const terms = { tenor, frequency: convention.frequency, dayCount: convention.dayCount };
      const k = r.coupon ?? parSwapRate(curve, terms);
      flows = swapCashFlows(terms, k);
      out.fixedRate = k;
      out.convention = convention;
    } else if (kind === "future") {
      const contract = findContract(need(r.contract, where, "Contract (TU, Z3N, FV, TY, TN, US, UB)", "future"), `${where}: Contract`);
      const coupon = need(r.coupon, where, "Coupon (the cheapest-to-deliver's)", "future");
      const maturity = need(r.tenor, where, "Tenor (the cheapest-to-deliver's maturity, years)", "future");
      const delivery = need(r.delivery, where, "Delivery (years to the delivery date)", "future");
      const factor = need(r.factor, where, "Factor (the CTD's conversion factor, OVERLAY.CONVFACTOR)", "future");
      if (!(maturity > delivery)) numError(`${where}: the cheapest-to-deliver matures (${maturity}y) before delivery (${delivery}y)`, arg);
      const ctdFlows = bondFlows(coupon, maturity, 2);
      flows = futureFlows(ctdFlows, delivery, factor, contract.contractSize, treasury);
      out.contract = contract;
      out.delivery = delivery;
      const terms = { coupon, years: maturity, frequency: 2, conversionFactor: factor, contractSize: contract.contractSize, contract };
      out.ctd = { ...terms, yield: ctdYield(terms, 100 * presentValue(ctdFlows, treasury)) };
    } else if (kind === "bond" || kind === "strip") {
      const maturity = need(r.tenor, where, "Tenor (maturity, years)", kind);
      if (!(maturity > 0)) numError(`${where}: Tenor (maturity) must be > 0 years, got ${maturity}`, arg);
      flows = bondFlows(kind === "strip" ? 0 : need(r.coupon, where, "Coupon", "bond"), maturity, 2);
    } else {
      const maturity = need(r.tenor, where, "Tenor (the index's maturity, years)", "total return swap");
      const reset = r.delivery ?? 0.25;
      if (!(maturity > reset && reset > 0))
        numError(`${where}: the index must mature (${maturity}y) after the reset (${reset}y), which must be > 0`, arg);
      flows = trsFlows(bondFlows(need(r.coupon, where, "Coupon (the index's)", "total return swap"), maturity, 2), reset, treasury);
      out.delivery = reset;
    }
    if (flows) out.kr01 = keyRate01s(flows, kind === "swap" ? curve : treasury, keys);
    const kr = out.kr01!;
    const pv01 = kr.reduce((s, x) => s + x, 0);
    if (!(Math.abs(pv01) > 0) || !kr.every(Number.isFinite))
      numError(`${where}: the instrument has no rate risk on this curve (PV01 ${pv01})`, arg);
    const increment = r.integer === true ? Math.max(1, r.increment ?? 1) : (r.increment ?? DEFAULT_INCREMENT[kind]);
    if (kind === "future" && increment !== Math.round(increment))
      numError(`${where}: Increment must be whole contracts for a future, got ${increment}`, arg);
    const min = r.min ?? 0;
    const max = r.max ?? Infinity;
    if (!(max >= min)) valueError(`${where}: Max (${max}) is below Min (${min})`, arg);
    return { ...out, flows, pv01, increment, min, max } as HedgeInstrument;
  });
}
