/**
 * Option overlays as programmes: strikes chosen by delta, systematic put or call writing rolled on a
 * calendar with its income yield, and laddered zero-cost collars.
 *
 * Strike by delta: the K whose Black-Scholes-Merton delta is the target, |delta(K)| = d, with the vol read
 * from the smile at K; solved with Brent's method in u = ln(K/F) (delta is monotone in K for a flat vol
 * and any smile without arbitrage). A call's delta lies in (0, e^{-qT}), a put's in (-e^{-qT}, 0).
 *
 * Writing programme: an option of tenor `years` written at each roll, struck at the target delta and rounded
 * to the listed grid (strikeGrid.ts); the programme is projected on today's market (same spot, smile, rate
 * and yield at every roll: the steady state, not a forecast). Per roll:
 *   premium (per unit) = BSM price at the listed strike,   income yield = premium / spot,
 *   annualised yield = premium / spot / years.
 * Roll dates: with a start date, each expiry is the 3rd Friday of the month `months` after the previous one
 * (the listed monthly SPX / E-mini options expiry), on the US exchange calendar (holidays.ts).
 *
 * Laddered collars: the holding split into n equal tranches, tranche k expiring k x spacing years out, each a
 * long put at putStrike and the zero-cost call for its tenor (zeroCost.ts), rounded to the listed grid, with
 * the premium the rounding leaves (positive = paid).
 */
import { numError } from "../core/errors";
import { brent } from "../core/rootFinding";
import { fromSerial, toSerial } from "../rates/excelDate";
import { FRIDAY, nthWeekday, rollToBusinessDay } from "../futures/calendar/holidays";
import { bsm } from "./blackScholes";
import { OptionKind } from "./optionType";
import { VolSpec, volAt } from "./smile";
import { listedStrike } from "./strikeGrid";
import { zeroCostStrike } from "./zeroCost";

export interface ProgrammeMarket {
  spot: number;
  rate: number;
  yield: number;
  vol: VolSpec;
}

function price(kind: OptionKind, m: ProgrammeMarket, strike: number, years: number) {
  return bsm({ kind, spot: m.spot, strike, years, rate: m.rate, yield: m.yield, vol: volAt(m.vol, strike) });
}

/** The strike whose delta is `delta` in absolute value (0 < delta < e^{-qT}). */
export function strikeForDelta(kind: OptionKind, delta: number, m: ProgrammeMarket, years: number): number {
  const cap = Math.exp(-m.yield * years);
  if (!(delta > 0 && delta < cap)) {
    numError(`delta must be between 0 and e^(-yield x years) = ${Number(cap.toPrecision(8))} in absolute value, got ${delta}`, "delta");
  }
  const forward = m.spot * Math.exp((m.rate - m.yield) * years);
  const f = (u: number) => Math.abs(price(kind, m, forward * Math.exp(u), years).delta) - delta;
  const s = Math.max(volAt(m.vol, forward) * Math.sqrt(years), 1e-3);
  let lo = -s;
  let hi = s;
  // A call's |delta| falls with K, a put's rises: step out until the bracket holds the target.
  const sign = kind === "call" ? -1 : 1;
  for (let k = 0; k < 60 && sign * f(hi) < 0; k++) hi += s * 2 ** k;
  for (let k = 0; k < 60 && sign * f(lo) > 0; k++) lo -= s * 2 ** k;
  if (!(f(lo) * f(hi) <= 0)) numError(`no strike has a delta of ${delta} for this market (the smile is not monotone there)`, "delta");
  return forward * Math.exp(brent(f, lo, hi, { xTol: 1e-12, what: "strike for the delta" }));
}

export interface WritingRoll {
  roll: number;
  /** Excel serials when a start is given. */
  written?: number;
  expiry?: number;
  strike: number;
  delta: number;
  premium: number;
  incomeYield: number;
  annualisedYield: number;
}

/** The 3rd Friday of the month `months` after a date's month, on the US exchange calendar. */
export function monthlyExpiry(serial: number, months: number): number {
  const d = fromSerial(serial);
  const idx = d.y * 12 + (d.m - 1) + months;
  const y = Math.floor(idx / 12);
  const m = (idx % 12) + 1;
  return rollToBusinessDay("US", nthWeekday(y, m, FRIDAY, 3), -1);
}

export function writingProgramme(
  kind: OptionKind,
  delta: number,
  m: ProgrammeMarket,
  years: number,
  rolls: number,
  strikeStep: number,
  start?: number,
): WritingRoll[] {
  const strike = listedStrike(strikeForDelta(kind, delta, m, years), strikeStep);
  const g = price(kind, m, strike, years);
  const months = Math.max(1, Math.round(years * 12));
  const out: WritingRoll[] = [];
  let written = start;
  for (let k = 1; k <= rolls; k++) {
    const expiry = written === undefined ? undefined : monthlyExpiry(written, months);
    out.push({
      roll: k,
      written,
      expiry,
      strike,
      delta: g.delta,
      premium: g.price,
      incomeYield: g.price / m.spot,
      annualisedYield: g.price / m.spot / years,
    });
    written = expiry;
  }
  if (start !== undefined && toSerial({ y: 9999, m: 12, d: 31 }) < (out[out.length - 1].expiry ?? 0)) {
    numError("rolls: the programme runs past 31 Dec 9999", "rolls");
  }
  return out;
}

export interface CollarTranche {
  tranche: number;
  years: number;
  quantity: number;
  putStrike: number;
  zeroCostCall: number;
  callStrike: number;
  /** Net premium of the tranche at the listed call strike (positive = paid). */
  premium: number;
}

export function collarLadder(
  m: ProgrammeMarket,
  putStrike: number,
  quantity: number,
  tranches: number,
  spacingYears: number,
  strikeStep: number,
): CollarTranche[] {
  const out: CollarTranche[] = [];
  for (let k = 1; k <= tranches; k++) {
    const years = k * spacingYears;
    const q = quantity / tranches;
    const zc = zeroCostStrike({ structure: "collar", spot: m.spot, years, rate: m.rate, yield: m.yield, vol: m.vol, strike1: putStrike });
    const callStrike = listedStrike(zc, strikeStep);
    const premium = q * (price("put", m, putStrike, years).price - price("call", m, callStrike, years).price);
    out.push({ tranche: k, years, quantity: q, putStrike, zeroCostCall: zc, callStrike, premium });
  }
  return out;
}
