/**
 * The Positions table: columns, synonyms, defaults, and the messages that name the row and the column.
 */
import { readPositions } from "../../../src/engine/book/positions";
import { bondAnalytics } from "../../../src/engine/rates/bond";
import { futuresDv01 } from "../../../src/engine/rates/treasuryFutures";
import { errorOf, expectEngineError } from "../../helpers/engineErrors";

const HEAD = ["Id", "Asset class", "Instrument", "Kind", "Quantity", "Price", "Multiplier"];

describe("readPositions", () => {
  test("reads each kind with its defaults (Multiplier, FX, Beta 1; Levered FALSE)", () => {
    const p = readPositions([
      [...HEAD, "DV01", "Margin", "Levered"],
      ["ES1", "US equity", "ESH7", "future", 150, 5900, 50, "", 15000, ""],
      ["TY1", "Bonds", "TYH7", "Futures", -40, 110.5, 1000, 61.3, 3000, ""],
      ["IRS1", "Long duration", "USD 30y IRS", "IRS", 100e6, "", "", 0.19, "", true],
      ["TRS1", "EM equity", "MXEF TRS", "total return swap", 50e6, "", "", "", "", ""],
      ["FX1", "Cash", "EURUSD fwd", "fwd", -20e6, "", "", "", "", ""],
    ]);
    expect(p.map((x) => x.kind)).toEqual(["future", "future", "swap", "trs", "forward"]);
    expect(p[0]).toMatchObject({ id: "ES1", assetClass: "US equity", instrument: "ESH7", quantity: 150, price: 5900, multiplier: 50 });
    expect(p[0]).toMatchObject({ fx: 1, beta: 1, levered: false, margin: 15000, where: "Positions row 1 (ES1)" });
    expect(p[1].dv01).toBe(61.3);
    expect(p[2]).toMatchObject({ quantity: 100e6, price: 0, multiplier: 1, dv01: 0.19, levered: true });
  });

  test("an option with a Delta, and one with the terms of its model (synonyms: Call/put, Volatility, T)", () => {
    const p = readPositions([
      [...HEAD, "Delta", "Call/put", "Strike", "Volatility", "T", "Dividend yield", "Rate"],
      ["P1", "US equity", "SPX P 5400", "option", -100, 5900, 100, -0.25, "", "", "", "", "", ""],
      ["P2", "US equity", "SPX P 5400", "option", 100, 5900, 100, "", "P", 5400, 0.18, 0.5, 0.013, 0.04],
    ]);
    expect(p[0].delta).toBe(-0.25);
    expect(p[1]).toMatchObject({ optionType: "put", strike: 5400, vol: 0.18, years: 0.5, dividendYield: 0.013, rate: 0.04 });
  });

  test("a bond future with a Conversion factor: its DV01 from its cheapest-to-deliver (Coupon, Years, Yield), never typed twice", () => {
    // TY Mar26's CTD in the sample, the 4 1/4s of 15-Nov-2032 at 4.05% on 31-Dec-2025: (13 + 134/180) / 2 years to
    // maturity as Excel's PRICE counts them, CME factor 0.9069. OVERLAY.BOND("dv01", 46022, 48533, 0.0425, 0.0405)
    // = 0.059888 per 100 (bond.ts, Excel's truth tables), so OVERLAY.FUTURESDV01 = 0.059888 x 1,000 / 0.9069 = 66.04.
    const years = (13 + 134 / 180) / 2;
    const ctd = futuresDv01(
      bondAnalytics({ settlement: 46022, maturity: 48533, rate: 0.0425, redemption: 100, frequency: 2, basis: 0 }, 0.0405).dv01,
      0.9069,
      100000,
    );
    const p = readPositions([
      [...HEAD, "Coupon", "Years", "Yield", "CF", "DV01"],
      ["TY1", "Bonds", "TY Mar26", "future", 400, 110.5, 1000, 0.0425, years, 0.0405, 0.9069, ""],
      ["TY2", "Bonds", "TY Mar26", "future", 400, 110.5, 1000, 0.0425, years, 0.0405, 0.9069, 66.5],
      ["TY3", "Bonds", "TY Mar26", "future", 400, 110.5, 1000, "", "", "", "", 68],
    ]);
    expect(ctd).toBeCloseTo(66.04, 2);
    expect(p[0].dv01).toBeCloseTo(ctd, 10);
    expect(p[0].ctd).toMatchObject({ coupon: 0.0425, yield: 0.0405, conversionFactor: 0.9069, contractSize: 100000, frequency: 2 });
    // A typed DV01 within 2% of the CTD's (66.5 is 0.7% off) is accepted and the derived one used; a typed DV01 alone as today.
    expect(p[1].dv01).toBe(p[0].dv01);
    expect(p[2].dv01).toBe(68);
    expect(p[2].ctd).toBeUndefined();
    expectEngineError(
      () =>
        readPositions([
          [...HEAD, "Coupon", "Years", "Yield", "CF", "DV01"],
          ["TY1", "Bonds", "TY Mar26", "future", 400, 110.5, 1000, 0.0425, years, 0.0405, 0.9069, 68],
        ]),
      "value",
      /^Positions row 1 \(TY1\): DV01 68\.00 disagrees with its cheapest-to-deliver's 66\.04 a contract .* 3\.0% apart \(more than 2%\)/,
    );
    expectEngineError(
      () =>
        readPositions([
          [...HEAD, "Coupon", "Years", "CF"],
          ["TY1", "Bonds", "TY Mar26", "future", 400, 110.5, 1000, 0.0425, years, 0.9069],
        ]),
      "value",
      /^Positions row 1 \(TY1\): Yield \(the CTD's\) is needed for a future with a Conversion factor \(valued through its cheapest-to-deliver\)$/,
    );
    expectEngineError(
      () =>
        readPositions([
          [...HEAD, "Conversion factor"],
          ["S1", "Bonds", "USD 10y IRS", "swap", 1e6, "", "", 0.9],
        ]),
      "value",
      /^Positions row 1 \(S1\): Conversion factor applies to bond futures only \(Kind is swap\)$/,
    );
  });

  test("an option with neither a Delta nor its terms names what is missing", () => {
    expectEngineError(
      () =>
        readPositions([
          [...HEAD, "Strike"],
          ["P1", "US equity", "SPX", "option", 10, 5900, 100, 5400],
        ]),
      "value",
      /^Positions row 1 \(P1\): an option needs a Delta, or Option type, Vol, Expiry or Years for its model$/,
    );
  });

  test("bad cells are named by row and column, with the argument", () => {
    const e = errorOf(() => readPositions([HEAD, ["ES1", "US equity", "ESH7", "future", "n/a", 5900, 50]], "positions"));
    expect(e.message).toBe("positions row 1 (ES1): Quantity must be a number, got 'n/a'");
    expect(e.arg).toBe("positions");
    expectEngineError(
      () => readPositions([HEAD, ["X", "Bonds", "TY", "bond", 1, 110, 1000]]),
      "value",
      /^Positions row 1 \(X\): Kind must be one of future, option, swap, trs, forward, got 'bond'$/,
    );
    expectEngineError(
      () => readPositions([HEAD, ["X", "Bonds", "TY", "future", 1, "", 1000]]),
      "value",
      /Positions row 1 \(X\): Price must be a positive number for a future/,
    );
    expectEngineError(
      () =>
        readPositions([
          [...HEAD, "Strike"],
          ["X", "Bonds", "TY", "future", 1, 110, 1000, 100],
        ]),
      "value",
      /Option type and Strike apply to options only \(Kind is future\)/,
    );
    expectEngineError(
      () => readPositions([HEAD, ["X", "Bonds", "TY", "future", 1, 110, 1000], ["x", "Bonds", "TY", "future", 1, 110, 1000]]),
      "value",
      /Id 'x' appears twice/,
    );
  });
});
