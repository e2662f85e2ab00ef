/**
 * Liquidity stress: hand-worked margin calls, the collateral waterfall and the exhausting shocks.
 *
 * Calibration of the rate shocks: after the 2022 gilt crisis the Bank of England's FPC recommended that LDI
 * funds withstand a yield rise of at least ~250 bp (FPC, 29 March 2023, "Bank staff paper: LDI minimum
 * resilience"), and The Pensions Regulator's LDI guidance (24 April 2023) adds an operational buffer on top:
 * "If an arrangement's operational buffer is set at 100 bps, and the market stress buffer at 250 bps, the
 * total buffer the arrangement needs to operate is 350 bps". The collateral buffer in bp is the collateral
 * beyond initial margin divided by the book's DV01, which is our exhausting rate rise.
 * The T-Bond futures DV01 of $137.54 per contract is CME Group's figure in "A Simple Treasury Futures
 * Duration Adjustment".
 */
import fc from "fast-check";
import { liquidity, marginCall, readCollateral, readPositions, readScenarios, waterfall } from "../../../src/engine/leverage/liquidity";
import { expectEngineError } from "../../helpers/engineErrors";

const POS_HEAD = ["Contract", "Quantity", "Price", "Multiplier", "Margin", "Factor", "DV01"];
const COLL_HEAD = ["Asset", "Value", "Haircut", "Tier"];


describe("liquidity: a long-duration book sized for the TPR 350 bp buffer", () => {
  // 800 T-Bond futures, DV01 137.54 each: D = 800 x 137.54 = 110,032 per bp. IM = 800 x 4,000 = 3.2m.
  // Collateral: cash 11,711,200 (tier 1) + gilts 32m at a 6.25% haircut = 30m (tier 2): Available 41,711,200.
  // Buffer: (41,711,200 - 3,200,000) / 110,032 = 38,511,200 / 110,032 = 350 bp.
  const book = readPositions([POS_HEAD, ["US T-Bond", 800, 120, 1000, 4000, "Rates", 137.54]]);
  const coll = readCollateral([COLL_HEAD, ["Cash", 11_711_200, 0, 1], ["Gilts", 32_000_000, 0.0625, 2]]);
  const sc = readScenarios(
    [
      ["Scenario", "Rates", "IM multiplier"],
      ["FPC 250bp", 250, 1],
      ["Operational 100bp", 100, 1],
      ["Rally 100bp", -100, 1],
      ["Interim 400bp", 400, 1],
      ["FPC 250bp, IM x1.5", 250, 1.5],
    ],
    book,
  );
  const r = liquidity(book, coll, sc);

  test("the waterfall: 11,711,200 then 30m", () => {
    expect(r.available).toBeCloseTo(41_711_200, 6);
    expect(waterfall(coll).tiers).toEqual([
      { tier: 1, cumulative: 11_711_200 },
      { tier: 2, cumulative: 41_711_200 },
    ]);
  });

  test("FPC 250 bp: VM 250 x 110,032 = 27,508,000; need 30,708,000; coverage 1.3583; tier 2", () => {
    const s = r.scenarios[0];
    expect(s.variationMargin).toBeCloseTo(27_508_000, 4);
    expect(s.initialMargin).toBe(3_200_000);
    expect(s.need).toBeCloseTo(30_708_000, 4);
    expect(s.coverage).toBeCloseTo(41_711_200 / 30_708_000, 12);
    expect(s.status).toBe("covered");
    expect(s.lastTier).toBe(2);
  });

  test("100 bp: need 3.2m + 11,003,200 = 14,203,200 > tier 1 (11,711,200): reaches tier 2", () => {
    expect(r.scenarios[1].need).toBeCloseTo(14_203_200, 4);
    expect(r.scenarios[1].lastTier).toBe(2);
  });

  test("a rally: the gain is not counted towards initial margin: need = IM = 3.2m, tier 1", () => {
    const s = r.scenarios[2];
    expect(s.variationMargin).toBeCloseTo(-11_003_200, 4);
    expect(s.need).toBe(3_200_000);
    expect(s.lastTier).toBe(1);
  });

  test("400 bp (the FPC's interim 300-400 bp): need 47,212,800 > 41,711,200: short", () => {
    const s = r.scenarios[3];
    expect(s.need).toBeCloseTo(47_212_800, 4);
    expect(s.status).toBe("short");
    expect(s.coverage).toBeCloseTo(41_711_200 / 47_212_800, 12);
    expect(s.lastTier).toBe(2);
  });

  test("IM multiplier 1.5: IM 4.8m, need 32,308,000", () => {
    expect(r.scenarios[4].initialMargin).toBe(4_800_000);
    expect(r.scenarios[4].need).toBeCloseTo(32_308_000, 4);
  });

  test("the parallel rate rise that exhausts the collateral is the 350 bp buffer", () => {
    expect(r.rateRise.status).toBe("exhausts");
    expect(r.rateRise.shock).toBeCloseTo(350, 9);
    expect(r.rateRise.call!.need).toBeCloseTo(41_711_200, 4);
    expect(r.equityFall.status).toBe("no return positions");
    expect(r.equityFall.shock).toBeUndefined();
  });
});

describe("liquidity: equity futures", () => {
  // 100 ES long: 100 x 5,000 x 50 = 25m notional; IM 100 x 12,000 = 1.2m; collateral 5m cash.
  const book = readPositions([POS_HEAD.slice(0, 6), ["ES", 100, 5000, 50, 12000, "Equity"]]);
  const coll = readCollateral([
    ["Asset", "Value"],
    ["Cash", 5_000_000],
  ]);

  test("a 30% fall: VM = -100 x 5,000 x 50 x (-0.30) = 7.5m; need 8.7m > 5m: short", () => {
    const r = liquidity(
      book,
      coll,
      readScenarios(
        [
          ["Scenario", "Equity"],
          ["Crash", -0.3],
        ],
        book,
      ),
    );
    expect(r.scenarios[0].variationMargin).toBeCloseTo(7_500_000, 6);
    expect(r.scenarios[0].need).toBeCloseTo(8_700_000, 6);
    expect(r.scenarios[0].status).toBe("short");
    // exhausting fall: (5m - 1.2m) / 25m = 0.152
    expect(r.equityFall.shock).toBeCloseTo(0.152, 14);
    expect(r.equityFall.status).toBe("exhausts");
    expect(r.rateRise.status).toBe("no rate positions");
  });

  test("a short hedge gains when markets fall: no equity fall exhausts it", () => {
    const short = readPositions([POS_HEAD.slice(0, 6), ["ES", -100, 5000, 50, 12000, "Equity"]]);
    const r = liquidity(
      short,
      coll,
      readScenarios(
        [
          ["Scenario", "Equity"],
          ["Crash", -0.3],
        ],
        short,
      ),
    );
    expect(r.scenarios[0].variationMargin).toBeCloseTo(-7_500_000, 6);
    expect(r.equityFall.shock).toBeUndefined();
    expect(r.equityFall.status).toMatch(/never/);
  });

  test("collateral already below initial margin: short before any shock", () => {
    const r = liquidity(
      book,
      readCollateral([
        ["Asset", "Value"],
        ["Cash", 1_000_000],
      ]),
      readScenarios(
        [
          ["Scenario", "Equity"],
          ["Flat", 0],
        ],
        book,
      ),
    );
    expect(r.equityFall).toMatchObject({ shock: 0, status: "short already" });
    expect(r.scenarios[0].status).toBe("short");
  });

  test("gains on one factor offset losses on another (one margin account)", () => {
    // ES long 100 and 200 bond futures (DV01 80): equity -10% loses 2.5m; rates -50 bp gain 200 x 80 x 50 = 800,000.
    const mixed = readPositions([POS_HEAD, ["ES", 100, 5000, 50, 12000, "Equity", ""], ["TY", 200, 110, 1000, 3000, "Rates", 80]]);
    const r = liquidity(
      mixed,
      coll,
      readScenarios(
        [
          ["Scenario", "Equity", "Rates"],
          ["Risk off", -0.1, -50],
        ],
        mixed,
      ),
    );
    expect(r.scenarios[0].variationMargin).toBeCloseTo(2_500_000 - 800_000, 6);
    expect(r.scenarios[0].initialMargin).toBe(1_200_000 + 600_000);
  });
});

describe("liquidity: bad input", () => {
  const book = readPositions([POS_HEAD, ["TY", 200, 110, 1000, 3000, "Rates", 80], ["ES", 10, 5000, 50, 12000, "Equity", ""]]);

  test("a scenario table without a needed factor column", () => {
    expectEngineError(
      () =>
        readScenarios(
          [
            ["Scenario", "Rates"],
            ["Up", 100],
          ],
          book,
        ),
      "value",
      /Scenarios: no column for factor 'Equity' \(Positions row 2 \(ES\)\).*shock columns found: 'Rates'/,
    );
  });
  test("negative collateral", () => {
    expectEngineError(() => readCollateral([COLL_HEAD, ["Cash", -5, 0, 1]]), "value", /Collateral row 1 \(Cash\): Value must be >= 0/);
  });
  test("a haircut above 100%", () => {
    expectEngineError(() => readCollateral([COLL_HEAD, ["Gilts", 5, 1.2, 1]]), "num", /Collateral row 1 \(Gilts\): Haircut must be <= 1/);
  });
  test("a factor given DV01 on one row and not on another", () => {
    expectEngineError(
      () => readPositions([POS_HEAD, ["TY", 200, 110, 1000, 3000, "Rates", 80], ["RX", 10, 130, 1000, 3000, "Rates", ""]]),
      "value",
      /Positions row 2 \(RX\): factor 'Rates' is a rate factor/,
    );
  });
  test("a factor whose DV01s are all 0 (an equity factor typed with zeros)", () => {
    expectEngineError(
      () => readPositions([POS_HEAD, ["ES", 10, 5000, 50, 12000, "Equity", 0]]),
      "value",
      /Positions row 1 \(ES\): every DV01 of factor 'Equity' is 0/,
    );
  });
  test("an equity return below -100%", () => {
    expectEngineError(
      () =>
        readScenarios(
          [
            ["Scenario", "Rates", "Equity"],
            ["Doom", 0, -1.5],
          ],
          book,
        ),
      "num",
      /Scenarios row 1 \(Doom\): Equity must be a return >= -1/,
    );
  });
  test("a missing Factor column", () => {
    expectEngineError(() => readPositions([POS_HEAD.slice(0, 5), ["TY", 1, 1, 1, 1]]), "value", /Positions: missing column 'Factor'/);
  });
});

describe("liquidity: properties", () => {
  const arbBook = fc.record({
    rates: fc.array(
      fc.record({
        q: fc.integer({ min: -2000, max: 2000 }),
        dv01: fc.double({ min: 1, max: 500, noNaN: true }),
        margin: fc.integer({ min: 0, max: 10000 }),
      }),
      { minLength: 0, maxLength: 3 },
    ),
    eqs: fc.array(
      fc.record({
        q: fc.integer({ min: -500, max: 500 }),
        price: fc.integer({ min: 100, max: 10000 }),
        margin: fc.integer({ min: 0, max: 20000 }),
      }),
      { minLength: 0, maxLength: 3 },
    ),
    coll: fc.array(
      fc.record({
        v: fc.integer({ min: 0, max: 1e8 }),
        h: fc.double({ min: 0, max: 0.5, noNaN: true }),
        tier: fc.integer({ min: 1, max: 3 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  });

  test("the exhausting rate rise and equity fall consume exactly the available collateral", () => {
    fc.assert(
      fc.property(arbBook, (x) => {
        const rows: unknown[][] = [
          POS_HEAD,
          ...x.rates.map((p, i) => [`R${i}`, p.q, 100, 1000, p.margin, i % 2 ? "Rates" : "Swaps", p.dv01]),
          ...x.eqs.map((p, i) => [`E${i}`, p.q, p.price, 50, p.margin, i % 2 ? "Equity" : "EM", ""]),
        ];
        if (rows.length === 1) return;
        const book = readPositions(rows as never);
        const coll = readCollateral([COLL_HEAD, ...x.coll.map((c, i) => [`A${i}`, c.v, c.h, c.tier])] as never);
        const r = liquidity(book, coll, []);
        for (const [kind, ex] of [
          ["rate", r.rateRise],
          ["return", r.equityFall],
        ] as const) {
          if (ex.status !== "exhausts" && ex.status !== "beyond a 100% fall") continue;
          const shocks = book.factors.map((f) => (f.kind === kind ? (kind === "rate" ? ex.shock! : -ex.shock!) : 0));
          const need = marginCall(book, shocks).need;
          expect(Math.abs(need - r.available)).toBeLessThanOrEqual(1e-9 * Math.max(1, r.available));
          expect(ex.shock!).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  test("coverage >= 1 exactly when the status is covered, and the last tier reached covers the need", () => {
    fc.assert(
      fc.property(arbBook, fc.integer({ min: -300, max: 300 }), fc.double({ min: -0.6, max: 0.3, noNaN: true }), (x, bp, ret) => {
        const rows: unknown[][] = [
          POS_HEAD,
          ...x.rates.map((p, i) => [`R${i}`, p.q, 100, 1000, p.margin, "Rates", p.dv01]),
          ...x.eqs.map((p, i) => [`E${i}`, p.q, p.price, 50, p.margin, "Equity", ""]),
        ];
        if (rows.length === 1) return;
        const book = readPositions(rows as never);
        const coll = readCollateral([COLL_HEAD, ...x.coll.map((c, i) => [`A${i}`, c.v, c.h, c.tier])] as never);
        const sc = readScenarios(
          [
            ["Scenario", "Rates", "Equity"],
            ["S", bp, ret],
          ],
          book,
        );
        const s = liquidity(book, coll, sc).scenarios[0];
        if (s.coverage !== undefined) expect(s.coverage >= 1).toBe(s.status === "covered");
        if (s.status === "covered" && s.lastTier !== undefined) {
          const through = waterfall(coll).tiers.find((t) => t.tier === s.lastTier)!.cumulative;
          expect(through).toBeGreaterThanOrEqual(s.need);
        }
      }),
      { numRuns: 300 },
    );
  });
});
