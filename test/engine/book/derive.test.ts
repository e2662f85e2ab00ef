/**
 * The book's derivations against published references (Hull's duration-based hedge ratio and option delta,
 * CME contract specifications), and the properties that hold by construction: exposure and leverage agree,
 * the reconciliation holds, the funding leg finances exactly the funded synthetic exposure.
 */
import fc from "fast-check";
import { TEN_YEAR_DURATION, deriveBook, parBondDuration10 } from "../../../src/engine/book/derive";
import { planWithBook, reconcile } from "../../../src/engine/book/effective";
import { readPositions } from "../../../src/engine/book/positions";
import { contractsFor, readFutures } from "../../../src/engine/futures/futures";
import { leverage } from "../../../src/engine/leverage/leverage";
import { exposureReport } from "../../../src/engine/portfolio/exposure";
import { readPortfolio } from "../../../src/engine/portfolio/portfolio";
import { bondAnalytics } from "../../../src/engine/rates/bond";
import { expectEngineError } from "../../helpers/engineErrors";

// Property tests over thousands of random plans: room for a loaded machine (the figures are not timed here).
jest.setTimeout(120_000);

const M = 1e6;
const HEAD = ["Asset class", "Market value", "Target", "Min", "Max", "Duration"];
const PLAN = [HEAD, ["Equity", 600 * M, 0.6, 0.5, 0.7, ""], ["Bonds", 300 * M, 0.35, 0.25, 0.45, 6.8], ["Cash", 100 * M, 0.05, 0, 0.2, ""]];
const P_HEAD = ["Id", "Asset class", "Instrument", "Kind", "Quantity", "Price", "Multiplier", "Margin", "DV01", "Delta", "Levered"];

describe("deriveBook: each position against its class", () => {
  const plan = readPortfolio(PLAN);

  test("an equity future: notional = q x price x multiplier x fx = exposure (beta 1); margin = |q| x IM", () => {
    // CME E-mini S&P 500: $50 x index. 150 contracts at 5,900 = 44,250,000.
    const b = deriveBook(readPositions([P_HEAD, ["ES", "Equity", "ESH6", "future", 150, 5900, 50, 22000, "", "", ""]]), plan);
    expect(b.positions[0]).toMatchObject({
      notional: 44_250_000,
      exposure: 44_250_000,
      margin: 3_300_000,
      adjustedNotional: 44_250_000,
      basis: "notional",
    });
    expect(b.byClass[0]).toMatchObject({ synthetic: 44_250_000, positions: 1 });
  });

  test("Hull's duration-based hedge ratio: 10m of bonds (D 6.80) against a futures price of 93-02 with CTD duration 9.20 is 79.42 contracts", () => {
    // Hull, Options, Futures, and Other Derivatives, ch. 6 (duration-based hedging), Example: N* = 10,000,000 x
    // 6.80 / (93,062.50 x 9.20) = 79.42. The future's DV01 is V_F x D_F x 1bp = 93,062.50 x 9.20 x 0.0001 = 85.6175.
    const fut = readFutures(
      [
        ["Asset class", "Contract", "Price", "Multiplier", "DV01"],
        ["Bonds", "US", 93.0625, 1000, 85.6175],
      ],
      plan,
    );
    expect(fut[0].sizing).toBe("dv01");
    expect(contractsFor(10 * M, fut[0])).toBeCloseTo(79.42, 2);
    // and the same future held in the book exposes DV01 / (D x 1bp): 79.42 contracts are the 10m of bonds
    const n = (10 * M * 6.8) / (93_062.5 * 9.2);
    const b = deriveBook(readPositions([P_HEAD, ["US", "Bonds", "USZ6", "future", n, 93.0625, 1000, "", 85.6175, "", ""]]), plan);
    expect(b.positions[0].basis).toBe("dv01");
    expect(b.positions[0].exposure).toBeCloseTo(10 * M, 4);
    expect(b.positions[0].dv01).toBeCloseTo(n * 85.6175, 9);
  });

  test("a bond future through its CTD counts by the CTD's DV01 / CF against the class's duration", () => {
    // 100 TY on the 4 1/4s of 15-Nov-2032 at 4.05% (CF 0.9069): DV01 0.059888 per 100 x 1,000 / 0.9069 = 66.036 a contract
    // (bond.ts's DV01, Excel's), so 100 x 66.036 / (6.8 x 1bp) = 9.711m of the Bonds class; 18f-4: 6,604 / (8.18 x 1bp).
    const ctd =
      (bondAnalytics({ settlement: 46022, maturity: 48533, rate: 0.0425, redemption: 100, frequency: 2, basis: 0 }, 0.0405).dv01 * 1000) /
      0.9069;
    const b = deriveBook(
      readPositions([
        ["Id", "Asset class", "Instrument", "Kind", "Quantity", "Price", "Multiplier", "Coupon", "Years", "Yield", "Conversion factor"],
        ["TY1", "Bonds", "TY Mar26", "future", 100, 110.5, 1000, 0.0425, (13 + 134 / 180) / 2, 0.0405, 0.9069],
      ]),
      plan,
    );
    expect(b.positions[0].basis).toBe("dv01");
    expect(b.positions[0].dv01).toBeCloseTo(100 * ctd, 8);
    expect(b.positions[0].exposure).toBeCloseTo((100 * ctd) / (6.8 * 1e-4), 4);
    expect(b.positions[0].exposure / M).toBeCloseTo(9.711, 3);
    expect(b.positions[0].adjustedNotional).toBeCloseTo((100 * ctd) / (TEN_YEAR_DURATION * 1e-4), 4);
  });

  test("a typed Beta and a DV01 for a class with a Duration is an error: the DV01 sizes the contracts", () => {
    expectEngineError(
      () =>
        readFutures(
          [
            ["Asset class", "Contract", "Price", "Multiplier", "Beta", "DV01"],
            ["Bonds", "TY", 110, 1000, 0.9, 68],
          ],
          plan,
        ),
      "value",
      /^Futures row 1 \(TY\): Beta and DV01 are both given/,
    );
  });

  test("an option by Black-Scholes-Merton delta: Hull's call (S 49, K 50, r 5%, vol 20%, 20 weeks) has delta 0.522", () => {
    // Hull, ch. 19 (The Greek letters), Example: d1 = 0.0542, delta = N(d1) = 0.522. A short position of 1,000
    // calls on 100 shares each is -1,000 x 100 x 49 x 0.522 of exposure.
    const rows = [
      ["Id", "Asset class", "Instrument", "Kind", "Quantity", "Price", "Multiplier", "Option type", "Strike", "Vol", "Years", "Rate"],
      ["C1", "Equity", "XYZ 50 C", "option", -1000, 49, 100, "call", 50, 0.2, 20 / 52, 0.05],
    ];
    const d = deriveBook(readPositions(rows), plan).positions[0];
    expect(d.delta).toBeCloseTo(0.522, 2);
    expect(d.basis).toBe("delta");
    expect(d.exposure).toBeCloseTo(-1000 * 100 * 49 * d.delta, 6);
    expect(d.adjustedNotional).toBeCloseTo(1000 * 100 * 49 * d.delta, 6); // 18f-4: delta-adjusted
    // with an Expiry instead of Years, a valuation date is needed
    const byDate = [
      [...rows[0].slice(0, 10), "Rate", "Expiry"],
      [...rows[1].slice(0, 10), 0.05, 46000],
    ];
    expectEngineError(() => deriveBook(readPositions(byDate), plan), "value", /needs Years, or a valuation date/);
    const dated = deriveBook(readPositions(byDate), plan, { valuationDate: 46000 - (20 / 52) * 365 }).positions[0];
    expect(dated.delta).toBeCloseTo(d.delta, 12);
  });

  test("a receiver swap counts by its DV01 against the class duration; 18f-4 converts it to 10-year bond equivalents", () => {
    // 100m receive-fixed, DV01 0.00082 per 1 of notional: 82,000 per bp. Bonds D 6.8: 82,000 / 0.00068 = 120.59m.
    const d = deriveBook(readPositions([P_HEAD, ["IRS", "Bonds", "USD 10y", "swap", 100 * M, "", "", "", 0.00082, "", ""]]), plan)
      .positions[0];
    expect(d.dv01).toBeCloseTo(82_000, 6);
    expect(d.exposure).toBeCloseTo(82_000 / (6.8 * 1e-4), 4);
    // 10-year par bond at 4% semiannual: D = (1 - 1.02^-20) / 0.04 = 8.1757 years; 82,000 / 0.00081757 = 100.30m,
    // about the swap's own notional, as a 10-year swap should be.
    expect(parBondDuration10()).toBeCloseTo(8.1757, 4);
    expect(d.adjustedNotional).toBeCloseTo(82_000 / (TEN_YEAR_DURATION * 1e-4), 4);
    expect(d.adjustedNotional / (100 * M)).toBeCloseTo(1.003, 3);
    expectEngineError(
      () => deriveBook(readPositions([P_HEAD, ["IRS", "Equity", "x", "swap", 1 * M, "", "", "", 0.0008, "", ""]]), plan),
      "value",
      /give Portfolio a Duration for 'Equity'/,
    );
  });

  test("a position on Cash, or on a class not in the portfolio, is an error naming the row", () => {
    expectEngineError(
      () => deriveBook(readPositions([P_HEAD, ["F", "Cash", "x", "forward", 1, "", "", "", "", "", ""]]), plan),
      "value",
      /row 1 \(F\): a position expresses an asset class, not Cash/,
    );
    expectEngineError(
      () => deriveBook(readPositions([P_HEAD, ["F", "Gold", "x", "future", 1, 1, 1, "", "", "", ""]]), plan),
      "value",
      /asset class 'Gold' is not in the portfolio/,
    );
  });
});

describe("the effective plan: the issue's plan (Equity 600m + 100m of futures, Bonds 300m, Cash 100m)", () => {
  test("typed Overlay: the funding leg comes out of cash, so EXPOSURE totals NAV and LEVERAGE agrees (1.0)", () => {
    const plan = readPortfolio([
      ["Asset class", "Market value", "Target", "Min", "Max", "Overlay"],
      ["Equity", 600 * M, 0.6, 0.5, 0.7, 100 * M],
      ["Bonds", 300 * M, 0.35, 0.25, 0.45, ""],
      ["Cash", 100 * M, 0.05, 0, 0.2, ""],
    ]);
    const r = exposureReport(plan);
    expect(r.lines[2]).toMatchObject({ synthetic: -100 * M, effective: 0 });
    expect(r.total.effective).toBe(1000 * M);
    const l = leverage(plan, { min: 0, max: 1 });
    expect(l.netLeverage).toBe(1);
    expect(l.netExposure).toBe(r.total.effective - r.lines[2].effective);
    expect(reconcile(plan)).toMatchObject({ effective: 1000 * M, funding: 100 * M, declaredLeverage: 0, difference: 0 });
  });

  test("the same 100m as positions (400 ES... ) and a levered 50m TRS: effective = NAV x (1 + 5%)", () => {
    const plan = readPortfolio(PLAN);
    const book = deriveBook(
      readPositions([
        P_HEAD,
        ["ES", "Equity", "ESH6", "future", 400, 5000, 50, 20000, "", "", ""],
        ["TRS", "Equity", "SPX TRS", "trs", 50 * M, "", "", "", "", "", true],
      ]),
      plan,
    );
    const eff = planWithBook(plan, book);
    expect(eff.classes[0].overlay).toBe(150 * M);
    expect(eff.classes[2].overlay).toBe(-100 * M); // only the funded futures
    const rec = reconcile(eff);
    expect(rec).toMatchObject({ effective: 1050 * M, levered: 50 * M, funding: 100 * M, declaredLeverage: 0.05 });
    const l = leverage(eff, { min: 0, max: 1.1 }, book);
    expect(l.netLeverage).toBeCloseTo(1.05, 15);
    expect(l.grossNotional).toBe(150 * M);
    expectEngineError(
      () =>
        planWithBook(
          readPortfolio([...PLAN.slice(0, 1).map((h) => [...h, "Overlay"]), ...PLAN.slice(1).map((r, i) => [...r, i === 0 ? 5 : ""])]),
          book,
        ),
      "value",
      /Overlay is typed and the Positions table holds positions for 'Equity'/,
    );
  });

  test("a typed Cash Overlay must be the derived funding leg", () => {
    const head = ["Asset class", "Market value", "Target", "Min", "Max", "Overlay"];
    expect(readPortfolio([head, ["Equity", 90, 0.9, 0.8, 1, 10], ["Cash", 10, 0.1, -0.1, 0.2, -10]]).classes[1].overlay).toBe(-10);
    expectEngineError(
      () => readPortfolio([head, ["Equity", 90, 0.9, 0.8, 1, 10], ["Cash", 10, 0.1, -0.1, 0.2, -4]]),
      "value",
      /^Portfolio row 2 \(Cash\): Overlay is the funding leg of the synthetic exposure, derived as -10/,
    );
  });
});

describe("book properties (random books)", () => {
  const position = fc.record({
    cls: fc.integer({ min: 0, max: 2 }),
    kind: fc.constantFrom("future", "option", "trs", "swap"),
    q: fc.integer({ min: -2000, max: 2000 }),
    price: fc.double({ min: 10, max: 6000, noNaN: true }),
    delta: fc.double({ min: -1, max: 1, noNaN: true }),
    dv01: fc.double({ min: 0.00001, max: 300, noNaN: true }),
    levered: fc.boolean(),
  });
  test("sum of effective exposure = NAV x (1 + declared leverage); net leverage = non-cash effective / NAV; gross >= |net|", () => {
    fc.assert(
      fc.property(fc.array(position, { maxLength: 30 }), fc.boolean(), (ps, withCash) => {
        const rows = [
          HEAD,
          ["Equity", 600 * M, withCash ? 0.6 : 0.65, 0, 1, ""],
          ["Bonds", 300 * M, 0.35, 0, 1, 7.5],
          ["Credit", 50 * M, withCash ? 0 : 0, 0, 1, 4],
          ...(withCash ? [["Cash", 100 * M, 0.05, -5, 5, ""]] : []),
        ];
        const plan = readPortfolio(rows);
        const names = ["Equity", "Bonds", "Credit"];
        const table = [
          P_HEAD,
          ...ps.map((p, i) => {
            const kind = p.kind === "swap" && p.cls === 0 ? "trs" : p.kind;
            const qty = kind === "swap" || kind === "trs" ? p.q * 10_000 : p.q;
            return [
              `P${i}`,
              names[p.cls],
              "x",
              kind,
              qty,
              p.price,
              50,
              1000,
              kind === "swap" || (kind === "future" && p.cls > 0) ? p.dv01 : "",
              kind === "option" ? p.delta : "",
              p.levered,
            ];
          }),
        ];
        const book = deriveBook(ps.length ? readPositions(table) : [], plan);
        const eff = planWithBook(plan, book);
        const rec = reconcile(eff);
        const scale = 1e-12 * (plan.nav + book.total.gross);
        expect(Math.abs(rec.difference)).toBeLessThanOrEqual(scale);
        const levered = book.positions.filter((p) => p.levered).reduce((s, p) => s + p.exposure, 0);
        // relative to the book's size: exposures reach 1e13 here, where a unit in the last place is 2e-3
        const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * (plan.nav + book.total.gross) * 8);
        near(rec.levered, levered);
        const l = leverage(eff, { min: 0, max: 10 }, book);
        const total = exposureReport(eff).total.effective;
        const cashEff = withCash ? exposureReport(eff).lines[3].effective : 0;
        near(l.netExposure, total - cashEff);
        near(l.netLeverage * plan.nav, rec.netLeverage * plan.nav);
        expect(l.grossExposure * (1 + 1e-12)).toBeGreaterThanOrEqual(Math.abs(l.netExposure));
        // the funding leg is the funded synthetic exposure exactly
        if (withCash) near(-eff.classes[3].overlay, book.total.synthetic - levered);
      }),
      { numRuns: 1000 },
    );
  });
});
