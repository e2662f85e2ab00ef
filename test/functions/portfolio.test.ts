import { call, expectError, ok, rowsOf } from "../helpers/call";
import { FUTURES_A, FUTURES_B, M, PLAN_A, PLAN_B } from "../helpers/plans";

describe("OVERLAY.CONTRACTS", () => {
  test("Hull's example through the custom function: 1.5 x 5,050,000 / (1,010 x 250) = 30", async () => {
    // J. C. Hull, Options, Futures, and Other Derivatives, ch. 3, hedging with stock index futures.
    expect(await ok("CONTRACTS", 5_050_000, 1010, 250, 1.5)).toBe(30);
  });

  test("rounding modes and defaults", async () => {
    // 25m / (5000 x 250) = 20 exactly; x 1.1 beta = 22 (none: 22.000000000000004 in binary)
    expect(await ok("CONTRACTS", 25_000_000, 5000, 250)).toBe(20);
    expect(await ok("CONTRACTS", 26_000_000, 5000, 250, undefined, undefined, "down")).toBe(20);
    expect(await ok("CONTRACTS", 26_000_000, 5000, 250, undefined, undefined, "up")).toBe(21);
    expect(await ok("CONTRACTS", -26_000_000, 5000, 250, 1, 1, "nearest")).toBe(-21);
    expect(await ok("CONTRACTS", 26_000_000, 5000, 250, 1, 1, "none")).toBeCloseTo(20.8, 12);
  });

  test("bad input names the argument", async () => {
    expectError(await call("CONTRACTS", 1e6, "n/a", 250), "#VALUE!", /^price must be a number, got 'n\/a'$/);
    expectError(await call("CONTRACTS", 1e6, 5000, 0), "#NUM!", /^multiplier must be > 0, got 0$/);
    expectError(
      await call("CONTRACTS", 1e6, 5000, 50, 1, 1, "sideways"),
      "#VALUE!",
      /^rounding must be one of "nearest", "down", "up", "none", got 'sideways'$/,
    );
  });
});

describe("OVERLAY.EXPOSURE", () => {
  test("spills a header row, one row per class and a Total row", async () => {
    const r = await ok("EXPOSURE", PLAN_B);
    expect((r as unknown[][])[0]).toEqual([
      "Asset class",
      "Physical",
      "Synthetic",
      "Effective",
      "Physical weight",
      "Effective weight",
      "Target",
      "Min",
      "Max",
      "Deviation",
      "Status",
    ]);
    const rows = rowsOf(r);
    expect(rows.map((x) => x["Asset class"])).toEqual(["Equity", "Bonds", "Private equity", "Cash", "Total"]);
    expect(rows[2]).toMatchObject({ Physical: 150 * M, "Effective weight": 0.15, Status: "over" });
    expect(rows[2].Deviation as number).toBeCloseTo(0.05, 15);
    expect(rows[4]).toMatchObject({ Physical: 1000 * M, Min: "", Status: "" });
  });

  test("errors name the table, row and column", async () => {
    const bad = PLAN_B.map((r, i) => (i === 3 ? ["Private equity", "n/a", ...r.slice(2)] : r));
    expectError(await call("EXPOSURE", bad), "#VALUE!", /^Portfolio row 3 \(Private equity\): Market value must be a number, got 'n\/a'$/);
  });
});

describe("OVERLAY.EQUITISE and OVERLAY.REBALANCE", () => {
  test("EQUITISE spills Asset class, Exposure, Contract, Contracts, Notional, Residual and a Total row", async () => {
    const rows = rowsOf(await ok("EQUITISE", PLAN_B, FUTURES_B, 60 * M, 15 * M));
    expect(Object.keys(rows[0])).toEqual(["Asset class", "Exposure", "Contract", "Contracts", "Notional", "Residual"]);
    expect(rows.find((r) => r["Asset class"] === "Equity")).toMatchObject({ Contract: "ES", Contracts: 110 });
    expect(rows.find((r) => r["Asset class"] === "Private equity")).toMatchObject({ Contract: "via Equity", Contracts: "" });
    expect(rows[rows.length - 1]["Exposure"] as number).toBeCloseTo(45 * M, 4);
  });

  test("REBALANCE spills the documented columns; the Total row shows trades summing to zero", async () => {
    const r = await ok("REBALANCE", PLAN_A, FUTURES_A, "edge");
    expect((r as unknown[][])[0]).toEqual([
      "Asset class",
      "Weight",
      "Target",
      "Min",
      "Max",
      "Status",
      "Goal",
      "Trade",
      "Contract",
      "Contracts",
      "Notional",
      "Post weight",
      "Post status",
    ]);
    const rows = rowsOf(r);
    expect(rows[0]).toMatchObject({
      "Asset class": "Equity",
      Status: "over",
      Contract: "ES",
      Contracts: -40,
      Notional: -10 * M,
      "Post status": "within",
    });
    expect(Math.abs(rows[rows.length - 1].Trade as number)).toBeLessThan(1e-6);
  });

  test("REBALANCE rejects unknown rules and triggers with the choices", async () => {
    expectError(
      await call("REBALANCE", PLAN_A, FUTURES_A, "middle"),
      "#VALUE!",
      /^rule must be one of "target", "edge", "halfway", got 'middle'$/,
    );
    expectError(
      await call("REBALANCE", PLAN_A, FUTURES_A, "edge", "weekly"),
      "#VALUE!",
      /^trigger must be one of "bands", "always", got 'weekly'$/,
    );
  });
});
