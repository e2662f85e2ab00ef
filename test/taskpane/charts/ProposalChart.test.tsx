/** @jest-environment jsdom */
/**
 * The pane's charts as rendered SVG (jsdom: no layout, so the chart takes its 296 px default width and the
 * estimated text widths). Positions are re-derived from the rendered axis ticks, not from the chart's code:
 * a bar's length over the tick spacing is its value over the step.
 */
import { render } from "@testing-library/react";
import ProposalChart from "../../../src/taskpane/charts/ProposalChart";
import { ChartModel } from "../../../src/workbook/proposal/model";

const num = (el: Element, a: string) => Number(el.getAttribute(a));

const WEIGHTS: ChartModel = {
  kind: "bands",
  title: "Weights against target and range",
  xTitle: "Asset class",
  yTitle: "Weight of NAV",
  format: "percent",
  categories: ["US equity", "Non-US developed equity", "Long duration Treasuries", "Private equity"],
  series: [
    { name: "Before", values: [0.289, 0.141, 0.096, 0.121] },
    { name: "After", values: [0.227, 0.151, 0.101, 0.1214] },
    { name: "Target", values: [0.25, 0.15, 0.1, 0.09], line: true },
    { name: "Min", values: [0.22, 0.13, 0.08, 0.06], line: true },
    { name: "Max", values: [0.28, 0.17, 0.12, 0.12], line: true },
  ],
};

function ticks(svg: Element): Map<string, number> {
  return new Map([...svg.querySelectorAll("[data-tick]")].map((t) => [t.textContent ?? "", num(t, "x")]));
}

describe("bullet chart", () => {
  test("every category has a row and a whole-word label; every mark inside the plot; round ticks covering Before and Max", () => {
    const { container } = render(<ProposalChart chart={WEIGHTS} />);
    const svg = container.querySelector("svg[data-chart=bullet]")!;
    expect(svg).toBeTruthy();
    // Ticks 0%, 10%, 20%, 30%: round, and the axis reaches Before (28.9%) and Max (28%), not only After.
    expect([...ticks(svg).keys()]).toEqual(["0%", "10%", "20%", "30%"]);
    const rows = [...svg.querySelectorAll("[data-row]")];
    expect(rows).toHaveLength(4);
    rows.forEach((r, i) => {
      const label = r.querySelector("[data-category]")!;
      expect(label.getAttribute("data-category")).toBe(WEIGHTS.categories[i]);
      // Lines of the label are whole words of the name, in order.
      expect([...label.querySelectorAll("tspan")].map((t) => t.textContent).join(" ")).toBe(WEIGHTS.categories[i]);
      expect(r.querySelector("title")!.textContent).toMatch(new RegExp(`^${WEIGHTS.categories[i]}: After `));
    });
    const plot = svg.querySelector("[data-plot]")!;
    const [px, pw, py, ph] = [num(plot, "x"), num(plot, "width"), num(plot, "y"), num(plot, "height")];
    for (const el of svg.querySelectorAll("[data-series]")) {
      const box =
        el.tagName === "rect"
          ? { l: num(el, "x"), r: num(el, "x") + num(el, "width"), t: num(el, "y"), b: num(el, "y") + num(el, "height") }
          : el.tagName === "line"
            ? { l: Math.min(num(el, "x1"), num(el, "x2")), r: Math.max(num(el, "x1"), num(el, "x2")), t: num(el, "y1"), b: num(el, "y2") }
            : (() => {
                const [x, y] = (el.getAttribute("d") ?? "").slice(1).split(/[ ,l]/).map(Number);
                return { l: x - 5, r: x + 5, t: y, b: y + 10 };
              })();
      expect(box.l).toBeGreaterThanOrEqual(px - 1e-9);
      expect(box.r).toBeLessThanOrEqual(px + pw + 1e-9);
      expect(box.t).toBeGreaterThanOrEqual(py - 1e-9);
      expect(box.b).toBeLessThanOrEqual(py + ph + 1e-9);
    }
    expect(num(svg, "width")).toBe(296);
  });

  test("lengths agree with the axis: a bar's length over the 10% tick spacing is its value over 10%", () => {
    const { container } = render(<ProposalChart chart={WEIGHTS} />);
    const svg = container.querySelector("svg")!;
    const t = ticks(svg);
    const per10 = t.get("10%")! - t.get("0%")!;
    const bars = [...svg.querySelectorAll('[data-series="After"]')];
    bars.forEach((b, i) => {
      expect(num(b, "x")).toBeCloseTo(t.get("0%")!, 6);
      expect(num(b, "width") / per10).toBeCloseTo(WEIGHTS.series[1].values[i] / 0.1, 6);
    });
    const targets = [...svg.querySelectorAll('[data-series="Target"]')];
    targets.forEach((l, i) => expect((num(l, "x1") - t.get("0%")!) / per10).toBeCloseTo(WEIGHTS.series[2].values[i] / 0.1, 6));
    const bands = [...svg.querySelectorAll('[data-series="Range"]')];
    bands.forEach((b, i) => {
      expect((num(b, "x") - t.get("0%")!) / per10).toBeCloseTo(WEIGHTS.series[3].values[i] / 0.1, 6);
      expect(num(b, "width") / per10).toBeCloseTo((WEIGHTS.series[4].values[i] - WEIGHTS.series[3].values[i]) / 0.1, 6);
    });
  });

  test("an after value outside its range is drawn and said as such; the legend names every mark", () => {
    const { container } = render(<ProposalChart chart={WEIGHTS} />);
    const pe = [...container.querySelectorAll("[data-row]")][3];
    expect(pe.querySelector("title")!.textContent).toMatch(/\(outside its range\)$/);
    expect(pe.querySelector('[data-series="After"]')!.getAttribute("fill")).toBe("#c50f1f");
    expect([...container.querySelectorAll(".ov-legend li")].map((li) => li.textContent)).toEqual([
      "After",
      "After, outside its range",
      "Before",
      "Target",
      "Range (min to max)",
    ]);
  });

  test("a constant minimum is one dashed line across the rows; every scenario is labelled", () => {
    const chart: ChartModel = {
      kind: "bars",
      title: "Liquidity coverage by scenario",
      xTitle: "Scenario",
      yTitle: "Collateral / need",
      format: "ratio",
      categories: ["2022: equity -25%, rates +250bp", "1987 crash", "2008: credit +400bp"],
      series: [
        { name: "Coverage", values: [0.8, 2.4, 1.6] },
        { name: "Minimum", values: [1, 1, 1], line: true },
      ],
    };
    const { container } = render(<ProposalChart chart={chart} />);
    const svg = container.querySelector("svg")!;
    const lines = svg.querySelectorAll('[data-series="Minimum"]');
    expect(lines).toHaveLength(1);
    const t = ticks(svg);
    expect([...t.keys()]).toEqual(["0", "1", "2", "3"]); // at most 5 ticks below 360 px
    expect(num(lines[0], "x1")).toBeCloseTo(t.get("1")!, 6);
    expect([...svg.querySelectorAll("[data-category]")].map((l) => l.getAttribute("data-category"))).toEqual(chart.categories);
    // The scenario under the minimum (0.8 < 1) is the one drawn and said as failing.
    const rows = [...svg.querySelectorAll("[data-row]")];
    expect(rows.map((r) => r.querySelector('[data-series="Coverage"]')!.getAttribute("fill"))).toEqual(["#c50f1f", "#0f6cbd", "#0f6cbd"]);
    expect(rows[0].querySelector("title")!.textContent).toBe(
      "2022: equity -25%, rates +250bp: Coverage 0.800, Minimum 1.000 (below the minimum)",
    );
  });
});

describe("x-y chart (payoff)", () => {
  test("round ticks on both axes covering every point; the polyline inside the plot", () => {
    const xs = [2500, 3000, 4000, 5000, 6000, 7000, 7500];
    const chart: ChartModel = {
      kind: "line",
      title: "Payoff at expiry, net of premium",
      xTitle: "Spot at expiry",
      yTitle: "Payoff",
      format: "money",
      categories: xs,
      series: [{ name: "Payoff", values: [-3.1e8, -3.1e8, -1e8, 0, 1.2e8, 2.2e8, 2.2e8] }],
    };
    const { container } = render(<ProposalChart chart={chart} />);
    const svg = container.querySelector("svg[data-chart=xy]")!;
    const labels = [...svg.querySelectorAll("[data-tick]")].map((t) => t.textContent);
    expect(labels).toEqual(["-400M", "-200M", "0", "200M", "400M", "2,000", "4,000", "6,000", "8,000"]);
    const plot = svg.querySelector("[data-plot]")!;
    const pts = (svg.querySelector("polyline")!.getAttribute("points") ?? "").split(" ").map((p) => p.split(",").map(Number));
    expect(pts).toHaveLength(xs.length);
    for (const [x, y] of pts) {
      expect(x).toBeGreaterThanOrEqual(num(plot, "x"));
      expect(x).toBeLessThanOrEqual(num(plot, "x") + num(plot, "width"));
      expect(y).toBeGreaterThanOrEqual(num(plot, "y"));
      expect(y).toBeLessThanOrEqual(num(plot, "y") + num(plot, "height"));
    }
  });
});
