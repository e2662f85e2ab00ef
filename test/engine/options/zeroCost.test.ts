/** Zero-cost strikes: the structures price to zero at the strike found; clear errors when none exists. */
import fc from "fast-check";
import { bsm } from "../../../src/engine/options/blackScholes";
import { Smile } from "../../../src/engine/options/smile";
import { zeroCostStrike } from "../../../src/engine/options/zeroCost";
import { smileVol } from "../../../src/engine/options/smile";

const price = (
  kind: "call" | "put",
  strike: number,
  m: { spot: number; years: number; rate: number; yield: number },
  vol: number | Smile,
) => bsm({ kind, strike, ...m, vol: typeof vol === "number" ? vol : smileVol(vol, strike) }).price;

const markets = fc.record({
  spot: fc.double({ min: 10, max: 5000, noNaN: true }),
  years: fc.double({ min: 0.05, max: 3, noNaN: true }),
  rate: fc.double({ min: 0, max: 0.08, noNaN: true }),
  yield: fc.double({ min: 0, max: 0.04, noNaN: true }),
  vol: fc.double({ min: 0.08, max: 0.5, noNaN: true }),
  k1: fc.double({ min: 0.7, max: 1.0, noNaN: true }),
  gap: fc.double({ min: 0.05, max: 0.2, noNaN: true }),
  skew: fc.double({ min: 0, max: 0.5, noNaN: true }),
});

describe("zero-cost structures price to zero", () => {
  test("collars, risk reversals and put-spread collars, flat vol and a downward-sloping smile", () => {
    fc.assert(
      fc.property(markets, (p) => {
        const m = { spot: p.spot, years: p.years, rate: p.rate, yield: p.yield };
        const k1 = p.k1 * p.spot;
        const k2 = k1 * (1 - p.gap);
        const smile: Smile = {
          strikes: [0.6 * p.spot, p.spot, 1.4 * p.spot],
          vols: [p.vol * (1 + p.skew), p.vol, p.vol * (1 - 0.3 * p.skew)],
        };
        for (const vol of [p.vol, smile]) {
          const c = zeroCostStrike({ structure: "collar", ...m, vol, strike1: k1 });
          expect(Math.abs(price("put", k1, m, vol) - price("call", c, m, vol))).toBeLessThanOrEqual(1e-10 * p.spot);
          const rr = zeroCostStrike({ structure: "riskreversal", ...m, vol, strike1: k1 });
          expect(Math.abs(-price("put", k1, m, vol) + price("call", rr, m, vol))).toBeLessThanOrEqual(1e-10 * p.spot);
          const psc = zeroCostStrike({ structure: "putspreadcollar", ...m, vol, strike1: k1, strike2: k2 });
          expect(Math.abs(price("put", k1, m, vol) - price("put", k2, m, vol) - price("call", psc, m, vol))).toBeLessThanOrEqual(
            1e-10 * p.spot,
          );
          // Funding a put spread needs less premium than the put alone: a call strike at least as high.
          expect(psc).toBeGreaterThanOrEqual(c * (1 - 1e-12));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("when no zero-cost strike exists", () => {
  const m = { spot: 100, years: 0.5, rate: 0.05, yield: 0.02, vol: 0.2 };
  test("the put costs more than any call is worth", () => {
    expect(() => zeroCostStrike({ structure: "collar", ...m, strike1: 300 })).toThrow(
      /no zero-cost call strike: the put premium to fund is 193\.58.*a call is worth less than spot x e\^\(-yield x years\) = 99\.00/,
    );
  });
  test("a put spread that costs nothing (strike2 above strike1)", () => {
    expect(() => zeroCostStrike({ structure: "putspreadcollar", ...m, strike1: 95, strike2: 100 })).toThrow(
      /no zero-cost put-spread collar.*strike2 must be below strike1/,
    );
  });
  test("a put worth nothing in double precision", () => {
    expect(() => zeroCostStrike({ structure: "riskreversal", ...m, years: 0.01, vol: 0.05, strike1: 1 })).toThrow(
      /worth nothing in double precision/,
    );
  });
  test("strike2 missing for a put-spread collar, or given for a collar", () => {
    expect(() => zeroCostStrike({ structure: "putspreadcollar", ...m, strike1: 95 })).toThrow(/strike2 is required for a putspreadcollar/);
    expect(() => zeroCostStrike({ structure: "collar", ...m, strike1: 95, strike2: 90 })).toThrow(
      /strike2 is only used by a putspreadcollar/,
    );
  });
});
