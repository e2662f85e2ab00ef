import { contractsFor, readFutures, sizeContracts } from "../../../src/engine/futures/futures";
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
    ).toThrow("Futures row 1 (Gold): asset class 'Gold' is not in the portfolio");
    expect(() =>
      readFutures(
        [
          ["Asset class", "Contract", "Price", "Multiplier"],
          ["Equity", "ES", 0, 50],
        ],
        plan,
      ),
    ).toThrow("Futures row 1 (Equity): Price must be > 0, got 0");
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
