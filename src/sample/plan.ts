/**
 * The sample plan, once: the Northfield Manufacturing Pension Plan, a US corporate defined-benefit plan of about
 * 2.5 billion (illustrative figures, not market data; valuation date 31 December 2025, USD). Every table of the
 * plan and every named input, as plain data. It feeds both scripts/make-sample-workbook.ts (the sample workbook
 * examples/pension-plan.xlsx: these tables on its sheets, with OVERLAY formulas around them) and the playground
 * (src/playground/samplePlan.ts: a MemoryWorkbook of the same tables, for the task pane in a browser, the pane
 * tests and the browser tests), so the two never disagree.
 *
 * The one book: the Positions table is the overlay (ES, MFS, UB and TY futures; the S&P 500 collar's two legs),
 * read by exposure, leverage, the hedge ratio, liquidity and the futures workflows alike. One DV01 basis: the UB and
 * TY futures' DV01s come from their cheapest-to-deliver, the same bonds in the Positions (the book and its stress),
 * the Instruments (the hedge) and the Futures table (contract sizing, whose DV01s are FUTURESDV01 formulas).
 *
 * Plain data only: no exceljs, no Node, no workbook types (the playground's bundle imports it). Dates are Excel
 * serials (1900 date system). A cell that is a formula in the workbook is a SampleFormula: the formula as typed in
 * Excel and the value it gives on this plan (the playground shows the value; test/sample/plan.test.ts recomputes
 * it through the registry).
 */

const M = 1e6;

export type SampleValue = number | string | boolean | null;
export type SampleRow = SampleValue[];

/** A formula cell: the formula as typed in Excel (OVERLAY.NAME(...), names of this plan) and the value it gives. */
export interface SampleFormula {
  formula: string;
  value: number;
}

export interface SampleTable {
  name: string;
  sheet: SampleSheet;
  headers: readonly string[];
  rows: readonly SampleRow[];
  /** Formula cells, "row,col" 0-based within the data rows (the cell in `rows` is null). */
  formulas?: Readonly<Record<string, SampleFormula>>;
}

export type SampleSheet = "Plan" | "Options" | "LDI" | "Risk" | "Completion";

/** The valuation date: 31 December 2025. */
export const VALUATION_DATE = 46022;

/**
 * The workbook's named inputs (the workbook names them so; each is one cell): the valuation date (Plan), the
 * option market (Options), the TY and UB cheapest-to-deliver (LDI), the cash rate the rolls are read against (Risk).
 *
 * The cheapest-to-deliver into the March 2026 contracts (illustrative bonds): below the 6% notional coupon the
 * shortest-duration deliverable is cheapest, so each is near the short end of its basket (treasuryFutures.ts:
 * TY 6y 6m to 10y, UB 25 to 30 years from 1 March 2026). TY: the 4 1/4s of 15 November 2032 (6y 8m), CF 0.9069.
 * UB: the 4 3/4s of 15 August 2051 (25y 5m), CF 0.8384, at 4.69%, the yield the Curve prices it at (its flows on
 * the zero curve give 102.69 dirty, 4.6895%), so the book's figures and the hedge's are on one curve.
 */
export const NAMED = {
  ValuationDate: VALUATION_DATE,
  Spot: 5900,
  Years: 0.5,
  Rate: 0.042,
  DivYield: 0.013,
  Vol: 0.175,
  PutStrike: 5310,
  EsFuture: 5985,
  QuotedPut: 95,
  QuotedFuturePut: 95.5,
  TyCtdCoupon: 0.0425,
  /** 15 Nov 2032. */
  TyCtdMaturity: 48533,
  TyCtdYield: 0.0405,
  UbCtdCoupon: 0.0475,
  /** 15 Aug 2051. */
  UbCtdMaturity: 55380,
  UbCtdYield: 0.0469,
  /** March 2026 (1 Mar 2026). */
  DeliveryMonth: 46082,
  CashRate: 0.043,
} as const;

/**
 * Physical holdings, targets and ranges, and each bond class's duration. The synthetic exposure is not typed:
 * it comes from the book (the Positions table on the Risk sheet), financed from Cash (the funding leg), the
 * collar's delta included (an option overlay, declared levered: not financed from cash). Physical values are
 * those of a plan whose book completes them: 44m of ES on US large cap, 15m of MFS on international equity,
 * 850 UB (114.5m by DV01 against the class's 13.2-year duration: 850 x 177.89 / (13.2 x 1bp)) and 400 TY (44.0m
 * against 6.0 years: 400 x 66.04 / (6 x 1bp)): 217.5m financed from 293m of cash, which leaves 75.5m (3.0% of NAV,
 * the Cash target). Long duration is then at 25.4% (521m + 114.5m), under its 27% floor, and the collar (about
 * -222m of delta) takes US large cap to 15.5%, under its 17% floor: the rebalance buys UB sized by DV01 and ES.
 */
export const PORTFOLIO: SampleRow[] = [
  // Asset class, Market value, Target, Min, Max, Liquid, Proxy, Duration
  ["US large cap equity", 566 * M, 0.2, 0.17, 0.23, true, null, null],
  ["US small cap equity", 95 * M, 0.04, 0.02, 0.06, true, null, null],
  ["International equity", 225 * M, 0.13, 0.1, 0.16, true, null, null],
  ["Emerging markets equity", 130 * M, 0.05, 0.03, 0.07, true, null, null],
  ["Private equity", 290 * M, 0.08, 0.05, 0.11, false, "US small cap equity", null],
  ["Real estate", 180 * M, 0.07, 0.05, 0.09, false, "US large cap equity", null],
  ["Long duration fixed income", 521 * M, 0.3, 0.27, 0.33, true, null, 13.2],
  ["Core fixed income", 155 * M, 0.08, 0.06, 0.1, true, null, 6],
  ["Commodities", 45 * M, 0.02, 0.01, 0.03, true, null, null],
  ["Cash", 293 * M, 0.03, 0.01, 0.05, true, null, null],
];

export const FUTURES: SampleRow[] = [
  // Asset class, Contract, Price, Multiplier, Beta, FX, Margin, DV01 (rate futures: sized by DV01 against the
  // class's Duration, Hull's duration-based hedge ratio, so they carry no typed Beta; the UB and TY DV01s are
  // FUTURESDV01 formulas on their cheapest-to-deliver, FUTURES_FORMULAS, the figures the book derives)
  ["US large cap equity", "ES Mar26 (E-mini S&P 500)", 5900, 50, 1, 1, 22000, null],
  ["US small cap equity", "RTY Mar26 (E-mini Russell 2000)", 2250, 50, 1, 1, 10500, null],
  ["International equity", "MFS Mar26 (MSCI EAFE)", 2450, 50, 1, 1, 8500, null],
  ["Emerging markets equity", "MME Mar26 (MSCI Emerging Markets)", 1150, 50, 1, 1, 4200, null],
  ["Long duration fixed income", "UB Mar26 (Ultra T-bond)", 118.5, 1000, null, 1, 8000, null],
  ["Core fixed income", "TY Mar26 (10-year note)", 110.5, 1000, null, 1, 2600, null],
  ["Commodities", "BCOM Mar26 (Bloomberg Commodity)", 102.5, 100, 1, 1, 900, null],
];

/** The collar's legs in index units (847 SPX options of 100): the put strike is PutStrike, the call the zero-cost strike. */
export const LEGS: SampleRow[] = [
  ["put", null, 84700],
  ["call", null, -84700],
];

/** The house view, dated: one tilt of three legs from 9 December 2025 to 31 March 2026, a 5m stop loss. */
export const TILTS: SampleRow[] = [
  // Id, Asset class, Tilt, Start, Expiry, Stop loss, P&L
  ["EM over US", "Emerging markets equity", 0.01, 46000, 46112, 5 * M, 1.2 * M],
  ["EM over US", "US large cap equity", -0.005, null, null, null, null],
  ["EM over US", "Core fixed income", -0.005, null, null, null, null],
];

export const SMILE: SampleRow[] = [
  [4700, 0.265],
  [5000, 0.235],
  [5300, 0.208],
  [5600, 0.19],
  [5900, 0.175],
  [6200, 0.16],
  [6500, 0.15],
  [7100, 0.145],
];

export const CURVE: SampleRow[] = [
  [1, 0.0415],
  [2, 0.04],
  [3, 0.0395],
  [5, 0.04],
  [7, 0.0415],
  [10, 0.0435],
  [15, 0.0465],
  [20, 0.0485],
  [25, 0.049],
  [30, 0.049],
  [40, 0.0485],
  [50, 0.048],
];

/** Projected benefit payments: a closed plan's cash flows, rising with indexation then running off. */
export function liabilities(): SampleRow[] {
  const raw: number[] = [];
  for (let t = 1; t <= 60; t++) raw.push(Math.pow(1.025, t - 1) * Math.exp(-Math.pow(t / 30, 2.4)));
  // Scaled so the liabilities' value at a flat 4.7% is about 2.6bn (a plan about 96% funded).
  const pv = raw.reduce((s, a, i) => s + a / Math.pow(1.047, i + 1), 0);
  const scale = (2600 * M) / pv;
  return raw.map((a, i) => [i + 1, Math.round((a * scale) / 1e5) * 1e5]);
}

/** The long-duration bond portfolio's cash flows: a 4.5% coupon ladder maturing evenly from year 5 to 40. */
export function assetCashflows(): SampleRow[] {
  const face = 640 * M;
  const perYear = face / 36;
  let outstanding = face;
  const out: SampleRow[] = [];
  for (let t = 1; t <= 40; t++) {
    const principal = t >= 5 ? perYear : 0;
    out.push([t, Math.round((outstanding * 0.045 + principal) / 1e5) * 1e5]);
    outstanding -= principal;
  }
  return out;
}

/**
 * The book: every overlay position once (src/engine/book/positions.ts), read by EXPOSURE, REBALANCE, EQUITISE,
 * TILT, LEVERAGE, BOOK, DAILY and the risk functions alike. Id, Asset class, Contract, Kind, Quantity, Price,
 * Multiplier, Margin, Factor, Coupon, Years, Yield, Conversion factor (the Treasury futures through their
 * cheapest-to-deliver: the named UB and TY bonds of the LDI sheet, their factors OVERLAY.CONVFACTOR formulas; their
 * DV01 per contract is derived from these, CTD DV01 / CF, never typed), and the collar's legs (847 SPX options of
 * 100: the Legs table's 84,700 index units; Option type, Strike, Vol; Years and Yield are then the option's time
 * and dividend yield; Rate) declared Levered: not financed from cash.
 *
 * Years to the CTD's maturity as Excel's PRICE counts them (30/360 from 31-Dec-2025: N - 1 coupon periods after
 * the next coupon plus DSC/E of one, over 2), so the DV01 derived from them is OVERLAY.BOND's: the 4 3/4s of
 * 15-Aug-2051, 52 coupons, A = 136 of E = 180 days, (51 + 44/180) / 2; the 4 1/4s of 15-Nov-2032, 14 coupons,
 * A = 46, (13 + 134/180) / 2.
 */
const UB_CTD_YEARS = (51 + 44 / 180) / 2;
const TY_CTD_YEARS = (13 + 134 / 180) / 2;

export const POSITIONS: SampleRow[] = [
  // Id, Asset class, Contract, Kind, Quantity, Price, Multiplier, Margin, Factor, Coupon, Years, Yield, Conversion
  // factor, Option type, Strike, Vol, Rate, Levered (the UB and TY Coupon, Yield and factor are formulas: POSITIONS_FORMULAS)
  [
    "ES1",
    "US large cap equity",
    "ES Mar26",
    "future",
    150,
    5900,
    50,
    22000,
    "Equity",
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ],
  [
    "MFS1",
    "International equity",
    "MFS Mar26",
    "future",
    120,
    2450,
    50,
    8500,
    "Equity",
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ],
  [
    "UB1",
    "Long duration fixed income",
    "UB Mar26",
    "future",
    850,
    118.5,
    1000,
    8000,
    "Rates",
    null,
    UB_CTD_YEARS,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ],
  [
    "TY1",
    "Core fixed income",
    "TY Mar26",
    "future",
    400,
    110.5,
    1000,
    2600,
    "Rates",
    null,
    TY_CTD_YEARS,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ],
  [
    "PUT1",
    "US large cap equity",
    "SPX Jun26 5310 P",
    "option",
    847,
    5900,
    100,
    null,
    "Equity",
    null,
    0.5,
    0.013,
    null,
    "put",
    5310,
    0.2074,
    0.042,
    true,
  ],
  [
    "CALL1",
    "US large cap equity",
    "SPX Jun26 6448 C",
    "option",
    -847,
    5900,
    100,
    null,
    "Equity",
    null,
    0.5,
    0.013,
    null,
    "call",
    6448,
    0.1517,
    0.042,
    true,
  ],
];

/** The CME factor of a cheapest-to-deliver into its March 2026 contract, as the workbook's formula gives it. */
const convFactor = (contract: "UB" | "TY", value: number): SampleFormula => ({
  formula: `OVERLAY.CONVFACTOR("${contract}",${contract === "UB" ? "Ub" : "Ty"}CtdCoupon,${contract === "UB" ? "Ub" : "Ty"}CtdMaturity,DeliveryMonth)`,
  value,
});
const UB_CF = convFactor("UB", 0.8384);
const TY_CF = convFactor("TY", 0.9069);

/** The Positions' UB1 and TY1 CTD cells: the named bonds (row,col within the data rows). */
const POSITIONS_FORMULAS: Record<string, SampleFormula> = {
  "2,9": { formula: "UbCtdCoupon", value: NAMED.UbCtdCoupon },
  "2,11": { formula: "UbCtdYield", value: NAMED.UbCtdYield },
  "2,12": UB_CF,
  "3,9": { formula: "TyCtdCoupon", value: NAMED.TyCtdCoupon },
  "3,11": { formula: "TyCtdYield", value: NAMED.TyCtdYield },
  "3,12": TY_CF,
};

/**
 * The Futures table's UB and TY DV01 per contract, OVERLAY.FUTURESDV01 of the CTD's OVERLAY.BOND DV01 over its
 * factor: the figures the book derives from the Positions' CTD columns (the same bonds), typed nowhere.
 */
const FUTURES_FORMULAS: Record<string, SampleFormula> = {
  "4,7": {
    formula:
      'OVERLAY.FUTURESDV01(OVERLAY.BOND("dv01",ValuationDate,UbCtdMaturity,UbCtdCoupon,UbCtdYield),' +
      'OVERLAY.CONVFACTOR("UB",UbCtdCoupon,UbCtdMaturity,DeliveryMonth),"UB")',
    value: 177.8885411041047,
  },
  "5,7": {
    formula:
      'OVERLAY.FUTURESDV01(OVERLAY.BOND("dv01",ValuationDate,TyCtdMaturity,TyCtdCoupon,TyCtdYield),' +
      'OVERLAY.CONVFACTOR("TY",TyCtdCoupon,TyCtdMaturity,DeliveryMonth),"TY")',
    value: 66.03626573169936,
  },
};

export const COLLATERAL: SampleRow[] = [
  // Asset, Value, Haircut, Tier, Eligible, Days to cash, Posted (as IM), Factor, Spread factor, Coupon, Years, Yield
  ["Cash at the FCM", 10 * M, 0, 1, "all", 0, 0, null, null, null, null, null],
  ["Treasury bills", 15 * M, 0.005, 1, "CSA, IM", 1, 0, "Rates", null, 0.04, 0.25, 0.04],
  ["Treasury notes", 30 * M, 0.02, 2, "CSA, IM", 1, 12.5 * M, "Rates", null, 0.04, 5, 0.04],
  ["Agency MBS", 15 * M, 0.05, 3, "IM", 3, 0, "Rates", "Credit", 0.05, 7, 0.052],
  ["Investment-grade credit", 25 * M, 0.1, 3, "none", 5, 0, "Rates", "Credit", 0.045, 8, 0.05],
];

export const SCENARIOS: SampleRow[] = [
  // Scenario, Equity, Rates, Credit (bp), IM multiplier, Haircut multiplier
  ["Equity -20%, rates -50bp", -0.2, -50, 50, 1.5, 1.25],
  ["Rates +100bp", -0.05, 100, 0, 1.25, 1],
  ["2022: equity -25%, rates +250bp", -0.25, 250, 100, 1.5, 1.5],
  ["March 2020: equity -34%, rates -150bp", -0.34, -150, 250, 2, 2],
  ["Taper tantrum 2013: rates +100bp", -0.05, 100, 25, 1.2, 1],
];

/** Calendar-spread quotes for the equity rolls: front price, back - front (index points), dividends between the settlements. */
export const SPREADS: SampleRow[] = [
  ["ES Mar26", 5900, 55, 18],
  ["MFS Mar26", 2450, 9, 18],
];

export const HOLDINGS: SampleRow[] = [
  ["Growth manager", 0.3],
  ["Value manager", 0.25],
  ["Quality manager", 0.2],
  ["Small cap manager", 0.1],
  ["S&P 500 index fund", 0.15],
];

export const FACTORS = ["Market", "Size", "Value", "Momentum", "Quality"];
export const LOADINGS: SampleRow[] = [
  ["Growth manager", 1.05, -0.1, -0.45, 0.25, 0.2],
  ["Value manager", 0.95, 0.05, 0.6, -0.15, 0.05],
  ["Quality manager", 0.9, -0.15, -0.05, 0.1, 0.55],
  ["Small cap manager", 1.1, 0.85, 0.15, 0.05, -0.2],
  ["S&P 500 index fund", 1, -0.2, 0, 0, 0.1],
  ["Russell 2000 futures", 1.1, 0.9, 0.1, -0.05, -0.25],
  ["US value ETF", 0.95, 0, 0.75, -0.2, 0],
  ["US momentum ETF", 1, -0.05, -0.2, 0.8, 0.1],
  ["Minimum volatility ETF", 0.7, -0.1, 0.1, 0.05, 0.35],
];
export const TARGETS: SampleRow[] = [
  ["Market", 1],
  ["Size", 0],
  ["Value", 0.1],
  ["Momentum", 0.05],
  ["Quality", 0.15],
];

/**
 * Hedge instruments, each valued from its own cash flows (issue 15): Treasury futures through an illustrative
 * cheapest-to-deliver (coupon, maturity in years from the valuation date, Act/365.25 on the curve's time axis,
 * delivery 31-Mar-2026, CME conversion factor into the March 2026 contract), the TY and UB rows on the book's
 * bonds (the named CTDs: coupon and factor formulas; 2,511 and 9,358 days to maturity), and USD SOFR receiver swaps
 * at every key tenor (par, annual Act/360, $1m notional steps).
 */
export const INSTRUMENTS: SampleRow[] = [
  // Instrument, Kind, Tenor, Coupon, Index, Contract, Delivery, Factor
  ["TU Mar26 (2-year note future)", "future", 1.9548, 0.035, "", "TU", 0.2464, 0.959],
  ["FV Mar26 (5-year note future)", "future", 4.9993, 0.04, "", "FV", 0.2464, 0.9183],
  ["TY Mar26 (10-year note future)", "future", 6.8747, null, "", "TY", 0.2464, null],
  ["US Mar26 (T-bond future)", "future", 15.3703, 0.04375, "", "US", 0.2464, 0.8407],
  ["UB Mar26 (Ultra T-bond future)", "future", 25.6208, null, "", "UB", 0.2464, null],
  ...[1, 2, 3, 5, 7, 10, 15, 20, 25, 30].map((t): SampleRow => [`${t}-year SOFR receiver swap`, "swap", t, null, "SOFR", "", null, null]),
];

/** Covariance of the asset classes' returns, from a three-factor model (equity, rates, commodities) so it is positive definite. */
export function covariance(): { names: string[]; matrix: number[][] } {
  // Per class: loadings on the equity, rates and commodity factors, and specific volatility (annual).
  const model: Record<string, [number, number, number, number]> = {
    "US large cap equity": [0.155, 0.01, 0.01, 0.03],
    "US small cap equity": [0.19, 0.015, 0.02, 0.08],
    "International equity": [0.15, 0.01, 0.03, 0.06],
    "Emerging markets equity": [0.18, 0.01, 0.05, 0.1],
    "Private equity": [0.2, 0.005, 0.02, 0.12],
    "Real estate": [0.1, -0.03, 0.01, 0.1],
    "Long duration fixed income": [0.01, -0.11, -0.01, 0.03],
    "Core fixed income": [0.005, -0.045, -0.005, 0.015],
    Commodities: [0.06, 0.02, 0.15, 0.06],
    Cash: [0, -0.002, 0, 0.004],
  };
  const names = PORTFOLIO.map((r) => String(r[0]));
  const matrix = names.map((a) =>
    names.map((b) => {
      const x = model[a];
      const y = model[b];
      const v = x[0] * y[0] + x[1] * y[1] + x[2] * y[2] + (a === b ? x[3] * x[3] : 0);
      return Number(v.toPrecision(8));
    }),
  );
  return { names, matrix };
}

/** Every table of the plan, by sheet, in the order the workbook lays them out. */
export const SAMPLE_TABLES: readonly SampleTable[] = [
  {
    name: "Portfolio",
    sheet: "Plan",
    headers: ["Asset class", "Market value", "Target", "Min", "Max", "Liquid", "Proxy", "Duration"],
    rows: PORTFOLIO,
  },
  {
    name: "Futures",
    sheet: "Plan",
    headers: ["Asset class", "Contract", "Price", "Multiplier", "Beta", "FX", "Margin", "DV01"],
    rows: FUTURES,
    formulas: FUTURES_FORMULAS,
  },
  { name: "Tilts", sheet: "Plan", headers: ["Id", "Asset class", "Tilt", "Start", "Expiry", "Stop loss", "P&L"], rows: TILTS },
  { name: "Smile", sheet: "Options", headers: ["Strike", "Vol"], rows: SMILE },
  {
    name: "Legs",
    sheet: "Options",
    headers: ["Type", "Strike", "Quantity"],
    rows: LEGS,
    formulas: {
      "0,1": { formula: "PutStrike", value: NAMED.PutStrike },
      "1,1": { formula: 'OVERLAY.ZEROCOST("collar",Spot,Years,Rate,DivYield,Smile[#All],PutStrike)', value: 6448.396951439498 },
    },
  },
  { name: "Curve", sheet: "LDI", headers: ["Tenor", "Rate"], rows: CURVE },
  { name: "Liabilities", sheet: "LDI", headers: ["Time", "Amount"], rows: liabilities() },
  { name: "Assets", sheet: "LDI", headers: ["Time", "Amount"], rows: assetCashflows() },
  {
    name: "Instruments",
    sheet: "LDI",
    headers: ["Instrument", "Kind", "Tenor", "Coupon", "Index", "Contract", "Delivery", "Factor"],
    rows: INSTRUMENTS,
    formulas: {
      "2,3": { formula: "TyCtdCoupon", value: NAMED.TyCtdCoupon },
      "2,7": TY_CF,
      "4,3": { formula: "UbCtdCoupon", value: NAMED.UbCtdCoupon },
      "4,7": UB_CF,
    },
  },
  {
    name: "Positions",
    sheet: "Risk",
    headers: [
      "Id",
      "Asset class",
      "Contract",
      "Kind",
      "Quantity",
      "Price",
      "Multiplier",
      "Margin",
      "Factor",
      "Coupon",
      "Years",
      "Yield",
      "Conversion factor",
      "Option type",
      "Strike",
      "Vol",
      "Rate",
      "Levered",
    ],
    rows: POSITIONS,
    formulas: POSITIONS_FORMULAS,
  },
  {
    name: "Collateral",
    sheet: "Risk",
    headers: [
      "Asset",
      "Value",
      "Haircut",
      "Tier",
      "Eligible",
      "Days to cash",
      "Posted",
      "Factor",
      "Spread factor",
      "Coupon",
      "Years",
      "Yield",
    ],
    rows: COLLATERAL,
  },
  {
    name: "Scenarios",
    sheet: "Risk",
    headers: ["Scenario", "Equity", "Rates", "Credit", "IM multiplier", "Haircut multiplier"],
    rows: SCENARIOS,
  },
  { name: "Spreads", sheet: "Risk", headers: ["Contract", "Price", "Spread", "Dividends"], rows: SPREADS },
  { name: "Holdings", sheet: "Completion", headers: ["Security", "Weight"], rows: HOLDINGS },
  { name: "Loadings", sheet: "Completion", headers: ["Security", ...FACTORS], rows: LOADINGS },
  { name: "Targets", sheet: "Completion", headers: ["Factor", "Target"], rows: TARGETS },
];

/** A table of the plan by name. */
export function sampleTable(name: string): SampleTable {
  const t = SAMPLE_TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`the sample plan has no table ${name}`);
  return t;
}

/** A table as values, header row first, each formula cell holding its value (what a workbook shows). */
export function tableValues(t: SampleTable): SampleRow[] {
  return [[...t.headers], ...t.rows.map((r, i) => r.map((v, j) => t.formulas?.[`${i},${j}`]?.value ?? v))];
}
