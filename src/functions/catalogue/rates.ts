/**
 * Rates and LDI: OVERLAY.BOND, CONVFACTOR, FUTURESDV01, CTD, PRESENTVALUE, PV01, KRD, SWAP, HEDGERATIO, HEDGETRADES.
 * Thin: parse the arguments, call the engine, lay out the spill. Each function has a typed half (`...Result`)
 * that returns the engine's result; the Excel function is its layout.
 */
import { argChoice, argMatrix, argNumber, argOptionalNumber, argString, cellToNumber, isEmpty, scalarOf } from "../../engine/core/cells";
import { numError, valueError } from "../../engine/core/errors";
import { ColumnSpec, parseTable } from "../../engine/core/table";
import { KeyRateHedge, hedgeRatio as ratioOf, keyRateHedgeRatios, readPv01OrCashFlows } from "../../engine/ldi/hedgeRatio";
import { HedgeSolution, solveHedge } from "../../engine/ldi/hedgeTrades";
import { HedgeInstrument, readHedgeInstruments } from "../../engine/ldi/instruments";
import { bookHedges, bookPv01 } from "../../engine/ldi/bookHedges";
import { readPositions } from "../../engine/book/positions";
import { BOND_MEASURES, bondMeasure } from "../../engine/rates/bond";
import { CashFlows, presentValue, pv01 as pv01Of, readCashFlows } from "../../engine/rates/cashflows";
import { toFrequency } from "../../engine/rates/couponDates";
import { COMPOUNDINGS, Compounding, ONE_BP, shiftCurve } from "../../engine/rates/curve";
import { readCurve } from "../../engine/rates/curveTable";
import { toBasis } from "../../engine/rates/dayCount";
import { daysInMonth, fromSerial, toSerial, wholeSerial } from "../../engine/rates/excelDate";
import { BasketBond, BasketRow, deliverableBasket } from "../../engine/rates/deliverableBasket";
import { DEFAULT_KEY_TENORS, keyRate01s, readKeyTenors } from "../../engine/rates/keyRates";
import { MAX_SWAP_YEARS, SWAP_MEASURES, swapMeasure } from "../../engine/rates/swap";
import { findConvention, toDayCount } from "../../engine/rates/swapConventions";
import { ConversionFactorDetail, conversionFactor, findContract, futuresDv01 } from "../../engine/rates/treasuryFutures";
import { CellOut, run, spill } from "../excel";
import { entry } from "../def";

function compoundingArg(v: unknown): Compounding {
  return argChoice(v, "compounding", COMPOUNDINGS, "annual");
}

const blank = (x: number | undefined): number | string => (x === undefined ? "" : x);

/** An optional range argument left out: omitted, or only empty cells. */
function omitted(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  const rows = Array.isArray(v) ? (v as unknown[]) : [v];
  return rows.every((r) => (Array.isArray(r) ? (r as unknown[]) : [r]).every((c) => isEmpty(c)));
}

/** Typed half of OVERLAY.BOND: the measure, per 100 face. */
export function bondResult(
  measure: any,
  settlement: any,
  maturity: any,
  rate: any,
  yld: any,
  redemption?: any,
  frequency?: any,
  basis?: any,
): number {
  const m = argChoice(measure, "measure", BOND_MEASURES);
  const s = wholeSerial(argNumber(settlement, "settlement"), "settlement");
  const t = wholeSerial(argNumber(maturity, "maturity"), "maturity");
  const r = argNumber(rate, "rate", { min: 0, max: 1000 });
  const f = toFrequency(argNumber(frequency, "frequency", { default: 2 }));
  const y = argNumber(yld, "yld", { min: -f, minExclusive: true, max: 1000 });
  const red = argNumber(redemption, "redemption", { default: 100, min: 0, minExclusive: true, max: 1e9 });
  const b = toBasis(argNumber(basis, "basis", { default: 0 }));
  return bondMeasure({ settlement: s, maturity: t, rate: r, redemption: red, frequency: f, basis: b }, y, m);
}

/**
 * Bond analytics with Excel's conventions, per 100 face: "price" = Excel PRICE (clean), "dirty" (clean + accrued), "accrued", "duration" = Excel DURATION (Macaulay, years), "mduration" = Excel MDURATION, "dv01" (fall in dirty price for a 1bp rise in yield, positive), "convexity" (d2P/dy2 / dirty). Excel's coupon dates (backward from maturity, end-of-month rule) and day counts. Unlike Excel, negative yields above -frequency are allowed. DURATION/MDURATION use the redemption given (Excel assumes 100, the default).
 * @customfunction BOND
 * @param {any} measure "price", "dirty", "accrued", "duration", "mduration", "dv01" or "convexity".
 * @param {any} settlement Settlement date, an Excel date serial (truncated to a whole day).
 * @param {any} maturity Maturity date, an Excel date serial after settlement.
 * @param {any} rate Annual coupon rate as a decimal (5.75% = 0.0575).
 * @param {any} yld Annual yield as a decimal, compounded at the coupon frequency.
 * @param {any} [redemption] Redemption value per 100 face. Default 100.
 * @param {any} [frequency] Coupons a year: 1, 2 (default) or 4.
 * @param {any} [basis] Day count: 0 US 30/360 (default), 1 actual/actual, 2 actual/360, 3 actual/365, 4 European 30/360.
 * @returns {any} The measure, per 100 face (duration in years; convexity per unit of yield squared).
 */
export function bond(measure: any, settlement: any, maturity: any, rate: any, yld: any, redemption?: any, frequency?: any, basis?: any) {
  return run(() => bondResult(measure, settlement, maturity, rate, yld, redemption, frequency, basis));
}

/** Typed half of OVERLAY.CONVFACTOR: the factor with n, z, v and the unrounded value. */
export function convfactorResult(contract: any, coupon: any, maturity: any, deliveryMonth: any): ConversionFactorDetail {
  const c = findContract(argString(contract, "contract"));
  const cpn = argNumber(coupon, "coupon");
  const mat = wholeSerial(argNumber(maturity, "maturity"), "maturity");
  const dm = wholeSerial(argNumber(deliveryMonth, "deliveryMonth"), "deliveryMonth");
  return conversionFactor(c, cpn, mat, dm);
}

/**
 * CME Treasury futures conversion factor (the price of $1 par at a 6% yield), rounded to 4 decimals. Months to maturity from the first day of the delivery month are whole months for TU, Z3N and FV, and rounded down to a quarter for TY, TN, US and UB. #NUM! when the note or bond is not deliverable into the contract for that month (the remaining-term rules of each contract as they stood in that month: US has no 25-year cap before March 2011).
 * @customfunction CONVFACTOR
 * @param {any} contract TU (2-year), Z3N (3-year), FV (5-year), TY (10-year), TN (Ultra 10-year), US (bond) or UB (Ultra bond).
 * @param {any} coupon Annual coupon of the note or bond as a decimal (4.125% = 0.04125).
 * @param {any} maturity Maturity date of the note or bond, an Excel date serial.
 * @param {any} deliveryMonth Any date in the delivery month, an Excel date serial.
 * @returns {any} Conversion factor, 4 decimals.
 */
export function convfactor(contract: any, coupon: any, maturity: any, deliveryMonth: any) {
  return run(() => convfactorResult(contract, coupon, maturity, deliveryMonth).factor);
}

/** The contract argument of FUTURESDV01: a CME code (its face value) or a face value. */
function contractSizeArg(v: unknown): number {
  const cell = scalarOf(v, "contract");
  if (isEmpty(cell))
    valueError("contract is required: a CME code (TU, Z3N, FV, TY, TN, US, UB) or the face value of one contract", "contract");
  const x = typeof cell === "number" ? cell : cellToNumber(cell);
  if (x !== undefined) return argNumber(x, "contract", { min: 0, minExclusive: true, max: 1e12 });
  return findContract(argString(cell, "contract")).contractSize;
}

/** Typed half of OVERLAY.FUTURESDV01. */
export function futuresdv01Result(ctdDV01: any, conversionFactor: any, contract: any): number {
  return futuresDv01(
    argNumber(ctdDV01, "ctdDV01", { min: 0, max: 1e6 }),
    argNumber(conversionFactor, "conversionFactor", { min: 0, minExclusive: true, max: 10 }),
    contractSizeArg(contract),
  );
}

/**
 * DV01 of one Treasury future through its cheapest-to-deliver: ctdDV01 / 100 x contractSize / conversionFactor (base currency per 1bp). The contract size comes from the contract: 200,000 for TU and Z3N, 100,000 for FV, TY, TN, US and UB. Pass the CTD's forward DV01 (at delivery) for the future's own DV01.
 * @customfunction FUTURESDV01
 * @param {any} ctdDV01 DV01 of the cheapest-to-deliver per 100 face, e.g. OVERLAY.BOND("dv01", ...) at the delivery date.
 * @param {any} conversionFactor Conversion factor of the cheapest-to-deliver, e.g. OVERLAY.CONVFACTOR(...).
 * @param {any} contract CME code (TU, Z3N, FV, TY, TN, US, UB; aliases ZT, ZF, ZN, ZB, UXY, WN) or the face value of one contract.
 * @returns {any} DV01 of one contract.
 */
export function futuresdv01(ctdDV01: any, conversionFactor: any, contract: any) {
  return run(() => futuresdv01Result(ctdDV01, conversionFactor, contract));
}

export const BASKET_COLUMNS: readonly ColumnSpec[] = [
  { key: "coupon", header: "Coupon", synonyms: ["Rate", "Cpn"], type: "number", rule: { min: 0, max: 0.25 } },
  { key: "maturity", header: "Maturity", synonyms: ["Maturity date"], type: "number", rule: { min: 1, max: 2958465 } },
  { key: "price", header: "Price", synonyms: ["Clean price", "Clean"], type: "number", rule: { min: 0, minExclusive: true, max: 1000 } },
];

/** The last weekday of the month of `serial` (the last business day, without a holiday calendar). */
function lastWeekdayOfMonth(serial: number): number {
  const ymd = fromSerial(serial);
  let d = toSerial({ y: ymd.y, m: ymd.m, d: daysInMonth(ymd.y, ymd.m) });
  // Excel serial 1 (1-Jan-1900) is a Sunday in Excel's 1900 system; from serial 61 on, serial % 7 = 0 is Saturday, 1 Sunday.
  while (d % 7 === 0 || d % 7 === 1) d--;
  return d;
}

/** Typed half of OVERLAY.CTD. */
export function ctdResult(
  contract: any,
  deliveryMonth: any,
  basket: any[][],
  futuresPrice: any,
  settlement: any,
  repoRate: any,
  deliveryDate?: any,
): BasketRow[] {
  const c = findContract(argString(contract, "contract"));
  const dm = wholeSerial(argNumber(deliveryMonth, "deliveryMonth"), "deliveryMonth");
  const t = parseTable<BasketBond>(argMatrix(basket, "basket"), { arg: "basket", columns: BASKET_COLUMNS });
  const bonds = t.rows.map((r) => ({ ...r, maturity: wholeSerial(r.maturity, "basket Maturity") }));
  const f = argNumber(futuresPrice, "futuresPrice", { min: 0, minExclusive: true, max: 1000 });
  const s = wholeSerial(argNumber(settlement, "settlement"), "settlement");
  const r = argNumber(repoRate, "repoRate", { min: -0.1, max: 0.5 });
  const dd = argOptionalNumber(deliveryDate, "deliveryDate");
  const d = dd === undefined ? lastWeekdayOfMonth(dm) : wholeSerial(dd, "deliveryDate");
  return deliverableBasket({ contract: c, deliveryMonth: dm, settlement: s, delivery: d, futuresPrice: f, repoRate: r }, bonds);
}

/**
 * A Treasury future's deliverable basket and cheapest-to-deliver: per note or bond its CME conversion factor, gross basis (price - futures x factor), carry (coupon income less repo financing to delivery), net basis, implied repo rate (Act/360), forward DV01 at delivery and the future's DV01 through it (contract size from the contract); the CTD is the deliverable bond with the highest implied repo. Bonds not deliverable for that month say why.
 * @customfunction CTD
 * @param {any} contract TU, Z3N, FV, TY, TN, US or UB (aliases ZT, ZF, ZN, ZB, UXY, WN).
 * @param {any} deliveryMonth Any date in the delivery month, an Excel date serial.
 * @param {any[][]} basket Table: Coupon (decimal), Maturity (Excel date), Price (clean, per 100).
 * @param {any} futuresPrice Futures price, per 100 (decimal points: 110-16 = 110.5).
 * @param {any} settlement Settlement date of the cash bonds, an Excel date serial.
 * @param {any} repoRate Term repo rate to delivery, a decimal (money market, Act/360).
 * @param {any} [deliveryDate] Delivery date, an Excel date serial. Default the last weekday of the delivery month.
 * @returns {any[][]} Table: Coupon, Maturity, Price, Factor, Gross basis, Carry, Net basis, Implied repo, Forward DV01, Futures DV01, CTD.
 */
export function ctd(
  contract: any,
  deliveryMonth: any,
  basket: any[][],
  futuresPrice: any,
  settlement: any,
  repoRate: any,
  deliveryDate?: any,
) {
  return run(() => {
    const rows = ctdResult(contract, deliveryMonth, basket, futuresPrice, settlement, repoRate, deliveryDate);
    const v = (x: number | undefined) => blank(x);
    return spill(
      ["Coupon", "Maturity", "Price", "Factor", "Gross basis", "Carry", "Net basis", "Implied repo", "Forward DV01", "Futures DV01", "CTD"],
      rows.map((r) => [
        r.coupon,
        r.maturity,
        r.price,
        v(r.factor),
        v(r.grossBasis),
        v(r.carry),
        v(r.netBasis),
        v(r.impliedRepo),
        v(r.forwardDv01),
        v(r.futuresDv01),
        r.deliverable ? r.ctd : "not deliverable",
      ]),
    );
  });
}

/** Typed half of OVERLAY.PRESENTVALUE. */
export function presentvalueResult(cashflows: any[][], curve: any[][], compounding?: any): number {
  const cf = readCashFlows(argMatrix(cashflows, "cashflows"), "cashflows");
  return presentValue(cf, readCurve(argMatrix(curve, "curve"), compoundingArg(compounding)));
}

/**
 * Present value of cash flows on a zero curve: sum of Amount x DF(Time). The curve is linear in the zero rate between tenors and flat outside them, so flows beyond the last tenor use the last rate.
 * @customfunction PRESENTVALUE
 * @param {any[][]} cashflows Cash-flow table with headers: Time (years), Amount (base currency).
 * @param {any[][]} curve Zero curve with headers: Tenor (years, increasing), Rate (decimal).
 * @param {any} [compounding] "annual" (default), "semiannual" or "continuous".
 * @returns {any} Present value, base currency.
 */
export function presentvalue(cashflows: any[][], curve: any[][], compounding?: any) {
  return run(() => presentvalueResult(cashflows, curve, compounding));
}

/** Typed half of OVERLAY.PV01. */
export function pv01Result(cashflows: any[][], curve: any[][], compounding?: any): number {
  const cf = readCashFlows(argMatrix(cashflows, "cashflows"), "cashflows");
  return pv01Of(cf, readCurve(argMatrix(curve, "curve"), compoundingArg(compounding)));
}

/**
 * PV01 = PV(curve - 1bp) - PV(curve): the gain in value when every zero rate falls by 1bp (positive for positive cash flows).
 * @customfunction PV01
 * @param {any[][]} cashflows Cash-flow table with headers: Time (years), Amount (base currency).
 * @param {any[][]} curve Zero curve with headers: Tenor (years, increasing), Rate (decimal).
 * @param {any} [compounding] "annual" (default), "semiannual" or "continuous".
 * @returns {any} PV01, base currency per 1bp.
 */
export function pv01(cashflows: any[][], curve: any[][], compounding?: any) {
  return run(() => pv01Result(cashflows, curve, compounding));
}

export interface KrdResult {
  keys: number[];
  kr01: number[];
  pv01: number;
}

/** Typed half of OVERLAY.KRD. */
export function krdResult(cashflows: any[][], curve: any[][], keyTenors?: any[][], compounding?: any): KrdResult {
  const cf = readCashFlows(argMatrix(cashflows, "cashflows"), "cashflows");
  const c = readCurve(argMatrix(curve, "curve"), compoundingArg(compounding));
  const keys = readKeyTenors(keyTenors, "keyTenors", DEFAULT_KEY_TENORS) ?? DEFAULT_KEY_TENORS.slice();
  const kr01 = keyRate01s(cf, c, keys);
  return { keys, kr01, pv01: kr01.reduce((s, x) => s + x, 0) };
}

/**
 * Key-rate 01s: each cash flow's PV01 split over the key tenors with triangle weights (1 at the key, 0 at the neighbouring keys; flat 1 below the first key and above the last), so the KR01s add up to the PV01 (Total row).
 * @customfunction KRD
 * @param {any[][]} cashflows Cash-flow table with headers: Time (years), Amount (base currency).
 * @param {any[][]} curve Zero curve with headers: Tenor (years, increasing), Rate (decimal).
 * @param {any[][]} [keyTenors] Key tenors in years, increasing. Default (USD) 1, 2, 3, 5, 7, 10, 15, 20, 25, 30.
 * @param {any} [compounding] "annual" (default), "semiannual" or "continuous".
 * @returns {any[][]} Table: Tenor, KR01, with a Total row (= PV01).
 */
export function krd(cashflows: any[][], curve: any[][], keyTenors?: any[][], compounding?: any) {
  return run(() => {
    const r = krdResult(cashflows, curve, keyTenors, compounding);
    return spill(["Tenor", "KR01"], [...r.keys.map((k, i) => [k, r.kr01[i]]), ["Total", r.pv01]]);
  });
}

/** Typed half of OVERLAY.SWAP. */
export function swapResult(
  measure: any,
  curve: any[][],
  tenor: any,
  fixedRate?: any,
  index?: any,
  valuationDate?: any,
  effectiveDate?: any,
  frequency?: any,
  dayCount?: any,
  compounding?: any,
): number {
  const m = argChoice(measure, "measure", SWAP_MEASURES);
  const c = readCurve(argMatrix(curve, "curve"), compoundingArg(compounding));
  const t = argNumber(tenor, "tenor", { min: 0, minExclusive: true, max: MAX_SWAP_YEARS });
  const k = argOptionalNumber(fixedRate, "fixedRate", { min: -1, max: 2 });
  const conv = findConvention(argString(index, "index", "SOFR"), "index");
  const f = argNumber(frequency, "frequency", { default: conv.frequency, integer: true, min: 1, max: 12 });
  const dc = isEmpty(scalarOf(dayCount, "dayCount")) ? conv.dayCount : toDayCount(argString(dayCount, "dayCount"), "dayCount");
  const v = argOptionalNumber(valuationDate, "valuationDate");
  const e = argOptionalNumber(effectiveDate, "effectiveDate");
  if (e !== undefined && v === undefined)
    valueError("effectiveDate needs a valuationDate (the date the swap is valued on)", "valuationDate");
  const valuation = v === undefined ? undefined : wholeSerial(v, "valuationDate");
  const effective = e === undefined ? undefined : wholeSerial(e, "effectiveDate");
  return swapMeasure(c, m, { tenor: t, frequency: f, dayCount: dc, valuation, effective }, k);
}

/**
 * Fixed-for-floating swap on the zero curve, as the market quotes it (one curve projects and discounts). Conventions by index: SOFR (USD OIS, annual, Act/360; the default), ESTR (annual, Act/360), SONIA and TONA (annual, Act/365F), SARON (annual, Act/360), EURIBOR6M (fixed annual 30/360), SIMPLE (plain year fractions). "rate": par rate; "pv": receive-fixed PV per 1 of notional at fixedRate; "pv01": receive-fixed PV(curve - 1bp) - PV(curve) per 1 of notional (positive). With a valuationDate the schedule runs on dates from the effective date (a seasoned swap when it is before the valuation date).
 * @customfunction SWAP
 * @param {any} measure "rate", "pv" or "pv01".
 * @param {any[][]} curve Zero curve with headers: Tenor (years, increasing), Rate (decimal).
 * @param {any} tenor Swap tenor in years from its effective date (up to 100).
 * @param {any} [fixedRate] Fixed rate as a decimal. Default: the par rate (so "pv" is 0).
 * @param {any} [index] SOFR (default), ESTR, SONIA, TONA, SARON, EURIBOR6M or SIMPLE: the fixed leg's frequency and day count.
 * @param {any} [valuationDate] Valuation date, an Excel serial. Omitted: no dates (periods of 1/frequency years, 365.25 days a year).
 * @param {any} [effectiveDate] Effective (start) date, an Excel serial. Default the valuation date; before it, a seasoned swap.
 * @param {any} [frequency] Fixed payments a year: 1, 2, 4 or 12. Default the index's.
 * @param {any} [dayCount] "act/360", "act/365", "30/360" or "years". Default the index's.
 * @param {any} [compounding] The curve's compounding: "annual" (default), "semiannual" or "continuous".
 * @returns {any} Par rate (decimal), or PV / PV01 per 1 of notional.
 */
export function swap(
  measure: any,
  curve: any[][],
  tenor: any,
  fixedRate?: any,
  index?: any,
  valuationDate?: any,
  effectiveDate?: any,
  frequency?: any,
  dayCount?: any,
  compounding?: any,
) {
  return run(() => swapResult(measure, curve, tenor, fixedRate, index, valuationDate, effectiveDate, frequency, dayCount, compounding));
}

export type HedgeRatioResult =
  | {
      ratio: number;
      /** Asset PV01 before the book, the book's PV01 (0 without positions), the liability PV01. */
      assetPv01: number;
      bookPv01: number;
      liabilityPv01: number;
      /** The book's positions counted, and those left out (with why). */
      book: { counted: string[]; leftOut: string[] };
    }
  | KeyRateHedge;

/** Typed half of OVERLAY.HEDGERATIO: the ratio (the book's PV01 added to the assets'), or the table per key tenor. */
export function hedgeratioResult(
  assets: any[][],
  liabilities: any[][],
  curve?: any[][],
  keyTenors?: any[][],
  compounding?: any,
  positions?: any[][],
): HedgeRatioResult {
  const a = readPv01OrCashFlows(argMatrix(assets, "assets"), "assets");
  const l = readPv01OrCashFlows(argMatrix(liabilities, "liabilities"), "liabilities");
  const keys = readKeyTenors(keyTenors, "keyTenors", undefined);
  const book = omitted(positions) ? undefined : bookPv01(readPositions(argMatrix(positions, "positions"), "positions"));
  const needsCurve = "cashflows" in a || "cashflows" in l || keys !== undefined;
  const c = needsCurve
    ? omitted(curve)
      ? valueError("curve is required when assets or liabilities are cash-flow tables, or with keyTenors", "curve")
      : readCurve(argMatrix(curve, "curve"), compoundingArg(compounding))
    : undefined;
  if (keys === undefined) {
    const side = (x: { pv01: number } | { cashflows: CashFlows }) => ("pv01" in x ? x.pv01 : pv01Of(x.cashflows, c!));
    const assetPv01 = side(a);
    const liabilityPv01 = side(l);
    const bookPv = book?.pv01 ?? 0;
    return {
      ratio: ratioOf(assetPv01 + bookPv, liabilityPv01),
      assetPv01,
      bookPv01: bookPv,
      liabilityPv01,
      book: { counted: book?.counted ?? [], leftOut: book?.leftOut ?? [] },
    };
  }
  if (book !== undefined) {
    valueError(
      "positions: the book's DV01s give no key-rate vector, so they enter the total hedge ratio only (omit keyTenors); " +
        "for key rates use OVERLAY.HEDGETRADES, which carries the book's futures on their cheapest-to-deliver",
      "positions",
    );
  }
  if (!("cashflows" in a) || !("cashflows" in l)) {
    valueError("keyTenors need assets and liabilities as cash-flow tables (Time | Amount), not single PV01 numbers", "keyTenors");
  }
  return keyRateHedgeRatios(a.cashflows, l.cashflows, c!, keys);
}

/**
 * Interest-rate hedge ratio, asset PV01 / liability PV01. With two numbers (PV01s): their ratio. With cash-flow tables (Time | Amount) and a curve: the PV01 ratio. With keyTenors (a list, or TRUE for the default 1-30 year keys): a table per key tenor. With positions (the book), the PV01 of its futures and swaps (Quantity x DV01 x FX; a bond future's DV01 from its cheapest-to-deliver when the row gives its Conversion factor) adds to the assets'.
 * @customfunction HEDGERATIO
 * @param {any[][]} assets Asset PV01 (a number) or a cash-flow table: Time (years), Amount.
 * @param {any[][]} liabilities Liability PV01 (a number) or a cash-flow table: Time (years), Amount.
 * @param {any[][]} [curve] Zero curve (Tenor, Rate): required with cash-flow tables.
 * @param {any[][]} [keyTenors] Key tenors in years, or TRUE for 1, 2, 3, 5, 7, 10, 15, 20, 25, 30. Gives the table per key tenor.
 * @param {any} [compounding] "annual" (default), "semiannual" or "continuous".
 * @param {any[][]} [positions] The book (Positions table): its futures and swaps with a DV01 per unit add Quantity x DV01 x FX to the assets' PV01 (a bond future with Coupon, Years, Yield and Conversion factor: CTD DV01 x face / 100 / CF). Total ratio only (not with keyTenors).
 * @returns {any[][]} The ratio (a 1 x 1 table: Excel shows the value); with keyTenors a table: Tenor, Asset KR01, Liability KR01, Hedge ratio, and a Total row (PV01s). A blank ratio where the liability has no exposure.
 */
export function hedgeratio(
  assets: any[][],
  liabilities: any[][],
  curve?: any[][],
  keyTenors?: any[][],
  compounding?: any,
  positions?: any[][],
) {
  return run(() => {
    const r = hedgeratioResult(assets, liabilities, curve, keyTenors, compounding, positions);
    // Declared a matrix (any[][]) for the table form, so the single ratio is a 1 x 1 table: Excel shows it as the value.
    if (!("rows" in r)) return [[r.ratio]];
    return spill(
      ["Tenor", "Asset KR01", "Liability KR01", "Hedge ratio"],
      [...r.rows.map((x) => [x.tenor, x.asset, x.liability, blank(x.ratio)]), ["Total", r.assetPv01, r.liabilityPv01, blank(r.ratio)]],
    );
  });
}

export interface HedgeTradesResult {
  keys: number[];
  liabilityKr01: number[];
  assetKr01: number[];
  instruments: HedgeInstrument[];
  solution: HedgeSolution;
  targetRatio: number;
  totalBand: number;
  bucketBand: number;
  /** Liability discount basis: the curve plus this spread (bp). */
  liabilitySpreadBp: number;
  liabilityPv: number;
  liabilityPv01: number;
  /** Liability CS01: PV(spread - 1bp) - PV(spread), the liabilities' credit-spread sensitivity (positive). */
  liabilityCs01: number;
  /** The basis in words. */
  basis: string;
  /** The book's positions counted as existing hedges, those left out (with why), and its futures whose DV01 per
   * contract disagrees with their Instruments row's CTD (naming both figures). */
  book: { counted: string[]; leftOut: string[]; notes: string[] };
}

/** Typed half of OVERLAY.HEDGETRADES. */
export async function hedgetradesResult(
  liabilities: any[][],
  curve: any[][],
  targetRatio: any,
  instruments: any[][],
  assets?: any[][],
  keyTenors?: any[][],
  totalBand?: any,
  bucketBand?: any,
  liabilitySpreadBp?: any,
  positions?: any[][],
  valuationDate?: any,
  treasuryCurve?: any[][],
): Promise<HedgeTradesResult> {
  const liab = readCashFlows(argMatrix(liabilities, "liabilities"), "liabilities");
  const c = readCurve(argMatrix(curve, "curve"));
  const target = argNumber(targetRatio, "targetRatio", { min: 0, max: 10 });
  const keys = readKeyTenors(keyTenors, "keyTenors", DEFAULT_KEY_TENORS) ?? DEFAULT_KEY_TENORS.slice();
  const tsy = omitted(treasuryCurve) ? undefined : readCurve(argMatrix(treasuryCurve, "treasuryCurve"), "annual", "treasuryCurve");
  const listed = readHedgeInstruments(argMatrix(instruments, "instruments"), c, keys, "instruments", tsy ?? c);
  const v = argOptionalNumber(valuationDate, "valuationDate");
  const valuation = v === undefined ? undefined : wholeSerial(v, "valuationDate");
  const book = omitted(positions)
    ? { swapKr01: keys.map(() => 0), instruments: listed, counted: [], leftOut: [], notes: [] }
    : bookHedges(readPositions(argMatrix(positions, "positions"), "positions"), listed, c, keys, valuation);
  const ins = book.instruments;
  const assetCf: CashFlows = omitted(assets) ? { times: [], amounts: [] } : readCashFlows(argMatrix(assets, "assets"), "assets");
  const tb = argNumber(totalBand, "totalBand", { default: 0.01, min: 0, max: 10 });
  const bb = argNumber(bucketBand, "bucketBand", { default: 0.05, min: 0, max: 10 });
  const spreadBp = argNumber(liabilitySpreadBp, "liabilitySpreadBp", { default: 0, min: -1000, max: 5000 });
  const liabCurve = shiftCurve(c, spreadBp * ONE_BP);
  const liabilityKr01 = keyRate01s(liab, liabCurve, keys);
  const assetKr01 = keyRate01s(assetCf, c, keys).map((x, k) => x + book.swapKr01[k]);
  const liabilityPv = presentValue(liab, liabCurve);
  const liabilityCs01 = presentValue(liab, shiftCurve(c, (spreadBp - 1) * ONE_BP)) - liabilityPv;
  if (!Number.isFinite(liabilityCs01)) numError("liabilities: the credit-spread sensitivity is not finite on this curve", "liabilities");
  const solution = await solveHedge({
    keys,
    liabilityKr01,
    assetKr01,
    instruments: ins,
    targetRatio: target,
    totalBand: tb,
    bucketBand: bb,
  });
  const basis =
    (spreadBp === 0 ? "liabilities discounted on the curve" : `liabilities discounted on the curve + ${spreadBp}bp`) +
    (tsy ? "; swaps and assets on the curve, futures, bonds and TRS on the Treasury curve" : "; assets and instruments on the curve") +
    "; key-rate bumps move every curve alike";
  return {
    keys,
    liabilityKr01,
    assetKr01,
    instruments: ins,
    solution,
    targetRatio: target,
    totalBand: tb,
    bucketBand: bb,
    liabilitySpreadBp: spreadBp,
    liabilityPv,
    liabilityPv01: liabilityKr01.reduce((s, x) => s + x, 0),
    liabilityCs01,
    basis,
    book: { counted: book.counted, leftOut: book.leftOut, notes: book.notes },
  };
}

/** The spill of OVERLAY.HEDGETRADES (three blocks: trades, key rates, figures). */
export function hedgetradesLayout(r: HedgeTradesResult): CellOut[][] {
  const sol = r.solution;
  const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
  const held = r.keys.map((_, k) => r.assetKr01[k] + sol.existingKr01[k]);
  const l = r.liabilityPv01;
  return spill(
    ["Instrument", "Kind", "Trade", "Unit", "Position after", "PV01 added"],
    [
      ...r.instruments.map((x, j) => [x.name, x.kind, sol.trades[j], x.unit, sol.positions[j], sol.pv01Added[j]]),
      ["Total", "", "", "", "", sum(sol.pv01Added)],
      [""],
      ["Tenor", "Liability KR01", "Held KR01", "Hedge KR01", "Ratio before", "Ratio after"],
      ...r.keys.map((k, i) => [k, r.liabilityKr01[i], held[i], sol.hedgeKr01[i], blank(sol.ratioBefore[i]), blank(sol.ratioAfter[i])]),
      ["Total", l, sum(held), sum(sol.hedgeKr01), sol.totalBefore, sol.totalAfter],
      [""],
      ["Figure", "Value"],
      ["Target", r.targetRatio],
      ["Total band", r.totalBand],
      ["Key-rate band", r.bucketBand],
      ["Liability PV", r.liabilityPv],
      ["Liability CS01", r.liabilityCs01],
      ["Basis", r.basis],
      ...(r.book.counted.length ? [["Book positions counted", r.book.counted.join("; ")]] : []),
      ...(r.book.leftOut.length ? [["Book positions left out", r.book.leftOut.join("; ")]] : []),
      ...r.book.notes.map((n) => ["Book DV01 against its row", n]),
    ],
  );
}

/**
 * Hedge trades a mandate can sign: the total hedge ratio inside targetRatio plus or minus totalBand (a hard constraint), each key-rate hedge ratio within bucketBand of the target where the instruments allow (the L1 gaps minimised, the excess over the bands penalised), position limits (Min, Max; Min 0 by default: no payer swaps, no short futures), existing positions, whole contracts and notional increments, solved by HiGHS. Every instrument's key-rate vector comes from its own cash flows under the liabilities' bump: swaps from their schedules (Index convention), Treasury futures through the cheapest-to-deliver's flows forward to delivery over the conversion factor, bonds and STRIPS from their flows, total return swaps from the index's flows. Annual compounding.
 * @customfunction HEDGETRADES
 * @param {any[][]} liabilities Liability cash flows: Time (years), Amount.
 * @param {any[][]} curve Zero curve: Tenor (years, increasing), Rate (decimal); the instruments' curve.
 * @param {any} targetRatio Target hedge ratio as a decimal (0.8 = 80% hedged).
 * @param {any[][]} instruments Instrument, Kind (swap, future, bond, strip, trs, pv01), Tenor (years), and per kind Coupon, Index, Contract, Delivery (years), Factor; optional Increment, Min, Max, Existing.
 * @param {any[][]} [assets] Existing asset cash flows: Time, Amount. Default none.
 * @param {any[][]} [keyTenors] Key tenors in years. Default (USD) 1, 2, 3, 5, 7, 10, 15, 20, 25, 30.
 * @param {any} [totalBand] Half-width of the total hedge ratio's band. Default 0.01 (target plus or minus 1 point); 0 for an equality.
 * @param {any} [bucketBand] Half-width of each key-rate hedge ratio's band. Default 0.05.
 * @param {any} [liabilitySpreadBp] Liability discount basis: the curve plus this spread in bp (e.g. AA corporate over swaps). Default 0.
 * @param {any[][]} [positions] The book's Positions table: its swaps (Fixed rate, Maturity) and futures (matched to an Instruments future by contract code) count as existing hedges; a future whose DV01 per contract is more than 2% from its row's CTD (CTD DV01 / CF at the curve's yield) gets a note naming both.
 * @param {any} [valuationDate] Valuation date, an Excel serial: needed for the book's swaps.
 * @param {any[][]} [treasuryCurve] Treasury zero or par-yield curve for the futures, bonds, STRIPS and TRS (default: curve).
 * @returns {any[][]} Three blocks: Instrument, Kind, Trade, Unit, Position after, PV01 added (and a Total); Tenor, Liability KR01, Held KR01, Hedge KR01, Ratio before, Ratio after (and a Total); Figure, Value (target, bands, liability PV, CS01, basis).
 */
export function hedgetrades(
  liabilities: any[][],
  curve: any[][],
  targetRatio: any,
  instruments: any[][],
  assets?: any[][],
  keyTenors?: any[][],
  totalBand?: any,
  bucketBand?: any,
  liabilitySpreadBp?: any,
  positions?: any[][],
  valuationDate?: any,
  treasuryCurve?: any[][],
) {
  return run(async () =>
    hedgetradesLayout(
      await hedgetradesResult(
        liabilities,
        curve,
        targetRatio,
        instruments,
        assets,
        keyTenors,
        totalBand,
        bucketBand,
        liabilitySpreadBp,
        positions,
        valuationDate,
        treasuryCurve,
      ),
    ),
  );
}

export const RATES_FUNCTIONS = [
  entry("BOND", bond, "measure, settlement, maturity, rate, yld, [redemption], [frequency], [basis]", bondResult),
  entry("CONVFACTOR", convfactor, "contract, coupon, maturity, deliveryMonth", convfactorResult),
  entry("FUTURESDV01", futuresdv01, "ctdDV01, conversionFactor, contract", futuresdv01Result),
  entry("CTD", ctd, "contract, deliveryMonth, basket#, futuresPrice, settlement, repoRate, [deliveryDate]", ctdResult),
  entry("PRESENTVALUE", presentvalue, "cashflows#, curve#, [compounding]", presentvalueResult),
  entry("PV01", pv01, "cashflows#, curve#, [compounding]", pv01Result),
  entry("KRD", krd, "cashflows#, curve#, [keyTenors#], [compounding]", krdResult),
  entry(
    "SWAP",
    swap,
    "measure, curve#, tenor, [fixedRate], [index], [valuationDate], [effectiveDate], [frequency], [dayCount], [compounding]",
    swapResult,
  ),
  entry("HEDGERATIO", hedgeratio, "assets#, liabilities#, [curve#], [keyTenors#], [compounding], [positions#]", hedgeratioResult),
  entry(
    "HEDGETRADES",
    hedgetrades,
    "liabilities#, curve#, targetRatio, instruments#, [assets#], [keyTenors#], [totalBand], [bucketBand], [liabilitySpreadBp], [positions#], [valuationDate], [treasuryCurve#]",
    hedgetradesResult,
  ),
];
