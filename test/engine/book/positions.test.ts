/**
 * The Positions table: columns, synonyms, defaults, and the messages that name the row and the column.
 */
import { readPositions } from "../../../src/engine/book/positions";
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
