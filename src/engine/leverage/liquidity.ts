/**
 * Liquidity of a derivatives book under stress (OVERLAY.LIQUIDITY, LADDER, RESILIENCE): the tables read into
 * the typed book, collateral and scenarios of src/engine/stress, and the report over them.
 *
 * The positions are LIQUIDITY's own table or the book's Positions table (src/engine/book/positions.ts: Id, Asset
 * class, Instrument, Kind, ...; its reader checks the rows, and the stress terms are read beside it: Coupon, Years,
 * Yield, Conversion factor, FX factor, Spread factor). Every position is fully revalued under each scenario (stress/revalue.ts: bonds, swaps and Treasury futures
 * through their CTD from their cash flows (the CTD read by rates/ctdFuture.ts, as the book's DV01 is: the face from
 * the CME contract the name gives, a DV01 typed beside it checked against the CTD's), options with
 * Black-Scholes-Merton, futures from their underlying;
 * several factors per position: its Factor, an FX factor, a Spread factor). A row that gives only a DV01 is
 * linear (loss = Quantity x DV01 x shock) and the report counts it as such. The collateral is revalued under the
 * same scenario (bonds from Coupon, Years and Yield; equities by their Factor) with its haircut scaled by the
 * scenario's Haircut multiplier, and meets the calls through the ladder (stress/collateral.ts). The buffer is
 * the parallel rate rise, and the equity fall, that exhaust the collateral, found by root-finding on the full
 * revaluation (stress/buffer.ts); TPR's April 2023 guidance states the requirement: market stress buffer
 * >= 250 bp plus an operational buffer.
 */
import { Matrix, normaliseName } from "../core/cells";
import { numError, quote, valueError } from "../core/errors";
import { ColumnSpec, parseTable, whereRow } from "../core/table";
import { Position, isBookTable, readPositions as readBookPositions } from "../book/positions";
import { CtdFuture, ctdFlows, readCtdFuture } from "../rates/ctdFuture";
import { OptionKind, parseOptionKind } from "../options/optionType";
import { Buffer, exhaustingMove } from "../stress/buffer";
import { CollateralAsset, Eligibility, LADDER_DAYS } from "../stress/collateral";
import {
  FactorKind,
  FactorSpace,
  Instrument,
  MarginChannel,
  PreparedBook,
  StressPosition,
  StressScenario,
  bondFlows,
  factorSpace,
  prepareBook,
  swapFlows,
} from "../stress/revalue";
import { CollateralHolding, PreparedCollateral, ScenarioOutcome, prepareCollateral, runScenario } from "../stress/stress";

const AMOUNT = { min: -1e12, max: 1e12 };
const POSITIVE = { min: 0, minExclusive: true, max: 1e12 };
const RATE = { min: -0.5, max: 2 };

export const KINDS = ["future", "forward", "bond", "swap", "tfuture", "option", "trs", "linear"] as const;
export type PositionKind = (typeof KINDS)[number];
const KIND_SYNONYMS: Record<string, PositionKind> = {
  future: "future",
  futures: "future",
  forward: "forward",
  fwd: "forward",
  fxforward: "forward",
  bond: "bond",
  gilt: "bond",
  repo: "bond",
  swap: "swap",
  irs: "swap",
  tfuture: "tfuture",
  treasuryfuture: "tfuture",
  bondfuture: "tfuture",
  option: "option",
  trs: "trs",
  totalreturnswap: "trs",
  linear: "linear",
};

export const POSITION_COLUMNS: readonly ColumnSpec[] = [
  { key: "contract", header: "Contract", synonyms: ["Id", "Position", "Instrument", "Future", "Ticker", "Name"], type: "text" },
  { key: "kind", header: "Kind", synonyms: ["Type", "Product"], type: "text", optional: true },
  {
    key: "quantity",
    header: "Quantity",
    synonyms: ["Qty", "Contracts", "Units", "Position size", "Notional"],
    type: "number",
    rule: AMOUNT,
  },
  { key: "price", header: "Price", synonyms: ["Futures price", "Level", "Last", "Spot"], type: "number", optional: true, rule: POSITIVE },
  {
    key: "multiplier",
    header: "Multiplier",
    synonyms: ["Mult", "Point value", "Contract size", "Size"],
    type: "number",
    optional: true,
    default: 1,
    rule: POSITIVE,
  },
  {
    key: "margin",
    header: "Margin",
    synonyms: ["Initial margin", "IM", "Margin per contract"],
    type: "number",
    optional: true,
    default: 0,
    rule: { min: 0, max: 1e12 },
  },
  { key: "factor", header: "Factor", synonyms: ["Risk factor", "Driver", "Underlying"], type: "text" },
  { key: "dv01", header: "DV01", synonyms: ["PV01", "BPV", "DV01 per unit", "PVBP"], type: "number", optional: true, rule: AMOUNT },
  { key: "fx", header: "FX", synonyms: ["FX rate"], type: "number", optional: true, default: 1, rule: POSITIVE },
  { key: "fxFactor", header: "FX factor", synonyms: ["Currency", "Currency factor"], type: "text", optional: true },
  { key: "spreadFactor", header: "Spread factor", synonyms: ["Spread", "Credit factor"], type: "text", optional: true },
  { key: "volFactor", header: "Vol factor", synonyms: ["Volatility factor", "Vol shock"], type: "text", optional: true },
  { key: "coupon", header: "Coupon", synonyms: ["Fixed rate", "Swap rate", "CTD coupon"], type: "number", optional: true, rule: RATE },
  { key: "years", header: "Years", synonyms: ["Maturity (years)", "Tenor", "T", "Years to maturity"], type: "number", optional: true },
  { key: "yld", header: "Yield", synonyms: ["YTM", "CTD yield", "Dividend yield"], type: "number", optional: true, rule: RATE },
  { key: "frequency", header: "Frequency", synonyms: ["Coupons a year"], type: "number", optional: true },
  { key: "cf", header: "Conversion factor", synonyms: ["CF", "Factor CF"], type: "number", optional: true, rule: { min: 0.01, max: 10 } },
  { key: "optionType", header: "Option type", synonyms: ["Call/put", "Put/call"], type: "text", optional: true },
  { key: "strike", header: "Strike", type: "number", optional: true, rule: POSITIVE },
  { key: "vol", header: "Vol", synonyms: ["Volatility"], type: "number", optional: true, rule: { min: 0.0001, max: 5 } },
  { key: "rate", header: "Rate", synonyms: ["Risk-free rate"], type: "number", optional: true, default: 0, rule: RATE },
  { key: "vm", header: "VM", synonyms: ["Variation margin", "VM in"], type: "text", optional: true },
];

export const COLLATERAL_COLUMNS: readonly ColumnSpec[] = [
  { key: "asset", header: "Asset", synonyms: ["Collateral", "Asset class", "Name", "Source"], type: "text" },
  { key: "value", header: "Value", synonyms: ["Market value", "MV", "Amount"], type: "number", rule: { min: -1e15, max: 1e15 } },
  { key: "haircut", header: "Haircut", synonyms: ["Haircut %"], type: "number", optional: true, default: 0, rule: { min: 0, max: 1 } },
  {
    key: "tier",
    header: "Tier",
    synonyms: ["Priority", "Order", "Waterfall"],
    type: "number",
    optional: true,
    default: 1,
    rule: { min: -1e6, max: 1e6 },
  },
  { key: "eligible", header: "Eligible", synonyms: ["Eligible for", "Eligibility", "Use"], type: "text", optional: true },
  { key: "days", header: "Days to cash", synonyms: ["Days", "Liquidity days", "Settlement days"], type: "number", optional: true },
  { key: "posted", header: "Posted", synonyms: ["Posted IM", "Posted as IM", "Pledged"], type: "number", optional: true, default: 0 },
  { key: "factor", header: "Factor", synonyms: ["Risk factor", "Rate factor"], type: "text", optional: true },
  { key: "spreadFactor", header: "Spread factor", synonyms: ["Spread", "Credit factor"], type: "text", optional: true },
  { key: "fxFactor", header: "FX factor", synonyms: ["Currency", "Currency factor"], type: "text", optional: true },
  { key: "coupon", header: "Coupon", type: "number", optional: true, rule: RATE },
  { key: "years", header: "Years", synonyms: ["Maturity (years)", "Tenor"], type: "number", optional: true },
  { key: "yld", header: "Yield", synonyms: ["YTM"], type: "number", optional: true, rule: RATE },
];

export const SCENARIO_COLUMNS: readonly ColumnSpec[] = [
  { key: "name", header: "Scenario", synonyms: ["Name", "Stress"], type: "text" },
  {
    key: "imMultiplier",
    header: "IM multiplier",
    synonyms: ["Margin multiplier", "IM scale", "Margin scale", "IM factor"],
    type: "number",
    optional: true,
    default: 1,
    rule: { min: 0, max: 100 },
  },
  {
    key: "haircutMultiplier",
    header: "Haircut multiplier",
    synonyms: ["Haircut scale", "Haircut factor"],
    type: "number",
    optional: true,
    default: 1,
    rule: { min: 0, max: 100 },
  },
];

interface PositionRow {
  contract: string;
  kind?: string;
  quantity: number;
  price?: number;
  multiplier: number;
  margin: number;
  factor: string;
  dv01?: number;
  fx: number;
  fxFactor?: string;
  spreadFactor?: string;
  volFactor?: string;
  coupon?: number;
  years?: number;
  yld?: number;
  frequency?: number;
  cf?: number;
  optionType?: string;
  strike?: number;
  vol?: number;
  rate: number;
  vm?: string;
}

interface CollateralRow {
  asset: string;
  value: number;
  haircut: number;
  tier: number;
  eligible?: string;
  days?: number;
  posted: number;
  factor?: string;
  spreadFactor?: string;
  fxFactor?: string;
  coupon?: number;
  years?: number;
  yld?: number;
}

/** A factor as the tables name it, with the row that first named it (for messages). */
interface FactorRef {
  name: string;
  kind: FactorKind;
  where: string;
}

/** The factors named by positions and collateral, each of one kind. */
class FactorNames {
  readonly list: FactorRef[] = [];
  private readonly index = new Map<string, number>();
  use(name: string, kind: FactorKind, where: string, column: string): number {
    const k = normaliseName(name);
    if (k === "") valueError(`${where}: ${column} must name a risk factor (a column of scenarios), got ${quote(name)}`);
    const j = this.index.get(k);
    if (j === undefined) {
      this.index.set(k, this.list.length);
      this.list.push({ name, kind, where });
      return this.list.length - 1;
    }
    const f = this.list[j];
    if (f.kind !== kind) {
      valueError(
        `${where}: ${column} '${name}' is used as a ${kindWords(kind)} here but as a ${kindWords(f.kind)} by ${f.where}; ` +
          `one scenario column drives one kind of factor`,
      );
    }
    return j;
  }
}

function kindWords(k: FactorKind): string {
  return {
    return: "return factor (equity)",
    rate: "rate factor (bp)",
    spread: "spread factor (bp)",
    fx: "currency factor",
    vol: "vol factor (vol points)",
  }[k];
}

export interface LiquidityBook {
  positions: StressPosition[];
  /** Which rows are linear (a DV01 only). */
  linear: string[];
  where: string[];
}

export interface LiquidityInputs {
  space: FactorSpace;
  book: PreparedBook;
  collateral: PreparedCollateral;
  scenarios: StressScenario[];
  linear: string[];
}

function need<T>(v: T | undefined, where: string, column: string, kind: string): T {
  if (v === undefined) valueError(`${where}: ${column} is needed for a ${kind} position`);
  return v;
}

function frequencyOf(v: number | undefined, where: string, fallback: number): number {
  const f = v ?? fallback;
  if (![1, 2, 4, 12].includes(f)) valueError(`${where}: Frequency must be 1, 2, 4 or 12, got ${quote(v)}`);
  return f;
}

function yearsOf(v: number | undefined, where: string, kind: string): number {
  const y = need(v, where, "Years", kind);
  if (!(y > 0 && y <= 100)) numError(`${where}: Years must be > 0 and <= 100, got ${y}`);
  return y;
}

/** The kind of a row: as its Kind says (a future with a Conversion factor is a Treasury future through its CTD;
 * a future with a DV01, or a swap with a DV01 and no Years or Coupon, is linear), or, without a Kind, from the
 * columns it fills. The book's rows are futures through their CTD when the book's reader found one. */
function kindOf(r: PositionRow, where: string, bookRow?: Position): { kind: PositionKind; declared: PositionKind } {
  let k: PositionKind | undefined;
  if (r.kind === undefined || r.kind === "") k = r.optionType ? "option" : "future";
  else k = KIND_SYNONYMS[normaliseName(r.kind)];
  if (!k) valueError(`${where}: Kind must be one of ${KINDS.join(", ")}, got ${quote(r.kind)}`);
  if (k === "future" && (bookRow ? bookRow.ctd !== undefined : r.cf !== undefined)) return { kind: "tfuture", declared: k };
  if (k === "future" && r.dv01 !== undefined) return { kind: "linear", declared: k };
  if (k === "swap" && r.dv01 !== undefined && (r.years === undefined || r.coupon === undefined)) return { kind: "linear", declared: k };
  return { kind: k, declared: k };
}

/** In the book's table, Id names the row and Instrument is the contract code (not read here). */
const BOOK_POSITION_COLUMNS: readonly ColumnSpec[] = POSITION_COLUMNS.map((c) =>
  c.key === "contract" ? { ...c, header: "Id", synonyms: ["Position", "Position id", "Ref", "Reference", "Trade id"] } : c,
);

function readPositionRows(matrix: Matrix, names: FactorNames, arg: string): LiquidityBook {
  const book = isBookTable(matrix);
  // The book's own reader checks its rows first (kinds, prices, option terms), so both tables say the same things;
  // its bond futures' cheapest-to-deliver is the one the book's DV01 comes from (one basis).
  const bookRows = book ? readBookPositions(matrix, arg) : undefined;
  const t = parseTable<PositionRow>(matrix, { arg, columns: book ? BOOK_POSITION_COLUMNS : POSITION_COLUMNS, key: "contract" });
  const positions: StressPosition[] = [];
  const linear: string[] = [];
  const where: string[] = [];
  t.rows.forEach((r, i) => {
    const w = whereRow(t, i);
    const bookRow = bookRows?.[i];
    const { kind, declared } = kindOf(r, w, bookRow);
    const fxIdx = r.fxFactor ? names.use(r.fxFactor, "fx", w, "FX factor") : -1;
    const spread = () => (r.spreadFactor ? names.use(r.spreadFactor, "spread", w, "Spread factor") : -1);
    let ins: Instrument;
    switch (kind) {
      case "future":
        ins = {
          kind,
          price: need(r.price, w, "Price", kind),
          multiplier: r.multiplier,
          factor: names.use(r.factor, "return", w, "Factor"),
        };
        break;
      case "forward":
        ins = { kind, factor: names.use(r.factor, "fx", w, "Factor") };
        break;
      case "trs":
        // A total return swap per 1 of notional: V = 1 + the underlying's return.
        ins = { kind: "future", price: 1, multiplier: 1, factor: names.use(r.factor, "return", w, "Factor") };
        break;
      case "bond": {
        const coupon = need(r.coupon, w, "Coupon", kind);
        const f = frequencyOf(r.frequency, w, 2);
        ins = {
          kind,
          flows: bondFlows(yearsOf(r.years, w, kind), coupon, f),
          yld: r.yld ?? coupon,
          rate: names.use(r.factor, "rate", w, "Factor"),
          spread: spread(),
          multiplier: r.multiplier,
        };
        break;
      }
      case "swap": {
        const coupon = need(r.coupon, w, "Coupon (the fixed rate)", kind);
        const f = frequencyOf(r.frequency, w, 1);
        ins = {
          kind,
          flows: swapFlows(yearsOf(r.years, w, kind), coupon, f),
          yld: r.yld ?? coupon,
          rate: names.use(r.factor, "rate", w, "Factor"),
          spread: spread(),
        };
        break;
      }
      case "tfuture": {
        // The CTD read once (rates/ctdFuture.ts), as the book's DV01 reads it: the book's row as its reader found it.
        const ctd: CtdFuture =
          bookRow?.ctd ??
          readCtdFuture(
            {
              instrument: r.contract,
              coupon: r.coupon,
              years: r.years,
              yld: r.yld,
              frequency: r.frequency,
              conversionFactor: r.cf,
              multiplier: r.multiplier,
              dv01: r.dv01,
            },
            w,
            "tfuture position",
          );
        ins = {
          kind,
          flows: ctdFlows(ctd),
          yld: ctd.yield,
          rate: names.use(r.factor, "rate", w, "Factor"),
          conversionFactor: ctd.conversionFactor,
          contractSize: ctd.contractSize,
        };
        break;
      }
      case "option": {
        const type: OptionKind = parseOptionKind(need(r.optionType, w, "Option type", kind), w);
        ins = {
          kind,
          sign: type === "call" ? 1 : -1,
          price: need(r.price, w, "Price", kind),
          strike: need(r.strike, w, "Strike", kind),
          years: yearsOf(r.years, w, kind),
          riskFree: r.rate,
          dividendYield: r.yld ?? 0,
          vol: need(r.vol, w, "Vol", kind),
          multiplier: r.multiplier,
          factor: names.use(r.factor, "return", w, "Factor"),
          volFactor: r.volFactor ? names.use(r.volFactor, "vol", w, "Vol factor") : -1,
        };
        break;
      }
      case "linear":
        if (r.dv01 === undefined) valueError(`${w}: DV01 is needed for a linear position`);
        // Years: the tenor at which a key-tenor scenario shifts it (-1: not given, checked once the scenarios are read).
        ins = { kind, dv01: r.dv01, rate: names.use(r.factor, "rate", w, "Factor"), years: r.years ?? -1 };
        linear.push(r.contract);
        break;
    }
    let channel: MarginChannel = ["swap", "forward", "bond", "trs"].includes(declared) ? "csa" : "cash";
    if (r.vm !== undefined && r.vm !== "") {
      const v = normaliseName(r.vm);
      if (v === "cash") channel = "cash";
      else if (v === "csa" || v === "securities" || v === "eligible") channel = "csa";
      else
        valueError(
          `${w}: VM must be 'cash' (paid in cash, as on futures) or 'CSA' (cash or the CSA's eligible securities), got ${quote(r.vm)}`,
        );
    }
    positions.push({ id: r.contract, quantity: r.quantity, instrument: ins, margin: r.margin, fxRate: r.fx, fx: fxIdx, channel });
    where.push(w);
  });
  return { positions, linear, where };
}

const USE_WORDS: Record<string, (keyof Eligibility)[]> = {
  vm: ["cashVm", "csaVm"],
  cash: ["cashVm", "csaVm"],
  csa: ["csaVm"],
  csavm: ["csaVm"],
  im: ["im"],
  all: ["cashVm", "csaVm", "im"],
  any: ["cashVm", "csaVm", "im"],
  none: [],
  no: [],
};

export function parseEligible(text: string | undefined, where: string, fallback: Eligibility): Eligibility {
  if (text === undefined || text.trim() === "") return fallback;
  const out: Eligibility = { cashVm: false, csaVm: false, im: false };
  for (const word of text.split(/[,;/+&\s]+|\band\b/i).filter((x) => x !== "")) {
    const uses = USE_WORDS[normaliseName(word)];
    if (!uses) valueError(`${where}: Eligible must list uses among VM (cash variation margin), CSA, IM, all, none; got ${quote(word)}`);
    for (const u of uses) out[u] = true;
  }
  return out;
}

/**
 * The Collateral table alone, as LIQUIDITY reads it (the same checks and messages), for what needs the assets
 * without a stress: the futures workflows' initial-margin check (marginCover.ts). Factor names are not held
 * against scenario columns here; LIQUIDITY does that where it runs the stress.
 */
export function readCollateral(matrix: Matrix, arg = "Collateral"): CollateralHolding[] {
  return readCollateralRows(matrix, new FactorNames(), arg);
}

/** A collateral row that is cash: no price model (no Factor, no bond terms) and no days to turn into cash. */
export function isCashCollateral(h: CollateralHolding): boolean {
  return h.model === undefined && h.daysToCash === 0;
}

function readCollateralRows(matrix: Matrix, names: FactorNames, arg: string): CollateralHolding[] {
  const t = parseTable<CollateralRow>(matrix, { arg, columns: COLLATERAL_COLUMNS, key: "asset" });
  return t.rows.map((r, i) => {
    const w = whereRow(t, i);
    if (r.value < 0) valueError(`${w}: Value must be >= 0 (collateral cannot be negative), got ${r.value}`);
    if (!(r.posted >= 0 && r.posted <= r.value)) numError(`${w}: Posted must be between 0 and the Value (${r.value}), got ${r.posted}`);
    let model: Instrument | undefined;
    if (r.coupon !== undefined || r.years !== undefined) {
      if (!r.factor) valueError(`${w}: a bond in the collateral (Coupon, Years) needs a Factor: the rate column that moves its yield`);
      const coupon = need(r.coupon, w, "Coupon", "bond");
      model = {
        kind: "bond",
        flows: bondFlows(yearsOf(r.years, w, "bond"), coupon, 2),
        yld: r.yld ?? coupon,
        rate: names.use(r.factor, "rate", w, "Factor"),
        spread: r.spreadFactor ? names.use(r.spreadFactor, "spread", w, "Spread factor") : -1,
        multiplier: 1,
      };
    } else if (r.factor) {
      model = { kind: "future", price: 1, multiplier: 1, factor: names.use(r.factor, "return", w, "Factor") };
    }
    const isCash = model === undefined && (r.days ?? 0) === 0;
    const eligible = parseEligible(
      r.eligible,
      w,
      isCash ? { cashVm: true, csaVm: true, im: true } : { cashVm: false, csaVm: true, im: true },
    );
    const days = r.days ?? (eligible.cashVm ? 0 : 1);
    if (!(days >= 0 && days <= 365)) numError(`${w}: Days to cash must be between 0 and 365, got ${days}`);
    const asset: CollateralAsset = {
      asset: r.asset,
      value: r.value,
      haircut: r.haircut,
      tier: r.tier,
      daysToCash: days,
      eligible,
      posted: r.posted,
    };
    return { ...asset, model, fx: r.fxFactor ? names.use(r.fxFactor, "fx", w, "FX factor") : -1 };
  });
}

/** "Rates 10y", "Rates 10Y", "Rates 10": the key tenor (years) of a rate factor's column, or undefined. */
function tenorOf(header: string, factor: string): number | undefined {
  const m = /^(.*?)[\s_-]*(\d+(?:\.\d+)?)\s*y?$/i.exec(header.trim());
  if (!m || normaliseName(m[1]) !== normaliseName(factor) || normaliseName(m[1]) === "") return undefined;
  const t = Number(m[2]);
  return t > 0 && t <= 100 ? t : undefined;
}

function readScenarioRows(matrix: Matrix, names: FactorNames, arg: string): { space: FactorSpace; scenarios: StressScenario[] } {
  const t = parseTable<{ name: string; imMultiplier: number; haircutMultiplier: number }>(matrix, {
    arg,
    columns: SCENARIO_COLUMNS,
    key: "name",
    extraColumns: "numbers",
  });
  const columns: number[][] = [];
  const defs = names.list.map((f) => {
    const k = normaliseName(f.name);
    const exact = t.extraHeaders.findIndex((h) => normaliseName(h) === k);
    const keyed =
      f.kind === "rate" ? t.extraHeaders.map((h, c) => ({ c, tenor: tenorOf(h, f.name) })).filter((x) => x.tenor !== undefined) : [];
    if (exact >= 0 && keyed.length > 0) {
      valueError(
        `${arg}: factor '${f.name}' has a parallel column and key-tenor columns (${keyed.map((x) => `'${t.extraHeaders[x.c]}'`).join(", ")}); give one or the other`,
      );
    }
    if (exact < 0 && keyed.length === 0) {
      valueError(
        `${arg}: no column for factor '${f.name}' (${f.where}); add a '${f.name}' column with the shock of each scenario ` +
          `(${f.kind === "rate" || f.kind === "spread" ? "in bp" : f.kind === "vol" ? "in vol points, 0.1 = +10 points" : "as a return, -0.3 = a 30% fall"})` +
          (f.kind === "rate" ? `, or key-tenor columns '${f.name} 2y', '${f.name} 10y', ...` : "") +
          (t.extraHeaders.length ? `; shock columns found: ${t.extraHeaders.map((h) => `'${h}'`).join(", ")}` : ""),
      );
    }
    if (exact >= 0) {
      columns.push([exact]);
      return { name: f.name, kind: f.kind, tenors: [] };
    }
    keyed.sort((a, b) => a.tenor! - b.tenor!);
    keyed.forEach((x, q) => {
      if (q > 0 && x.tenor === keyed[q - 1].tenor) valueError(`${arg}: two columns give the ${x.tenor}y shock of '${f.name}'`);
    });
    columns.push(keyed.map((x) => x.c));
    return { name: f.name, kind: f.kind, tenors: keyed.length > 1 ? keyed.map((x) => x.tenor!) : [] };
  });
  const space = factorSpace(defs);
  const scenarios = t.rows.map((r, i) => {
    const w = whereRow(t, i);
    const shocks = new Float64Array(space.slots);
    space.factors.forEach((f, j) => {
      columns[j].forEach((c, q) => {
        const x = t.extra[i][c];
        const header = t.extraHeaders[c];
        if ((f.kind === "rate" || f.kind === "spread") && Math.abs(x) > 5000)
          numError(`${w}: ${header} must be a move in bp between -5000 and 5000, got ${x}`);
        if ((f.kind === "return" || f.kind === "fx") && !(x >= -1 && x <= 100))
          numError(`${w}: ${header} must be a return >= -1 (-100%) and <= 100, got ${x}`);
        if (f.kind === "vol" && !(x >= -5 && x <= 5))
          numError(`${w}: ${header} must be a move in vol points between -5 and 5 (0.1 = +10 points), got ${x}`);
        shocks[f.offset + q] = x;
      });
    });
    return { name: r.name, shocks, imMultiplier: r.imMultiplier, haircutMultiplier: r.haircutMultiplier };
  });
  return { space, scenarios };
}

/** Reads the three tables into the prepared book, collateral and scenarios. */
export function readLiquidity(positions: Matrix, collateral: Matrix, scenarios?: Matrix): LiquidityInputs {
  const names = new FactorNames();
  const b = readPositionRows(positions, names, "Positions");
  const coll = readCollateralRows(collateral, names, "Collateral");
  const sc = scenarios
    ? readScenarioRows(scenarios, names, "Scenarios")
    : { space: factorSpace(names.list.map((f) => ({ name: f.name, kind: f.kind, tenors: [] }))), scenarios: [] };
  b.positions.forEach((p, i) => {
    const ins = p.instrument;
    if (ins.kind === "linear" && ins.years < 0 && sc.space.factors[ins.rate].tenors.length > 1) {
      valueError(
        `${b.where[i]}: Years is needed for a DV01 row when the scenarios shock '${sc.space.factors[ins.rate].name}' by key tenor (the tenor its DV01 sits at)`,
      );
    }
  });
  const book = prepareBook(sc.space, b.positions);
  b.positions.forEach((p, i) => {
    const v = book.base[i];
    if (!Number.isFinite(v)) numError(`${b.where[i]}: its value today is not a finite number`);
  });
  return { space: sc.space, book, collateral: prepareCollateral(sc.space, coll), scenarios: sc.scenarios, linear: b.linear };
}

export interface ScenarioReport extends ScenarioOutcome {
  /** The sum of the positions' losses by the first-order (DV01 x shock, delta x return) figure. */
  linearLoss: number;
  status: "covered" | "short";
}

export interface LiquidityReport {
  scenarios: ScenarioReport[];
  /** Free collateral today after haircuts. */
  available: number;
  rateRise: Buffer;
  equityFall: Buffer;
  /** Rows valued by their DV01 only (not fully revalued). */
  linear: string[];
  days: readonly number[];
}

export function liquidityReport(inp: LiquidityInputs): LiquidityReport {
  const scenarios = inp.scenarios.map((s) => {
    const o = runScenario(inp.book, inp.collateral, s);
    const last = o.ladder[o.ladder.length - 1];
    return { ...o, linearLoss: o.loss.linear, status: last.shortfall > 1e-9 * Math.max(1, o.need) ? "short" : "covered" } as ScenarioReport;
  });
  const available = inp.collateral.holdings.reduce((s, h) => s + (h.value - h.posted) * (1 - h.haircut), 0);
  return {
    scenarios,
    available,
    rateRise: exhaustingMove(inp.book, inp.collateral, "rate"),
    equityFall: exhaustingMove(inp.book, inp.collateral, "return"),
    linear: inp.linear,
    days: LADDER_DAYS,
  };
}
