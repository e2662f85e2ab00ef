/**
 * The futures workflows' trade lines carry their contract's expiry (last trading day), read from the contract
 * text by the engine's calendar. Reference dates from the exchanges' rules (cited per case), not from our output.
 */
import { contractExpiry, groupBandsCheck, tradesOf, withExpiry } from "../../../../src/workbook/proposal/workflows/futuresCommon";
import { computeProposal, findWorkflow } from "../../../../src/workbook/proposal";
import { WorkflowInputs } from "../../../../src/workbook/proposal/model";
import { GroupLine } from "../../../../src/engine/rebalance/rebalance";
import fc from "fast-check";
import { CONTRACTS, MONTH_CODES } from "../../../../src/engine/futures/calendar/contracts";
import { ok, rowsOf } from "../../../helpers/call";

/** An Excel serial as yyyy-mm-dd. */
const iso = (serial: number) => new Date(Date.UTC(1899, 11, 30) + serial * 86400000).toISOString().slice(0, 10);

describe("contractExpiry: the last trading day from the contract's text", () => {
  test.each([
    // CME Rulebook ch. 358 (E-mini S&P 500): trading terminates on the 3rd Friday of the contract month.
    ["ES Mar26 (E-mini S&P 500)", "2026-03-20"],
    ["ESH6", "2026-03-20"],
    ["ESZ6", "2026-12-18"],
    // ... the business day before when that Friday is an exchange holiday: 19 Jun 2026 is Juneteenth (NYSE closed).
    ["ES Jun26", "2026-06-18"],
    // CME Rulebook ch. 393 (E-mini Russell 2000), 3rd Friday.
    ["RTY Mar26 (E-mini Russell 2000)", "2026-03-20"],
    // ICE Futures US MSCI EAFE: the 3rd Friday of the contract month.
    ["MFS Mar26 (MSCI EAFE)", "2026-03-20"],
    // CBOT Rulebook ch. 19 (10-Year T-Note): the 7th business day before the last business day of the month
    // (31 Mar 2026 a Tuesday: 20 Mar); CME's TYH6 calendar gives 20 Mar 2026.
    ["TY Mar26 (10-year note future)", "2026-03-20"],
    ["UB Mar26 (Ultra T-bond)", "2026-03-20"],
    // CBOT Rulebook ch. 21 (2-Year T-Note): the last business day of the contract month.
    ["TU Mar26 (2-year note future)", "2026-03-31"],
    // CBOT Rulebook ch. 29 (Bloomberg Commodity Index, AW): the 3rd Wednesday of the contract month.
    ["BCOM Mar26 (Bloomberg Commodity)", "2026-03-18"],
  ])("%s -> %s", (text, expected) => {
    expect(contractExpiry(text)).toBe(expected);
  });

  test("a bare root is the front contract on the as-of date, and without one it is not identified", () => {
    expect(contractExpiry("ES", 46022)).toBe("2026-03-20"); // 31 Dec 2025: ES Mar26 is the front contract
    expect(contractExpiry("ES", 46102)).toBe("2026-06-18"); // 21 Mar 2026, after ESH6 expired: ES Jun26
    expect(contractExpiry("ES")).toBeUndefined();
  });

  test("a contract the calendar does not identify has no expiry, and says nothing wrong", () => {
    for (const t of ["XYZ Mar26", "10-year SOFR receiver swap", "", "ES Feb26", "Russell futures"])
      expect(contractExpiry(t)).toBeUndefined();
  });

  test("agrees with OVERLAY.CONTRACTDATES's last trading day", async () => {
    for (const c of ["ESH6", "TYM6", "FVU6", "MMEZ6", "FGBLH6", "RM6"]) {
      const rows = (await ok("CONTRACTDATES", c)) as unknown[][];
      const last = rows.find((r) => r[0] === "Last trading day")![1] as number;
      expect(contractExpiry(c)).toBe(iso(last));
    }
  });
});

describe("contractExpiry: property over every listed contract, 2020 to 2039", () => {
  test("the expiry is a weekday of the contract month, and is CONTRACTDATES's last trading day", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CONTRACTS),
        fc.constantFrom(3, 6, 9, 12),
        fc.integer({ min: 2020, max: 2039 }),
        async (spec, month, year) => {
          const code = `${spec.root}${MONTH_CODES[month - 1]}${year}`;
          const expiry = contractExpiry(code)!;
          const d = new Date(`${expiry}T00:00:00Z`);
          expect([d.getUTCFullYear(), d.getUTCMonth() + 1]).toEqual([year, month]);
          expect([0, 6]).not.toContain(d.getUTCDay());
          const rows = (await ok("CONTRACTDATES", code)) as unknown[][];
          expect(expiry).toBe(iso(rows.find((r) => r[0] === "Last trading day")![1] as number));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("trade lines", () => {
  test("tradesOf fills the expiry when the contract is identified and leaves the field out otherwise", () => {
    const leg = (contract: string, contracts: number, notional: number) => ({
      contract,
      weight: 1,
      asked: notional,
      contracts,
      notional,
      exposure: notional,
      margin: 0,
    });
    const trades = tradesOf([
      { assetClass: "US equity", legs: [leg("ES Mar26 (E-mini S&P 500)", -12, -3_540_000)] },
      { assetClass: "Commodities", legs: [leg("Some swap", 3, 300_000)] },
      { assetClass: "Bonds", legs: [leg("TYM6", 0, 0)] },
      { assetClass: "Cash", legs: [] },
    ]);
    expect(trades).toStrictEqual([
      {
        assetClass: "US equity",
        instrument: "ES Mar26 (E-mini S&P 500)",
        side: "Sell",
        quantity: 12,
        unit: "contracts",
        notional: -3_540_000,
        expiry: "2026-03-20",
      },
      { assetClass: "Commodities", instrument: "Some swap", side: "Buy", quantity: 3, unit: "contracts", notional: 300_000 },
    ]);
    expect(withExpiry(undefined)).toStrictEqual({});
  });

  test("a rebalance proposal's futures trades carry the expiry of their contract (CONTRACTDATES of the Futures table's text)", async () => {
    const portfolio = [
      ["Asset class", "Market value", "Target", "Min", "Max"],
      ["Equity", 500, 0.6, 0.55, 0.65],
      ["Bonds", 450, 0.35, 0.3, 0.4],
      ["Cash", 50, 0.05, 0, 0.1],
    ];
    const futures = [
      ["Asset class", "Contract", "Price", "Multiplier"],
      ["Equity", "ES Jun26 (E-mini S&P 500)", 10, 1],
      ["Bonds", "TYM6", 10, 1],
    ];
    const inputs = {
      Portfolio: { ref: "Portfolio[#All]", values: portfolio },
      Futures: { ref: "Futures[#All]", values: futures },
    } as WorkflowInputs;
    const p = await computeProposal(findWorkflow("rebalance")!, inputs, { rule: "target" } as never);
    const spill = rowsOf(await ok("REBALANCE", portfolio, futures, "target")).filter(
      (r) => typeof r.Contracts === "number" && r.Contracts !== 0,
    );
    expect(p.trades.map((t) => t.instrument)).toEqual(spill.map((r) => r.Contract));
    expect(p.trades.length).toBe(2);
    for (const t of p.trades) {
      const code = t.instrument.startsWith("ES") ? "ESM6" : "TYM6";
      const last = ((await ok("CONTRACTDATES", code)) as unknown[][]).find((r) => r[0] === "Last trading day")![1] as number;
      expect(t.expiry).toBe(iso(last));
    }
    // ES Jun26: the 3rd Friday, 19 Jun 2026, is Juneteenth: the Thursday before (CME Rulebook 35802.A).
    expect(p.trades.find((t) => t.instrument.startsWith("ES"))!.expiry).toBe("2026-06-18");
    // TY Jun26 (CBOT Rulebook ch. 19): the 7th business day before Tue 30 Jun 2026, counting past Juneteenth: 18 Jun.
    expect(p.trades.find((t) => t.instrument === "TYM6")!.expiry).toBe("2026-06-18");
  });

  test("the LDI hedge's Treasury futures carry their contract's last trading day, its swaps none", async () => {
    const liabilities = [["Time", "Amount"], ...Array.from({ length: 30 }, (_, i) => [i + 1, 10_000_000])];
    const curve = [
      ["Tenor", "Rate"],
      [1, 0.04],
      [30, 0.045],
    ];
    const instruments = [
      ["Instrument", "Kind", "Tenor", "Coupon", "Index", "Contract", "Delivery", "Factor"],
      ["TY Mar26 (10-year note future)", "future", 6.8747, 0.0425, "", "TY", 0.2464, 0.9069],
      ["UB Mar26 (Ultra T-bond future)", "future", 29.1253, 0.04625, "", "UB", 0.2464, 0.8126],
      ["10-year SOFR receiver swap", "swap", 10, "", "SOFR", "", "", ""],
    ];
    const inputs = {
      Liabilities: { ref: "Liabilities[#All]", values: liabilities },
      Curve: { ref: "Curve[#All]", values: curve },
      Instruments: { ref: "Instruments[#All]", values: instruments },
    } as WorkflowInputs;
    const p = await computeProposal(findWorkflow("hedge")!, inputs, { targetRatio: 0.5 } as never);
    expect(p.trades.some((t) => t.unit === "contracts")).toBe(true);
    for (const t of p.trades) {
      // CBOT Rulebook ch. 19 (TY) and ch. 40 (UB): 7 business days before the last business day, 20 Mar 2026.
      if (t.unit === "contracts") expect(t.expiry).toBe("2026-03-20");
      else expect(t.expiry).toBeUndefined();
    }
  });
});

describe("group bands in the rebalance and daily workflows (issue 14)", () => {
  // Private equity 10% and its proxy US small cap 6% together 16% against an 11-15% band (the hand-worked case
  // of test/engine/rebalance/ranges.test.ts: 84 RTY sold, the group at 14.992%).
  const portfolio = [
    ["Asset class", "Market value", "Target", "Min", "Max", "Liquid", "Proxy", "Group", "Group min", "Group max"],
    ["US large cap", 300e6, 0.3, 0.25, 0.35, true, "", "", "", ""],
    ["US small cap", 60e6, 0.05, 0.02, 0.08, true, "", "PE and small cap", 0.11, 0.15],
    ["Private equity", 100e6, 0.08, 0.05, 0.11, false, "US small cap", "PE and small cap", "", ""],
    ["Bonds", 440e6, 0.47, 0.4, 0.54, true, "", "", "", ""],
    ["Cash", 100e6, 0.1, 0.05, 0.15, true, "", "", "", ""],
  ];
  const futures = [
    ["Asset class", "Contract", "Price", "Multiplier"],
    ["US large cap", "ES", 6000, 50],
    ["US small cap", "RTY", 2400, 50],
    ["Bonds", "TY", 110, 1000],
  ];
  const inputs = {
    Portfolio: { ref: "Portfolio[#All]", values: portfolio },
    Futures: { ref: "Futures[#All]", values: futures },
  } as WorkflowInputs;

  test.each(["rebalance", "daily"])("%s: the group ends inside its band and the check says so", async (name) => {
    const p = await computeProposal(findWorkflow(name)!, inputs, { rule: "edge", asOf: 46000 } as never);
    const check = p.checks.find((c) => c.name === "Group bands kept")!;
    expect(check.status).toBe("pass");
    expect(check.detail).toBe("PE and small cap ends at 14.99% (11.00% to 15.00%).");
    const rty = p.trades.find((t) => t.instrument === "RTY")!;
    expect([rty.side, rty.quantity]).toEqual(["Sell", 84]);
  });

  test("groupBandsCheck: warn when no further out than before, fail when further out, nothing without groups", () => {
    const line: Omit<GroupLine, "postWeight" | "postStatus"> = {
      group: "G",
      members: ["A", "B"],
      weight: 0.17,
      target: 0.13,
      min: 0.1,
      max: 0.15,
      status: "over",
      goal: 0.17,
    };
    expect(groupBandsCheck([])).toBeUndefined();
    expect(groupBandsCheck([{ ...line, postWeight: 0.17, postStatus: "over" }])).toEqual({
      name: "Group bands kept",
      status: "warn",
      detail: "Outside: G at 17.00% (10.00% to 15.00%), already outside before.",
    });
    expect(groupBandsCheck([{ ...line, postWeight: 0.18, postStatus: "over" }])!.status).toBe("fail");
    expect(groupBandsCheck([{ ...line, min: null, postWeight: 0.14, postStatus: "within" }])!.detail).toBe(
      "G ends at 14.00% (at most 15.00%).",
    );
  });
});
