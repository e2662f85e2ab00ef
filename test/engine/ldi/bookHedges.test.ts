import { readPositions } from "../../../src/engine/book/positions";
import { bookHedges } from "../../../src/engine/ldi/bookHedges";
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
