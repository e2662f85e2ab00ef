import { basketContracts, contractsFor, futuresByClass, legTrades, readFutures, sizeContracts } from "../../../src/engine/futures/futures";
import { expectEngineError } from "../../helpers/engineErrors";
import { readPortfolio } from "../../../src/engine/portfolio/portfolio";
import { PLAN_A } from "../../helpers/plans";

describe("futures sizing", () => {
  test("Hull's index-futures example: N* = beta x V_A / V_F = 1.5 x 5,050,000 / (1,010 x 250) = 30", () => {
    // J. C. Hull, Options, Futures, and Other Derivatives, ch. 3 "Hedging strategies using futures",
    // stock index futures example: portfolio 5,050,000, beta 1.5, futures price 1,010, multiplier 250.
    expect(contractsFor(5_050_000, { price: 1010, multiplier: 250, beta: 1.5, fx: 1 })).toBeCloseTo(30, 12);
  });

  test("FX converts the contract value into base currency; the residual is what the rounding leaves", () => {
    // A GBP plan buying 10m GBP of EUR-denominated Euro Stoxx 50 futures: 5,000 x 10 EUR at 0.85 GBP/EUR
    // = 42,500 GBP a contract; 10,000,000 / 42,500 = 235.29 -> 235 contracts, residual 12,500 GBP.
    const f = { assetClass: "Europe", contract: "FESX", price: 5000, multiplier: 10, beta: 1, fx: 0.85, where: "" };
    const s = sizeContracts(10_000_000, f, "nearest");
    expect(s.contracts).toBe(235);
    expect(s.notional).toBeCloseTo(235 * 42_500, 6);
    expect(s.residual).toBeCloseTo(12_500, 6);
  });

  test("readFutures rejects a class that is not in the portfolio and bad numbers, naming row and column", () => {
    const plan = readPortfolio(PLAN_A as never);
    expect(() =>
      readFutures(
        [
          ["Asset class", "Contract", "Price", "Multiplier"],
          ["Gold", "GC", 2000, 100],
        ],
        plan,
      ),
    ).toThrow("Futures row 1 (GC): asset class 'Gold' is not in the portfolio");
    expect(() =>
      readFutures(
        [
          ["Asset class", "Contract", "Price", "Multiplier"],
          ["Equity", "ES", 0, 50],
        ],
        plan,
      ),
    ).toThrow("Futures row 1 (ES): Price must be > 0, got 0");
  });
});

describe("sizing by DV01 (Hull's duration-based hedge ratio) only where the class states a Duration", () => {
  test("a DV01 on a class without a Duration keeps beta sizing; with one, beta = D x 1bp x price x multiplier / DV01", () => {
    const head = ["Asset class", "Market value", "Target", "Min", "Max", "Duration"];
    const plan = readPortfolio([
      head,
      ["Long", 600, 0.6, 0.5, 0.7, 13.2],
      ["Core", 300, 0.3, 0.2, 0.4, ""],
      ["Cash", 100, 0.1, 0, 0.2, ""],
    ]);
    const f = readFutures(
      [
        ["Asset class", "Contract", "Price", "Multiplier", "DV01"],
        ["Long", "UB", 118.5, 1000, 255],
        ["Core", "TY", 110.5, 1000, 68],
      ],
      plan,
    );
    // UB: 13.2 x 0.0001 x 118,500 / 255 = 0.6134 (the sample's UB beta of 0.8 overstated it by 30%)
    expect(f[0]).toMatchObject({ sizing: "dv01" });
    expect(f[0].beta).toBeCloseTo(0.61341, 5);
    expect(f[1]).toMatchObject({ sizing: "beta", beta: 1 });
    // 10m of long-duration exposure: 10m x 13.2 x 1bp / 255 = 51.76 UB
    expect(contractsFor(10e6, f[0])).toBeCloseTo((10e6 * 13.2e-4) / 255, 9);
  });
});

describe("baskets: several futures per class, each sized for its weight of the exposure (issue 13)", () => {
  const plan = readPortfolio([
    ["Asset class", "Market value", "Target", "Min", "Max", "Duration"],
    ["International equity", 400e6, 0.4, 0.35, 0.45, ""],
    ["Long bonds", 500e6, 0.5, 0.45, 0.55, 13.2],
    ["Cash", 100e6, 0.1, 0.05, 0.15, ""],
  ]);
  const table = [
    ["Asset class", "Contract", "Price", "Multiplier", "FX", "DV01", "Weight"],
    ["International equity", "FESX Mar26", 5000, 10, 1.08, "", 0.6],
    ["International equity", "NKD Mar26", 38000, 5, 1, "", 0.4],
    ["Long bonds", "UB Mar26", 118.5, 1000, 1, 255, 0.7],
    ["Long bonds", "TY Mar26", 110.5, 1000, 1, 68, 0.3],
    ["Cash", "SR3 Mar26", 96, 2500, 1, "", ""],
  ];
  const baskets = futuresByClass(plan, readFutures(table, plan)).filter((b) => b !== undefined);
  /** Each future sized for its Weight of 100m, and what the whole contracts give. */
  const size = (b: (typeof baskets)[number]) => {
    const legs = legTrades(b, 100e6, basketContracts(100e6, b, "nearest"));
    const exposure = legs.reduce((x, l) => x + l.exposure, 0);
    return { legs, exposure, residual: 100e6 - exposure };
  };
  it("EAFE 60/40 between Euro Stoxx 50 and Nikkei 225: 100m is 1,111 FESX and 211 NKD", () => {
    // Hull ch. 3, N* = beta x V_A / V_F per leg: 60m / (5,000 x 10 x 1.08 = 54,000) = 1,111.1; 40m / (38,000 x 5) = 210.5.
    const s = size(baskets[0]);
    expect(s.legs.map((l) => [l.contract, l.contracts])).toEqual([
      ["FESX Mar26", 1111],
      ["NKD Mar26", 211],
    ]);
    expect(s.exposure).toBeCloseTo(1111 * 54000 + 211 * 190000, 6);
    expect(s.residual).toBeCloseTo(100e6 - (1111 * 54000 + 211 * 190000), 6);
  });
  it("a UB/TY basket for a 13.2-year class is sized by each leg's DV01: the basket's DV01 is the class's", () => {
    // Hull ch. 6, N* = P D_P / (V_F D_F) = E x w x D x 1bp / DV01: 70m x 13.2 x 1bp / 255 = 362.4; 30m x 13.2 x 1bp / 68 = 582.4.
    const s = size(baskets[1]);
    expect(s.legs.map((l) => [l.contract, l.contracts])).toEqual([
      ["UB Mar26", 362],
      ["TY Mar26", 582],
    ]);
    // DV01 of the contracts, summed by hand: 362 x 255 + 582 x 68 = 131,886 against 100m x 13.2 x 1bp = 132,000.
    expect(362 * 255 + 582 * 68).toBe(131886);
    expect(s.exposure).toBeCloseTo(131886 / (13.2 * 1e-4), 3);
    expect(baskets[2][0].weight).toBe(1);
  });
  it("the weights must add to 1 per class; each leg of a basket states its Weight; a contract appears once", () => {
    const bad = table.map((r) => [...r]);
    bad[2][6] = 0.3;
    expectEngineError(
      () => readFutures(bad, plan),
      "value",
      /Futures 'International equity': the basket Weights add to 0.9 \(0.6 \+ 0.3\); they must add to 1/,
    );
    const missing = table.map((r) => [...r]);
    missing[2][6] = "";
    expectEngineError(
      () => readFutures(missing, plan),
      "value",
      /Futures row 2 \(NKD Mar26\): 'International equity' has 2 futures: each needs its basket Weight/,
    );
    const twice = [...table, ["Long bonds", "UB Mar26", 118.5, 1000, 1, 255, 0.1]];
    expectEngineError(() => readFutures(twice, plan), "value", /Contract 'UB Mar26' appears twice/);
  });
  it("a lone future carries its class's whole exposure: a Weight under 1 is refused", () => {
    expectEngineError(
      () => readFutures([table[0], table[1], table[3], table[5]], plan),
      "value",
      /Futures row 1 \(FESX Mar26\): Weight 0.6: the class's only future carries all of it/,
    );
  });
});
