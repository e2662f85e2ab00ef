/**
 * OVERLAY.LIQUIDITY's engine: the tables read into the stress engine, and the report.
 *
 * Calibration: after the 2022 gilt crisis the Bank of England's FPC recommended that LDI funds withstand a yield
 * rise of at least 250 bp (FPC, 29 March 2023), and The Pensions Regulator's LDI guidance (24 April 2023) adds an
 * operational buffer on top: "If an arrangement's operational buffer is set at 100 bps, and the market stress
 * buffer at 250 bps, the total buffer the arrangement needs to operate is 350 bps". The T-Bond futures DV01 of
 * $137.54 per contract is CME Group's figure in "A Simple Treasury Futures Duration Adjustment".
 */
import { liquidityReport, readLiquidity } from "../../../src/engine/leverage/liquidity";
import { expectEngineError } from "../../helpers/engineErrors";

const M = 1e6;

describe("a linear (DV01-only) book sized for the TPR 350 bp buffer", () => {
  const inp = readLiquidity(
    [
      ["Contract", "Quantity", "Price", "Multiplier", "Margin", "Factor", "DV01"],
      ["US T-Bond", 800, 120, 1000, 4000, "Rates", 137.54],
    ],
    [
      ["Asset", "Value", "Haircut", "Tier"],
      ["Cash", 11_711_200, 0, 1],
      ["Gilts", 32_000_000, 0.0625, 2],
    ],
    [
      ["Scenario", "Rates", "IM multiplier"],
      ["FPC 250bp", 250, 1],
      ["Interim 400bp", 400, 1],
    ],
  );
  const r = liquidityReport(inp);

  test("VM = 800 x 137.54 x shock, need = IM + VM; the 400bp scenario is short", () => {
    expect(r.linear).toEqual(["US T-Bond"]);
    expect(r.scenarios[0].loss.total).toBeCloseTo(27_508_000, 6);
    expect(r.scenarios[0].linearLoss).toBeCloseTo(27_508_000, 6);
    expect(r.scenarios[0].need).toBeCloseTo(30_708_000, 6);
    expect(r.scenarios[0].status).toBe("covered");
    expect(r.scenarios[1].need).toBeCloseTo(47_212_800, 6);
    expect(r.scenarios[1].status).toBe("short");
    expect(r.available).toBeCloseTo(41_711_200, 6);
  });

  test("the rate rise to exhaust is TPR's 350bp; there are no return positions", () => {
    expect(r.rateRise.shock!).toBeCloseTo(350, 6);
    expect(r.equityFall.status).toBe("no positions");
  });
});

describe("the sample's Risk tables, fully revalued", () => {
  const POS = [
    ["Contract", "Kind", "Quantity", "Price", "Multiplier", "Margin", "Factor", "Coupon", "Years", "Yield", "Conversion factor"],
    ["ES Mar26", "future", 150, 5900, 50, 22000, "Equity", null, null, null, null],
    ["MFS Mar26", "future", 120, 2450, 50, 8500, "Equity", null, null, null, null],
    // The CTDs of src/sample/plan.ts: the 4 3/4s of 15-Aug-2051 at 4.69% and the 4 1/4s of 15-Nov-2032 at 4.05%, years
    // to maturity as Excel's PRICE counts them from 31-Dec-2025.
    ["UB Mar26", "future", 850, 118.5, 1000, 8000, "Rates", 0.0475, (51 + 44 / 180) / 2, 0.0469, 0.8384],
    ["TY Mar26", "future", 400, 110.5, 1000, 2600, "Rates", 0.0425, (13 + 134 / 180) / 2, 0.0405, 0.9069],
  ];
  const COLL = [
    ["Asset", "Value", "Haircut", "Tier", "Eligible", "Days to cash", "Posted", "Factor", "Spread factor", "Coupon", "Years", "Yield"],
    ["Cash at the FCM", 10 * M, 0, 1, "all", 0, 0, null, null, null, null, null],
    ["Treasury bills", 15 * M, 0.005, 1, "CSA, IM", 1, 0, "Rates", null, 0.04, 0.25, 0.04],
    ["Treasury notes", 30 * M, 0.02, 2, "CSA, IM", 1, 12.5 * M, "Rates", null, 0.04, 5, 0.04],
    ["Agency MBS", 15 * M, 0.05, 3, "IM", 3, 0, "Rates", "Credit", 0.05, 7, 0.052],
    ["Investment-grade credit", 25 * M, 0.1, 3, "none", 5, 0, "Rates", "Credit", 0.045, 8, 0.05],
  ];
  const SC = [
    ["Scenario", "Equity", "Rates", "Credit", "IM multiplier", "Haircut multiplier"],
    ["2022: equity -25%, rates +250bp", -0.25, 250, 100, 1.5, 1.5],
  ];
  const r = liquidityReport(readLiquidity(POS, COLL, SC));
  const s = r.scenarios[0];

  test("the Treasury futures lose less than DV01 x 250bp; the equity futures exactly 25% of their exposure", () => {
    const equity = (150 * 5900 * 50 + 120 * 2450 * 50) * 0.25;
    expect(s.loss.total).toBeLessThan(s.linearLoss);
    expect(s.linearLoss - s.loss.total).toBeGreaterThan(0.1 * (s.linearLoss - equity));
    expect(s.loss.cashVm).toBeCloseTo(s.loss.total, 6);
    expect(s.loss.csaVm).toBe(0);
    // IM: (150 x 22,000 + 120 x 8,500 + 850 x 8,000 + 400 x 2,600) x 1.5.
    expect(s.loss.initialMargin).toBeCloseTo(12_160_000 * 1.5, 4);
  });

  test("the collateral moves too: notes, MBS and credit lose value, haircuts rise 1.5x; credit is cash only at T+5", () => {
    const credit = s.collateral.find((a) => a.asset === "Investment-grade credit")!;
    expect(credit.free).toBeLessThan(25 * M * (1 - 0.15));
    expect(s.available).toBeLessThan(r.available);
    // Cash VM is paid from cash at T+0, then from bills and notes sold at T+1; the rest only when MBS and credit sell.
    expect(s.ladder[0].shortfall).toBeGreaterThan(0);
    expect(s.ladder.map((x) => x.day)).toEqual([0, 1, 3, 5]);
  });

  test("bad input names the table, the row and the column", () => {
    expectEngineError(
      () =>
        readLiquidity(POS, COLL, [
          ["Scenario", "Equity", "Rates"],
          ["x", 0, 0],
        ]),
      "value",
      /^Scenarios: no column for factor 'Credit'/,
    );
    expectEngineError(
      () => readLiquidity([POS[0], ["UB", "future", 1, 118, 1000, 0, "Rates", 0.04, 25, null, 0.8]], COLL, SC),
      "value",
      /^Positions row 1 \(UB\): Yield \(the CTD's\) is needed for a tfuture position$/,
    );
    expectEngineError(
      () => readLiquidity(POS, [COLL[0], ["Cash", 1, 0, 1, "sometimes", 0, 0, null, null, null, null, null]], SC),
      "value",
      /^Collateral row 1 \(Cash\): Eligible must list uses/,
    );
    expectEngineError(
      () => readLiquidity([POS[0], ["ES", "future", 1, 5900, 50, 0, "Rates", null, null, null, null], POS[3]], COLL, SC),
      "value",
      /Factor 'Rates' is used as a (rate|return) factor/,
    );
  });
});

describe("the book's Positions table (src/engine/book/positions.ts) is read as it is", () => {
  const BOOK = [
    ["Id", "Asset class", "Instrument", "Kind", "Quantity", "Price", "Multiplier", "FX", "DV01", "Margin", "Factor", "FX factor"],
    ["ES1", "US equity", "ESH6", "future", 100, 5000, 50, 1, null, 12000, "Equity", null],
    ["FESX1", "Europe equity", "VGH6", "future", 200, 5000, 10, 1.1, null, 3000, "Euro equity", "EUR"],
    ["IRS30", "Bonds", "USD 30y IRS", "swap", 10e6, null, null, 1, 0.0018, 0, "Rates", null],
    ["TRS1", "EM equity", "MXEF TRS", "trs", 5e6, null, null, 1, null, 0, "EM equity", null],
  ];
  const SC = [
    ["Scenario", "Equity", "Euro equity", "EUR", "Rates", "EM equity"],
    ["Crash", -0.2, -0.25, -0.1, -50, -0.3],
  ];
  const COLL = [
    ["Asset", "Value"],
    ["Cash", 50e6],
  ];

  test("futures, a euro future with its currency, a swap by its DV01 (linear) and a TRS, each by its own rule", () => {
    const s = liquidityReport(readLiquidity(BOOK, COLL, SC)).scenarios[0];
    const es = 100 * 5000 * 50 * 0.2; // 5,000,000
    const fesx = 200 * 5000 * 10 * 0.25 * 1.1 * 0.9; // 2,475,000 euros' worth at the stressed rate
    const irs = -10e6 * 0.0018 * 50; // a receiver gains when rates fall: -900,000
    const trs = 5e6 * 0.3; // 1,500,000
    expect(s.loss.cashVm).toBeCloseTo(es + fesx, 4);
    expect(s.loss.csaVm).toBeCloseTo(irs + trs, 4);
    // IM: 100 x 12,000 + 200 x 3,000 x 1.1 x 0.9 (euros at the stressed rate).
    expect(s.loss.initialMargin).toBeCloseTo(1_200_000 + 594_000, 4);
  });

  test("the book's reader checks its rows first", () => {
    expectEngineError(
      () => readLiquidity([BOOK[0], ["ES1", "US equity", "ESH6", "future", 100, null, 50, 1, null, 0, "Equity", null]], COLL, SC),
      "value",
      /Price must be a positive number for a future/,
    );
  });
});

describe("options read with their model and a vol factor", () => {
  const POS = [
    ["Contract", "Kind", "Quantity", "Price", "Multiplier", "Factor", "Option type", "Strike", "Vol", "Years", "Rate", "Vol factor"],
    ["SPX put", "option", 100, 5000, 100, "Equity", "put", 4500, 0.18, 0.5, 0.04, "VIX"],
  ];
  const COLL = [
    ["Asset", "Value"],
    ["Cash", 1e6],
  ];

  test("a long put gains in a crash, more when implied vol jumps, and is worth at least its intrinsic value after it", () => {
    const sc = (vix: number) => [
      ["Scenario", "Equity", "VIX"],
      ["Crash", -0.3, vix],
    ];
    const flat = liquidityReport(readLiquidity(POS, COLL, sc(0))).scenarios[0].loss.total;
    const spike = liquidityReport(readLiquidity(POS, COLL, sc(0.2))).scenarios[0].loss.total;
    expect(flat).toBeLessThan(0);
    expect(spike).toBeLessThan(flat);
    // After the crash the put is worth at least its discounted intrinsic value, 100 x 100 x (4,500 e^(-0.02) - 3,500),
    // and its gain is that value less what it cost: the report's own base value per unit (today's price).
    const inp = readLiquidity(POS, COLL, sc(0));
    const cost = inp.book.base[0] * 100;
    expect(-flat + cost).toBeGreaterThanOrEqual(100 * 100 * (4500 * Math.exp(-0.02) - 3500));
  });

  test("a vol move outside -5..5 points is refused, naming the scenario and the column", () => {
    expectEngineError(
      () =>
        readLiquidity(POS, COLL, [
          ["Scenario", "Equity", "VIX"],
          ["Crash", -0.3, 20],
        ]),
      "num",
      /^Scenarios row 1 \(Crash\): VIX must be a move in vol points between -5 and 5/,
    );
  });
});

describe("a DV01 row under key-tenor scenarios", () => {
  const POS = (years: number | null) => [
    ["Contract", "Quantity", "Margin", "Factor", "DV01", "Years"],
    ["10y swap", 1e6, 0, "Rates", 0.0008, years],
  ];
  const COLL = [
    ["Asset", "Value"],
    ["Cash", 1e6],
  ];
  const SC = [
    ["Scenario", "Rates 2y", "Rates 10y", "Rates 30y"],
    ["Steepener", 0, 100, 200],
  ];

  test("is shifted at its Years: 7 years is 5/8 of the way from the 2y key to the 10y key", () => {
    const s = liquidityReport(readLiquidity(POS(7), COLL, SC)).scenarios[0];
    expect(s.loss.total).toBeCloseTo(1e6 * 0.0008 * 62.5, 9);
  });

  test("needs its Years, and says so", () => {
    expectEngineError(() => readLiquidity(POS(null), COLL, SC), "value", /^Positions row 1 \(10y swap\): Years is needed for a DV01 row/);
  });
});
