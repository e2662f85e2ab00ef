/**
 * Option programmes re-verified from their own definitions: the strike found for a delta has that delta
 * (recomputed with Black-Scholes-Merton on the smile), each laddered collar is zero-cost before rounding and
 * its residual premium is recomputed leg by leg, and the writing programme's expiries are CME/Cboe's monthly
 * third Fridays.
 */
import fc from "fast-check";
import { bsm } from "../../../src/engine/options/blackScholes";
import { collarLadder, monthlyExpiry, strikeForDelta, writingProgramme } from "../../../src/engine/options/programme";
import { Smile, volAt } from "../../../src/engine/options/smile";
import { fromSerial, toSerial } from "../../../src/engine/rates/excelDate";

const smile: Smile = { strikes: [4700, 5300, 5900, 6500, 7100], vols: [0.265, 0.208, 0.175, 0.15, 0.145] };
const m = { spot: 5900, rate: 0.042, yield: 0.013, vol: smile };
const opt = (kind: "call" | "put", strike: number, years: number) =>
  bsm({ kind, spot: 5900, strike, years, rate: 0.042, yield: 0.013, vol: volAt(smile, strike) });

test("strike by delta: the strike's own delta on the smile is the target, calls and puts (fast-check)", () => {
  fc.assert(
    fc.property(
      fc.constantFrom("call" as const, "put" as const),
      fc.double({ min: 0.05, max: 0.9, noNaN: true }),
      fc.double({ min: 0.02, max: 2, noNaN: true }),
      (kind, d, t) => {
        const k = strikeForDelta(kind, d, m, t);
        expect(Math.abs(opt(kind, k, t).delta)).toBeCloseTo(d, 9);
      },
    ),
    { numRuns: 200 },
  );
});

test("a delta outside (0, e^{-qT}) is refused naming delta", () => {
  expect(() => strikeForDelta("call", 1, m, 1)).toThrow(/delta must be between 0 and e\^\(-yield x years\)/);
});

describe("systematic writing", () => {
  const rolls = writingProgramme("call", 0.25, m, 1 / 12, 3, 5, toSerial({ y: 2026, m: 2, d: 20 }));
  test("monthly 25-delta calls: listed strike, premium and income yield recomputed; expiries are third Fridays", () => {
    const k = strikeForDelta("call", 0.25, m, 1 / 12);
    expect(rolls[0].strike).toBe(Math.round(k / 5) * 5);
    const p = opt("call", rolls[0].strike, 1 / 12).price;
    expect(rolls[0].premium).toBeCloseTo(p, 12);
    expect(rolls[0].annualisedYield).toBeCloseTo((p / 5900) * 12, 12);
    const iso = (s: number) => {
      const d = fromSerial(s);
      return `${d.y}-${d.m}-${d.d}`;
    };
    expect(rolls.map((r) => iso(r.expiry!))).toEqual(["2026-3-20", "2026-4-17", "2026-5-15"]);
    expect(rolls[1].written).toBe(rolls[0].expiry);
  });
  test("a third Friday that is a holiday moves to the Thursday before (Good Friday 2025: 18 April -> 17 April)", () => {
    expect(fromSerial(monthlyExpiry(toSerial({ y: 2025, m: 3, d: 21 }), 1))).toEqual({ y: 2025, m: 4, d: 17 });
  });
});

describe("laddered collars", () => {
  const ladder = collarLadder(m, 5310, 84700, 4, 0.25, 5);
  test("each tranche's unrounded call makes its collar cost zero; the listed call's residual is recomputed; quantities add up", () => {
    expect(ladder.reduce((s, t) => s + t.quantity, 0)).toBeCloseTo(84700, 9);
    for (const t of ladder) {
      expect(opt("put", 5310, t.years).price - opt("call", t.zeroCostCall, t.years).price).toBeCloseTo(0, 8);
      expect(t.callStrike % 5).toBe(0);
      expect(t.premium).toBeCloseTo(t.quantity * (opt("put", 5310, t.years).price - opt("call", t.callStrike, t.years).price), 6);
    }
    expect(ladder.map((t) => t.years)).toEqual([0.25, 0.5, 0.75, 1]);
    // The 6-month tranche is near the sample's collar (zero-cost call 6,448 on the sample's fuller smile).
    expect(Math.round(ladder[1].zeroCostCall)).toBeGreaterThan(6400);
  });
});
