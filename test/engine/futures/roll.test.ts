/**
 * Rolls: due dates from the contract calendars, calendar-spread trades, and the implied financing checked
 * by hand from the fair-value relation F_back = F_front (1 + r d / 360) - D (CME Group's equity index fair
 * value; Hull, "Options, Futures, and Other Derivatives", ch. 5).
 */
import fc from "fast-check";
import { parseContract } from "../../../src/engine/futures/calendar/contracts";
import { impliedFinancingRate, planRolls } from "../../../src/engine/futures/roll";
import { toSerial } from "../../../src/engine/rates/excelDate";

const asOf = toSerial({ y: 2026, m: 2, d: 20 }); // a proposal dated late in February
// The sample workbook's futures positions (Risk sheet, Positions).
const sample = [
  ["ES Mar26", 150, 50],
  ["MFS Mar26", 120, 50],
  ["UB Mar26", 850, 1000],
  ["TY Mar26", 400, 1000],
].map(([c, q, m], i) => ({
  id: String(c),
  contract: parseContract(String(c), "c", asOf),
  quantity: Number(q),
  multiplier: Number(m),
  where: `Positions row ${i + 1}`,
}));

describe("the sample's positions on 20 Feb 2026, 30-day window", () => {
  const quotes = new Map([["ESH6", { front: 5900, spread: 55, dividends: 18 }]]);
  const plan = planRolls(sample, asOf, 30, quotes, 0.043);
  test("every position is due: TY and UB before first position day (26 Feb), ES and MFS on CME's equity roll date (12 Mar)", () => {
    expect(plan.lines.map((l) => [l.held, l.into, l.status, l.daysToRoll, l.spreadSide])).toEqual([
      ["ESH6", "ESM6", "roll in window", 20, "Sell"],
      ["MFSH6", "MFSM6", "roll in window", 20, "Sell"],
      ["UBH6", "UBM6", "roll in window", 5, "Sell"],
      ["TYH6", "TYM6", "roll in window", 5, "Sell"],
    ]);
    expect(plan.lines[3].heldDates.firstPosition).toBe(toSerial({ y: 2026, m: 2, d: 26 }));
  });
  test("ES: 90 days from 20 Mar to 18 Jun 2026; implied financing and its cost over cash by hand", () => {
    const es = plan.lines[0];
    expect(es.days).toBe(90);
    // r = ((5900 + 55 + 18) / 5900 - 1) x 360 / 90 = 73 / 5900 x 4
    const r = (73 / 5900) * 4;
    expect(es.financing!.impliedRate).toBeCloseTo(r, 15);
    expect(es.financing!.richnessBp).toBeCloseTo((r - 0.043) * 1e4, 10);
    // cost = 150 contracts x 50 x 5900 x (r - 4.3%) x 90 / 360
    expect(es.financingCost!).toBeCloseTo(150 * 50 * 5900 * (r - 0.043) * 0.25, 6);
    expect(plan.lines[1].financing).toBeUndefined();
  });
  test("a short rolls the other way and earns what a long pays", () => {
    const short = planRolls([{ ...sample[0], quantity: -150 }], asOf, 30, quotes, 0.043).lines[0];
    expect(short.spreadSide).toBe("Buy");
    expect(short.financingCost!).toBeCloseTo(-plan.lines[0].financingCost!, 9);
  });
  test("a window that ends before the roll date: later", () => {
    expect(planRolls(sample, asOf, 10, quotes, 0.043).lines.map((l) => l.status)).toEqual([
      "later",
      "later",
      "roll in window",
      "roll in window",
    ]);
  });
});

test("property: a spread priced at fair value with rate r implies r (fast-check)", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 100, max: 20000, noNaN: true }),
      fc.double({ min: -0.01, max: 0.1, noNaN: true }),
      fc.integer({ min: 28, max: 120 }),
      fc.double({ min: 0, max: 100, noNaN: true }),
      (front, r, days, dividends) => {
        const back = front * (1 + (r * days) / 360) - dividends;
        fc.pre(back > 0);
        expect(impliedFinancingRate({ front, spread: back - front, dividends }, days)).toBeCloseTo(r, 9);
      },
    ),
  );
});
