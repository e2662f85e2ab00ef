/**
 * The proposal's chart with @fluentui/react-charts (loaded on demand: see LazyChart):
 *   "bands": the weights after the trades as columns, with before, target, min and max as lines over them;
 *   "bars":  grouped columns (one group per category), or columns with threshold lines;
 *   "line":  y against a numeric x (an option structure's payoff at expiry).
 */
import { GroupedVerticalBarChart, LineChart, VerticalStackedBarChart } from "@fluentui/react-charts";
import { useEffect, useRef, useState } from "react";
import { ChartModel } from "../../workbook/proposal/model";
import { formatValue } from "../components/format";

const COLORS: Record<string, string> = { After: "#0f6cbd", Before: "#8a8886", Target: "#107c10", Min: "#c50f1f", Max: "#ca5010", Minimum: "#c50f1f" };
const PALETTE = ["#0f6cbd", "#8a8886", "#107c10", "#ca5010", "#5c2e91", "#038387"];
const LINE_STYLES: Record<string, string | undefined> = { Min: "4 3", Max: "4 3", Before: "2 2" };

function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(300);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(240, Math.floor(el.getBoundingClientRect().width) || 300));
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

export default function ProposalChart({ chart }: { chart: ChartModel }) {
  const [ref, width] = useWidth();
  const fmt = (x: number) => formatValue(x, chart.format === "percent" ? "percent" : chart.format);
  const yTick = (d: number) => (chart.format === "percent" ? `${Math.round(d * 1000) / 10}%` : fmt(d));
  const color = (name: string) => COLORS[name] ?? PALETTE[Math.max(0, chart.series.findIndex((s) => s.name === name)) % PALETTE.length];
  const common = {
    width,
    height: 280,
    yAxisTickFormat: yTick,
    xAxisTitle: chart.xTitle,
    yAxisTitle: chart.yTitle,
    wrapXAxisLables: true,
    enabledLegendsWrapLines: true,
  };

  let body: React.ReactNode;
  if (chart.kind === "line") {
    body = (
      <LineChart
        {...common}
        data={{
          chartTitle: chart.title,
          lineChartData: chart.series.map((s) => ({
            legend: s.name,
            color: color(s.name),
            data: chart.categories.map((x, i) => ({ x: Number(x), y: s.values[i] ?? 0 })),
          })),
        }}
      />
    );
  } else {
    const columns = chart.series.filter((s) => !s.line);
    const lines = chart.series.filter((s) => s.line);
    // Columns stack in a stacked chart, so with lines only one series is drawn as columns (the last:
    // "After"); the others join the lines.
    if (lines.length > 0 || columns.length === 1) {
      const bar = columns[columns.length - 1];
      const overlay = [...columns.slice(0, -1), ...lines];
      body = (
        <VerticalStackedBarChart
          {...common}
          chartTitle={chart.title}
          barWidth={14}
          hideLabels
          data={chart.categories.map((c, i) => ({
            xAxisPoint: String(c),
            chartData: bar ? [{ legend: bar.name, data: bar.values[i] ?? 0, color: color(bar.name), yAxisCalloutData: fmt(bar.values[i] ?? 0) }] : [],
            lineData: overlay.map((s) => ({
              legend: s.name,
              y: s.values[i] ?? 0,
              color: color(s.name),
              yAxisCalloutData: fmt(s.values[i] ?? 0),
              lineOptions: LINE_STYLES[s.name] ? { strokeDasharray: LINE_STYLES[s.name] } : undefined,
            })),
          }))}
        />
      );
    } else {
      body = (
        <GroupedVerticalBarChart
          {...common}
          chartTitle={chart.title}
          hideLabels
          data={chart.categories.map((c, i) => ({
            name: String(c),
            series: columns.map((s) => ({ key: s.name, legend: s.name, data: s.values[i] ?? 0, color: color(s.name), yAxisCalloutData: fmt(s.values[i] ?? 0) })),
          }))}
        />
      );
    }
  }
  return (
    <div ref={ref} className="ov-chart">
      {body}
    </div>
  );
}
