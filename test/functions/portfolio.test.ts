import { call, expectError, ok, rowsOf } from "../helpers/call";
import { FUTURES_A, FUTURES_B, M, PLAN_A, PLAN_B, PLAN_BOOK, POSITIONS_BOOK } from "../helpers/plans";

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

  test("REBALANCE with a group band: a Group row after the Total row, its sums from the class rows", async () => {
    // Plan A with Equity (56%) and Commodities (6%) in a group banded 50-58% (summed target 55%): Equity "edge"
    // goes to 55%, and the group from 61% to its 58% edge, whole contracts keeping it inside.
    const grouped = PLAN_A.map((r, i) => [
      ...r,
      ...(i === 0 ? ["Group", "Group min", "Group max"] : i === 1 || i === 3 ? ["Growth", 0.5, 0.58] : ["", "", ""]),
    ]);
    const result = await ok("REBALANCE", grouped, FUTURES_A, "edge");
    const table = result as unknown[][];
    const at = table.findIndex((r) => r[0] === "Group Growth");
    expect(table[at - 1][0]).toBe("Total");
    const rows = rowsOf(result);
    const row = (name: string) => rows.find((r) => r["Asset class"] === name)!;
    const sum = (col: string) => (row("Equity")[col] as number) + (row("Commodities")[col] as number);
    const g = row("Group Growth");
    expect(g).toMatchObject({ Min: 0.5, Max: 0.58, Status: "over", "Post status": "within" });
    expect(g.Weight).toBeCloseTo(0.62, 12);
    expect(g.Target).toBeCloseTo(0.55, 12);
    expect(g.Goal).toBeCloseTo(0.58, 12);
    expect(g["Post weight"]).toBeCloseTo(sum("Post weight"), 12);
    expect(g["Post weight"] as number).toBeLessThanOrEqual(0.58);
    // and the DAILY proposal shows it too
    const daily = rowsOf(
      await ok("DAILY", grouped, FUTURES_A, 46000, undefined, undefined, undefined, undefined, undefined, undefined, "edge"),
    );
    const d = daily.find((r) => r["Asset class"] === "Group Growth")!;
    expect(d).toMatchObject({ Min: 0.5, Max: 0.58, "Post status": "within" });
    const dp = (name: string) => daily.find((r) => r["Asset class"] === name)!["Post weight"] as number;
    expect(d["Post weight"]).toBeCloseTo(dp("Equity") + dp("Commodities"), 12);
  });

  test("REBALANCE refuses a group band that does not hold its summed targets, naming the row", async () => {
    const grouped = PLAN_A.map((r, i) => [
      ...r,
      ...(i === 0 ? ["Group", "Group min", "Group max"] : i === 1 ? ["Growth", 0.3, 0.4] : ["", "", ""]),
    ]);
    expectError(
      await call("REBALANCE", grouped, FUTURES_A, "edge"),
      "#VALUE!",
      /^Portfolio row 1 \(Equity\): Group 'Growth''s band must hold its summed targets \(Group min <= 0\.5 <= Group max\), got Group min 0\.3, Group max 0\.4$/,
    );
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

describe("the book through the functions (PLAN_BOOK and POSITIONS_BOOK, test/helpers/plans.ts)", () => {
  // Equity: 40 ES = 10m, the put 200 x 5,000 x 50 x -0.3 = -15m, the levered TRS 5m: 0 synthetic, 5m levered.
  // Bonds (D 6.5): 100 TY x 65 = 6,500 per bp = 10m; the swap 20m x 0.0008 = 16,000 per bp = 24.615m.
  // Funding: (0 - 5) + 34.615 = 29.615m out of Cash's 100m. Effective total: NAV 1,000m + 5m levered.
  const bonds = 10 * M + 16_000 / 6.5e-4;
  test("EXPOSURE: synthetic per class from the book, the Cash row's funding leg, total NAV x (1 + 0.5%)", async () => {
    const r = rowsOf(await ok("EXPOSURE", PLAN_BOOK, POSITIONS_BOOK));
    const by = Object.fromEntries(r.map((x) => [x["Asset class"], x]));
    expect(by.Equity.Synthetic).toBeCloseTo(0, 4);
    expect(by.Bonds.Synthetic).toBeCloseTo(bonds, 4);
    expect(by.Cash.Synthetic).toBeCloseTo(-(bonds - 5 * M), 4);
    expect(by.Total.Effective).toBeCloseTo(1005 * M, 4);
  });

  test("BOOK reconcile: effective = NAV x (1 + declared leverage), difference 0; 18f-4 adjusted notional", async () => {
    const r = Object.fromEntries(((await ok("BOOK", PLAN_BOOK, POSITIONS_BOOK, undefined, "reconcile")) as unknown[][]).slice(1));
    expect(r["Declared leverage"]).toBeCloseTo(0.005, 15);
    expect(r["Effective exposure"]).toBeCloseTo(1005 * M, 4);
    expect(Math.abs(r.Difference as number)).toBeLessThan(1e-6);
    // 10m + 15m (delta-adjusted) + 5m + (6,500 + 16,000) / (8.1757 x 1bp) (10-year bond equivalents)
    const d10 = (1 - Math.pow(1.02, -20)) / 0.04;
    expect(r["Adjusted notional (18f-4)"]).toBeCloseTo(30 * M + 22_500 / (d10 * 1e-4), 2);
    expect(r["Initial margin"]).toBe(40 * 20_000 + 100 * 2_600);
  });

  test("LEVERAGE agrees with EXPOSURE: net exposure = the non-cash effective exposure", async () => {
    const l = Object.fromEntries(((await ok("LEVERAGE", PLAN_BOOK, 0.9, 1.1, undefined, POSITIONS_BOOK)) as unknown[][]).slice(1));
    const e = rowsOf(await ok("EXPOSURE", PLAN_BOOK, POSITIONS_BOOK));
    const nonCash = e
      .filter((x) => x["Asset class"] !== "Cash" && x["Asset class"] !== "Total")
      .reduce((s, x) => s + (x.Effective as number), 0);
    expect(l["Net exposure"]).toBeCloseTo(nonCash, 4);
    // gross counts every position: 10 + 15 + 5 + 10 + 24.615m on top of the physical 900m
    expect(l["Gross exposure"]).toBeCloseTo(900 * M + 30 * M + bonds, 4);
  });

  test("a typed Overlay and positions for the same class is an error naming the argument", async () => {
    const typed = PLAN_BOOK.map((r, i) => [...r, i === 0 ? "Overlay" : i === 1 ? 5 * M : ""]);
    expectError(
      await call("EXPOSURE", typed, POSITIONS_BOOK),
      "#VALUE!",
      /Overlay is typed and the Positions table holds positions for 'Equity'/,
    );
  });
});
