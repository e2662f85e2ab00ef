/**
 * The book's positions as existing hedges of the liabilities (the Positions table, book/positions.ts, read-only),
 * on the same basis as the hedge instruments:
 *
 *   swap      Quantity of notional (+ receive fixed, - pay fixed) at its Fixed rate to its Maturity date: a USD
 *             SOFR swap (annual, Act/360) on dates, its fixed schedule running back from maturity, valued on the
 *             valuation date (a seasoned swap); its key-rate vector from those flows (rates/swap.ts)
 *   future    Quantity of contracts added to the Existing of the Instruments row whose Contract code starts the
 *             position's instrument ("TYH6" -> the TY row), so it carries that row's CTD vector
 *   others    options, total return swaps and forwards are not rate hedges here; listed as left out
 *
 * FX converts contract currency to base (the Quantity's notional is in contract currency).
 *
 * bookPv01 is the book's rate risk as one PV01 (OVERLAY.HEDGERATIO's positions): every future or swap that
 * states its DV01 per unit adds
 *   PV01 = Quantity x DV01 x FX      (base currency per 1bp, positive = gains when rates fall)
 * the PV01 convention of rates/cashflows.ts (PV(curve - 1bp) - PV(curve)); a DV01 per contract is the futures'
 * basis-point value, CTD DV01 / conversion factor (Hull, Options, Futures, and Other Derivatives, ch. 6).
 */
import { normaliseName } from "../core/cells";
import { numError } from "../core/errors";
import { Position } from "../book/positions";
import { ZeroCurve } from "../rates/curve";
import { keyRate01s } from "../rates/keyRates";
import { swapCashFlows } from "../rates/swap";
import { toSerial, fromSerial, addMonths } from "../rates/excelDate";
import { HedgeInstrument } from "./instruments";

export interface BookHedges {
  /** KR01 per key of the book's swaps. */
  swapKr01: number[];
  /** Instruments with the book's futures added to their Existing. */
  instruments: HedgeInstrument[];
  /** Positions counted, and those left out (with why), in words. */
  counted: string[];
  leftOut: string[];
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
    } else {
      leftOut.push(`${p.where}: ${/^[aeiou]/.test(p.kind) ? "an" : "a"} ${p.kind} is not counted as a rate hedge`);
    }
  }
  return { swapKr01, instruments: out, counted, leftOut };
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
      counted.push(`${p.instrument} (${x.toLocaleString("en-US", { maximumFractionDigits: 2 })} per bp)`);
    }
  }
  return { pv01, counted, leftOut };
}
