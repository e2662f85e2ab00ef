/**
 * Contract key dates against the exchanges' published calendars and the rules in their rulebooks
 * (sources beside each case; the rules themselves are cited in src/engine/futures/calendar/contracts.ts).
 */
import fc from "fast-check";
import { fromSerial, toSerial } from "../../../../src/engine/rates/excelDate";
import {
  CONTRACTS,
  contractCode,
  frontContract,
  keyDates,
  nextContract,
  parseContract,
} from "../../../../src/engine/futures/calendar/contracts";
import { isBusinessDay, weekdayOf } from "../../../../src/engine/futures/calendar/holidays";

const iso = (s: number | undefined) => {
  if (s === undefined) return undefined;
  const d = fromSerial(s);
  return `${d.y}-${String(d.m).padStart(2, "0")}-${String(d.d).padStart(2, "0")}`;
};
const dates = (code: string, asOf?: number) => {
  const k = keyDates(parseContract(code, "contract", asOf));
  return {
    lastTrade: iso(k.lastTrade),
    settlement: iso(k.settlement),
    firstPosition: iso(k.firstPosition),
    firstNotice: iso(k.firstNotice),
    firstDelivery: iso(k.firstDelivery),
    roll: iso(k.roll),
  };
};

describe("equity index futures", () => {
  test("ES Mar26 (CME: trading terminates 9:30 ET on the 3rd Friday, 20 Mar 2026; roll date Thursday 12 Mar)", () => {
    expect(dates("ES Mar26 (E-mini S&P 500)")).toMatchObject({ lastTrade: "2026-03-20", settlement: "2026-03-20", roll: "2026-03-12" });
    expect(dates("ESH6").lastTrade).toBe("2026-03-20");
    expect(dates("ESH2026").lastTrade).toBe("2026-03-20");
  });
  test("MES, NQ, RTY, EMD, ICE US MSCI EAFE and EM, Eurex FESX and ICE Europe FTSE 100 Jun26: 3rd Friday, 19 June 2026 (Juneteenth) moves to Thursday 18 June in the US only", () => {
    for (const c of ["MESM6", "NQM6", "RTYM6", "EMDM6", "MFSM6", "MMEM6"]) expect(dates(c).lastTrade).toBe("2026-06-18");
    expect(dates("FESXM6").lastTrade).toBe("2026-06-19");
    expect(dates("ZM6").lastTrade).toBe("2026-06-19");
  });
  test("Bloomberg Commodity Index (CBOT AW, the sample's BCOM): 3rd Wednesday, 18 March 2026", () => {
    expect(dates("BCOM Mar26").lastTrade).toBe("2026-03-18");
    expect(dates("AWH6").lastTrade).toBe("2026-03-18");
  });
});

describe("Treasury futures (CBOT rulebook chapters; CME's published calendars)", () => {
  test("TY Mar26: first position day 26 Feb, first notice day 27 Feb, last trading day 20 Mar (7 business days before 31 Mar), last delivery 31 Mar", () => {
    expect(dates("TYH6")).toEqual({
      lastTrade: "2026-03-20",
      settlement: "2026-03-31",
      firstPosition: "2026-02-26",
      firstNotice: "2026-02-27",
      firstDelivery: "2026-03-02",
      roll: "2026-02-25",
    });
  });
  test("TY Jun25: the last trading day 18 June 2025 counts around Juneteenth (CME: TYM5 last trade 18 Jun 2025)", () => {
    expect(dates("TYM5").lastTrade).toBe("2025-06-18");
  });
  test("TU Mar26: last trading day = the last business day of March; last delivery 3 business days later, past Good Friday (6 Apr)", () => {
    expect(dates("TUH6")).toMatchObject({ lastTrade: "2026-03-31", settlement: "2026-04-06", firstNotice: "2026-02-27" });
    expect(dates("Z3NH6").lastTrade).toBe("2026-03-31");
    expect(dates("FVH6").lastTrade).toBe("2026-03-31");
  });
  test("US and UB Mar26 share TY's rule; TN too", () => {
    for (const c of ["USH6", "UBH6", "TNH6", "UB Mar26"]) expect(dates(c).lastTrade).toBe("2026-03-20");
  });
});

describe("Eurex and ICE Futures Europe bond futures", () => {
  test("Euro-Bund Mar26: delivery day 10 Mar 2026, last trading day 2 exchange days before, 6 Mar (Eurex)", () => {
    expect(dates("FGBLH6")).toMatchObject({ lastTrade: "2026-03-06", settlement: "2026-03-10" });
  });
  test("Long Gilt Mar26: first notice day 26 Feb 2026, last trading day 27 Mar 2026 (ICE Futures Europe)", () => {
    expect(dates("RH6")).toMatchObject({ firstNotice: "2026-02-26", lastTrade: "2026-03-27", settlement: "2026-03-31" });
  });
});

describe("month codes and years", () => {
  test("ESH6 with an as-of date after its expiry is the next March ending in 6 (2036); a bare root is the front contract", () => {
    const after = toSerial({ y: 2026, m: 6, d: 1 });
    expect(parseContract("ESH6", "c", after).year).toBe(2036);
    expect(contractCode(parseContract("ES", "c", toSerial({ y: 2026, m: 3, d: 21 })))).toBe("ESM6");
    expect(contractCode(parseContract("ES", "c", toSerial({ y: 2026, m: 3, d: 20 })))).toBe("ESH6");
  });
  test("bad names say what a contract looks like", () => {
    expect(() => parseContract("XYZH6", "contract")).toThrow(
      /contract: 'XYZH6' is not a contract this calendar knows: write a root and month code/,
    );
    expect(() => parseContract("ESF6", "contract")).toThrow(/ES lists H, M, U, Z only, not F/);
    expect(() => parseContract("ES", "contract")).toThrow(/has no contract month/);
  });
  test("properties: for every contract and month, dates are business days in order, and the next contract expires later (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CONTRACTS),
        fc.integer({ min: 2020, max: 2040 }),
        fc.constantFrom(3, 6, 9, 12),
        (spec, year, month) => {
          const c = { spec, year, month };
          const k = keyDates(c);
          const cal = spec.calendar;
          for (const d of [k.lastTrade, k.settlement, k.roll, k.firstPosition, k.firstNotice, k.firstDelivery]) {
            if (d !== undefined) expect(isBusinessDay(cal, d)).toBe(true);
          }
          expect(k.roll).toBeLessThan(k.lastTrade);
          expect(k.lastTrade).toBeLessThanOrEqual(k.settlement);
          if (k.firstNotice !== undefined) expect(k.roll).toBeLessThan(k.firstNotice);
          expect(keyDates(nextContract(c)).lastTrade).toBeGreaterThan(k.lastTrade);
          expect(weekdayOf(k.lastTrade)).toBeGreaterThan(1);
          // The exchange's one-digit code read 100 days before expiry is this contract, and so is the front
          // contract on the day after the previous one expired.
          expect(parseContract(contractCode(c), "c", k.lastTrade - 100)).toMatchObject({ year, month });
          expect(frontContract(spec, k.lastTrade)).toMatchObject({ year, month });
        },
      ),
      { numRuns: 300 },
    );
  });
});
