/**
 * The futures life-cycle functions through the registry (CONTRACTDATES, ROLLS, ROLLCOST, TRANCHES with a
 * contract, COSTCOMPARE with financing): dates against the exchanges' published calendars, the financing by
 * hand from the fair-value relation, and errors that name the argument.
 */
import { call, expectError, ok, rowsOf } from "../helpers/call";

const field = (r: unknown, name: string) => (r as unknown[][]).find((row) => row[0] === name)?.[1];

describe("OVERLAY.CONTRACTDATES", () => {
  test("TY Mar26 (CBOT): first position 26 Feb, first notice 27 Feb, last trading 20 Mar, last delivery 31 Mar 2026", async () => {
    const r = await ok("CONTRACTDATES", "TYH6");
    expect(field(r, "Last trading day")).toBe(46101);
    expect(field(r, "First position day")).toBe(46079);
    expect(field(r, "First notice day")).toBe(46080);
    expect(field(r, "Last delivery day")).toBe(46112);
    expect(field(r, "Next contract")).toBe("TYM6");
  });
  test("a bare root with asOf is the front contract; a cash-settled contract has a Final settlement and no notice days", async () => {
    const r = await ok("CONTRACTDATES", "ES", 46102);
    expect(field(r, "Contract")).toBe("ESM6");
    expect(field(r, "Final settlement")).toBe(46191);
    expect(field(r, "First notice day")).toBeUndefined();
  });
  test("unknown contracts are an error naming the argument", async () => {
    expectError(await call("CONTRACTDATES", "XYZH6"), "#VALUE!", /^contract: 'XYZH6' is not a contract this calendar knows/);
    expectError(await call("CONTRACTDATES", ""), "#VALUE!", /^contract is required/);
  });
});

describe("OVERLAY.TRANCHES with a contract", () => {
  test("the issue's case: no tranche after ES Mar26's last trading day (46101); tranche 4 trades ESM6", async () => {
    const rows = rowsOf(await ok("TRANCHES", -119, 4, 46086, 7, "", "ESH6"));
    expect(rows.map((r) => [r.Date, r.Size, r.Contract])).toEqual([
      [46086, -30, "ESH6"],
      [46093, -30, "ESH6"],
      [46100, -30, "ESH6"],
      [46107, -29, "ESM6"],
    ]);
    for (const r of rows) expect(r.Date as number).toBeLessThanOrEqual(r["Last trading day"] as number);
  });
  test("a contract without a start is an error naming start", async () => {
    expectError(await call("TRANCHES", 10, 2, "", 7, "", "ESH6"), "#NUM!", /^start: a contract's tranches need a start date/);
  });
});

describe("OVERLAY.ROLLS and OVERLAY.ROLLCOST", () => {
  const positions = [
    ["Contract", "Quantity"],
    ["ES Mar26", 150],
    ["MFS Mar26", 120],
    ["UB Mar26", 850],
    ["TY Mar26", 400],
  ];
  const spreads = [
    ["Contract", "Price", "Spread", "Dividends"],
    ["ESH6", 5900, 55, 18],
  ];
  test("the sample's positions on 20 Feb 2026: all due within 30 days, as calendar spreads; ES's financing by hand", async () => {
    const rows = rowsOf(await ok("ROLLS", positions, 46073, 30, spreads, 0.043));
    expect(rows.map((r) => [r.Held, r.Into, r.Status, r["Spread trade"]])).toEqual([
      ["ESH6", "ESM6", "roll in window", "Sell 150 ESH6/ESM6"],
      ["MFSH6", "MFSM6", "roll in window", "Sell 120 MFSH6/MFSM6"],
      ["UBH6", "UBM6", "roll in window", "Sell 850 UBH6/UBM6"],
      ["TYH6", "TYM6", "roll in window", "Sell 400 TYH6/TYM6"],
    ]);
    // r = ((5900 + 55 + 18) / 5900 - 1) x 360 / 90; cost = 150 x 50 x 5900 x (r - 4.3%) x 90 / 360
    const r = (73 / 5900) * 4;
    expect(rows[0]["Implied financing"] as number).toBeCloseTo(r, 14);
    expect(rows[0]["Financing cost"] as number).toBeCloseTo(150 * 50 * 5900 * (r - 0.043) * 0.25, 6);
    expect(rows[1]["Financing cost"]).toBe("");
  });
  test("the book's Positions table: only its futures rows roll", async () => {
    const book = [
      ["Id", "Asset class", "Instrument", "Kind", "Quantity", "Price", "Multiplier", "Option type", "Strike", "Vol", "Years"],
      ["ES1", "US equity", "ESH6", "future", 150, 5900, 50, "", "", "", ""],
      ["P1", "US equity", "SPX 5310 P", "option", 10, 5900, 100, "put", 5310, 0.2, 0.5],
    ];
    const rows = rowsOf(await ok("ROLLS", book, 46073));
    expect(rows.map((r) => [r.Id, r.Held])).toEqual([["ES1", "ESH6"]]);
  });
  test("errors: an expired contract, spreads without a cash rate", async () => {
    expectError(await call("ROLLS", positions, 46110), "#VALUE!", /Positions row 1: ESH6 stopped trading on serial 46101, before asOf/);
    expectError(await call("ROLLS", positions, 46073, 30, spreads), "#VALUE!", /^cashRate is required with spreads/);
  });
  test("ROLLCOST: the same financing for one contract: 64.9bp over cash, 478.75 per contract", async () => {
    const [row] = rowsOf(await ok("ROLLCOST", "ESH6", 5900, 55, 0.043, 18));
    expect(row).toMatchObject({ Held: "ESH6", Into: "ESM6", Days: 90 });
    expect(row["Over cash (bp a year)"] as number).toBeCloseTo(((73 / 5900) * 4 - 0.043) * 1e4, 9);
    expect(row["Cost per contract"] as number).toBeCloseTo(478.75, 6);
  });
});

describe("OVERLAY.COSTCOMPARE with the roll's financing", () => {
  test("financingBps 25 over 2 years on 100m: 500,000 of financing beside 160,000 of roll trades", async () => {
    const rows = rowsOf(await ok("COSTCOMPARE", 100e6, 10, 2, 0.05, 2, "", 25));
    expect(rows[1]).toMatchObject({ "Roll trades": 160_000, "Financing over cash": 500_000 });
    expect(rows[1]["Holding cost"] as number).toBeCloseTo(660_000, 6);
  });
});
