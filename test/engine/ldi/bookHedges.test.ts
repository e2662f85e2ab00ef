import { readPositions } from "../../../src/engine/book/positions";
import { bookHedges, bookPv01 } from "../../../src/engine/ldi/bookHedges";
import { ctdFutureDv01 } from "../../../src/engine/rates/ctdFuture";
import { bondFlows } from "../../../src/engine/rates/instrumentFlows";
import { presentValue } from "../../../src/engine/rates/cashflows";
import { readHedgeInstruments } from "../../../src/engine/ldi/instruments";
import { makeCurve } from "../../../src/engine/rates/curve";
import { toSerial } from "../../../src/engine/rates/excelDate";
import { swapPv01 } from "../../../src/engine/rates/swap";

const curve = makeCurve([1, 5, 10, 30], [0.04, 0.038, 0.041, 0.045]);
const keys = [2, 5, 10, 30];
const d = (y: number, m: number, day: number) => toSerial({ y, m, d: day });
const valuation = d(2026, 1, 15);

describe("the book's positions as existing hedges", () => {
  const positions = readPositions([
    ["Id", "Asset class", "Instrument", "Kind", "Quantity", "Price", "Multiplier", "Fixed rate", "Maturity", "Delta"],
    ["S1", "Rates", "USD 10y IRS", "swap", 50_000_000, "", "", 0.04, d(2034, 1, 15), ""],
    ["S2", "Rates", "USD 5y IRS", "swap", -20_000_000, "", "", 0.035, d(2031, 1, 15), ""],
    ["F1", "Rates", "TYH6", "future", 100, 111, 1000, "", "", ""],
    ["O1", "Equity", "SPX put", "option", 10, 5000, 100, "", "", -0.3],
  ]);
  const instruments = readHedgeInstruments(
    [
      ["Instrument", "Kind", "Tenor", "Coupon", "Contract", "Delivery", "Factor"],
      ["TY Mar26", "future", 6.9, 0.0425, "TY", 0.25, 0.9069],
      ["10y SOFR", "swap", 10, "", "", "", ""],
    ],
    curve,
    keys,
  );

  it("swaps from their fixed rate and maturity (seasoned, on the valuation date); futures onto their Instruments row", () => {
    const b = bookHedges(positions, instruments, curve, keys, valuation);
    // S1: 8 years left of a 10-year swap struck two years ago, the same as an 8-year swap from today on these dates.
    const s1 = 50e6 * swapPv01(curve, { tenor: 8, frequency: 1, dayCount: "act/360", valuation }, 0.04);
    const s2 = -20e6 * swapPv01(curve, { tenor: 5, frequency: 1, dayCount: "act/360", valuation }, 0.035);
    expect(b.swapKr01.reduce((s, x) => s + x, 0)).toBeCloseTo(s1 + s2, 6);
    expect(b.instruments[0].existing).toBe(100);
    expect(b.instruments[1].existing).toBe(0);
    expect(b.counted).toEqual(["USD 10y IRS (swap)", "USD 5y IRS (swap)", "TYH6 (as TY Mar26)"]);
    expect(b.leftOut).toEqual(["Positions row 4 (O1): an option is not counted as a rate hedge"]);
  });

  it("a swap in the book needs the valuation date", () => {
    expect(() => bookHedges(positions, instruments, curve, keys, undefined)).toThrow(
      /Positions row 1 \(S1\): a swap in the book needs the valuationDate argument/,
    );
  });
});

describe("one DV01 basis: a book future against the Instruments row it is added to", () => {
  // The row's CTD, 4 1/4s 6.9 years out (CF 0.9069), priced on the curve: the yield y* at which the semiannual bond
  // is worth PV(curve) is the row's own yield, and its DV01 per contract on the book's basis CTD DV01 / CF at y*.
  const instruments = readHedgeInstruments(
    [
      ["Instrument", "Kind", "Tenor", "Coupon", "Contract", "Delivery", "Factor"],
      ["TY Mar26", "future", 6.9, 0.0425, "TY", 0.25, 0.9069],
    ],
    curve,
    keys,
  );
  const row = instruments[0];
  const head = ["Id", "Asset class", "Instrument", "Kind", "Quantity", "Price", "Multiplier", "Coupon", "Years", "Yield", "CF", "DV01"];

  it("the row's CTD yield prices its flows on the curve; its DV01 per contract is the book's formula at it", () => {
    const pv = 100 * presentValue(bondFlows(0.0425, 6.9, 2), curve);
    // Re-price the bond at y* by hand: sum of 2.125 v^(2 t_k) + 100 v^(2 T), t_k = 6.9 - k/2, v = 1/(1 + y*/2).
    const y = row.ctd!.yield;
    let price = 0;
    for (let k = 0; k < 14; k++) price += (k === 0 ? 102.125 : 2.125) * Math.pow(1 + y / 2, -2 * (6.9 - k / 2));
    expect(price).toBeCloseTo(pv, 9);
    expect(row.ctd).toMatchObject({ coupon: 0.0425, years: 6.9, conversionFactor: 0.9069, contractSize: 100000 });
  });

  it("the same bond at the curve's yield: no note; a typed DV01 or another CTD more than 2% off: a note naming both", () => {
    const y = row.ctd!.yield;
    const same = readPositions([head, ["F1", "Rates", "TYH6", "future", 100, 111, 1000, 0.0425, 6.9, y, 0.9069, ""]]);
    expect(bookHedges(same, instruments, curve, keys, valuation).notes).toEqual([]);
    const dv01 = ctdFutureDv01(row.ctd!);
    // 2% is the line: a typed 1.9% off passes, 2.5% off does not.
    const near = readPositions([head, ["F1", "Rates", "TYH6", "future", 100, 111, 1000, "", "", "", "", dv01 * 1.019]]);
    expect(bookHedges(near, instruments, curve, keys, valuation).notes).toEqual([]);
    const typed = readPositions([head, ["F1", "Rates", "TYH6", "future", 100, 111, 1000, "", "", "", "", dv01 * 1.025]]);
    const [note] = bookHedges(typed, instruments, curve, keys, valuation).notes;
    expect(note).toMatch(
      new RegExp(
        `^Positions row 1 \\(F1\\): the book's DV01 ${(dv01 * 1.025).toFixed(2)} a contract \\(typed\\) and the TY Mar26 row's CTD ` +
          `\\(4\\.250% 6\\.90y, CF 0\\.9069: ${dv01.toFixed(2)} a contract at ${(100 * y).toFixed(2)}%, the yield the curve prices it at\\) are 2\\.5% apart: ` +
          `HEDGETRADES counts these contracts on the row \\(${row.pv01.toFixed(2)} a contract on the curve\\)`,
      ),
    );
    // The sample's old book: its UB on another bond than the Instruments' (here 4 1/4s of 8 years): a note too.
    const other = readPositions([head, ["F1", "Rates", "TYH6", "future", 100, 111, 1000, 0.0425, 8, y, 0.88, ""]]);
    expect(bookHedges(other, instruments, curve, keys, valuation).notes).toHaveLength(1);
  });

  it("HEDGERATIO's book PV01 counts the derived DV01, and says so", () => {
    const p = readPositions([head, ["F1", "Rates", "TYH6", "future", -100, 111, 1000, 0.0425, 6.9, 0.041, 0.9069, ""]]);
    const b = bookPv01(p);
    expect(b.pv01).toBeCloseTo(-100 * p[0].dv01!, 9);
    expect(b.counted).toEqual([
      `TYH6 (${(-100 * p[0].dv01!).toLocaleString("en-US", { maximumFractionDigits: 2 })} per bp; ${p[0].dv01!.toFixed(2)} a contract from its CTD)`,
    ]);
  });
});
