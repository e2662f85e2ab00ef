/**
 * The option functions through the registry, as Excel and `overlay eval` call them: published reference
 * values (cited beside each), spills, and errors that name the argument.
 */
import { call, expectError, ok, rowsOf } from "../helpers/call";

const LEGS_COLLAR = [
  ["Type", "Strike", "Quantity"],
  ["underlying", "", 100],
  ["put", 95, 100],
  ["call", 110, -100],
];

describe("OVERLAY.OPTION", () => {
  test("Haug (1998) pag 2-8 via QuantLib europeanoption.cpp: put K 95, S 100, q 5%, r 10%, 0.5y, vol 20% = 2.4648", async () => {
    expect(Math.abs((await ok("OPTION", "put", 100, 95, 0.5, 0.1, 0.05, 0.2)) as number) - 2.4648).toBeLessThanOrEqual(1e-4);
  });

  test("Greeks by measure: Haug's theta -31.1924/year, rho 38.7325, dividend rho 42.2254 (QuantLib testGreekValues)", async () => {
    expect(Math.abs(((await ok("OPTION", "put", 430, 405, 1 / 12, 0.07, 0.05, 0.2, "theta")) as number) + 31.1924)).toBeLessThanOrEqual(
      1e-4,
    );
    expect(Math.abs(((await ok("OPTION", "call", 72, 75, 1, 0.09, 0, 0.19, "rho")) as number) - 38.7325)).toBeLessThanOrEqual(1e-4);
    expect(
      Math.abs(((await ok("OPTION", "put", 500, 490, 0.25, 0.08, 0.05, 0.15, "Dividend rho")) as number) - 42.2254),
    ).toBeLessThanOrEqual(1e-4);
    expect(Math.abs(((await ok("OPTION", "C", 55, 60, 0.75, 0.1, "", 0.3, "vega")) as number) - 18.9358)).toBeLessThanOrEqual(1e-4);
  });

  test("bad input names the argument", async () => {
    expectError(
      await call("OPTION", "straddle", 100, 95, 0.5, 0.05, 0.02, 0.2),
      "#VALUE!",
      /^type must be "call" or "put", got 'straddle'$/,
    );
    expectError(await call("OPTION", "put", -100, 95, 0.5, 0.05, 0.02, 0.2), "#NUM!", /^spot must be > 0/);
    expectError(await call("OPTION", "put", 100, 95, 0, 0.05, 0.02, 0.2), "#NUM!", /^years must be > 0/);
    expectError(await call("OPTION", "put", 100, 95, 0.5, 5, 0.02, 0.2), "#NUM!", /^rate must be .*<= 1, got 5$/);
    expectError(await call("OPTION", "put", 100, 95, 0.5, 0.05, 0.02, 20), "#NUM!", /^vol must be .*<= 10, got 20$/);
    expectError(await call("OPTION", "put", 100, 95, 0.5, 0.05, 0.02, 0.2, "charm"), "#VALUE!", /^measure must be one of "price", "delta"/);
    expectError(await call("OPTION", "put", 100, "", 0.5, 0.05, 0.02, 0.2), "#VALUE!", /^strike is required$/);
  });
});

describe("OVERLAY.BLACK76", () => {
  test("Hull's Black's-model example: put on futures F 20, K 20, r 9%, 4 months, vol 25% = 1.12", async () => {
    expect((await ok("BLACK76", "put", 20, 20, 4 / 12, 0.09, 0.25)) as number).toBeCloseTo(1.12, 2);
  });
  test("rho with the futures price fixed is -T x price; no dividend rho", async () => {
    const p = (await ok("BLACK76", "call", 19, 19, 0.75, 0.1, 0.28)) as number;
    expect(Math.abs(p - 1.7011)).toBeLessThanOrEqual(1e-4); // Haug (1998) pag 2-8 (QuantLib testValues, q = r)
    expect(await ok("BLACK76", "call", 19, 19, 0.75, 0.1, 0.28, "rho")).toBe(-0.75 * p);
    expectError(await call("BLACK76", "call", 19, 19, 0.75, 0.1, 0.28, "dividendrho"), "#VALUE!", /^measure must be one of/);
  });
});

describe("OVERLAY.IMPLIEDVOL", () => {
  test("Hull's implied-volatility example: a call worth 1.875 with S 21, K 20, r 10%, T 0.25 -> 0.235", async () => {
    expect((await ok("IMPLIEDVOL", "call", 1.875, 21, 20, 0.25, 0.1, 0)) as number).toBeCloseTo(0.235, 3);
  });
  test("round trip with OPTION", async () => {
    const price = await ok("OPTION", "put", 100, 80, 2, 0.03, 0.01, 0.37);
    expect(Math.abs(((await ok("IMPLIEDVOL", "put", price, 100, 80, 2, 0.03, 0.01)) as number) - 0.37)).toBeLessThan(1e-13);
  });
  test("prices outside the no-arbitrage bounds: #NUM! with the reason", async () => {
    expectError(
      await call("IMPLIEDVOL", "call", 0.5, 21, 20, 0.25, 0.1, 0),
      "#NUM!",
      /^price 0\.5 is at or below the call's discounted intrinsic value 1\.4938/,
    );
    expectError(
      await call("IMPLIEDVOL", "call", 21, 21, 20, 0.25, 0.1, 0),
      "#NUM!",
      /^price 21 is at or above the call's upper no-arbitrage bound 21/,
    );
    expectError(await call("IMPLIEDVOL", "put", 30, 21, 20, 0.25, 0.1, 0), "#NUM!", /put's upper no-arbitrage bound 19\.506/);
    expectError(await call("IMPLIEDVOL", "put", 0, 21, 20, 0.25, 0.1, 0), "#NUM!", /^price 0 must be > 0/);
    expectError(await call("IMPLIEDVOL", "put", -1, 21, 20, 0.25, 0.1, 0), "#NUM!", /^price must be >= 0/);
  });
});

describe("OVERLAY.STRATEGY", () => {
  test("a collar: one row per leg, position values, a Total row that adds up", async () => {
    const r = await ok("STRATEGY", LEGS_COLLAR, 100, 0.5, 0.05, 0.02, 0.2);
    expect((r as unknown[][])[0]).toEqual(["Type", "Strike", "Quantity", "Price", "Delta", "Gamma", "Vega", "Theta"]);
    const rows = rowsOf(r);
    expect(rows.map((x) => x.Type)).toEqual(["underlying", "put", "call", "Total"]);
    expect(rows[0]).toMatchObject({ Strike: "", Quantity: 100, Price: 10000, Delta: 100, Gamma: 0 });
    const put = (await ok("OPTION", "put", 100, 95, 0.5, 0.05, 0.02, 0.2)) as number;
    const callDelta = (await ok("OPTION", "call", 100, 110, 0.5, 0.05, 0.02, 0.2, "delta")) as number;
    expect(rows[1].Price as number).toBeCloseTo(100 * put, 10);
    expect(rows[2].Delta as number).toBeCloseTo(-100 * callDelta, 10);
    for (const col of ["Price", "Delta", "Gamma", "Vega", "Theta"]) {
      expect(rows[3][col] as number).toBeCloseTo((rows[0][col] as number) + (rows[1][col] as number) + (rows[2][col] as number), 9);
    }
    expect(rows[3]).toMatchObject({ Strike: "", Quantity: "" });
  });

  test("one measure, vol as a 1x1 range or a smile table", async () => {
    const flat = rowsOf(await ok("STRATEGY", LEGS_COLLAR, 100, 0.5, 0.05, 0.02, [[0.2]], "rho"));
    expect(Object.keys(flat[0])).toEqual(["Type", "Strike", "Quantity", "Rho"]);
    const smile = [
      ["Strike", "Vol"],
      [90, 0.25],
      [100, 0.2],
      [110, 0.17],
    ];
    const s = rowsOf(await ok("STRATEGY", LEGS_COLLAR, 100, 0.5, 0.05, 0.02, smile, "price"));
    const put = (await ok("OPTION", "put", 100, 95, 0.5, 0.05, 0.02, 0.225)) as number;
    const c = (await ok("OPTION", "call", 100, 110, 0.5, 0.05, 0.02, 0.17)) as number;
    expect(s[1].Price as number).toBeCloseTo(100 * put, 10);
    expect(s[2].Price as number).toBeCloseTo(-100 * c, 10);
  });

  test("errors name the table, row and column, or the argument", async () => {
    expectError(
      await call(
        "STRATEGY",
        [
          ["Type", "Strike", "Quantity"],
          ["put", "", 1],
        ],
        100,
        0.5,
        0.05,
        0.02,
        0.2,
      ),
      "#VALUE!",
      /^Legs row 1 \(put\): Strike is empty/,
    );
    expectError(
      await call(
        "STRATEGY",
        [
          ["Type", "Strike", "Quantity"],
          ["put", 95, 1],
        ],
        100,
        0.5,
        0.05,
        0.02,
        "",
      ),
      "#VALUE!",
      /Vol is empty and the vol argument is not given/,
    );
    expectError(
      await call("STRATEGY", LEGS_COLLAR, 100, 0.5, 0.05, 0.02, [
        ["Strike", "Vol"],
        [100, "x"],
      ]),
      "#VALUE!",
      /^vol row 1: Vol must be a number, got 'x'$/,
    );
    expectError(await call("STRATEGY", "junk", 100, 0.5, 0.05, 0.02, 0.2), "#VALUE!", /Legs/);
  });
});

describe("OVERLAY.PAYOFF", () => {
  test("a collar's value at expiry, net of its premium, laid out like the spots", async () => {
    const r = await ok("PAYOFF", LEGS_COLLAR, [["Spot"], [50], [95], [100], [""], [110], [200]], 10000);
    expect(r).toEqual([["Payoff"], [-500], [-500], [0], [""], [1000], [1000]]);
    expect(await ok("PAYOFF", LEGS_COLLAR, [[80, 120]])).toEqual([[9500, 11000]]);
  });
  test("errors name the argument", async () => {
    expectError(await call("PAYOFF", LEGS_COLLAR, [["Spot"], ["abc"]]), "#VALUE!", /^spots row 2 must be a number, got 'abc'$/);
    expectError(await call("PAYOFF", LEGS_COLLAR, [[100]], "lots"), "#VALUE!", /^premium must be a number, got 'lots'$/);
  });
});

describe("OVERLAY.ZEROCOST", () => {
  test("the collar's call strike prices the structure to zero", async () => {
    const k = (await ok("ZEROCOST", "collar", 100, 0.5, 0.05, 0.02, 0.2, 95)) as number;
    const put = (await ok("OPTION", "put", 100, 95, 0.5, 0.05, 0.02, 0.2)) as number;
    const c = (await ok("OPTION", "call", 100, k, 0.5, 0.05, 0.02, 0.2)) as number;
    expect(Math.abs(put - c)).toBeLessThan(1e-10);
    const rows = rowsOf(
      await ok(
        "STRATEGY",
        [
          ["Type", "Strike", "Quantity"],
          ["put", 95, 1],
          ["call", k, -1],
        ],
        100,
        0.5,
        0.05,
        0.02,
        0.2,
        "price",
      ),
    );
    expect(Math.abs(rows[2].Price as number)).toBeLessThan(1e-10);
  });
  test("put-spread collar with a smile", async () => {
    const smile = [
      ["Strike", "Vol"],
      [80, 0.28],
      [100, 0.2],
      [120, 0.16],
    ];
    const k = (await ok("ZEROCOST", "Put-spread collar", 100, 1, 0.04, 0.015, smile, 95, 80)) as number;
    const v = (await ok(
      "STRATEGY",
      [
        ["Type", "Strike", "Quantity"],
        ["put", 95, 1],
        ["put", 80, -1],
        ["call", k, -1],
      ],
      100,
      1,
      0.04,
      0.015,
      smile,
      "price",
    )) as unknown[][];
    expect(Math.abs(v[4][3] as number)).toBeLessThan(1e-10);
  });
  test("no zero-cost strike: #NUM! that says why", async () => {
    expectError(
      await call("ZEROCOST", "collar", 100, 0.5, 0.05, 0.02, 0.2, 300),
      "#NUM!",
      /^no zero-cost call strike: .*a call is worth less than/,
    );
    expectError(await call("ZEROCOST", "putspreadcollar", 100, 0.5, 0.05, 0.02, 0.2, 95, 100), "#NUM!", /^no zero-cost put-spread collar/);
    expectError(await call("ZEROCOST", "putspreadcollar", 100, 0.5, 0.05, 0.02, 0.2, 95), "#VALUE!", /^strike2 is required/);
    expectError(
      await call("ZEROCOST", "seagull", 100, 0.5, 0.05, 0.02, 0.2, 95),
      "#VALUE!",
      /^structure must be one of "collar", "riskreversal", "putspreadcollar", got 'seagull'$/,
    );
    expectError(await call("ZEROCOST", "collar", 100, 0.5, 0.05, 0.02, "", 95), "#VALUE!", /^vol is required$/);
  });
});

describe("futures legs are futures (issue 17)", () => {
  // The issue's case: short 5,000 units of the ES future against 5,000 puts at 5,310; spot 5,900, 6 months,
  // r 4.2%, q 1.3%, vol 17.5% (the sample's market).
  const legs = [
    ["Type", "Strike", "Quantity"],
    ["future", "", -5000],
    ["put", 5310, 5000],
  ];
  const F0 = 5900 * Math.exp((0.042 - 0.013) * 0.5); // Hull ch. 5: F = S e^{(r-q)T}
  test("STRATEGY prices the future at 0 (not -29.5m of spot): the Total price is the puts' premium alone", async () => {
    const rows = rowsOf(await ok("STRATEGY", legs, 5900, 0.5, 0.042, 0.013, 0.175));
    const put = (await ok("OPTION", "put", 5900, 5310, 0.5, 0.042, 0.013, 0.175)) as number;
    expect(rows[0].Price).toBe(0);
    expect(rows.find((r) => r.Type === "Total")!.Price).toBeCloseTo(5000 * put, 6);
    // The future's delta per unit of spot is dF/dS = e^{(r-q)T}.
    expect(rows[0].Delta).toBeCloseTo(-5000 * Math.exp((0.042 - 0.013) * 0.5), 8);
  });
  test("a future traded at 5,950 is worth Quantity x (F - 5,950) today", async () => {
    const rows = rowsOf(await ok("STRATEGY", [legs[0], ["future", 5950, -5000]], 5900, 0.5, 0.042, 0.013, 0.175));
    expect(rows[0].Price).toBeCloseTo(-5000 * (F0 - 5950), 6);
  });
  test("PAYOFF at an unchanged 5,900: the future pays -5,000 x (5,900 - F0), the puts nothing (not -29.5m)", async () => {
    const r = (await ok("PAYOFF", legs, [[5900], [5000]], 0, F0)) as number[][];
    expect(r[0][0]).toBeCloseTo(-5000 * (5900 - F0), 6);
    expect(r[1][0]).toBeCloseTo(-5000 * (5000 - F0) + 5000 * 310, 6);
    expectError(await call("PAYOFF", legs, [[5900]]), "#VALUE!", /Legs row 1 \(future\): Strike is empty and no forward is given/);
  });
});

describe("OVERLAY.BLACK76 at vol 0 and OVERLAY.BLACK76VOL", () => {
  test("vol 0: the discounted intrinsic value (QuantLib's BlackCalculator), not #NUM!", async () => {
    expect(await ok("BLACK76", "call", 110, 100, 0.5, 0.05, 0)).toBeCloseTo(10 * Math.exp(-0.025), 12);
  });
  test("Hull's Black's-model put (F = K = 20, r 9%, 4 months, 25%: 1.12) inverts to 25%", async () => {
    const p = (await ok("BLACK76", "put", 20, 20, 1 / 3, 0.09, 0.25)) as number;
    expect(await ok("BLACK76VOL", "put", p, 20, 20, 1 / 3, 0.09)).toBeCloseTo(0.25, 12);
  });
  test("IMPLIEDVOL stays in OPTION's domain (issue 20's case): a worded #NUM!, no Infinity or NaN", async () => {
    const r = await call("IMPLIEDVOL", "call", 1.875, 21, 20, 1e-12, 0, 0);
    expectError(r, "#NUM!", /needs a volatility of .* above 10 \(1000%\), the top of OVERLAY.OPTION's vol domain/);
  });
});

describe("OVERLAY.PNLGRID", () => {
  test("the grid's centre is 0; a future alone gains Quantity x (F(S') - F0) with F' = S' e^{(r-q)T}; puts gain with vol", async () => {
    const fut = [
      ["Type", "Strike", "Quantity"],
      ["future", "", 100],
    ];
    const g = rowsOf(await ok("PNLGRID", fut, 5900, 0.5, 0.042, 0.013, 0.175, [[-0.1], [0], [0.1]], [[0, 0.05]]));
    const growth = Math.exp((0.042 - 0.013) * 0.5);
    expect(g[1]["Vol +0 pt"]).toBeCloseTo(0, 9);
    expect(g[0]["Vol +0 pt"]).toBeCloseTo(100 * 5900 * -0.1 * growth, 6);
    expect(g[2]["Vol +5 pt"]).toBeCloseTo(100 * 5900 * 0.1 * growth, 6);
    const put = [
      ["Type", "Strike", "Quantity"],
      ["put", 5310, 1],
    ];
    const p = rowsOf(await ok("PNLGRID", put, 5900, 0.5, 0.042, 0.013, 0.175, [[0]], [[0.05]]));
    const up =
      ((await ok("OPTION", "put", 5900, 5310, 0.5, 0.042, 0.013, 0.225)) as number) -
      ((await ok("OPTION", "put", 5900, 5310, 0.5, 0.042, 0.013, 0.175)) as number);
    expect(p[0]["Vol +5 pt"]).toBeCloseTo(up, 9);
  });
  test("a shift that takes a vol below 0 is an error naming volShifts", async () => {
    expectError(
      await call(
        "PNLGRID",
        [
          ["Type", "Strike", "Quantity"],
          ["put", 100, 1],
        ],
        100,
        1,
        0,
        0,
        0.1,
        [[0]],
        [[-0.2]],
      ),
      "#NUM!",
      /^vol shift -0.2: Legs row 1 \(put\) would have a vol of -0.1, outside \(0, 10\]/,
    );
  });
});
