/**
 * Staged tranche schedules: a trade (a tilt, an equitisation, a leverage change) put on in `count` pieces.
 *
 *   shape "equal": every tranche total / count
 *   shape "front": linearly declining sizes, tranche k (1-based) of n gets (n - k + 1) / (n (n + 1) / 2)
 *                  of the total (4 tranches: 40%, 30%, 20%, 10%)
 *   date k       = start + (k - 1) x intervalDays   (calendar days; without a start, the day offset)
 *                  with a contract: the next business day of its exchange, in the contract still trading
 *
 * The sizes add up exactly to the total. A whole-number total (contracts, or whole currency units) is split
 * into whole numbers: each tranche gets its share rounded down and the units left over go one at a time to
 * the earliest tranches (10 in 3 equal tranches: 4, 3, 3). Any other total is split exactly: the cumulative
 * amount is computed first and each size is the step between cumulatives, so the last cumulative is the
 * total itself.
 */
import { numError } from "../core/errors";
import { ContractMonth, contractCode, keyDates, nextContract } from "../futures/calendar/contracts";
import { rollToBusinessDay } from "../futures/calendar/holidays";

export type TrancheShape = "equal" | "front";
export const TRANCHE_SHAPES: readonly TrancheShape[] = ["equal", "front"];

/** Largest Excel date serial (9999-12-31). */
export const MAX_DATE_SERIAL = 2958465;
export const MAX_TRANCHES = 10000;

export interface Tranche {
  tranche: number;
  /** Excel date serial, or the day offset from the first tranche when no start is given. */
  date: number;
  size: number;
  cumulative: number;
  /** With a contract: the contract the tranche trades (the next one when the date is past the held one's last trading day). */
  contract?: string;
  /** With a contract: that contract's last trading day. */
  lastTrade?: number;
}

/** Relative weights of the tranches for a shape (not normalised). */
export function trancheWeights(count: number, shape: TrancheShape): number[] {
  return Array.from({ length: count }, (_, k) => (shape === "equal" ? 1 : count - k));
}

/**
 * Splits total into sizes proportional to weights that add up exactly to total (see the header).
 * Returns the sizes and the cumulative amounts (the last one is total).
 */
export function splitTotal(total: number, weights: readonly number[]): { sizes: number[]; cumulative: number[] } {
  const n = weights.length;
  const wsum = weights.reduce((s, x) => s + x, 0);
  const cumulative: number[] = [];
  if (Number.isInteger(total) && Math.abs(total) <= Number.MAX_SAFE_INTEGER) {
    const sign = total < 0 ? -1 : 1;
    const units = BigInt(Math.abs(total));
    const W = BigInt(wsum);
    // Exact integer shares floor(units x w / wsum); the units left over go to the earliest tranches.
    const base = weights.map((w) => (units * BigInt(w)) / W);
    let left = units - base.reduce((s, x) => s + x, 0n);
    for (let k = 0; k < n && left > 0n; k++, left--) base[k] += 1n;
    const sizes = base.map((x) => (x === 0n ? 0 : sign * Number(x)));
    let acc = 0;
    for (const x of sizes) cumulative.push((acc += x));
    return { sizes, cumulative };
  }
  const sizes: number[] = [];
  let prev = 0;
  let acc = 0;
  for (let k = 0; k < n; k++) {
    acc += weights[k];
    const cum = k === n - 1 ? total : (total * acc) / wsum;
    sizes.push(cum - prev);
    cumulative.push(cum);
    prev = cum;
  }
  return { sizes, cumulative };
}

/**
 * The schedule. With a contract (and a start): each date start + (k - 1) x intervalDays is moved to the next
 * business day of the contract's exchange calendar (holidays.ts), and a tranche whose date is past the
 * contract's last trading day trades the next contract month instead (the Contract column says which), so no
 * tranche ever falls after the last trading day of the contract it trades.
 */
export function tranches(
  total: number,
  count: number,
  shape: TrancheShape,
  start: number | undefined,
  intervalDays: number,
  contract?: ContractMonth,
): Tranche[] {
  const { sizes, cumulative } = splitTotal(total, trancheWeights(count, shape));
  const first = start ?? 0;
  const last = first + (count - 1) * intervalDays;
  if (start !== undefined && last > MAX_DATE_SERIAL - (contract ? 400 : 0)) {
    numError(`intervalDays: the last tranche would fall after 31 Dec 9999 (date serial ${last} > ${MAX_DATE_SERIAL})`, "intervalDays");
  }
  if (contract !== undefined && start === undefined)
    numError("start: a contract's tranches need a start date (its calendar has dates)", "start");
  let held = contract;
  let lastTrade = held ? keyDates(held).lastTrade : 0;
  return sizes.map((size, k) => {
    const nominal = first + k * intervalDays;
    if (!held) return { tranche: k + 1, date: nominal, size, cumulative: cumulative[k] };
    const date = rollToBusinessDay(held.spec.calendar, nominal, 1);
    while (date > lastTrade) {
      held = nextContract(held);
      lastTrade = keyDates(held).lastTrade;
    }
    return { tranche: k + 1, date, size, cumulative: cumulative[k], contract: contractCode(held), lastTrade };
  });
}
