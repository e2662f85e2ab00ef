/**
 * Liquidity stress of a derivatives book: margin calls under scenarios against the collateral available,
 * tier by tier after haircuts.
 *
 * Positions: each is driven by one risk factor, named in its Factor column and matched to a scenario column.
 *   rate factor (the positions give DV01, per unit per 1 bp, positive for long duration):
 *       loss = Quantity x DV01 x shock_bp                  (rates up +250 bp: a receiver / long future loses)
 *   return factor (no DV01: equity index futures and the like):
 *       loss = -Quantity x Price x Multiplier x shock      (shock a return: -0.30 = a 30% fall)
 *   Variation margin VM = sum of the losses (positive = cash to pay; gains on some positions offset losses
 *                         on others, one margin account)
 *   Initial margin   IM = sum of |Quantity| x Margin x IM multiplier (the scenario's optional column, default 1)
 *   Need                = IM + max(0, VM)                  (a net gain is not counted towards initial margin)
 * Collateral: Available = sum of Value x (1 - Haircut); it is drawn tier by tier (Tier 1 first, rows of a tier
 * pooled), and "Last tier" is the tier the need reaches.
 * Coverage = Available / Need; Status "covered" when Available >= Need, "short" otherwise.
 *
 * Exhausting shocks, from today with IM multiplier 1 (the collateral buffer in bp, as the Bank of England's
 * FPC and The Pensions Regulator express LDI resilience: 250 bp market buffer plus an operational buffer):
 *   rate rise  x_bp = (Available - IM) / D,  D = sum over rate positions of Quantity x DV01   (when D > 0)
 *   equity fall y   = (Available - IM) / E,  E = sum over return positions of Quantity x Price x Multiplier
 * applied to every rate factor (a parallel rise) and to every return factor respectively, so that
 * IM + loss = Available exactly.
 */
import { Matrix, normaliseName } from "../core/cells";
import { numError, quote, valueError } from "../core/errors";
import { ColumnSpec, Table, parseTable, whereRow } from "../core/table";

const AMOUNT = { min: -1e12, max: 1e12 };
const POSITIVE = { min: 0, minExclusive: true, max: 1e12 };

export const POSITION_COLUMNS: readonly ColumnSpec[] = [
  { key: "contract", header: "Contract", synonyms: ["Position", "Instrument", "Future", "Ticker", "Name"], type: "text" },
  { key: "quantity", header: "Quantity", synonyms: ["Qty", "Contracts", "Units", "Position size"], type: "number", rule: AMOUNT },
  { key: "price", header: "Price", synonyms: ["Futures price", "Level", "Last"], type: "number", rule: POSITIVE },
  { key: "multiplier", header: "Multiplier", synonyms: ["Mult", "Point value", "Contract size", "Size"], type: "number", rule: POSITIVE },
  {
    key: "margin",
    header: "Margin",
    synonyms: ["Initial margin", "IM", "Margin per contract"],
    type: "number",
    rule: { min: 0, max: 1e12 },
  },
  { key: "factor", header: "Factor", synonyms: ["Risk factor", "Driver", "Underlying"], type: "text" },
  { key: "dv01", header: "DV01", synonyms: ["PV01", "BPV", "DV01 per unit", "PVBP"], type: "number", optional: true, rule: AMOUNT },
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
];

export interface Position {
  contract: string;
  quantity: number;
  price: number;
  multiplier: number;
  margin: number;
  factor: string;
  dv01?: number;
  where: string;
}

export interface Collateral {
  asset: string;
  value: number;
  haircut: number;
  tier: number;
  where: string;
}

export type FactorKind = "rate" | "return";

export interface Factor {
  /** As the positions name it (first occurrence). */
  name: string;
  kind: FactorKind;
}

export interface Scenario {
  name: string;
  imMultiplier: number;
  /** Shock per factor, index-aligned with the factors of the book: bp for rate factors, a return otherwise. */
  shocks: number[];
  where: string;
}

export interface Book {
  positions: Position[];
  factors: Factor[];
  /** Factor index of each position. */
  factorOf: number[];
  /** Loss of the book per unit shock of each factor (per +1 bp for rates, per +1.00 return otherwise). */
  sensitivity: number[];
  /** Initial margin of the book, sum of |Quantity| x Margin. */
  initialMargin: number;
}

export function readPositions(matrix: Matrix, arg = "Positions"): Book {
  const t = parseTable<Omit<Position, "where">>(matrix, { arg, columns: POSITION_COLUMNS, key: "contract" });
  const positions = t.rows.map((r, i) => ({ ...r, factor: r.factor, where: whereRow(t, i) }));
  const factors: Factor[] = [];
  const index = new Map<string, number>();
  const factorOf = positions.map((p) => {
    const k = normaliseName(p.factor);
    if (k === "") valueError(`${p.where}: Factor must name a risk factor (a column of scenarios), got ${quote(p.factor)}`);
    let j = index.get(k);
    if (j === undefined) {
      j = factors.length;
      index.set(k, j);
      factors.push({ name: p.factor, kind: p.dv01 === undefined ? "return" : "rate" });
    }
    return j;
  });
  // A factor is measured in bp (rate) or as a return, never both.
  positions.forEach((p, i) => {
    const f = factors[factorOf[i]];
    const kind: FactorKind = p.dv01 === undefined ? "return" : "rate";
    if (kind !== f.kind) {
      valueError(
        `${p.where}: factor '${f.name}' is a ${f.kind} factor (${f.kind === "rate" ? "other rows give DV01" : "other rows give no DV01"}) ` +
          `but this row ${kind === "rate" ? "gives" : "gives no"} DV01; give DV01 on every row of a rate factor and on none of a return factor`,
      );
    }
  });
  // DV01 0 on every row of a factor is most likely an equity factor typed with zeros: say so.
  factors.forEach((f, j) => {
    if (f.kind === "rate" && positions.every((p, i) => factorOf[i] !== j || p.dv01 === 0)) {
      const p = positions[factorOf.indexOf(j)];
      valueError(
        `${p.where}: every DV01 of factor '${f.name}' is 0; leave DV01 empty for return positions (equity) and give it for rate positions`,
      );
    }
  });
  // The loss is linear in each factor's shock, so the book's losses add up per factor once.
  const sensitivity = factors.map(() => 0);
  let initialMargin = 0;
  positions.forEach((p, i) => {
    const j = factorOf[i];
    sensitivity[j] += positionLoss(p, factors[j].kind, 1);
    initialMargin += Math.abs(p.quantity) * p.margin;
  });
  return { positions, factors, factorOf, sensitivity, initialMargin };
}

export function readCollateral(matrix: Matrix, arg = "Collateral"): Collateral[] {
  const t = parseTable<Omit<Collateral, "where">>(matrix, { arg, columns: COLLATERAL_COLUMNS, key: "asset" });
  return t.rows.map((r, i) => {
    const where = whereRow(t, i);
    if (r.value < 0) valueError(`${where}: Value must be >= 0 (collateral cannot be negative), got ${r.value}`);
    return { ...r, where };
  });
}

interface ScenarioRow {
  name: string;
  imMultiplier: number;
}

/** Reads the scenarios: every factor of the book needs a column (matched like headers). */
export function readScenarios(matrix: Matrix, book: Book, arg = "Scenarios"): Scenario[] {
  const t: Table<ScenarioRow> = parseTable<ScenarioRow>(matrix, { arg, columns: SCENARIO_COLUMNS, key: "name", extraColumns: "numbers" });
  const cols = book.factors.map((f, j) => {
    const k = normaliseName(f.name);
    const c = t.extraHeaders.findIndex((h) => normaliseName(h) === k);
    if (c < 0) {
      const p = book.positions[book.factorOf.indexOf(j)];
      valueError(
        `${arg}: no column for factor '${f.name}' (${p.where}); add a '${f.name}' column with the shock of each scenario ` +
          `(${f.kind === "rate" ? "in bp" : "as a return, -0.3 = a 30% fall"})` +
          (t.extraHeaders.length ? `; shock columns found: ${t.extraHeaders.map((h) => `'${h}'`).join(", ")}` : ""),
      );
    }
    return c;
  });
  return t.rows.map((r, i) => {
    const where = whereRow(t, i);
    const shocks = cols.map((c, j) => {
      const x = t.extra[i][c];
      const f = book.factors[j];
      const header = t.extraHeaders[c];
      if (f.kind === "rate" && Math.abs(x) > 1e5)
        numError(`${where}: ${header} must be a rate move in bp between -100000 and 100000, got ${x}`);
      if (f.kind === "return" && !(x >= -1 && x <= 100))
        numError(`${where}: ${header} must be a return >= -1 (-100%) and <= 100, got ${x}`);
      return x;
    });
    return { name: r.name, imMultiplier: r.imMultiplier, shocks, where };
  });
}

/** Loss of one position for a factor shock (bp for rate factors, a return otherwise); negative = gain. */
export function positionLoss(p: Position, kind: FactorKind, shock: number): number {
  if (kind === "rate") return p.quantity * (p.dv01 ?? 0) * shock;
  return -p.quantity * p.price * p.multiplier * shock;
}

export interface MarginCall {
  variationMargin: number;
  initialMargin: number;
  need: number;
}

/**
 * Variation margin, initial margin and need of the book for a shock per factor:
 * VM = sum over factors of sensitivity x shock (the positions' losses, summed per factor once).
 */
export function marginCall(book: Pick<Book, "sensitivity" | "initialMargin">, shocks: readonly number[], imMultiplier = 1): MarginCall {
  let vm = 0;
  book.sensitivity.forEach((s, j) => (vm += s * shocks[j]));
  const im = book.initialMargin * imMultiplier;
  return { variationMargin: vm === 0 ? 0 : vm, initialMargin: im, need: im + Math.max(0, vm) };
}

export interface Waterfall {
  /** Total collateral value after haircuts. */
  available: number;
  /** Distinct tiers, ascending, with the cumulative value after haircuts through each. */
  tiers: { tier: number; cumulative: number }[];
}

export function waterfall(collateral: readonly Collateral[]): Waterfall {
  const byTier = new Map<number, number>();
  for (const c of collateral) byTier.set(c.tier, (byTier.get(c.tier) ?? 0) + c.value * (1 - c.haircut));
  const tiers: { tier: number; cumulative: number }[] = [];
  let acc = 0;
  for (const tier of [...byTier.keys()].sort((a, b) => a - b)) {
    acc += byTier.get(tier)!;
    tiers.push({ tier, cumulative: acc });
  }
  return { available: acc, tiers };
}

/** The tier the need reaches (the last tier drawn on), the last tier when short, undefined when need is 0. */
export function lastTier(w: Waterfall, need: number): number | undefined {
  if (!(need > 0) || w.tiers.length === 0) return undefined;
  const hit = w.tiers.find((t) => t.cumulative >= need);
  return (hit ?? w.tiers[w.tiers.length - 1]).tier;
}

export type LiquidityStatus = "covered" | "short";

export interface ScenarioResult extends MarginCall {
  scenario: string;
  available: number;
  /** Available / Need; undefined when the need is 0. */
  coverage?: number;
  status: LiquidityStatus;
  lastTier?: number;
}

export interface ExhaustingShock {
  /** bp for the rate rise, a decimal fall (0.35 = 35%) for equity; undefined when no such shock exists. */
  shock?: number;
  /** "exhausts", "short already", "beyond a 100% fall", or why there is no such shock. */
  status: string;
  call?: MarginCall;
  lastTier?: number;
}

export interface LiquidityReport {
  scenarios: ScenarioResult[];
  available: number;
  rateRise: ExhaustingShock;
  equityFall: ExhaustingShock;
}

function scenarioResult(name: string, call: MarginCall, w: Waterfall): ScenarioResult {
  const coverage = call.need > 0 ? w.available / call.need : undefined;
  return {
    scenario: name,
    ...call,
    available: w.available,
    coverage: coverage !== undefined && Number.isFinite(coverage) ? coverage : undefined,
    status: w.available >= call.need ? "covered" : "short",
    lastTier: lastTier(w, call.need),
  };
}

/**
 * The uniform shock on every factor of one kind that makes the need equal the available collateral:
 * need(x) = IM + x x S with S the book's sensitivity (loss per unit shock) to that kind.
 */
function exhausting(book: Book, kind: FactorKind, w: Waterfall): ExhaustingShock {
  const idx = book.factors.map((f, j) => (f.kind === kind ? j : -1)).filter((j) => j >= 0);
  const label = kind === "rate" ? "rate" : "return";
  if (idx.length === 0) return { status: `no ${label} positions` };
  const unit = book.factors.map((f) => (f.kind === kind ? 1 : 0));
  // Loss per unit shock: per +1 bp for rates, per -1.00 (a 100% fall) for returns.
  const sens = marginCall(
    book,
    unit.map((u) => (kind === "rate" ? u : -u)),
  ).variationMargin;
  const im = marginCall(
    book,
    unit.map(() => 0),
  ).initialMargin;
  const room = w.available - im;
  if (room <= 0) {
    const call = marginCall(
      book,
      unit.map(() => 0),
    );
    return { shock: 0, status: "short already", call, lastTier: lastTier(w, call.need) };
  }
  if (!(sens > 0)) return { status: kind === "rate" ? "never: the book gains when rates rise" : "never: the book gains when markets fall" };
  const x = room / sens;
  if (!Number.isFinite(x)) return { status: "never: the exposure is too small" };
  const shocks = unit.map((u) => (kind === "rate" ? u * x : -u * x));
  const call = marginCall(book, shocks);
  const status = kind === "return" && x > 1 ? "beyond a 100% fall" : "exhausts";
  return { shock: x, status, call, lastTier: lastTier(w, call.need) };
}

export function liquidity(book: Book, collateral: readonly Collateral[], scenarios: readonly Scenario[]): LiquidityReport {
  const w = waterfall(collateral);
  const out = scenarios.map((s) => scenarioResult(s.name, marginCall(book, s.shocks, s.imMultiplier), w));
  for (const r of out) {
    for (const v of [r.variationMargin, r.initialMargin, r.need, r.available]) {
      if (!Number.isFinite(v)) numError(`Scenarios: the margin call of '${r.scenario}' is too large to compute (overflow)`);
    }
  }
  return { scenarios: out, available: w.available, rateRise: exhausting(book, "rate", w), equityFall: exhausting(book, "return", w) };
}
