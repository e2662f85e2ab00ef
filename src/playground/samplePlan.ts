/**
 * The sample plan: a US corporate pension of about 5.5 billion dollars with ten asset classes (private
 * equity and real estate illiquid, proxied by US equity futures), its futures, tactical tilts, an equity
 * collar's legs, liabilities with a discount curve and hedge instruments, futures positions with collateral
 * and stress scenarios, and a manager line-up with factor loadings and targets. Figures are illustrative,
 * of realistic size (contract specs as CME lists them; prices and margins rounded, not quotes).
 */
import { MemoryWorkbook } from "../workbook/MemoryWorkbook";
import { PortMatrix } from "../workbook/WorkbookPort";

/**
 * The Portfolio: physical holdings, targets and ranges. The synthetic exposure is not typed here: it comes from
 * the book (POSITIONS), and the Cash row finances it (the funding leg). Physical market values are those of the
 * plan whose effective exposure the book completes (US equity 1,500m physical + 59.5m of ES = 1,560m).
 */
export const PORTFOLIO: PortMatrix = [
  ["Asset class", "Market value", "Target", "Min", "Max", "Liquid", "Proxy"],
  ["US equity", 1_500_500_000, 0.25, 0.22, 0.28, true, ""],
  ["Non-US developed equity", 765_500_000, 0.15, 0.13, 0.17, true, ""],
  ["Emerging markets equity", 330_000_000, 0.06, 0.05, 0.07, true, ""],
  ["Core fixed income", 816_850_000, 0.2, 0.17, 0.23, true, ""],
  ["Long duration Treasuries", 528_200_000, 0.1, 0.08, 0.12, true, ""],
  ["TIPS", 190_000_000, 0.04, 0.03, 0.05, true, ""],
  ["Commodities", 150_000_000, 0.03, 0.02, 0.04, true, ""],
  ["Private equity", 680_000_000, 0.09, 0.06, 0.12, false, "US equity"],
  ["Real estate", 300_000_000, 0.06, 0.04, 0.08, false, "US equity"],
  ["Cash", 338_950_000, 0.02, 0, 0.04, true, ""],
];

export const FUTURES: PortMatrix = [
  ["Asset class", "Contract", "Price", "Multiplier", "Beta", "FX", "Margin"],
  ["US equity", "ES", 5950, 50, 1, 1, 19_800],
  ["Non-US developed equity", "MFS", 2450, 50, 1, 1, 7_500],
  ["Emerging markets equity", "MME", 1150, 50, 1.05, 1, 4_200],
  ["Core fixed income", "FV", 108.5, 1000, 1.35, 1, 1_500],
  ["Long duration Treasuries", "UB", 118, 1000, 0.9, 1, 8_000],
  ["Commodities", "BCOM", 102.5, 100, 1, 1, 600],
];

export const TILTS: PortMatrix = [
  ["Asset class", "Tilt"],
  ["US equity", -0.015],
  ["Non-US developed equity", 0.01],
  ["Emerging markets equity", 0.005],
  ["Core fixed income", 0.01],
  ["Long duration Treasuries", -0.01],
];

/** A zero-cost-style collar on about 1 billion of US equity (S&P 500 index units), six months. */
export const LEGS: PortMatrix = [
  ["Type", "Strike", "Quantity", "Vol", "Years"],
  ["put", 5650, 168_000, 0.19, 0.5],
  ["call", 6300, -168_000, 0.135, 0.5],
];

export const CURVE: PortMatrix = [
  ["Tenor", "Rate"],
  [1, 0.041],
  [2, 0.039],
  [3, 0.0385],
  [5, 0.039],
  [7, 0.0402],
  [10, 0.0418],
  [15, 0.0437],
  [20, 0.0455],
  [25, 0.046],
  [30, 0.0455],
  [40, 0.0442],
  [50, 0.0432],
];

/** Benefit payments of a closed plan: rising for about fifteen years, then running off over sixty. */
export function liabilityCashFlows(): PortMatrix {
  const rows: PortMatrix = [["Time", "Amount"]];
  for (let t = 1; t <= 60; t++) {
    const amount = 320_000_000 * Math.exp(-(((t - 14) / 19) ** 2));
    rows.push([t, Math.round(amount / 100_000) * 100_000]);
  }
  return rows;
}

/** The fixed-income assets' cash flows: a 1.4 billion ladder of 4.25% coupons over thirty years. */
export function assetCashFlows(): PortMatrix {
  const rows: PortMatrix = [["Time", "Amount"]];
  const face = 1_400_000_000;
  for (let t = 1; t <= 30; t++) {
    const outstanding = face * (1 - (t - 1) / 30);
    rows.push([t, Math.round((outstanding * 0.0425 + face / 30) / 100_000) * 100_000]);
  }
  return rows;
}

/** Hedge instruments: PV01 per unit (a contract, or 1 dollar of swap notional). */
export const INSTRUMENTS: PortMatrix = [
  ["Instrument", "Tenor", "PV01", "Integer"],
  ["TU 2Y T-Note future", 2, 38, true],
  ["FV 5Y T-Note future", 5, 47, true],
  ["TY 10Y T-Note future", 7, 68, true],
  ["US T-Bond future", 15, 145, true],
  ["UB Ultra Bond future", 25, 232, true],
  ["10Y receiver swap", 10, 0.00082, false],
  ["20Y receiver swap", 20, 0.00136, false],
  ["30Y receiver swap", 30, 0.00171, false],
  ["40Y receiver swap", 40, 0.00205, false],
];

/**
 * The book: the overlay's positions, one row each. Their exposure is derived (59.5m of ES on US equity,
 * 24.5m of MFS, 33.15m of TY, 11.8m of UB: 128.95m financed from cash), their margin and DV01 too.
 */
export const POSITIONS: PortMatrix = [
  ["Id", "Asset class", "Contract", "Kind", "Quantity", "Price", "Multiplier", "Margin", "Factor", "DV01"],
  ["ES1", "US equity", "ES", "future", 200, 5950, 50, 19_800, "Equity", ""],
  ["MFS1", "Non-US developed equity", "MFS", "future", 200, 2450, 50, 7_500, "Equity", ""],
  ["TY1", "Core fixed income", "TY", "future", 300, 110.5, 1000, 2_800, "Rates", 68],
  ["UB1", "Long duration Treasuries", "UB", "future", 100, 118, 1000, 8_000, "Rates", 232],
];

export const COLLATERAL: PortMatrix = [
  ["Asset", "Value", "Haircut", "Tier"],
  ["Cash", 60_000_000, 0, 1],
  ["US Treasuries", 150_000_000, 0.02, 1],
  ["Agency MBS", 80_000_000, 0.05, 2],
  ["Investment-grade credit", 60_000_000, 0.1, 3],
];

export const SCENARIOS: PortMatrix = [
  ["Scenario", "Equity", "Rates"],
  ["Equities -10%", -0.1, 0],
  ["Rates +100bp", 0, 100],
  ["Equities -20%, rates +50bp", -0.2, 50],
  ["2022: equities -25%, rates +200bp", -0.25, 200],
  ["2008: equities -40%, rates -100bp", -0.4, -100],
];

export const HOLDINGS: PortMatrix = [
  ["Security", "Weight"],
  ["Growth manager A", 0.22],
  ["Growth manager B", 0.18],
  ["Quality manager", 0.2],
  ["Small-cap value manager", 0.12],
  ["Dividend manager", 0.16],
  ["Thematic manager", 0.12],
];

export const LOADINGS: PortMatrix = [
  ["Security", "Value", "Size", "Momentum", "Quality", "Low volatility"],
  ["Growth manager A", -0.45, 0.3, 0.4, 0.2, -0.3],
  ["Growth manager B", -0.35, 0.2, 0.55, 0.1, -0.2],
  ["Quality manager", -0.1, 0.35, 0.1, 0.6, 0.2],
  ["Small-cap value manager", 0.7, -0.8, -0.1, -0.1, 0],
  ["Dividend manager", 0.5, 0.3, -0.2, 0.25, 0.45],
  ["Thematic manager", -0.3, -0.2, 0.35, -0.25, -0.5],
  ["Value ETF", 0.8, 0.2, -0.15, 0.05, 0.15],
  ["Momentum ETF", -0.1, 0.25, 0.85, 0.1, -0.05],
  ["Quality ETF", 0, 0.3, 0.1, 0.8, 0.25],
  ["Minimum volatility ETF", 0.15, 0.35, 0, 0.3, 0.85],
  ["Small-cap ETF", 0.2, -0.9, 0, -0.1, -0.15],
];

export const TARGETS: PortMatrix = [
  ["Factor", "Target"],
  ["Value", 0],
  ["Size", 0],
  ["Momentum", 0.1],
  ["Quality", 0.2],
  ["Low volatility", 0],
];

/** The sample workbook: the client's sheets, each holding named tables. */
export function samplePlan(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const stack = (sheet: string, tables: [string, PortMatrix][]) => {
    let row = 1;
    for (const [name, values] of tables) {
      wb.putTable(sheet, name, `A${row}`, values);
      row += values.length + 2;
    }
  };
  stack("Plan", [
    ["Portfolio", PORTFOLIO],
    ["Futures", FUTURES],
    ["Tilts", TILTS],
  ]);
  stack("Options", [["Legs", LEGS]]);
  stack("LDI", [
    ["Curve", CURVE],
    ["Instruments", INSTRUMENTS],
    ["Liabilities", liabilityCashFlows()],
    ["Assets", assetCashFlows()],
  ]);
  stack("Liquidity", [
    ["Positions", POSITIONS],
    ["Collateral", COLLATERAL],
    ["Scenarios", SCENARIOS],
  ]);
  stack("Completion", [
    ["Holdings", HOLDINGS],
    ["Loadings", LOADINGS],
    ["Targets", TARGETS],
  ]);
  wb.select("Plan!A1:H11");
  return wb;
}

/** Option values the playground starts each workflow with (what a consultant would type for this plan). */
export const SAMPLE_OPTIONS = {
  options: { spot: "5950", years: "0.5", rate: "0.04", yield: "0.013", vol: "0.16" },
  completion: { value: "1200000000" },
} as const;
