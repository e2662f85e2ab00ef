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
