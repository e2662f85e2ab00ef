/**
 * OVERLAY.TILT, TRANCHES, LEVERAGE, COSTCOMPARE, TRACKINGERROR through the registry, as Excel and
 * `overlay eval` call them: spill layouts, defaults, the worked examples of the README's function reference, and
 * errors that name the argument.
 */
import { call, expectError, ok, rowsOf } from "../helpers/call";
import { FUTURES_A, M, PLAN_A } from "../helpers/plans";

const TILTS = [
  ["Asset class", "Tilt"],
  ["Bonds", 0.05],
  ["Commodities", -0.05],
];

describe("OVERLAY.TILT", () => {
  test("spills the documented columns with a Total row naming the binding limit", async () => {
    const r = await ok("TILT", PLAN_A, FUTURES_A, TILTS);
    expect((r as unknown[][])[0]).toEqual([
      "Asset class",
      "Requested",
      "Applied",
      "Binding limit",
      "Contract",
      "Contracts",
      "Notional",
      "Post weight",
    ]);
    const rows = rowsOf(r);
    expect(rows.map((x) => x["Asset class"])).toEqual(["Equity", "Bonds", "Commodities", "Cash", "Total"]);
    // scale 0.6 = (0.06 - 0.03) / 0.05, Commodities at its min; Bonds 30m / 110,000 -> 272 contracts.
    expect(rows[1]).toMatchObject({ Requested: 0.05, "Binding limit": "", Contracts: 272 });
    expect(rows[1].Applied as number).toBeCloseTo(0.03, 12);
    expect(rows[2]).toMatchObject({ "Binding limit": "Commodities min", Contracts: -300 });
    expect(rows[0]).toMatchObject({ Requested: 0, Contracts: "", Notional: "" });
    expect(rows[4]["Binding limit"]).toBe("Commodities min");
    expect(rows[4]["Post weight"] as number).toBeCloseTo(1, 12);
  });

  test("maxGross and mode", async () => {
    const rows = rowsOf(await ok("TILT", PLAN_A, FUTURES_A, TILTS, "funded", 40 * M));
    expect(rows[4]["Binding limit"]).toBe("maxGross");
    expect(rows[1].Contracts).toBe(181); // 20m / 110,000 = 181.8 -> 181
    const lev = rowsOf(
      await ok(
        "TILT",
        PLAN_A,
        FUTURES_A,
        [
          ["Asset class", "Tilt"],
          ["Bonds", 0.02],
        ],
        "levered",
      ),
    );
    expect(lev[4]["Binding limit"]).toBe("none");
    // 20m / 110,000 = 181.8 -> 181 contracts = 19.91m of exposure added: post weights add up to 1.01991
    expect(lev[4]["Post weight"] as number).toBeCloseTo(1.01991, 12);
  });

  test("bad input names the argument", async () => {
    expectError(
      await call("TILT", PLAN_A, FUTURES_A, [
        ["Asset class", "Tilt"],
        ["Gold", 0.01],
      ]),
      "#VALUE!",
      /^Tilts row 1 \(Gold\): asset class 'Gold' is not in the portfolio/,
    );
    expectError(
      await call("TILT", PLAN_A, FUTURES_A, [
        ["Asset class", "Tilt"],
        ["Bonds", 0.01],
      ]),
      "#VALUE!",
      /^tilts: in funded mode the tilts must net to zero/,
    );
    expectError(
      await call("TILT", PLAN_A, FUTURES_A, TILTS, "geared"),
      "#VALUE!",
      /^mode must be one of "funded", "levered", got 'geared'$/,
    );
    expectError(await call("TILT", PLAN_A, FUTURES_A, TILTS, "funded", -1), "#NUM!", /^maxGross must be >= 0, got -1$/);
    expectError(
      await call("TILT", PLAN_A, FUTURES_A, [
        ["Class", "Size"],
        ["Bonds", 0.01],
      ]),
      "#VALUE!",
      /^Tilts: missing column 'Tilt'/,
    );
  });
});

describe("OVERLAY.TRANCHES", () => {
  test("equal tranches by default, weekly, day offsets without a start", async () => {
    expect(await ok("TRANCHES", 10, 3)).toEqual([
      ["Tranche", "Date", "Size", "Cumulative"],
      [1, 0, 4, 4],
      [2, 7, 3, 7],
      [3, 14, 3, 10],
    ]);
  });

  test("front-loaded from 1 Jan 2024 (Excel serial 45292), every 14 days", async () => {
    expect(await ok("TRANCHES", 100 * M, 4, 45292, 14, "front")).toEqual([
      ["Tranche", "Date", "Size", "Cumulative"],
      [1, 45292, 40 * M, 40 * M],
      [2, 45306, 30 * M, 70 * M],
      [3, 45320, 20 * M, 90 * M],
      [4, 45334, 10 * M, 100 * M],
    ]);
  });

  test("bad input names the argument", async () => {
    expectError(await call("TRANCHES", 100, 0), "#NUM!", /^count must be >= 1, got 0$/);
    expectError(await call("TRANCHES", 100, 2.5), "#VALUE!", /^count must be a whole number, got 2\.5$/);
    expectError(await call("TRANCHES", 100, 4, 45292, 7, "back"), "#VALUE!", /^shape must be one of "equal", "front", got 'back'$/);
    expectError(await call("TRANCHES", 100, 4, 45292, 1.5), "#VALUE!", /^intervalDays must be a whole number/);
  });
});

describe("OVERLAY.LEVERAGE", () => {
  const PLAN = [
    ["Asset class", "Market value", "Target", "Min", "Max", "Overlay"],
    ["Equity", 500 * M, 0.6, 0.5, 0.7, 100 * M],
    ["Bonds", 300 * M, 0.3, 0.2, 0.4, -20 * M],
    ["Cash", 200 * M, 0.1, 0, 0.2, -80 * M],
  ];

  test("the metrics table, two columns, rows in the function reference's order", async () => {
    const r = (await ok("LEVERAGE", PLAN, 0.9, 1.2)) as unknown[][];
    expect(r[0]).toEqual(["Metric", "Value"]);
    expect(r.slice(1).map((x) => x[0])).toEqual([
      "NAV",
      "Physical",
      "Synthetic long",
      "Synthetic short",
      "Gross exposure",
      "Net exposure",
      "Gross leverage",
      "Net leverage",
      "Min",
      "Max",
      "Status",
      "Trade to range",
      "Funding leg",
      "Unfunded exposure",
    ]);
    const v = Object.fromEntries(r.slice(1).map((x) => [x[0], x[1]]));
    expect(v).toMatchObject({
      NAV: 1000 * M,
      Physical: 800 * M,
      "Synthetic long": 100 * M,
      "Synthetic short": -20 * M,
      "Gross exposure": 920 * M,
      "Net exposure": 880 * M,
      Min: 0.9,
      Max: 1.2,
      Status: "under",
    });
    expect(v["Net leverage"] as number).toBeCloseTo(0.88, 15);
    expect(v["Trade to range"] as number).toBeCloseTo(20 * M, 4); // (0.90 - 0.88) x 1,000m
  });

  test("defaults [0, 1]; a target", async () => {
    const r = (await ok("LEVERAGE", PLAN, undefined, undefined, 1)) as unknown[][];
    expect(r[9][1]).toBe(0);
    expect(r[10][1]).toBe(1);
    expect(r[12][1] as number).toBeCloseTo(120 * M, 4); // (1.00 - 0.88) x 1,000m
  });

  test("bad input names the argument", async () => {
    expectError(await call("LEVERAGE", PLAN, 1.2, 0.9), "#VALUE!", /^min must be <= max, got min 1\.2 and max 0\.9$/);
    expectError(await call("LEVERAGE", PLAN, 0.9, 1.1, 1.5), "#VALUE!", /^target must lie within \[min, max\] = \[0\.9, 1\.1\], got 1\.5$/);
  });
});

// OVERLAY.LIQUIDITY, LADDER and RESILIENCE: test/functions/liquidity.test.ts.

describe("OVERLAY.COSTCOMPARE", () => {
  test("100m for 2 years, physical 10 bp, futures 2 bp, margin 5%, roll 8 bp a year", async () => {
    const rows = rowsOf(await ok("COSTCOMPARE", 100 * M, 10, 2, 0.05, 2, 8));
    expect(Object.keys(rows[0])).toEqual([
      "Route",
      "Trading cost",
      "Roll trades",
      "Financing over cash",
      "Holding cost",
      "Total cost",
      "Capital required",
    ]);
    expect(rows.map((r) => r.Route)).toEqual(["Physical", "Futures", "Difference"]);
    expect(rows[0]).toMatchObject({ "Trading cost": 100_000, "Holding cost": 0, "Total cost": 100_000, "Capital required": 100 * M });
    expect(rows[1]["Total cost"] as number).toBeCloseTo(180_000, 6); // 20,000 + 100m x 8bp x 2
    expect(rows[1]["Capital required"] as number).toBeCloseTo(5 * M, 6);
    expect(rows[2]["Total cost"] as number).toBeCloseTo(80_000, 6);
  });

  test("defaults: margin 5%, 1 year, roll 4 x futuresBps", async () => {
    const rows = rowsOf(await ok("COSTCOMPARE", 100 * M, 10, 2));
    expect(rows[1]["Holding cost"] as number).toBeCloseTo(80_000, 6); // 100m x 8 bp x 1
    expect(rows[1]["Capital required"] as number).toBeCloseTo(5 * M, 6);
  });

  test("bad input names the argument", async () => {
    expectError(await call("COSTCOMPARE", 100 * M, -1, 2), "#NUM!", /^physicalBps must be >= 0, got -1$/);
    expectError(await call("COSTCOMPARE", 100 * M, 10, 2, 1.5), "#NUM!", /^marginRate must be <= 1, got 1\.5$/);
  });
});

describe("OVERLAY.TRACKINGERROR", () => {
  const COV = [
    ["", "Stocks", "Bonds"],
    ["Stocks", 0.0576, 0.01584],
    ["Bonds", 0.01584, 0.0144],
  ];

  test("50/50 stocks (sd 24%) and bonds (sd 12%), correlation 0.55, against a zero benchmark: 16.099%", async () => {
    const te = (await ok("TRACKINGERROR", [["Weight"], [0.5], [0.5]], [["Policy"], [0], [0]], COV)) as number;
    expect(te).toBeCloseTo(Math.sqrt(0.02592), 15);
  });

  test("a 60/40 allocation against a 50/50 policy", async () => {
    // a = (0.1, -0.1): 0.01 x (0.0576 + 0.0144 - 2 x 0.01584) = 0.0004032 -> 0.0200798
    expect((await ok("TRACKINGERROR", [[0.6, 0.4]], [[0.5, 0.5]], COV)) as number).toBeCloseTo(Math.sqrt(0.0004032), 15);
  });

  test("bad input names what is wrong", async () => {
    expectError(
      await call(
        "TRACKINGERROR",
        [[0.5, 0.5]],
        [[0.5, 0.5]],
        [
          [1, 0, 0],
          [0, 1, 0],
        ],
      ),
      "#VALUE!",
      /^covariance must be square/,
    );
    expectError(
      await call(
        "TRACKINGERROR",
        [[0.5, 0.5]],
        [[0.5, 0.5]],
        [
          [1, 2],
          [2, 1],
        ],
      ),
      "#VALUE!",
      /^covariance is not positive semi-definite/,
    );
    expectError(await call("TRACKINGERROR", [[0.5, 0.5, 0]], [[0.5, 0.5]], COV), "#VALUE!", /weights has 3, benchmark 2, covariance 2 x 2/);
    expectError(await call("TRACKINGERROR", [[0.5, "x"]], [[0.5, 0.5]], COV), "#VALUE!", /^weights column 2 must be a number, got 'x'$/);
  });
});
