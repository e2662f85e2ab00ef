/**
 * The headless native chart (DrawingML, ECMA-376 Part 1, 21.2): the bullet form as Excel users build it, the
 * round value axis, every category labelled; children in the schema's order (CT_ValAx, CT_Scaling, CT_BarSer,
 * CT_LineSer sequences), since Excel refuses a part whose elements are out of order.
 */
import { JSDOM } from "jsdom";
import { chartXml } from "../../../src/cli/xlsx/chart";
import { ChartSpec, PortMatrix } from "../../../src/workbook/WorkbookPort";

const C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A = "http://schemas.openxmlformats.org/drawingml/2006/main";

const DATA: PortMatrix = [
  ["Asset class", "Range from", "Range (max - min)", "After", "Before", "Target"],
  ["US equity", 0.22, 0.06, 0.227, 0.289, 0.25],
  ["Commodities", 0.02, 0.02, 0.03, 0.027, 0.03],
];
const SPEC: ChartSpec = {
  type: "column",
  title: "Weights against target and range",
  source: { row: 40, col: 0, rows: 3, cols: 6 },
  seriesTypes: ["column", "column", "column", "line", "line"],
  marks: ["bandBase", "band", "bar", "marker", "tick"],
  valueAxis: { min: 0, max: 0.3, major: 0.1 },
  anchor: { row: 1, col: 10 },
  size: { rows: 20, cols: 8 },
  xTitle: "Asset class",
  yTitle: "Weight of NAV",
  valueFormat: "0%",
};

function parse(xml: string): Document {
  const doc = new new JSDOM("").window.DOMParser().parseFromString(xml, "application/xml");
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  return doc;
}
const kids = (el: Element) => [...el.children].map((c) => c.localName);
const all = (el: Document | Element, name: string) => [...el.getElementsByTagNameNS(C, name)];
const val = (el: Element, name: string) => all(el, name)[0]?.getAttribute("val");

/** True when `names` appear in `order`'s order (each a known child; unknown names fail). */
function inOrder(names: string[], order: string[]): boolean {
  const idx = names.map((n) => order.indexOf(n));
  return idx.every((i, k) => i >= 0 && (k === 0 || i >= idx[k - 1]));
}

const VALAX = [
  "axId",
  "scaling",
  "delete",
  "axPos",
  "majorGridlines",
  "minorGridlines",
  "title",
  "numFmt",
  "majorTickMark",
  "minorTickMark",
  "tickLblPos",
  "spPr",
  "txPr",
  "crossAx",
  "crosses",
  "crossesAt",
  "crossBetween",
  "majorUnit",
  "minorUnit",
  "dispUnits",
  "extLst",
];
const CATAX = [
  "axId",
  "scaling",
  "delete",
  "axPos",
  "majorGridlines",
  "minorGridlines",
  "title",
  "numFmt",
  "majorTickMark",
  "minorTickMark",
  "tickLblPos",
  "spPr",
  "txPr",
  "crossAx",
  "crosses",
  "crossesAt",
  "auto",
  "lblAlgn",
  "lblOffset",
  "tickLblSkip",
  "tickMarkSkip",
  "noMultiLvlLbl",
  "extLst",
];
const BARSER = [
  "idx",
  "order",
  "tx",
  "spPr",
  "invertIfNegative",
  "pictureOptions",
  "dPt",
  "dLbls",
  "trendline",
  "errBars",
  "cat",
  "val",
  "shape",
  "extLst",
];
const LINESER = ["idx", "order", "tx", "spPr", "marker", "dPt", "dLbls", "trendline", "errBars", "cat", "val", "smooth", "extLst"];
const BARCHART = ["barDir", "grouping", "varyColors", "ser", "dLbls", "gapWidth", "overlap", "serLines", "axId", "extLst"];

describe("the native bullet chart", () => {
  const doc = parse(chartXml({ sheet: "Proposal 2026-11-24 14.32", chart: SPEC, data: DATA }));
  const plot = all(doc, "plotArea")[0];

  test("the range stacked (its start unfilled), after in front on the secondary axes, before and target as markers without a line", () => {
    const bars = all(plot, "barChart");
    expect(bars).toHaveLength(2);
    const [band, front] = bars;
    expect(val(band, "grouping")).toBe("stacked");
    expect(val(band, "overlap")).toBe("100");
    const bandSer = all(band, "ser");
    expect(bandSer.map((s) => all(s, "v")[0].textContent)).toEqual(["Range from", "Range (max - min)"]);
    expect(bandSer[0].getElementsByTagNameNS(A, "noFill").length).toBeGreaterThan(0);
    expect(bandSer[1].getElementsByTagNameNS(A, "srgbClr")[0].getAttribute("val")).toBe("D6D6D6");
    expect(all(front, "ser").map((s) => all(s, "v")[0].textContent)).toEqual(["After"]);
    expect(all(front, "axId").map((a) => a.getAttribute("val"))).toEqual(["500300", "500400"]);
    const lines = all(plot, "lineChart")[0];
    const ser = all(lines, "ser");
    expect(ser.map((s) => val(s, "symbol"))).toEqual(["diamond", "dash"]);
    for (const s of ser) expect(s.getElementsByTagNameNS(A, "ln")[0].firstElementChild?.localName).toBe("noFill");
  });

  test("the value axes: the same round bounds and major unit, the secondary ones hidden; every category labelled", () => {
    const valAx = all(plot, "valAx");
    expect(valAx).toHaveLength(2);
    for (const ax of valAx) {
      expect([val(ax, "min"), val(ax, "max"), val(ax, "majorUnit")]).toEqual(["0", "0.3", "0.1"]);
      expect(kids(all(ax, "scaling")[0])).toEqual(["orientation", "max", "min"]);
    }
    expect(valAx.map((a) => val(a, "delete"))).toEqual(["0", "1"]);
    const catAx = all(plot, "catAx");
    expect(catAx.map((a) => val(a, "delete"))).toEqual(["0", "1"]);
    expect(val(catAx[0], "tickLblSkip")).toBe("1");
    // The categories' cache holds every class.
    expect(all(all(catAx[0].ownerDocument, "cat")[0], "v").map((v) => v.textContent)).toEqual(["US equity", "Commodities"]);
  });

  test("children in the schema's order", () => {
    for (const ax of all(plot, "valAx")) expect(inOrder(kids(ax), VALAX)).toBe(true);
    for (const ax of all(plot, "catAx")) expect(inOrder(kids(ax), CATAX)).toBe(true);
    for (const b of all(plot, "barChart")) {
      expect(inOrder(kids(b), BARCHART)).toBe(true);
      for (const s of all(b, "ser")) expect(inOrder(kids(s), BARSER)).toBe(true);
    }
    for (const s of all(all(plot, "lineChart")[0], "ser")) expect(inOrder(kids(s), LINESER)).toBe(true);
    // Groups before axes in the plot area.
    const k = kids(plot);
    expect(k.lastIndexOf("lineChart")).toBeLessThan(k.indexOf("catAx"));
  });
});

describe("other forms", () => {
  test("a threshold is one dashed line over plain columns, no secondary axes", () => {
    const doc = parse(
      chartXml({
        sheet: "P",
        chart: { ...SPEC, marks: ["column", "line"], seriesTypes: ["column", "line"], valueAxis: { min: 0, max: 2.5, major: 0.5 } },
        data: [
          ["Scenario", "Coverage", "Minimum"],
          ["2022", 0.8, 1],
          ["1987", 2.4, 1],
        ],
      }),
    );
    expect(all(doc, "valAx")).toHaveLength(1);
    expect(all(doc, "barChart")).toHaveLength(1);
    expect(all(doc, "lineChart")[0].getElementsByTagNameNS(A, "prstDash")[0].getAttribute("val")).toBe("dash");
  });

  test("a payoff scatter gets the round y axis", () => {
    const doc = parse(
      chartXml({
        sheet: "P",
        chart: { ...SPEC, type: "scatter", marks: undefined, seriesTypes: ["line"], valueAxis: { min: -40, max: 60, major: 20 } },
        data: [
          ["Spot", "Payoff"],
          [50, -30],
          [150, 45],
        ],
      }),
    );
    const y = all(doc, "valAx")[1];
    expect([val(y, "min"), val(y, "max"), val(y, "majorUnit")]).toEqual(["-40", "60", "20"]);
  });
});
