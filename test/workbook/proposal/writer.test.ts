import { MemoryWorkbook } from "../../../src/workbook/MemoryWorkbook";
import { Proposal } from "../../../src/workbook/proposal/model";
import {
  CHECK_HEADERS,
  FIGURE_HEADERS,
  RANGE_FROM,
  RANGE_SPAN,
  TRADE_HEADERS,
  axisFormat,
  stamp,
  writeProposal,
} from "../../../src/workbook/proposal/writer";

const NOW = new Date(2026, 10, 24, 14, 32);

function proposal(): Proposal {
  return {
    workflow: "rebalance",
    label: "Rebalance",
    headline: "2 trades; all checks passed",
    inputs: [
      {
        name: "Portfolio",
        ref: "Portfolio[#All]",
        values: [
          ["Asset class", "Market value"],
          ["Equity", 700],
          ["=Bonds", 300],
        ],
      },
    ],
    options: [{ label: "Rebalance to", value: "Target" }],
    trades: [
      { assetClass: "Equity", instrument: "ES", side: "Sell", quantity: 10, unit: "contracts", notional: -100, expiry: "2026-12-18" },
      { assetClass: "Bonds", instrument: "FV", side: "Buy", quantity: 10, unit: "contracts", notional: 100 },
    ],
    exposures: {
      title: "Weights",
      format: "percent",
      lines: [
        { name: "Equity", before: 0.7, after: 0.6, target: 0.6, min: 0.55, max: 0.65 },
        { name: "Bonds", before: 0.3, after: 0.4, target: 0.4, min: 0.35, max: 0.45 },
      ],
    },
    checks: [
      { name: "Whole contracts", status: "pass", detail: "ok" },
      { name: "Ranges", status: "fail", detail: "Equity out" },
    ],
    chart: {
      kind: "bands",
      title: "Weights against target",
      xTitle: "Asset class",
      yTitle: "Weight",
      format: "percent",
      categories: ["Equity", "Bonds"],
      series: [
        { name: "After", values: [0.6, 0.4] },
        { name: "Target", values: [0.6, 0.4], line: true },
      ],
    },
    results: [
      {
        title: "Rebalancing trades",
        formula: "=OVERLAY.REBALANCE(Portfolio[#All],Futures[#All])",
        values: [
          ["Asset class", "Post weight"],
          ["Equity", 0.6],
        ],
        formats: { "Post weight": "0.00%" },
      },
    ],
    notes: ["NAV 1,000."],
  };
}

function find(values: unknown[][], text: string): number {
  return values.findIndex((r) => r[0] === text);
}

describe("the proposal sheet", () => {
  test("a new sheet named for the time, with header, options, trades table, checks, chart data, results and inputs", async () => {
    const wb = new MemoryWorkbook();
    wb.putTable("Plan", "Portfolio", "A1", [
      ["Asset class", "Market value"],
      ["Equity", 700],
    ]);
    const before = wb.sheetValues("Plan");
    const layout = await writeProposal(wb, proposal(), { now: NOW, version: "1.2.3" });
    expect(layout.sheet).toBe("Proposal 2026-11-24 14.32");
    expect(await wb.listSheets()).toEqual(["Plan", "Proposal 2026-11-24 14.32"]);
    expect(wb.sheetValues("Plan")).toEqual(before);

    const v = wb.sheetValues(layout.sheet);
    expect(v[0][0]).toBe("Overlay trade proposal: Rebalance");
    expect(wb.isBold(layout.sheet, 0, 0)).toBe(true);
    expect(v.slice(1, 4).map((r) => r.slice(0, 2))).toEqual([
      ["Written", "2026-11-24 14:32"],
      ["Overlay version", "1.2.3"],
      ["Summary", "2 trades; all checks passed"],
    ]);
    expect(v[find(v, "Options") + 1].slice(0, 2)).toEqual(["Rebalance to", "Target"]);

    // The trades: an Excel table named OverlayTrades over the header and the rows.
    const t = layout.tradeTable!;
    expect(t.name).toBe("OverlayTrades");
    expect(wb.tablesOn(layout.sheet)).toEqual([{ name: "OverlayTrades", sheet: layout.sheet, kind: "table", area: t.area }]);
    expect(t.area.row).toBe(find(v, "Trades") + 1);
    expect(t.area.cols).toBe(TRADE_HEADERS.length);
    expect(v.slice(t.area.row, t.area.row + 3).map((r) => r.slice(0, 8))).toEqual([
      TRADE_HEADERS,
      ["Sell", "ES", 10, "contracts", "Equity", -100, "2026-12-18", ""],
      ["Buy", "FV", 10, "contracts", "Bonds", 100, "", ""],
    ]);
    expect(wb.numberFormat(layout.sheet, t.area.row + 1, 5)).toBe("#,##0");

    const c = find(v, "Checks");
    expect(v.slice(c + 1, c + 4).map((r) => r.slice(0, 3))).toEqual([
      CHECK_HEADERS,
      ["Whole contracts", "Passed", "ok"],
      ["Ranges", "Failed", "Equity out"],
    ]);

    const e = find(v, "Weights");
    expect(v[e + 2].slice(0, 6)).toEqual(["Equity", 0.7, 0.6, 0.6, 0.55, 0.65]);
    expect(wb.numberFormat(layout.sheet, e + 2, 1)).toBe("0.00%");

    // Results keep the formula as text, and the inputs are copied as they were read.
    const r = find(v, "Rebalancing trades");
    expect(v[r + 1].slice(0, 2)).toEqual(["Formula", "=OVERLAY.REBALANCE(Portfolio[#All],Futures[#All])"]);
    expect(wb.numberFormat(layout.sheet, r + 3, 1)).toBe("0.00%");
    const i = find(v, "Input: Portfolio (Portfolio[#All])");
    expect(v[i + 3].slice(0, 2)).toEqual(["=Bonds", 300]);
  });

  test("a native bullet chart over the chart data (range stacked, after in front, before and target as markers), right of everything", async () => {
    const wb = new MemoryWorkbook();
    const p = proposal();
    p.chart = {
      kind: "bands",
      title: "Weights against target",
      xTitle: "Asset class",
      yTitle: "Weight",
      format: "percent",
      categories: ["Equity", "Bonds"],
      series: [
        { name: "Before", values: [0.7, 0.3] },
        { name: "After", values: [0.6, 0.4] },
        { name: "Target", values: [0.6, 0.4], line: true },
        { name: "Min", values: [0.55, 0.35], line: true },
        { name: "Max", values: [0.65, 0.45], line: true },
      ],
    };
    const layout = await writeProposal(wb, p, { now: NOW, version: "1" });
    const v = wb.sheetValues(layout.sheet);
    expect(wb.charts).toHaveLength(1);
    const chart = wb.charts[0];
    expect(chart.sheet).toBe(layout.sheet);
    expect(chart.type).toBe("column");
    expect(chart.marks).toEqual(["bandBase", "band", "bar", "marker", "tick"]);
    const d = find(v, "Chart data: Weights against target");
    expect(chart.source).toEqual({ row: d + 1, col: 0, rows: 3, cols: 6 });
    const block = v.slice(d + 1, d + 4).map((r) => r.slice(0, 6));
    expect(block[0]).toEqual(["Asset class", RANGE_FROM, RANGE_SPAN, "After", "Before", "Target"]);
    // Recomputed from the exposures: the band starts at Min and spans Max - Min; start + span = Max.
    for (const [i, l] of p.exposures!.lines.entries()) {
      const [name, from, span, after, before, target] = block[i + 1] as [string, number, number, number, number, number];
      expect(name).toBe(l.name);
      expect(from).toBe(l.min);
      expect(from + span).toBeCloseTo(l.max!, 12);
      expect([after, before, target]).toEqual([l.after, l.before, l.target]);
    }
    // The value axis: round bounds covering every series and zero, at most 7 ticks (0 to 0.8 by 0.2 here).
    expect(chart.valueAxis).toEqual({ min: 0, max: 0.8, major: 0.2 });
    expect(chart.valueFormat).toBe("0%");
    expect(chart.anchor.col).toBeGreaterThanOrEqual(v[0].length);
  });

  test("a threshold (a minimum coverage) is one dashed line over the columns; a payoff is a scatter with a round axis", async () => {
    const wb = new MemoryWorkbook();
    const p = proposal();
    p.chart = {
      kind: "bars",
      title: "Coverage",
      xTitle: "Scenario",
      yTitle: "Collateral / need",
      format: "ratio",
      categories: ["2022", "1987"],
      series: [
        { name: "Coverage", values: [0.8, 2.4] },
        { name: "Minimum", values: [1, 1], line: true },
      ],
    };
    await writeProposal(wb, p, { now: NOW, version: "1" });
    expect(wb.charts[0].marks).toEqual(["column", "line"]);
    expect(wb.charts[0].valueAxis).toEqual({ min: 0, max: 2.5, major: 0.5 });
    p.chart = {
      kind: "line",
      title: "Payoff",
      xTitle: "Spot",
      yTitle: "Payoff",
      format: "money",
      categories: [50, 100, 150],
      series: [{ name: "Payoff", values: [-30, 0, 45] }],
    };
    await writeProposal(wb, p, { now: NOW, version: "1" });
    expect(wb.charts[1].type).toBe("scatter");
    expect(wb.charts[1].marks).toBeUndefined();
    expect(wb.charts[1].valueAxis).toEqual({ min: -40, max: 60, major: 20 });
  });

  test("figures (Greeks in desk units) get a section of their own with their units", async () => {
    const wb = new MemoryWorkbook();
    const p = proposal();
    p.figures = [
      {
        title: "Greeks (desk units)",
        rows: [
          { label: "Delta", value: -1250000, format: "money", unit: "per 1% move" },
          { label: "Vega", value: 0.42, format: "number", unit: "per vol point" },
        ],
      },
    ];
    const layout = await writeProposal(wb, p, { now: NOW, version: "1" });
    const v = wb.sheetValues(layout.sheet);
    const f = find(v, "Greeks (desk units)");
    expect(v.slice(f + 1, f + 4).map((r) => r.slice(0, 3))).toEqual([
      FIGURE_HEADERS,
      ["Delta", -1250000, "per 1% move"],
      ["Vega", 0.42, "per vol point"],
    ]);
    expect(wb.numberFormat(layout.sheet, f + 3, 1)).toBe("#,##0.00");
  });

  test("axis formats carry the decimals the step needs", () => {
    expect(axisFormat("percent", 0.05)).toBe("0%");
    expect(axisFormat("percent", 0.025)).toBe("0.0%");
    expect(axisFormat("ratio", 0.5)).toBe("#,##0.0");
    expect(axisFormat("number", 20)).toBe("#,##0");
  });

  test("a second proposal in the same minute gets its own sheet and table; nothing is overwritten", async () => {
    const wb = new MemoryWorkbook();
    const a = await writeProposal(wb, proposal(), { now: NOW, version: "1" });
    const first = wb.sheetValues(a.sheet);
    const b = await writeProposal(wb, proposal(), { now: NOW, version: "1" });
    expect(b.sheet).toBe("Proposal 2026-11-24 14.32 (2)");
    expect(b.tradeTable!.name).toBe("OverlayTrades_2");
    expect(wb.sheetValues(a.sheet)).toEqual(first);
  });

  test("no trades: a line saying so, no table", async () => {
    const wb = new MemoryWorkbook();
    const layout = await writeProposal(wb, { ...proposal(), trades: [] }, { now: NOW, version: "1" });
    const v = wb.sheetValues(layout.sheet);
    expect(v[find(v, "Trades") + 1][0]).toBe("No trades proposed.");
    expect(layout.tradeTable).toBeUndefined();
    expect(wb.tablesOn(layout.sheet)).toEqual([]);
  });

  test("time stamps pad to two digits", () => {
    expect(stamp(new Date(2027, 0, 5, 9, 7))).toBe("2027-01-05 09.07");
    expect(stamp(new Date(2027, 0, 5, 9, 7), ":")).toBe("2027-01-05 09:07");
  });
});
