/**
 * Generates examples/pension-plan.xlsx: a realistic defined-benefit plan (illustrative figures, not market
 * data) with its inputs as Excel tables and OVERLAY formulas throughout, every catalogue function at least
 * once, several reading the results of others.
 *
 *   npm run sample            (npx tsx scripts/make-sample-workbook.ts [out.xlsx])
 *
 * The tables: Portfolio, Futures, Tilts (Plan); Smile, Legs (Options); Curve, Liabilities, Assets,
 * Instruments (LDI); Positions, Collateral, Scenarios (Risk); Holdings, Loadings, Targets (Completion);
 * a covariance matrix (Covariance). Formulas are saved as Excel saves an add-in's functions
 * (_xldudf_OVERLAY_REBALANCE), so Excel with the add-in loaded picks them up.
 *
 * The layout is computed: a first pass evaluates every formula (with `overlay run`'s engine) to learn the
 * size of each result, the second lays the results out one under another and fills in the references
 * between them; the file written is that workbook after `overlay run`, so it opens with every result cached.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { REGISTRY } from "../src/functions/registry";
import { cellAddress, quoteSheet } from "../src/workbook/address";
import { loadBook } from "../src/cli/xlsx/load";
import { runLoaded } from "../src/cli/commands/run";
import { canonicalName, parseFormula, Expr } from "../src/cli/xlsx/formula/parse";
// The plan's data, once: the tables and named inputs the playground shows too.
import { NAMED, PORTFOLIO, SampleTable, covariance, sampleTable } from "../src/sample/plan";

type Row = (string | number | boolean | Date | null)[];
type Fmt = string | undefined;

const FIXED_DATE = new Date(Date.UTC(2025, 11, 31));

/** Excel's saved form of an OVERLAY function call. */
const X = (id: string) => `_xldudf_OVERLAY_${id}`;

// ------------------------------------------------------------------------------------------------------------
// Layout: output blocks, stacked one under another in a sheet's output column

interface Size {
  rows: number;
  cols: number;
}

interface Block {
  id: string;
  sheet: string;
  title: string;
  note?: string;
  formula: (L: Layout) => string;
}

interface Placed {
  sheet: string;
  row: number; // the formula's cell
  col: number;
}

class Layout {
  readonly placed = new Map<string, Placed>();

  constructor(readonly sizes: Map<string, Size>) {}

  at(id: string): Placed {
    const p = this.placed.get(id);
    if (!p) throw new Error(`block ${id} is not placed yet`);
    return p;
  }

  /** A cell of a block's result, row r and column c from its top-left (0-based), sheet-qualified and absolute. */
  cell(id: string, r = 0, c = 0): string {
    const p = this.at(id);
    return `${quoteSheet(p.sheet)}!${abs(p.row + r, p.col + c)}`;
  }

  range(id: string, r1: number, c1: number, r2: number, c2: number): string {
    const p = this.at(id);
    return `${quoteSheet(p.sheet)}!${abs(p.row + r1, p.col + c1)}:${abs(p.row + r2, p.col + c2)}`;
  }

  /** The whole spilled result of a block (the spill operator, saved as ANCHORARRAY). */
  spill(id: string): string {
    const p = this.at(id);
    return `_xlfn.ANCHORARRAY(${quoteSheet(p.sheet)}!${abs(p.row, p.col)})`;
  }
}

/** Absolute A1 address of a 0-based cell. */
function abs(row: number, col: number): string {
  return cellAddress(row + 1, col + 1).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
}

/** The row (0-based within a result) of an asset class in the REBALANCE/EXPOSURE spills: header + Portfolio order. */
const classRow = (name: string) => 1 + PORTFOLIO.findIndex((r) => r[0] === name);

const BLOCKS: Block[] = [
  // Plan
  {
    id: "exposure",
    sheet: "Plan",
    title: "Exposure against the strategic allocation",
    note: "Physical + synthetic (the book on the Risk sheet, the collar delta-adjusted) = effective exposure; Cash's synthetic is the funding leg.",
    formula: () => `${X("EXPOSURE")}(Portfolio[#All],Positions[#All])`,
  },
  {
    id: "rebalance",
    sheet: "Plan",
    title: "Rebalancing with futures, to the edge of the ranges",
    note: "Only classes outside their ranges get a goal; private equity and real estate are offset through their proxies' futures.",
    formula: () => `${X("REBALANCE")}(Portfolio[#All],Futures[#All],"edge",,,Positions[#All])`,
  },
  {
    id: "rebalanceOptimal",
    sheet: "Plan",
    title: "Rebalancing to target, whole contracts chosen together",
    formula: () => `${X("REBALANCE")}(Portfolio[#All],Futures[#All],"target","always","optimal",Positions[#All])`,
  },
  {
    id: "equitise",
    sheet: "Plan",
    title: "Cash equitisation",
    note: "Cash above the buffer (a year of benefit payments, 140m) invested pro rata to the targets, never above a class's max.",
    formula: () => `${X("EQUITISE")}(Portfolio[#All],Futures[#All],,,,,Positions[#All],140000000)`,
  },
  {
    id: "tilt",
    sheet: "Plan",
    title: "Tactical tilts, funded",
    note: "Scaled so every post-tilt weight stays inside its range.",
    formula: () => `${X("TILT")}(Portfolio[#All],Futures[#All],Tilts[#All],"funded",150000000,Positions[#All])`,
  },
  {
    id: "daily",
    sheet: "Plan",
    title: "The daily proposal: rebalance, the tilt kept, netted per contract",
    note: "Edge rule, the dated tilts, a 140m cash-needs buffer, no trade under 5 contracts or 1m.",
    formula: () => `${X("DAILY")}(Portfolio[#All],Futures[#All],ValuationDate,Positions[#All],Tilts[#All],,140000000,5,1000000,,,0.95,1.1)`,
  },
  {
    id: "tranches",
    sheet: "Plan",
    title: "Staging the US large cap sale in weekly tranches",
    note: "The contracts come from the rebalancing result above; CME business days, never after the ES contract's last trading day.",
    formula: (L) => `${X("TRANCHES")}(${L.cell("rebalance", classRow("US large cap equity"), 9)},4,ValuationDate,7,"front",Plan!$B$17)`,
  },
  {
    id: "contractDates",
    sheet: "Plan",
    title: "Key dates of the ES contract the plan trades",
    note: "The Futures table's contract: last trading day the 3rd Friday of the month (CME Rulebook ch. 358), the exchange's holidays.",
    formula: () => `${X("CONTRACTDATES")}(Plan!$B$17,ValuationDate)`,
  },
  {
    id: "contracts",
    sheet: "Plan",
    title: "Contracts for 50m of US large cap exposure",
    formula: () => `${X("CONTRACTS")}(50000000,Plan!$C$17,Plan!$D$17,Plan!$E$17)`,
  },
  {
    id: "trackingError",
    sheet: "Plan",
    title: "Ex-ante tracking error of the effective allocation against policy",
    note: "Weights from the exposure result; covariance from the Covariance sheet.",
    formula: (L) => `${X("TRACKINGERROR")}(${L.range("exposure", 1, 5, PORTFOLIO.length, 5)},Portfolio[Target],Covariance!$A$3:$K$13)`,
  },
  // Options
  {
    id: "zerocost",
    sheet: "Options",
    title: "Zero-cost collar: the call strike that pays for the 90% put",
    note: "Also the call leg's strike in the Legs table.",
    formula: () => `${X("ZEROCOST")}("collar",Spot,Years,Rate,DivYield,Smile[#All],PutStrike)`,
  },
  {
    id: "strategy",
    sheet: "Options",
    title: "The collar priced leg by leg (smile vols)",
    formula: () => `${X("STRATEGY")}(Legs[#All],Spot,Years,Rate,DivYield,Smile[#All])`,
  },
  {
    id: "payoff",
    sheet: "Options",
    title: "Value of the collar at expiry, net of its premium",
    note: "Premium = the strategy's total price (about zero).",
    formula: (L) => `${X("PAYOFF")}(Legs[#All],Options!$A$25:$A$36,${L.cell("strategy", 3, 3)})`,
  },
  {
    id: "putPrice",
    sheet: "Options",
    title: "The put alone: Black-Scholes-Merton price (ATM vol)",
    formula: () => `${X("OPTION")}("put",Spot,PutStrike,Years,Rate,DivYield,Vol)`,
  },
  {
    id: "putDelta",
    sheet: "Options",
    title: "Its delta",
    formula: () => `${X("OPTION")}("put",Spot,PutStrike,Years,Rate,DivYield,Vol,"delta")`,
  },
  {
    id: "black76",
    sheet: "Options",
    title: "The same put on the ES future (Black-76)",
    formula: () => `${X("BLACK76")}("put",EsFuture,PutStrike,Years,Rate,Vol)`,
  },
  {
    id: "impliedVol",
    sheet: "Options",
    title: "Implied vol of the quoted put",
    formula: () => `${X("IMPLIEDVOL")}("put",QuotedPut,Spot,PutStrike,Years,Rate,DivYield)`,
  },
  {
    id: "black76Vol",
    sheet: "Options",
    title: "Implied vol of the quoted put on the ES Jun26 future (Black-76)",
    formula: () => `${X("BLACK76VOL")}("put",QuotedFuturePut,EsFuture,PutStrike,Years,Rate)`,
  },
  {
    id: "hedgeContracts",
    sheet: "Options",
    title: "ES contracts to hedge the collar's delta",
    note: "Delta notional from the strategy's total delta.",
    formula: (L) => `${X("CONTRACTS")}(-${L.cell("strategy", 3, 4)}*Spot,EsFuture,50)`,
  },
  {
    id: "pnlGrid",
    sheet: "Options",
    title: "The collar's P&L: spot shock x vol shift (the smile shifted in parallel)",
    formula: () => `${X("PNLGRID")}(Legs[#All],Spot,Years,Rate,DivYield,Smile[#All])`,
  },
  {
    id: "collarLadder",
    sheet: "Options",
    title: "The same collar laddered: four zero-cost tranches three months apart",
    note: "The Legs table's quantity in four tranches; each call strike on the listed 5-point grid, with the premium the rounding leaves.",
    formula: () => `${X("COLLARLADDER")}(Spot,Rate,DivYield,Smile[#All],PutStrike,Options!$C$18)`,
  },
  {
    id: "writing",
    sheet: "Options",
    title: "Systematic call writing: monthly 25-delta calls from the valuation date",
    note: "Strikes by delta on the smile, rounded to the 5-point grid; expiries on the 3rd Fridays (the programme's steady state).",
    formula: () => `${X("WRITING")}("call",0.25,Spot,1/12,Rate,DivYield,Smile[#All],3,5,ValuationDate)`,
  },
  // LDI
  {
    id: "pv",
    sheet: "LDI",
    title: "Present value of the liabilities",
    formula: () => `${X("PRESENTVALUE")}(Liabilities[#All],Curve[#All])`,
  },
  { id: "pv01", sheet: "LDI", title: "PV01 of the liabilities", formula: () => `${X("PV01")}(Liabilities[#All],Curve[#All])` },
  { id: "assetPv01", sheet: "LDI", title: "PV01 of the long-duration bonds", formula: () => `${X("PV01")}(Assets[#All],Curve[#All])` },
  {
    id: "hedgeRatio",
    sheet: "LDI",
    title: "Interest-rate hedge ratio (the bonds and the book's UB and TY futures)",
    note: "The book's futures add Quantity x DV01, each from its CTD (Positions, Risk sheet: 850 x 177.89 + 400 x 66.04 = 177,620 per bp), to the bonds' PV01.",
    formula: (L) => `${X("HEDGERATIO")}(${L.cell("assetPv01")},${L.cell("pv01")},,,,Positions[#All])`,
  },
  {
    id: "hedgeRatioKr",
    sheet: "LDI",
    title: "Hedge ratio per key tenor",
    formula: () => `${X("HEDGERATIO")}(Assets[#All],Liabilities[#All],Curve[#All],TRUE)`,
  },
  { id: "krd", sheet: "LDI", title: "Key-rate 01s of the liabilities", formula: () => `${X("KRD")}(Liabilities[#All],Curve[#All])` },
  {
    id: "hedgeTrades",
    sheet: "LDI",
    title: "Trades to an 80% hedge ratio (total within 1 point, key rates within 5)",
    note: "Treasury futures in whole contracts and SOFR receiver swaps in $1m steps, each from its own cash flows; the TY factor in Instruments is an OVERLAY formula too.",
    formula: () => `${X("HEDGETRADES")}(Liabilities[#All],Curve[#All],0.8,Instruments[#All],Assets[#All])`,
  },
  {
    id: "swapRate",
    sheet: "LDI",
    title: "30-year SOFR par swap rate (annual, Act/360, from the curve)",
    formula: () => `${X("SWAP")}("rate",Curve[#All],30)`,
  },
  {
    id: "swapPv01_30",
    sheet: "LDI",
    title: "30-year receiver swap PV01 per 1 notional",
    formula: () => `${X("SWAP")}("pv01",Curve[#All],30)`,
  },
  {
    id: "swapPv01_10",
    sheet: "LDI",
    title: "10-year receiver swap PV01 per 1 notional",
    formula: () => `${X("SWAP")}("pv01",Curve[#All],10)`,
  },
  {
    id: "ctdPrice",
    sheet: "LDI",
    title: "TY cheapest-to-deliver: clean price",
    formula: () => `${X("BOND")}("price",ValuationDate,TyCtdMaturity,TyCtdCoupon,TyCtdYield)`,
  },
  {
    id: "ctdDuration",
    sheet: "LDI",
    title: "Its modified duration",
    formula: () => `${X("BOND")}("mduration",ValuationDate,TyCtdMaturity,TyCtdCoupon,TyCtdYield)`,
  },
  {
    id: "ctdDv01",
    sheet: "LDI",
    title: "Its DV01 per 100 face",
    formula: () => `${X("BOND")}("dv01",ValuationDate,TyCtdMaturity,TyCtdCoupon,TyCtdYield)`,
  },
  {
    id: "ctdCf",
    sheet: "LDI",
    title: "Its conversion factor into TY Mar26",
    formula: () => `${X("CONVFACTOR")}("TY",TyCtdCoupon,TyCtdMaturity,DeliveryMonth)`,
  },
  {
    id: "tyDv01",
    sheet: "LDI",
    title: "DV01 of one TY contract",
    formula: (L) => `${X("FUTURESDV01")}(${L.cell("ctdDv01")},${L.cell("ctdCf")},"TY")`,
  },
  {
    id: "ctdBasket",
    sheet: "LDI",
    title: "TY Mar26 deliverable basket: basis, implied repo, forward DV01, cheapest-to-deliver (futures 110-16, repo 4%)",
    note: "An illustrative basket (6 1/2 to 8 years from 1-Mar-2026) as an array: Coupon, Maturity (Excel dates), clean Price.",
    formula: () =>
      `${X("CTD")}("TY",DeliveryMonth,{"Coupon","Maturity","Price";0.04125,48533,100.75;0.03875,48625,99;0.04375,48714,102.1;0.04,48898,99.6},110.5,ValuationDate,0.04)`,
  },
  // Risk
  {
    id: "leverage",
    sheet: "Risk",
    title: "Plan leverage against a 0.95 to 1.10 policy",
    formula: () => `${X("LEVERAGE")}(Portfolio[#All],0.95,1.1,,Positions[#All])`,
  },
  {
    id: "book",
    sheet: "Risk",
    title: "The book per asset class: exposure, margin, DV01 and 18f-4 notional",
    note: "Every figure derived from the Positions table; the collar by its Black-Scholes delta.",
    formula: () => `${X("BOOK")}(Portfolio[#All],Positions[#All],ValuationDate,"classes")`,
  },
  {
    id: "reconcile",
    sheet: "Risk",
    title: "Reconciliation: effective exposure = NAV x (1 + declared leverage)",
    formula: () => `${X("BOOK")}(Portfolio[#All],Positions[#All],ValuationDate,"reconcile")`,
  },
  {
    id: "liquidity",
    sheet: "Risk",
    title: "Margin and liquidity under stress",
    formula: () => `${X("LIQUIDITY")}(Positions[#All],Collateral[#All],Scenarios[#All])`,
  },
  {
    id: "ladder",
    sheet: "Risk",
    title: "Liquidity ladder: margin calls met by T+0, T+1, T+3, T+5",
    formula: () => `${X("LADDER")}(Positions[#All],Collateral[#All],Scenarios[#All])`,
  },
  {
    id: "resilience",
    sheet: "Risk",
    title: "Resilience: buffer in bp, the largest rate hedge the collateral sustains, triggers and trades",
    note: "TPR (April 2023): market stress buffer of at least 250bp plus an operational buffer (100bp here).",
    formula: () => `${X("RESILIENCE")}(Positions[#All],Collateral[#All],,,,250,100)`,
  },
  {
    id: "costCompare",
    sheet: "Risk",
    title: "Implementing the long-duration trade: physical bonds or futures",
    note: "Notional from the equitisation result.",
    formula: (L) =>
      `${X("COSTCOMPARE")}(ABS(ABS_NOTIONAL),12,1.5,0.05,1)`.replace(
        "ABS_NOTIONAL",
        L.cell("equitise", classRow("Long duration fixed income"), 4),
      ),
  },
  {
    id: "rolls",
    sheet: "Risk",
    title: "Rolls due within 90 days of the valuation date, as calendar spreads",
    note: "The book's futures on their contracts' roll dates; the quoted spreads (Spreads) give the equity rolls' implied financing over cash.",
    formula: () => `${X("ROLLS")}(Positions[#All],ValuationDate,90,Spreads[#All],CashRate)`,
  },
  {
    id: "rollCost",
    sheet: "Risk",
    title: "The ES roll's implied financing against the cash rate",
    formula: () => `${X("ROLLCOST")}(Risk!$A$31,Risk!$B$31,Risk!$C$31,CashRate,Risk!$D$31,ValuationDate)`,
  },
  // Completion
  {
    id: "factorExposure",
    sheet: "Completion",
    title: "Factor exposures of the US equity managers",
    formula: () => `${X("FACTOREXPOSURE")}(Holdings[#All],Loadings[#All])`,
  },
  {
    id: "completion",
    sheet: "Completion",
    title: "Completion sleeve: 10% of the class, at most 5% in one name",
    formula: () => `${X("COMPLETION")}(Holdings[#All],Loadings[#All],Targets[#All],0.1,0.05)`,
  },
];

/** Where each sheet's results start (0-based column), to the right of its input tables. */
const OUTPUT_COL: Record<string, number> = { Plan: 10, Options: 7, LDI: 18, Risk: 20, Completion: 8 };

function place(sizes: Map<string, Size>): Layout {
  const L = new Layout(sizes);
  const cursor: Record<string, number> = {};
  for (const b of BLOCKS) {
    let row = cursor[b.sheet] ?? 3;
    row += 1 + (b.note ? 1 : 0);
    L.placed.set(b.id, { sheet: b.sheet, row, col: OUTPUT_COL[b.sheet] });
    const s = sizes.get(b.id) ?? { rows: 40, cols: 20 };
    cursor[b.sheet] = row + s.rows + 2;
  }
  return L;
}

// ------------------------------------------------------------------------------------------------------------
// Writing the workbook

const BOLD = { bold: true };
const TITLE_FONT = { bold: true, size: 14 };
const NOTE_FONT = { italic: true, color: { argb: "FF595959" } };

function addTable(
  ws: ExcelJS.Worksheet,
  name: string,
  at: [number, number],
  headers: string[],
  rows: Row[],
  formats: Fmt[] = [],
  formulas: Record<string, { formula: string; result: number }> = {},
) {
  ws.addTable({
    name,
    ref: cellAddress(at[0] + 1, at[1] + 1),
    headerRow: true,
    totalsRow: false,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: headers.map((h) => ({ name: h, filterButton: false })),
    rows: rows.map((r) => r.map((v) => (v === null ? "" : v))),
  });
  rows.forEach((r, i) =>
    r.forEach((_, j) => {
      const cell = ws.getCell(at[0] + 2 + i, at[1] + 1 + j);
      if (formats[j]) cell.numFmt = formats[j]!;
      if (r[j] === null) cell.value = null;
    }),
  );
  // Formula cells inside the table ("row,col" 0-based within the data rows).
  for (const [k, { formula, result }] of Object.entries(formulas)) {
    const [i, j] = k.split(",").map(Number);
    ws.getCell(at[0] + 2 + i, at[1] + 1 + j).value = { formula, result } as ExcelJS.CellFormulaValue;
  }
}

/** A table of the plan (src/sample/plan.ts) at a cell, its formula cells saved as Excel saves them. */
function planTable(ws: ExcelJS.Worksheet, name: string, at: [number, number], formats: Fmt[] = []) {
  const t: SampleTable = sampleTable(name);
  const formulas = Object.fromEntries(
    Object.entries(t.formulas ?? {}).map(([k, f]) => [
      k,
      { formula: f.formula.replace(/OVERLAY\.([A-Z0-9]+)\(/g, (_, id) => `${X(id)}(`), result: 0 },
    ]),
  );
  addTable(
    ws,
    name,
    at,
    [...t.headers],
    t.rows.map((r) => [...r]),
    formats,
    formulas,
  );
}

function param(
  ws: ExcelJS.Worksheet,
  wb: ExcelJS.Workbook,
  row: number,
  label: string,
  name: string,
  value: number | Date,
  fmt?: string,
  note?: string,
) {
  ws.getCell(row, 1).value = label;
  const c = ws.getCell(row, 2);
  c.value = value;
  if (fmt) c.numFmt = fmt;
  if (note) {
    ws.getCell(row, 3).value = note;
    ws.getCell(row, 3).font = NOTE_FONT;
  }
  wb.definedNames.add(`${quoteSheet(ws.name)}!$B$${row}`, name);
}

function title(ws: ExcelJS.Worksheet, text: string, sub: string) {
  ws.getCell("A1").value = text;
  ws.getCell("A1").font = TITLE_FONT;
  ws.getCell("A2").value = sub;
  ws.getCell("A2").font = NOTE_FONT;
}

function build(L: Layout, results?: Map<string, unknown[][]>): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Overlay for Excel (scripts/make-sample-workbook.ts)";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;

  // Read me
  const readme = wb.addWorksheet("Read me");
  readme.getColumn(1).width = 24;
  readme.getColumn(2).width = 110;
  title(
    readme,
    "Northfield Manufacturing Pension Plan: derivatives overlay model",
    "Illustrative figures, not market data. Valuation date 31 December 2025; amounts in USD.",
  );
  const lines: [string, string][] = [
    [
      "How to use",
      "Open in Excel with the Overlay add-in loaded: every OVERLAY formula recalculates. Without Excel: overlay run examples/pension-plan.xlsx",
    ],
    ["", "Proposals: overlay propose examples/pension-plan.xlsx --workflow rebalance (or equitise, tilt, hedge, leverage, completion)"],
    [
      "Plan",
      "The strategic allocation (Portfolio), the futures used (Futures), tactical tilts (Tilts); exposure, rebalancing, equitisation, tilts, tranches, tracking error",
    ],
    [
      "Options",
      "An equity collar on the US large cap sleeve: the smile (Smile), the legs (Legs; the call strike is a zero-cost solve), prices, Greeks, payoff",
    ],
    [
      "LDI",
      "Discount curve (Curve), benefit payments (Liabilities), the long-duration bonds (Assets), hedge instruments (Instruments); PV, PV01, key rates, hedge ratio and trades, swaps, the TY cheapest-to-deliver",
    ],
    [
      "Risk",
      "Futures positions (Positions), collateral (Collateral) and stress scenarios (Scenarios); leverage, liquidity, cost of implementation",
    ],
    [
      "Completion",
      "US equity managers (Holdings), factor loadings (Loadings), factor targets (Targets); factor exposures and a completion sleeve",
    ],
    ["Covariance", "Covariance of the asset classes' returns (annual), for the tracking error"],
  ];
  lines.forEach(([a, b], i) => {
    readme.getCell(4 + i, 1).value = a;
    readme.getCell(4 + i, 1).font = BOLD;
    readme.getCell(4 + i, 2).value = b;
  });
  const fnRow = 5 + lines.length;
  readme.getCell(fnRow, 1).value = "Function";
  readme.getCell(fnRow, 2).value = "Where";
  readme.getRow(fnRow).font = BOLD;
  const used = new Map<string, string[]>();
  for (const b of BLOCKS) {
    const id = callName(b.formula(L));
    const p = L.at(b.id);
    used.set(id, [...(used.get(id) ?? []), `${p.sheet}!${cellAddress(p.row + 1, p.col + 1)} (${b.title})`]);
  }
  used.set("OVERLAY.ZEROCOST", [...(used.get("OVERLAY.ZEROCOST") ?? []), "Options!B19 (the call strike in Legs)"]);
  used.set("OVERLAY.CONVFACTOR", [
    ...(used.get("OVERLAY.CONVFACTOR") ?? []),
    "LDI!Q7, LDI!Q9 (TY's and UB's factors in Instruments)",
    "Risk!M7, Risk!M8 (UB1's and TY1's in Positions)",
  ]);
  for (const id of ["OVERLAY.FUTURESDV01", "OVERLAY.BOND"])
    used.set(id, [...(used.get(id) ?? []), "Plan!H21, Plan!H22 (UB's and TY's DV01 in Futures, through their CTD)"]);
  [...used.keys()].sort().forEach((k, i) => {
    readme.getCell(fnRow + 1 + i, 1).value = k;
    readme.getCell(fnRow + 1 + i, 2).value = used.get(k)!.join("; ");
  });

  // Plan
  const plan = wb.addWorksheet("Plan");
  title(
    plan,
    "Strategic allocation and futures",
    "Portfolio: the plan's asset classes (Overlay = existing futures exposure). Futures: the contracts used. Tilts: the house view.",
  );
  param(plan, wb, 3, "Valuation date", "ValuationDate", NAMED.ValuationDate, "yyyy-mm-dd");
  const pct = "0.0%";
  const money = "#,##0";
  planTable(plan, "Portfolio", [4, 0], [undefined, money, pct, pct, pct, undefined, undefined, money]);
  planTable(plan, "Futures", [15, 0], [undefined, undefined, "#,##0.00", money, "0.00", "0.00", money, "0.00"]);
  planTable(plan, "Tilts", [24, 0], [undefined, undefined, "0.0%", "yyyy-mm-dd", "yyyy-mm-dd", money, money]);
  [28, 34, 16, 14, 12, 12, 22, 14].forEach((w, i) => (plan.getColumn(i + 1).width = w));

  // Options
  const opt = wb.addWorksheet("Options");
  title(
    opt,
    "Equity collar on the US large cap sleeve",
    "Long a 90% put, short the call that makes it cost nothing; quantities in index units (about 500m of exposure).",
  );
  param(opt, wb, 4, "Spot (S&P 500)", "Spot", NAMED.Spot, "#,##0.00");
  param(opt, wb, 5, "Years to expiry", "Years", NAMED.Years, "0.00");
  param(opt, wb, 6, "Rate (continuous)", "Rate", NAMED.Rate, "0.00%");
  param(opt, wb, 7, "Dividend yield", "DivYield", NAMED.DivYield, "0.00%");
  param(opt, wb, 8, "ATM vol", "Vol", NAMED.Vol, "0.0%");
  param(opt, wb, 9, "Put strike (90%)", "PutStrike", NAMED.PutStrike, "#,##0");
  param(opt, wb, 10, "ES Jun26 future", "EsFuture", NAMED.EsFuture, "#,##0.00");
  param(
    opt,
    wb,
    11,
    "Quoted put price",
    "QuotedPut",
    NAMED.QuotedPut,
    "#,##0.00",
    "a dealer's quote for the 5310 put (the smile gives 94.24)",
  );
  param(opt, wb, 12, "Quoted future put", "QuotedFuturePut", NAMED.QuotedFuturePut, "#,##0.00", "the 5310 put on the ES Jun26 future");
  planTable(opt, "Smile", [12, 4], ["#,##0", "0.0%"]);
  planTable(opt, "Legs", [16, 0], [undefined, "#,##0.00", "#,##0"]);
  opt.getCell("A24").value = "Spot";
  opt.getCell("A24").font = BOLD;
  for (let i = 0; i < 12; i++) {
    opt.getCell(25 + i, 1).value = 4500 + 250 * i;
    opt.getCell(25 + i, 1).numFmt = "#,##0";
  }
  [22, 12, 12, 2, 10, 10, 2].forEach((w, i) => (opt.getColumn(i + 1).width = w));

  // LDI
  const ldi = wb.addWorksheet("LDI");
  title(
    ldi,
    "Liabilities and the interest-rate hedge",
    "Zero curve (annual compounding), projected benefit payments, the long-duration bonds' cash flows, the hedge instruments.",
  );
  planTable(ldi, "Curve", [3, 0], ["0", "0.00%"]);
  planTable(ldi, "Liabilities", [3, 3], ["0", money]);
  planTable(ldi, "Assets", [3, 6], ["0", money]);
  planTable(ldi, "Instruments", [3, 9], [undefined, undefined, "0.00", "0.000%", undefined, undefined, "0.0000", "0.0000"]);
  ldi.getCell("J22").value = "TY cheapest-to-deliver (illustrative)";
  ldi.getCell("J22").font = BOLD;
  const ctd: [string, string, number, string][] = [
    ["Coupon", "TyCtdCoupon", NAMED.TyCtdCoupon, "0.000%"],
    ["Maturity", "TyCtdMaturity", NAMED.TyCtdMaturity, "yyyy-mm-dd"],
    ["Yield", "TyCtdYield", NAMED.TyCtdYield, "0.000%"],
    ["Delivery month", "DeliveryMonth", NAMED.DeliveryMonth, "yyyy-mm"],
  ];
  const ub: [string, string, number, string][] = [
    ["Coupon", "UbCtdCoupon", NAMED.UbCtdCoupon, "0.000%"],
    ["Maturity", "UbCtdMaturity", NAMED.UbCtdMaturity, "yyyy-mm-dd"],
    ["Yield", "UbCtdYield", NAMED.UbCtdYield, "0.000%"],
  ];
  ldi.getCell("J28").value = "UB cheapest-to-deliver (illustrative; its yield the curve's)";
  ldi.getCell("J28").font = BOLD;
  for (const [top, block] of [
    [23, ctd],
    [29, ub],
  ] as const) {
    block.forEach(([label, name, v, fmt], i) => {
      ldi.getCell(top + i, 10).value = label;
      const c = ldi.getCell(top + i, 11);
      c.value = v;
      c.numFmt = fmt;
      wb.definedNames.add(`LDI!$K$${top + i}`, name);
    });
  }
  [8, 9, 2, 8, 14, 2, 8, 14, 2, 32, 8, 8, 9, 8, 9, 9, 9, 2].forEach((w, i) => (ldi.getColumn(i + 1).width = w));

  // Risk
  const risk = wb.addWorksheet("Risk");
  title(
    risk,
    "Leverage, margin and liquidity",
    "Futures positions with their margin and sensitivity, collateral by tier, stress scenarios (equity as a return, rates in bp).",
  );
  planTable(
    risk,
    "Positions",
    [3, 0],
    [
      undefined,
      undefined,
      undefined,
      undefined,
      money,
      "#,##0.00",
      money,
      money,
      undefined,
      "0.000%",
      "0.00",
      "0.000%",
      "0.0000",
      undefined,
      money,
      "0.0%",
      "0.00%",
    ],
  );
  planTable(
    risk,
    "Collateral",
    [12, 0],
    [undefined, money, "0.0%", "0", undefined, "0", money, undefined, undefined, "0.000%", "0.00", "0.000%"],
  );
  planTable(risk, "Scenarios", [20, 0], [undefined, "0%", "0", "0", "0.00", "0.00"]);
  param(risk, wb, 28, "Cash rate (Act/360)", "CashRate", NAMED.CashRate, "0.00%", "SOFR, against which the rolls' financing is read");
  planTable(risk, "Spreads", [29, 0], [undefined, "#,##0.00", "0.00", "0.00"]);
  [38, 14, 10, 12, 10, 9, 8, 2, 2].forEach((w, i) => (risk.getColumn(i + 1).width = w));

  // Completion
  const comp = wb.addWorksheet("Completion");
  title(
    comp,
    "US equity: factor exposures and a completion sleeve",
    "Manager weights within the US equity class, factor loadings of the managers and of the completion candidates, factor targets.",
  );
  planTable(comp, "Holdings", [3, 0], [undefined, pct]);
  planTable(comp, "Loadings", [10, 0], [undefined, "0.00", "0.00", "0.00", "0.00", "0.00"]);
  planTable(comp, "Targets", [21, 0], [undefined, "0.00"]);
  [26, 10, 10, 10, 10, 10].forEach((w, i) => (comp.getColumn(i + 1).width = w));

  // Covariance
  const cov = wb.addWorksheet("Covariance");
  title(cov, "Covariance of annual returns", "From a three-factor model (equity, rates, commodities) plus specific risk.");
  const { names, matrix } = covariance();
  cov.getCell(3, 1).value = "Asset class";
  names.forEach((n, j) => {
    cov.getCell(3, 2 + j).value = n;
    cov.getCell(4 + j, 1).value = n;
    matrix[j].forEach((v, k) => {
      cov.getCell(4 + j, 2 + k).value = v;
      cov.getCell(4 + j, 2 + k).numFmt = "0.000000";
    });
  });
  cov.getRow(3).font = BOLD;
  cov.getColumn(1).width = 28;

  // Results: title, note, formula; formats for the result's cells from pass 1.
  for (const b of BLOCKS) {
    const ws = wb.getWorksheet(b.sheet)!;
    const p = L.at(b.id);
    const top = p.row - (b.note ? 2 : 1);
    ws.getCell(top + 1, p.col + 1).value = b.title;
    ws.getCell(top + 1, p.col + 1).font = { bold: true, size: 12 };
    if (b.note) {
      ws.getCell(top + 2, p.col + 1).value = b.note;
      ws.getCell(top + 2, p.col + 1).font = NOTE_FONT;
    }
    ws.getCell(p.row + 1, p.col + 1).value = { formula: b.formula(L), result: 0 } as ExcelJS.CellFormulaValue;
    const values = results?.get(b.id);
    if (values) formatResult(ws, p, values);
  }
  for (const sheet of Object.keys(OUTPUT_COL)) {
    const ws = wb.getWorksheet(sheet)!;
    for (let j = 0; j < 14; j++) ws.getColumn(OUTPUT_COL[sheet] + 1 + j).width = j === 0 ? 30 : 15;
  }
  return wb;
}

/** Number formats for a result by its header row: weights as %, money with separators. */
function formatResult(ws: ExcelJS.Worksheet, p: Placed, values: unknown[][]) {
  const table = values.length > 1 && values[0].every((h) => typeof h === "string");
  if (table) ws.getRow(p.row + 1).font = BOLD;
  const width = values[0].length;
  for (let j = 0; j < width; j++) {
    const header = table ? String(values[0][j]) : "";
    const nums = values
      .slice(table ? 1 : 0)
      .map((r) => r[j])
      .filter((v): v is number => typeof v === "number");
    if (nums.length === 0) continue;
    const big = nums.every((v) => Math.abs(v) >= 1000 || v === 0) && nums.some((v) => Math.abs(v) >= 1000);
    let fmt: string | undefined;
    if (/date/i.test(header) && nums.every((v) => v > 20000 && v < 80000)) fmt = "yyyy-mm-dd";
    else if (
      /weight|target|^min$|^max$|deviation|requested|applied|coverage|ratio|tilt|before|after|gap/i.test(header) &&
      nums.every((v) => Math.abs(v) <= 5)
    )
      fmt = "0.00%";
    else if (/contracts|units/i.test(header)) fmt = "#,##0";
    else if (big) fmt = "#,##0";
    if (!fmt) continue;
    for (let i = table ? 1 : 0; i < values.length; i++) ws.getCell(p.row + 1 + i, p.col + 1 + j).numFmt = fmt;
  }
}

function callName(formula: string): string {
  const e: Expr = parseFormula(formula, { operators: true });
  return e.kind === "call" ? canonicalName(e.name) : "";
}

/** The package with every part dated FIXED_DATE, so the same workbook gives the same bytes. */
async function stableZip(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const f = zip.files[name];
    if (f.dir) continue;
    out.file(name, await f.async("uint8array"), { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

async function evaluateBook(wb: ExcelJS.Workbook) {
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const loaded = await loadBook(bytes);
  return runLoaded(loaded);
}

export async function makeSampleWorkbook(): Promise<{ bytes: Buffer; errors: string[]; formulas: number }> {
  // Pass 1: generous room for every result, to learn each result's size.
  const first = place(new Map());
  const pass1 = await evaluateBook(build(first));
  const sizes = new Map<string, Size>();
  const results = new Map<string, unknown[][]>();
  for (const b of BLOCKS) {
    const p = first.at(b.id);
    const o = pass1.summary.outcomes.find((x) => x.sheet.name === b.sheet && x.row === p.row + 1 && x.col === p.col + 1);
    if (!o || !o.spill) throw new Error(`no result for ${b.id}`);
    sizes.set(b.id, { rows: o.spill.bottom - o.spill.top + 1, cols: o.spill.right - o.spill.left + 1 });
    if (o.value !== undefined && !(o.value instanceof Error)) results.set(b.id, Array.isArray(o.value) ? o.value : [[o.value]]);
  }
  // Pass 2: the final layout, references between results filled in, formats from pass 1's values.
  const final = place(sizes);
  const { bytes: built, summary } = await evaluateBook(build(final, results));
  const bytes = await stableZip(built);
  const errors = [
    ...summary.errors.map((e) => `${e.cell} ${e.code} ${e.message}`),
    ...summary.skipped.map((s) => `${s.cell} skipped: ${s.reason}`),
  ];
  return { bytes, errors, formulas: summary.formulas };
}

/** Every registered function id that the sample's formulas do not call. */
export function missingFunctions(): string[] {
  const L = place(new Map());
  const used = new Set(BLOCKS.map((b) => callName(b.formula(L)).replace(/^OVERLAY\./, "")));
  return REGISTRY.map((d) => d.id).filter((id) => !used.has(id));
}

async function main() {
  const out = resolve(process.argv[2] ?? "examples/pension-plan.xlsx");
  const missing = missingFunctions();
  if (missing.length) console.warn(`warning: the sample does not call ${missing.map((m) => `OVERLAY.${m}`).join(", ")}`);
  const { bytes, errors, formulas } = await makeSampleWorkbook();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  console.log(`wrote ${out}: ${formulas} OVERLAY formulas, ${errors.length} errors`);
  for (const e of errors) console.log(`  ${e}`);
  if (errors.length) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 2;
  });
}
