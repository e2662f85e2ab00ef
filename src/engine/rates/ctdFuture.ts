/**
 * A bond future through its cheapest-to-deliver, as a position row states it (the book's Positions table, and
 * LIQUIDITY's own positions): the CTD's Coupon, Years to maturity and Yield (Frequency 2 unless given), the
 * Conversion factor, and the contract's face. Read once, here, for the book (EXPOSURE, LEVERAGE, BOOK,
 * HEDGERATIO: the future's DV01) and for the stress revaluation (LIQUIDITY, LADDER, RESILIENCE: its value), so
 * the two are one basis:
 *
 *   CTD flows      bondFlows(Years, Coupon, Frequency) per 100 face (periodicFlows.ts)
 *   value          V(y)  = perContract(P_CTD(y), CF, face)    = P_CTD(y) / 100 x face / CF   (stress/revalue.ts)
 *   DV01           -dV/dy x 1bp = perContract(DV01_CTD(y), CF, face) = CTD DV01 per 100 x face / 100 / CF
 *                  (Hull, "Options, Futures, and Other Derivatives", ch. 6: the future's DV01 is its CTD's over the
 *                  conversion factor; CME Group, "Understanding Treasury Futures": DV01 of a futures contract =
 *                  CTD DV01 / CF; OVERLAY.FUTURESDV01 is the same function, treasuryFutures.ts's futuresDv01)
 *   face           the CME contract the instrument names (treasuryFutures.ts: 200,000 for TU and Z3N, 100,000 for
 *                  FV, TY, TN, US and UB), which Multiplier x 100 must equal (the price is per 100 of face, so a
 *                  point is face / 100); for any other bond future, Multiplier x 100 (Eurex's Bund: 1,000 EUR a
 *                  point, 100,000 EUR of face)
 *
 * With Years = (N - 1 + DSC/E) / f, the periods Excel's PRICE counts to maturity, DV01_CTD is OVERLAY.BOND's
 * "dv01" (bond.ts) for N > 1 coupons left, so FUTURESDV01(BOND("dv01", ...), CF, contract) gives the same figure.
 *
 * A row that also types a DV01 states its rate risk twice: the typed DV01 must agree with the CTD's within
 * DV01_TOLERANCE (2%: a desk's figure on a neighbouring convention, a forward DV01 or another yield basis, falls
 * within it; a different bond or a stale figure does not), else the row is an error naming both figures. The
 * derived figure is the one used.
 */
import { numError, quote, valueError } from "../core/errors";
import { brent } from "../core/rootFinding";
import { Flows, bondFlows, flowsDv01, flowsPrice } from "./periodicFlows";
import { TreasuryContract, contractOfTicker, futuresDv01 } from "./treasuryFutures";

/** Relative gap between a typed DV01 (or another row's) and the one derived from the CTD beyond which they disagree. */
export const DV01_TOLERANCE = 0.02;

export interface CtdFuture {
  /** The CTD's annual coupon (decimal), years to maturity, yield (decimal, compounded `frequency` times a year). */
  coupon: number;
  years: number;
  yield: number;
  frequency: number;
  conversionFactor: number;
  /** Face value of one contract (contract currency). */
  contractSize: number;
  /** The CME contract the instrument names, when it names one. */
  contract?: TreasuryContract;
}

/** The CTD's cash flows per 100 face. */
export function ctdFlows(f: CtdFuture): Flows {
  return bondFlows(f.years, f.coupon, f.frequency);
}

/** The CTD's DV01 per 100 face at its yield. */
export function ctdDv01Per100(f: CtdFuture): number {
  return flowsDv01(ctdFlows(f), f.yield);
}

/** DV01 of one contract through its CTD: CTD DV01 per 100 x face / 100 / CF (contract currency per 1bp). */
export function ctdFutureDv01(f: CtdFuture): number {
  return futuresDv01(ctdDv01Per100(f), f.conversionFactor, f.contractSize);
}

/** The CTD's yield (compounded `frequency` times a year) at a dirty price per 100 face. */
export function ctdYield(f: Omit<CtdFuture, "yield">, dirtyPer100: number): number {
  const flows = ctdFlows({ ...f, yield: 0 });
  return brent((y) => flowsPrice(flows, y) - dirtyPer100, -0.5, 2, { xTol: 1e-14, what: "the cheapest-to-deliver's yield" });
}

/** |a - b| / |b|: the relative gap of a DV01 from a reference one. */
export function dv01Gap(a: number, reference: number): number {
  return Math.abs(a - reference) / Math.abs(reference);
}

/** A DV01 per contract in words: 173.90. */
export function dv01Text(x: number): string {
  return x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** The columns of a row that values a bond future through its CTD. */
export interface CtdColumns {
  /** The instrument's name or ticker ("UB Mar26", "TYH6"): its CME contract, when it names one. */
  instrument: string;
  coupon?: number;
  years?: number;
  yld?: number;
  frequency?: number;
  conversionFactor?: number;
  multiplier: number;
  /** A DV01 per contract the row types beside its CTD, checked against the CTD's. */
  dv01?: number;
}

/**
 * The row's future through its CTD (a row with a Conversion factor): the terms checked, the face from the
 * contract, a typed DV01 checked against the CTD's. `what` names the row's kind in messages ("tfuture position").
 */
export function readCtdFuture(c: CtdColumns, where: string, what: string, arg?: string): CtdFuture {
  const need = (v: number | undefined, column: string): number => {
    if (v === undefined) valueError(`${where}: ${column} is needed for a ${what}`, arg);
    return v;
  };
  const coupon = need(c.coupon, "Coupon (the CTD's)");
  const years = need(c.years, "Years");
  if (!(years > 0 && years <= 100)) numError(`${where}: Years must be > 0 and <= 100, got ${years}`, arg);
  const yld = need(c.yld, "Yield (the CTD's)");
  const conversionFactor = need(c.conversionFactor, "Conversion factor");
  const frequency = c.frequency ?? 2;
  if (![1, 2, 4, 12].includes(frequency)) valueError(`${where}: Frequency must be 1, 2, 4 or 12, got ${quote(c.frequency)}`, arg);
  const contract = contractOfTicker(c.instrument);
  const byMultiplier = c.multiplier * 100;
  if (contract && Math.abs(byMultiplier - contract.contractSize) > 1e-9 * contract.contractSize) {
    valueError(
      `${where}: Multiplier ${c.multiplier} makes one contract ${byMultiplier.toLocaleString("en-US")} of face (the price is per 100 of ` +
        `face), but ${contract.code} (${contract.name}) is ${contract.contractSize.toLocaleString("en-US")} (CME): give Multiplier ` +
        `${(contract.contractSize / 100).toLocaleString("en-US")}`,
      arg,
    );
  }
  const f: CtdFuture = {
    coupon,
    years,
    yield: yld,
    frequency,
    conversionFactor,
    contractSize: contract?.contractSize ?? byMultiplier,
    contract,
  };
  if (c.dv01 !== undefined) {
    const derived = ctdFutureDv01(f);
    if (!(dv01Gap(c.dv01, derived) <= DV01_TOLERANCE)) {
      valueError(
        `${where}: DV01 ${dv01Text(c.dv01)} disagrees with its cheapest-to-deliver's ${dv01Text(derived)} a contract ` +
          `(CTD DV01 ${ctdDv01Per100(f).toFixed(4)} per 100 x ${f.contractSize.toLocaleString("en-US")} / 100 / CF ${conversionFactor}), ` +
          `${(100 * dv01Gap(c.dv01, derived)).toFixed(1)}% apart (more than ${100 * DV01_TOLERANCE}%): leave DV01 empty to derive it ` +
          `from the CTD, or correct its Coupon, Years, Yield or Conversion factor`,
        arg,
      );
    }
  }
  return f;
}
