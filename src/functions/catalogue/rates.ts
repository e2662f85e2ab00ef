/**
 * Rates and LDI: OVERLAY.BOND, CONVFACTOR, FUTURESDV01, PRESENTVALUE, PV01, KRD, SWAP, HEDGERATIO, HEDGETRADES.
 * Thin: parse the arguments, call the engine, lay out the spill.
 */
import { argChoice, argMatrix, argNumber, argOptionalNumber, argString, isEmpty } from "../../engine/core/cells";
import { valueError } from "../../engine/core/errors";
import { hedgeRatio as ratioOf, keyRateHedgeRatios, readPv01OrCashFlows } from "../../engine/ldi/hedgeRatio";
import { readInstruments, solveHedge } from "../../engine/ldi/hedgeTrades";
import { BOND_MEASURES, bondMeasure } from "../../engine/rates/bond";
import { CashFlows, presentValue, pv01 as pv01Of, readCashFlows } from "../../engine/rates/cashflows";
import { toFrequency } from "../../engine/rates/couponDates";
import { COMPOUNDINGS, Compounding, readCurve } from "../../engine/rates/curve";
import { toBasis } from "../../engine/rates/dayCount";
import { wholeSerial } from "../../engine/rates/excelDate";
import { DEFAULT_KEY_TENORS, keyRate01s, readKeyTenors } from "../../engine/rates/keyRates";
import { MAX_SWAP_YEARS, SWAP_MEASURES, swapMeasure } from "../../engine/rates/swap";
import { conversionFactor, findContract, futuresDv01 } from "../../engine/rates/treasuryFutures";
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
  return run(() => {
    const m = argChoice(measure, "measure", BOND_MEASURES);
    const s = wholeSerial(argNumber(settlement, "settlement"), "settlement");
    const t = wholeSerial(argNumber(maturity, "maturity"), "maturity");
    const r = argNumber(rate, "rate", { min: 0, max: 1000 });
    const f = toFrequency(argNumber(frequency, "frequency", { default: 2 }));
    const y = argNumber(yld, "yld", { min: -f, minExclusive: true, max: 1000 });
    const red = argNumber(redemption, "redemption", { default: 100, min: 0, minExclusive: true, max: 1e9 });
    const b = toBasis(argNumber(basis, "basis", { default: 0 }));
    return bondMeasure({ settlement: s, maturity: t, rate: r, redemption: red, frequency: f, basis: b }, y, m);
  });
}

/**
 * CME Treasury futures conversion factor (the price of $1 par at a 6% yield), rounded to 4 decimals. Months to maturity from the first day of the delivery month are whole months for TU, Z3N and FV, and rounded down to a quarter for TY, TN, US and UB. #NUM! when the note or bond is not deliverable into the contract for that month (remaining-term rules of each contract).
 * @customfunction CONVFACTOR
 * @param {any} contract TU (2-year), Z3N (3-year), FV (5-year), TY (10-year), TN (Ultra 10-year), US (bond) or UB (Ultra bond).
 * @param {any} coupon Annual coupon of the note or bond as a decimal (4.125% = 0.04125).
 * @param {any} maturity Maturity date of the note or bond, an Excel date serial.
 * @param {any} deliveryMonth Any date in the delivery month, an Excel date serial.
 * @returns {any} Conversion factor, 4 decimals.
 */
export function convfactor(contract: any, coupon: any, maturity: any, deliveryMonth: any) {
  return run(() => {
    const c = findContract(argString(contract, "contract"));
    const cpn = argNumber(coupon, "coupon");
    const mat = wholeSerial(argNumber(maturity, "maturity"), "maturity");
    const dm = wholeSerial(argNumber(deliveryMonth, "deliveryMonth"), "deliveryMonth");
    return conversionFactor(c, cpn, mat, dm).factor;
  });
}

/**
 * DV01 of one Treasury future through its cheapest-to-deliver: ctdDV01 / 100 x contractSize / conversionFactor (base currency per 1bp).
 * @customfunction FUTURESDV01
 * @param {any} ctdDV01 DV01 of the cheapest-to-deliver per 100 face, e.g. OVERLAY.BOND("dv01", ...).
 * @param {any} conversionFactor Conversion factor of the cheapest-to-deliver, e.g. OVERLAY.CONVFACTOR(...).
 * @param {any} [contractSize] Face value of one contract. Default 100000 (use 200000 for TU and Z3N).
 * @returns {any} DV01 of one contract.
 */
export function futuresdv01(ctdDV01: any, conversionFactor: any, contractSize?: any) {
  return run(() =>
    futuresDv01(
      argNumber(ctdDV01, "ctdDV01", { min: 0, max: 1e6 }),
      argNumber(conversionFactor, "conversionFactor", { min: 0, minExclusive: true, max: 10 }),
      argNumber(contractSize, "contractSize", { default: 100000, min: 0, minExclusive: true, max: 1e12 }),
    ),
  );
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
  return run(() => {
    const cf = readCashFlows(argMatrix(cashflows, "cashflows"), "cashflows");
    return presentValue(cf, readCurve(argMatrix(curve, "curve"), compoundingArg(compounding)));
  });
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
  return run(() => {
    const cf = readCashFlows(argMatrix(cashflows, "cashflows"), "cashflows");
    return pv01Of(cf, readCurve(argMatrix(curve, "curve"), compoundingArg(compounding)));
  });
}

/**
 * Key-rate 01s: each cash flow's PV01 split over the key tenors with triangle weights (1 at the key, 0 at the neighbouring keys; flat 1 below the first key and above the last), so the KR01s add up to the PV01 (Total row).
 * @customfunction KRD
 * @param {any[][]} cashflows Cash-flow table with headers: Time (years), Amount (base currency).
 * @param {any[][]} curve Zero curve with headers: Tenor (years, increasing), Rate (decimal).
 * @param {any[][]} [keyTenors] Key tenors in years, increasing. Default 1, 2, 3, 5, 7, 10, 15, 20, 25, 30, 40, 50.
 * @param {any} [compounding] "annual" (default), "semiannual" or "continuous".
 * @returns {any[][]} Table: Tenor, KR01, with a Total row (= PV01).
 */
export function krd(cashflows: any[][], curve: any[][], keyTenors?: any[][], compounding?: any) {
  return run(() => {
    const cf = readCashFlows(argMatrix(cashflows, "cashflows"), "cashflows");
    const c = readCurve(argMatrix(curve, "curve"), compoundingArg(compounding));
    const keys = readKeyTenors(keyTenors, "keyTenors", DEFAULT_KEY_TENORS) ?? DEFAULT_KEY_TENORS.slice();
    const kr = keyRate01s(cf, c, keys);
    return spill(["Tenor", "KR01"], [...keys.map((k, i) => [k, kr[i]]), ["Total", kr.reduce((s, x) => s + x, 0)]]);
  });
}

/**
 * Vanilla interest-rate swap on the zero curve (one curve projects and discounts; fixed payments every 1/frequency years back from the tenor). "rate": par swap rate; "pv": receive-fixed PV per 1 of notional at fixedRate; "pv01": receive-fixed PV(curve - 1bp) - PV(curve) per 1 of notional (positive).
 * @customfunction SWAP
 * @param {any} measure "rate", "pv" or "pv01".
 * @param {any[][]} curve Zero curve with headers: Tenor (years, increasing), Rate (decimal).
 * @param {any} tenor Swap tenor in years (up to 100).
 * @param {any} [frequency] Fixed payments a year: 1 (default), 2, 4 or 12.
 * @param {any} [fixedRate] Fixed rate as a decimal. Default: the par rate (so "pv" is 0).
 * @param {any} [compounding] "annual" (default), "semiannual" or "continuous".
 * @returns {any} Par rate (decimal), or PV / PV01 per 1 of notional.
 */
export function swap(measure: any, curve: any[][], tenor: any, frequency?: any, fixedRate?: any, compounding?: any) {
  return run(() => {
    const m = argChoice(measure, "measure", SWAP_MEASURES);
    const c = readCurve(argMatrix(curve, "curve"), compoundingArg(compounding));
    const t = argNumber(tenor, "tenor", { min: 0, minExclusive: true, max: MAX_SWAP_YEARS });
    const f = argNumber(frequency, "frequency", { default: 1, integer: true, min: 1, max: 12 });
    const k = argOptionalNumber(fixedRate, "fixedRate", { min: -1, max: 2 });
    return swapMeasure(c, m, t, f, k);
  });
}

/**
 * Interest-rate hedge ratio, asset PV01 / liability PV01. With two numbers (PV01s): their ratio. With cash-flow tables (Time | Amount) and a curve: the PV01 ratio. With keyTenors (a list, or TRUE for the default 1-50 year keys): a table per key tenor.
 * @customfunction HEDGERATIO
 * @param {any[][]} assets Asset PV01 (a number) or a cash-flow table: Time (years), Amount.
 * @param {any[][]} liabilities Liability PV01 (a number) or a cash-flow table: Time (years), Amount.
 * @param {any[][]} [curve] Zero curve (Tenor, Rate): required with cash-flow tables.
 * @param {any[][]} [keyTenors] Key tenors in years, or TRUE for 1, 2, 3, 5, 7, 10, 15, 20, 25, 30, 40, 50. Gives the table per key tenor.
 * @param {any} [compounding] "annual" (default), "semiannual" or "continuous".
 * @returns {any[][]} The ratio; with keyTenors a table: Tenor, Asset KR01, Liability KR01, Hedge ratio, and a Total row (PV01s). A blank ratio where the liability has no exposure.
 */
export function hedgeratio(assets: any[][], liabilities: any[][], curve?: any[][], keyTenors?: any[][], compounding?: any) {
  return run(() => {
    const a = readPv01OrCashFlows(argMatrix(assets, "assets"), "assets");
    const l = readPv01OrCashFlows(argMatrix(liabilities, "liabilities"), "liabilities");
    const keys = readKeyTenors(keyTenors, "keyTenors", undefined);
    const needsCurve = "cashflows" in a || "cashflows" in l || keys !== undefined;
    const c = needsCurve
      ? omitted(curve)
        ? valueError("curve is required when assets or liabilities are cash-flow tables, or with keyTenors")
        : readCurve(argMatrix(curve, "curve"), compoundingArg(compounding))
      : undefined;
    if (keys === undefined) {
      const side = (x: { pv01: number } | { cashflows: CashFlows }) => ("pv01" in x ? x.pv01 : pv01Of(x.cashflows, c!));
      return ratioOf(side(a), side(l));
    }
    if (!("cashflows" in a) || !("cashflows" in l)) {
      valueError("keyTenors need assets and liabilities as cash-flow tables (Time | Amount), not single PV01 numbers");
    }
    const r = keyRateHedgeRatios(a.cashflows, l.cashflows, c!, keys);
    return spill(
      ["Tenor", "Asset KR01", "Liability KR01", "Hedge ratio"],
      [...r.rows.map((x) => [x.tenor, x.asset, x.liability, blank(x.ratio)]), ["Total", r.assetPv01, r.liabilityPv01, blank(r.ratio)]],
    );
  });
}

/**
 * Hedge trades that bring the key-rate hedge ratios to targetRatio: units minimise the sum over key tenors of (targetRatio x liability KR01 - asset KR01 - hedge KR01)^2. Each instrument's PV01 per unit sits on its Tenor, split over the keys with the key-rate triangle weights. Integer instruments (futures) take whole units: best floor/ceiling rounding of the least-squares solution, then one-contract moves while they lower the gaps. Annual compounding.
 * @customfunction HEDGETRADES
 * @param {any[][]} liabilities Liability cash flows: Time (years), Amount.
 * @param {any[][]} curve Zero curve: Tenor (years, increasing), Rate (decimal).
 * @param {any} targetRatio Target hedge ratio as a decimal (0.8 = 80% hedged).
 * @param {any[][]} instruments Hedge instruments: Instrument, Tenor (years), PV01 (per unit: a contract, or 1 of notional); optional Integer (TRUE for whole contracts).
 * @param {any[][]} [assets] Existing asset cash flows: Time, Amount. Default none.
 * @param {any[][]} [keyTenors] Key tenors in years. Default 1, 2, 3, 5, 7, 10, 15, 20, 25, 30, 40, 50.
 * @returns {any[][]} Two blocks: Instrument, Units, PV01 added (one row per instrument and a Total); then a blank row and Tenor, Liability KR01, Asset KR01, Hedge KR01, Ratio before, Ratio after (one row per key tenor and a Total).
 */
export function hedgetrades(
  liabilities: any[][],
  curve: any[][],
  targetRatio: any,
  instruments: any[][],
  assets?: any[][],
  keyTenors?: any[][],
) {
  return run(() => {
    const liab = readCashFlows(argMatrix(liabilities, "liabilities"), "liabilities");
    const c = readCurve(argMatrix(curve, "curve"));
    const target = argNumber(targetRatio, "targetRatio", { min: 0, max: 10 });
    const ins = readInstruments(argMatrix(instruments, "instruments"));
    const assetCf: CashFlows = omitted(assets) ? { times: [], amounts: [] } : readCashFlows(argMatrix(assets, "assets"), "assets");
    const keys = readKeyTenors(keyTenors, "keyTenors", DEFAULT_KEY_TENORS) ?? DEFAULT_KEY_TENORS.slice();
    const liabilityKr01 = keyRate01s(liab, c, keys);
    const assetKr01 = keyRate01s(assetCf, c, keys);
    const sol = solveHedge({ keys, liabilityKr01, assetKr01, instruments: ins, targetRatio: target });
    const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
    const l = sum(liabilityKr01);
    const a = sum(assetKr01);
    const h = sum(sol.hedgeKr01);
    const total = (x: number) => (l === 0 ? "" : x / l);
    const rows: CellOut[][] = [
      ...ins.map((x, j) => [x.name, sol.units[j], sol.pv01Added[j]]),
      ["Total", "", sum(sol.pv01Added)],
      [""],
      ["Tenor", "Liability KR01", "Asset KR01", "Hedge KR01", "Ratio before", "Ratio after"],
      ...keys.map((k, i) => [k, liabilityKr01[i], assetKr01[i], sol.hedgeKr01[i], blank(sol.ratioBefore[i]), blank(sol.ratioAfter[i])]),
      ["Total", l, a, h, total(a), total(a + h)],
    ];
    return spill(["Instrument", "Units", "PV01 added"], rows);
  });
}

export const RATES_FUNCTIONS = [
  entry("BOND", bond, "measure, settlement, maturity, rate, yld, [redemption], [frequency], [basis]"),
  entry("CONVFACTOR", convfactor, "contract, coupon, maturity, deliveryMonth"),
  entry("FUTURESDV01", futuresdv01, "ctdDV01, conversionFactor, [contractSize]"),
  entry("PRESENTVALUE", presentvalue, "cashflows#, curve#, [compounding]"),
  entry("PV01", pv01, "cashflows#, curve#, [compounding]"),
  entry("KRD", krd, "cashflows#, curve#, [keyTenors#], [compounding]"),
  entry("SWAP", swap, "measure, curve#, tenor, [frequency], [fixedRate], [compounding]"),
  entry("HEDGERATIO", hedgeratio, "assets#, liabilities#, [curve#], [keyTenors#], [compounding]"),
  entry("HEDGETRADES", hedgetrades, "liabilities#, curve#, targetRatio, instruments#, [assets#], [keyTenors#]"),
];
