/**
 * The book's positions as existing hedges of the liabilities (the Positions table, book/positions.ts, read-only),
 * on the same basis as the hedge instruments:
 *
 *   swap      Quantity of notional (+ receive fixed, - pay fixed) at its Fixed rate to its Maturity date: a USD
 *             SOFR swap (annual, Act/360) on dates, its fixed schedule running back from maturity, valued on the
 *             valuation date (a seasoned swap); its key-rate vector from those flows (rates/swap.ts)
 *   future    Quantity of contracts added to the Existing of the Instruments row whose Contract code starts the
 *             position's instrument ("TYH6" -> the TY row), so it carries that row's CTD vector. The two must be
 *             the same contract: the book's DV01 per contract (typed, or derived from its CTD) is held against the
 *             row's CTD on the same basis (rates/ctdFuture.ts: CTD DV01 per 100 x face / 100 / CF, at the yield
 *             the row's curve prices its CTD at); more than 2% apart (DV01_TOLERANCE: another bond, another factor,
 *             a CTD yield off the curve, a stale typed DV01) is a note naming both figures. The comparison leaves
 *             out what only the conventions make differ: the row's PV01 is its CTD forward to delivery on the curve
 *             (per bp of the zero rates), the book's the spot DV01 at the CTD's yield (per bp of that yield)
 *   others    options, total return swaps and forwards are not rate hedges here; listed as left out
 *
 * FX converts contract currency to base (the Quantity's notional is in contract currency).
 *
 * bookPv01 is the book's rate risk as one PV01 (OVERLAY.HEDGERATIO's positions): every future or swap with a
 * DV01 per unit (typed, or a bond future's derived from its CTD) adds
 *   PV01 = Quantity x DV01 x FX      (base currency per 1bp, positive = gains when rates fall)
 * the PV01 convention of rates/cashflows.ts (PV(curve - 1bp) - PV(curve)); a DV01 per contract is the futures'
 * basis-point value, CTD DV01 / conversion factor (Hull, Options, Futures, and Other Derivatives, ch. 6), the
 * figure EXPOSURE and LEVERAGE count the same position by.
 */
import { normaliseName } from "../core/cells";
import { numError } from "../core/errors";
import { Position } from "../book/positions";
import { ZeroCurve } from "../rates/curve";
import { keyRate01s } from "../rates/keyRates";
import { swapCashFlows } from "../rates/swap";
import { toSerial, fromSerial, addMonths } from "../rates/excelDate";
import { HedgeInstrument } from "./instruments";
import { CtdFuture, DV01_TOLERANCE, ctdFutureDv01, dv01Gap, dv01Text } from "../rates/ctdFuture";

export interface BookHedges {
  /** KR01 per key of the book's swaps. */
  swapKr01: number[];
  /** Instruments with the book's futures added to their Existing. */
  instruments: HedgeInstrument[];
  /** Positions counted, and those left out (with why), in words. */
  counted: string[];
  leftOut: string[];
  /** Book futures whose DV01 per contract disagrees with their Instruments row's CTD, in words. */
  notes: string[];
}

/** A CTD in words: "4.750% 25.62y, CF 0.8384". */
function ctdText(f: CtdFuture): string {
  return `${(100 * f.coupon).toFixed(3)}% ${f.years.toFixed(2)}y, CF ${f.conversionFactor}`;
}

/** The note when a book future's DV01 per contract and its Instruments row's CTD disagree, else undefined. */
export function dv01Note(p: Position, row: HedgeInstrument): string | undefined {
  if (p.dv01 === undefined || row.ctd === undefined) return undefined;
  const theirs = ctdFutureDv01(row.ctd);
  const gap = dv01Gap(p.dv01, theirs);
  if (gap <= DV01_TOLERANCE) return undefined;
  const pct = (y: number) => `${(100 * y).toFixed(2)}%`;
  return (
    `${p.where}: the book's DV01 ${dv01Text(p.dv01)} a contract (${p.ctd ? `its CTD ${ctdText(p.ctd)} at ${pct(p.ctd.yield)}` : "typed"}) ` +
    `and the ${row.name} row's CTD (${ctdText(row.ctd)}: ${dv01Text(theirs)} a contract at ${pct(row.ctd.yield)}, the yield the curve prices it at) ` +
    `are ${(100 * gap).toFixed(1)}% apart: HEDGETRADES counts these contracts on the row (${dv01Text(row.pv01)} a contract on the curve), ` +
    `EXPOSURE, LEVERAGE and HEDGERATIO on the book's DV01`
  );
}

export function bookHedges(
  positions: readonly Position[],
  instruments: readonly HedgeInstrument[],
  curve: ZeroCurve,
  keys: readonly number[],
  valuation: number | undefined,
): BookHedges {
  const swapKr01 = keys.map(() => 0);
  const out = instruments.map((x) => ({ ...x }));
  const counted: string[] = [];
  const leftOut: string[] = [];
  const notes: string[] = [];
  for (const p of positions) {
    if (p.kind === "swap") {
      if (p.fixedRate === undefined || p.maturity === undefined) {
        leftOut.push(`${p.where}: a swap needs its Fixed rate and Maturity`);
        continue;
      }
      if (valuation === undefined) numError(`${p.where}: a swap in the book needs the valuationDate argument`, "valuationDate");
      if (!(p.maturity > valuation)) {
        leftOut.push(`${p.where}: matured`);
        continue;
      }
      // Annual schedule back from maturity: the effective date a whole number of years before it, at or before valuation.
      const years = Math.ceil((p.maturity - valuation) / 365.25 + 1e-9);
      const effective = toSerial(addMonths(fromSerial(p.maturity), -12 * years));
      const flows = swapCashFlows(
        { tenor: years, frequency: 1, dayCount: "act/360", valuation, effective: Math.min(effective, valuation) },
        p.fixedRate,
      );
      const kr = keyRate01s(flows, curve, keys);
      kr.forEach((x, k) => (swapKr01[k] += x * p.quantity * p.fx));
      counted.push(`${p.instrument} (swap)`);
    } else if (p.kind === "future") {
      const code = normaliseName(p.instrument);
      const j = out.findIndex((x) => x.kind === "future" && x.contract !== undefined && code.startsWith(normaliseName(x.contract.code)));
      if (j < 0) {
        leftOut.push(`${p.where}: no Instruments future with its contract code`);
        continue;
      }
      out[j].existing += p.quantity;
      counted.push(`${p.instrument} (as ${out[j].name})`);
      const note = dv01Note(p, out[j]);
      if (note) notes.push(note);
    } else {
      leftOut.push(`${p.where}: ${/^[aeiou]/.test(p.kind) ? "an" : "a"} ${p.kind} is not counted as a rate hedge`);
    }
  }
  return { swapKr01, instruments: out, counted, leftOut, notes };
}

export interface BookPv01 {
  /** Sum of Quantity x DV01 x FX over the counted positions, base currency per 1bp. */
  pv01: number;
  /** Positions counted (with their PV01) and left out (with why), in words. */
  counted: string[];
  leftOut: string[];
}

export function bookPv01(positions: readonly Position[]): BookPv01 {
  let pv01 = 0;
  const counted: string[] = [];
  const leftOut: string[] = [];
  for (const p of positions) {
    if (p.kind !== "future" && p.kind !== "swap") {
      leftOut.push(`${p.where}: ${/^[aeiou]/.test(p.kind) ? "an" : "a"} ${p.kind} is not counted as a rate hedge`);
    } else if (p.dv01 === undefined) {
      leftOut.push(`${p.where}: no DV01 per unit given, so no rate risk counted`);
    } else {
      const x = p.quantity * p.dv01 * p.fx;
      pv01 += x;
      const from = p.ctd ? `; ${dv01Text(p.dv01)} a contract from its CTD` : "";
      counted.push(`${p.instrument} (${x.toLocaleString("en-US", { maximumFractionDigits: 2 })} per bp${from})`);
    }
  }
  return { pv01, counted, leftOut };
}
