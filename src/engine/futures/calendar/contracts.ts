/**
 * Futures contract calendars: the contracts an overlay uses, their month codes and key dates.
 *
 * A contract is named by its root and month code, ESH6 / ESH26 / ESH2026 (also "ES Mar26", "ES Mar 2026",
 * "ES Mar26 (E-mini S&P 500)"). Month codes (CME Group, "Month codes"): F Jan, G Feb, H Mar, J Apr, K May,
 * M Jun, N Jul, Q Aug, U Sep, V Oct, X Nov, Z Dec. A one-digit year is the first year with that last digit
 * whose contract has not expired on the as-of date (without one, the decade 2020-2029).
 *
 * Key-date rules (all days are exchange business days of the contract's calendar, holidays.ts):
 *   Equity index, CME Group (ES, MES, NQ, MNQ, RTY, M2K, EMD; CME Rulebook ch. 358, 359, 393, 394, 362):
 *     last trading day = final settlement = the 3rd Friday of the contract month (trading stops at the
 *     9:30 ET Special Opening Quotation), the business day before if the exchange is closed that Friday.
 *     Roll date: CME's equity roll convention, 8 calendar days before the last trading day (the Thursday
 *     of the week before expiry).
 *   ICE Futures US MSCI EAFE (MFS) and MSCI Emerging Markets (MME) (ICE Futures US contract specifications):
 *     last trading day = the 3rd Friday of the contract month; roll date as CME's equity convention.
 *   CBOT Treasury futures (CBOT Rulebook ch. 21 TU, 21B Z3N (3-year), 20 FV, 19 TY, 26 TN, 18 US, 40 UB):
 *     first position day = the 2nd business day before the first business day of the delivery month (the
 *     first intention day); first notice day = the next business day, the last business day before the
 *     delivery month; first delivery day = the first business day of the month.
 *     TU, Z3N, FV: last trading day = the last business day of the month; last delivery day = the 3rd
 *     business day after it. TY, TN, US, UB: last trading day = the 7th business day before the last
 *     business day of the month; last delivery day = the last business day of the month.
 *     Roll date: the business day before first position day (a long who holds into first position day
 *     may be delivered to).
 *   CBOT Bloomberg Commodity Index (AW, the sample's "BCOM"; CBOT Rulebook ch. 29): Mar, Jun, Sep, Dec;
 *     trading terminates on the 3rd Wednesday of the contract month (the business day before if closed).
 *     Roll date: 8 calendar days before.
 *   Eurex (Eurex contract specifications): EURO STOXX 50 (FESX), DAX (FDAX): last trading day = final
 *     settlement day = the 3rd Friday of the month, the exchange day before if it is not one. Euro-Bund,
 *     -Bobl, -Schatz, -Buxl (FGBL, FGBM, FGBS, FGBX): delivery day = the 10th calendar day of the month, the
 *     next exchange day if it is not one; last trading day = 2 exchange days before the delivery day.
 *     Roll date: equity 8 calendar days before expiry; bonds the exchange day before the last trading day.
 *   ICE Futures Europe (ICE Futures Europe contract specifications): FTSE 100 (Z): last trading day = the
 *     3rd Friday of the month (the business day before if not one). Long Gilt (R): first notice day = 2
 *     business days before the first day of the delivery month; last trading day = 2 business days before
 *     the last business day of the month; last delivery day = the last business day of the month.
 *     Roll date: Z 8 calendar days before expiry; R the business day before first notice day.
 * All listed quarterly, March, June, September, December (H, M, U, Z).
 */
import { quote, valueError } from "../../core/errors";
import { fromSerial, toSerial } from "../../rates/excelDate";
import {
  CalendarId,
  FRIDAY,
  WEDNESDAY,
  addBusinessDays,
  firstBusinessDay,
  lastBusinessDay,
  nthWeekday,
  rollToBusinessDay,
} from "./holidays";

export const MONTH_CODES = "FGHJKMNQUVXZ";
const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

export type KeyDateRule =
  | "thirdFriday"
  | "thirdWednesday"
  | "treasuryShort" // TU, Z3N, FV
  | "treasuryLong" // TY, TN, US, UB
  | "eurexBond"
  | "gilt";

export interface ContractSpec {
  root: string;
  name: string;
  exchange: string;
  calendar: CalendarId;
  /** Listed months, 1-12. */
  months: readonly number[];
  rule: KeyDateRule;
  /** Contract multiplier (currency per index point; bond futures: face value / 100 per point). */
  multiplier: number;
  currency: string;
  /** Other names the root goes by ("BCOM" for AW). */
  aliases?: readonly string[];
}

const QUARTERLY = [3, 6, 9, 12] as const;

function spec(
  root: string,
  name: string,
  exchange: string,
  calendar: CalendarId,
  rule: KeyDateRule,
  multiplier: number,
  currency: string,
  aliases?: string[],
): ContractSpec {
  return { root, name, exchange, calendar, months: QUARTERLY, rule, multiplier, currency, aliases };
}

export const CONTRACTS: readonly ContractSpec[] = [
  spec("ES", "E-mini S&P 500", "CME", "US", "thirdFriday", 50, "USD"),
  spec("MES", "Micro E-mini S&P 500", "CME", "US", "thirdFriday", 5, "USD"),
  spec("NQ", "E-mini Nasdaq-100", "CME", "US", "thirdFriday", 20, "USD"),
  spec("MNQ", "Micro E-mini Nasdaq-100", "CME", "US", "thirdFriday", 2, "USD"),
  spec("RTY", "E-mini Russell 2000", "CME", "US", "thirdFriday", 50, "USD"),
  spec("M2K", "Micro E-mini Russell 2000", "CME", "US", "thirdFriday", 5, "USD"),
  spec("EMD", "E-mini S&P MidCap 400", "CME", "US", "thirdFriday", 100, "USD"),
  spec("MFS", "MSCI EAFE Index", "ICE Futures US", "US", "thirdFriday", 50, "USD"),
  spec("MME", "MSCI Emerging Markets Index", "ICE Futures US", "US", "thirdFriday", 50, "USD"),
  spec("TU", "2-Year T-Note", "CBOT", "US", "treasuryShort", 2000, "USD"),
  spec("Z3N", "3-Year T-Note", "CBOT", "US", "treasuryShort", 2000, "USD"),
  spec("FV", "5-Year T-Note", "CBOT", "US", "treasuryShort", 1000, "USD"),
  spec("TY", "10-Year T-Note", "CBOT", "US", "treasuryLong", 1000, "USD", ["ZN"]),
  spec("TN", "Ultra 10-Year T-Note", "CBOT", "US", "treasuryLong", 1000, "USD"),
  spec("US", "U.S. Treasury Bond", "CBOT", "US", "treasuryLong", 1000, "USD", ["ZB"]),
  spec("UB", "Ultra U.S. Treasury Bond", "CBOT", "US", "treasuryLong", 1000, "USD"),
  spec("AW", "Bloomberg Commodity Index", "CBOT", "US", "thirdWednesday", 100, "USD", ["BCOM"]),
  spec("FESX", "EURO STOXX 50", "Eurex", "EUREX", "thirdFriday", 10, "EUR"),
  spec("FDAX", "DAX", "Eurex", "EUREX", "thirdFriday", 25, "EUR"),
  spec("FGBL", "Euro-Bund", "Eurex", "EUREX", "eurexBond", 1000, "EUR"),
  spec("FGBM", "Euro-Bobl", "Eurex", "EUREX", "eurexBond", 1000, "EUR"),
  spec("FGBS", "Euro-Schatz", "Eurex", "EUREX", "eurexBond", 1000, "EUR"),
  spec("FGBX", "Euro-Buxl", "Eurex", "EUREX", "eurexBond", 1000, "EUR"),
  spec("Z", "FTSE 100 Index", "ICE Futures Europe", "UK", "thirdFriday", 10, "GBP"),
  spec("R", "Long Gilt", "ICE Futures Europe", "UK", "gilt", 1000, "GBP"),
];

export function findSpec(root: string): ContractSpec | undefined {
  const r = root.toUpperCase();
  return CONTRACTS.find((c) => c.root === r || (c.aliases ?? []).includes(r));
}

export interface ContractMonth {
  spec: ContractSpec;
  year: number;
  /** 1-12. */
  month: number;
}

/** "ESH6": root, month code, one-digit year (the exchange's own short code). */
export function contractCode(c: ContractMonth): string {
  return `${c.spec.root}${MONTH_CODES[c.month - 1]}${c.year % 10}`;
}

export interface KeyDates {
  /** Last trading day (for cash-settled contracts also the final settlement day). */
  lastTrade: number;
  /** Final settlement (cash-settled) or last delivery day. */
  settlement: number;
  firstPosition?: number;
  firstNotice?: number;
  firstDelivery?: number;
  /** The conventional roll date (see the header). */
  roll: number;
}

/** The key dates of one contract month (Excel serials). */
export function keyDates(c: ContractMonth): KeyDates {
  const cal = c.spec.calendar;
  const { year: y, month: m } = c;
  switch (c.spec.rule) {
    case "thirdFriday":
    case "thirdWednesday": {
      const day = nthWeekday(y, m, c.spec.rule === "thirdFriday" ? FRIDAY : WEDNESDAY, 3);
      const lastTrade = rollToBusinessDay(cal, day, -1);
      return { lastTrade, settlement: lastTrade, roll: rollToBusinessDay(cal, lastTrade - 8, -1) };
    }
    case "treasuryShort":
    case "treasuryLong": {
      const firstDelivery = firstBusinessDay(cal, y, m);
      const firstPosition = addBusinessDays(cal, firstDelivery, -2);
      const firstNotice = addBusinessDays(cal, firstDelivery, -1);
      const lastBiz = lastBusinessDay(cal, y, m);
      const short = c.spec.rule === "treasuryShort";
      const lastTrade = short ? lastBiz : addBusinessDays(cal, lastBiz, -7);
      const settlement = short ? addBusinessDays(cal, lastBiz, 3) : lastBiz;
      return { lastTrade, settlement, firstPosition, firstNotice, firstDelivery, roll: addBusinessDays(cal, firstPosition, -1) };
    }
    case "eurexBond": {
      const delivery = rollToBusinessDay(cal, toSerial({ y, m, d: 10 }), 1);
      const lastTrade = addBusinessDays(cal, delivery, -2);
      return { lastTrade, settlement: delivery, firstDelivery: delivery, roll: addBusinessDays(cal, lastTrade, -1) };
    }
    case "gilt": {
      const firstNotice = addBusinessDays(cal, toSerial({ y, m, d: 1 }), -2);
      const lastBiz = lastBusinessDay(cal, y, m);
      return {
        lastTrade: addBusinessDays(cal, lastBiz, -2),
        settlement: lastBiz,
        firstNotice,
        firstDelivery: firstBusinessDay(cal, y, m),
        roll: addBusinessDays(cal, firstNotice, -1),
      };
    }
  }
}

/** The first listed contract month on or after (y, m). */
function listedOnOrAfter(spec: ContractSpec, y: number, m: number): ContractMonth {
  for (let k = 0; k < 24; k++) {
    const mm = ((m - 1 + k) % 12) + 1;
    const yy = y + Math.floor((m - 1 + k) / 12);
    if (spec.months.includes(mm)) return { spec, year: yy, month: mm };
  }
  throw new Error("unreachable: every contract lists a month a year");
}

/** The contract month after this one. */
export function nextContract(c: ContractMonth): ContractMonth {
  return listedOnOrAfter(c.spec, c.month === 12 ? c.year + 1 : c.year, c.month === 12 ? 1 : c.month + 1);
}

/** The front contract on a date: the first whose last trading day is on or after it. */
export function frontContract(spec: ContractSpec, asOf: number): ContractMonth {
  const d = fromSerial(asOf);
  let c = listedOnOrAfter(spec, d.y, d.m);
  while (keyDates(c).lastTrade < asOf) c = nextContract(c);
  return c;
}

function yearFrom(digits: string, monthOf: (y: number) => ContractMonth, asOf: number | undefined, where: string): number {
  if (digits.length === 4) return Number(digits);
  if (digits.length === 2) return 2000 + Number(digits);
  if (digits.length !== 1) valueError(`${where}: the year must have 1, 2 or 4 digits`);
  const digit = Number(digits);
  if (asOf === undefined) return 2020 + digit;
  let y = fromSerial(asOf).y - 1;
  while (y % 10 !== digit || keyDates(monthOf(y)).lastTrade < asOf) y++;
  return y;
}

const KNOWN = CONTRACTS.map((c) => c.root).join(", ");

/**
 * Reads a contract: "ESH6", "ESH26", "ESH2026", "ES Mar26", "ES Mar 2026", "TY Jun26 (10-Year T-Note)".
 * A bare root ("ES") is the front contract on asOf when one is given. `where` names the argument or cell.
 */
export function parseContract(text: string, where: string, asOf?: number): ContractMonth {
  const t = text.replace(/\(.*\)/, "").trim();
  const named = /^([A-Za-z0-9]+?)\s+([A-Za-z]{3})[a-z]*\s*'?(\d{2}|\d{4})$/.exec(t);
  const coded = /^([A-Za-z0-9]*?[A-Za-z])([FGHJKMNQUVXZfghjkmnquvxz])(\d{1,4})$/.exec(t.replace(/\s+/g, ""));
  let root: string;
  let month: number;
  let digits: string;
  if (named && MONTH_NAMES.includes(named[2].toLowerCase())) {
    root = named[1];
    month = MONTH_NAMES.indexOf(named[2].toLowerCase()) + 1;
    digits = named[3];
  } else if (coded && findSpec(coded[1])) {
    root = coded[1];
    month = MONTH_CODES.indexOf(coded[2].toUpperCase()) + 1;
    digits = coded[3];
  } else {
    const bare = findSpec(t);
    if (bare && asOf !== undefined) return frontContract(bare, asOf);
    if (bare)
      valueError(
        `${where}: ${quote(text)} has no contract month: write it as ${bare.root}H6 or "${bare.root} Mar26", or give an as-of date`,
      );
    return valueError(
      `${where}: ${quote(text)} is not a contract this calendar knows: write a root and month code (ESH6, TYM26) or "ES Mar26"; roots: ${KNOWN}`,
    );
  }
  const s = findSpec(root);
  if (!s) return valueError(`${where}: ${quote(root)} is not a contract root this calendar knows (${KNOWN})`);
  if (!s.months.includes(month)) {
    valueError(
      `${where}: ${s.root} lists ${s.months.map((m) => MONTH_CODES[m - 1]).join(", ")} only, not ${MONTH_CODES[month - 1]} (${MONTH_NAMES[month - 1]})`,
    );
  }
  const year = yearFrom(digits, (y) => ({ spec: s, year: y, month }), asOf, where);
  return { spec: s, year, month };
}
