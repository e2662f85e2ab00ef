/**
 * y against a numeric x (an option structure's payoff at expiry): both axes with round ticks covering every
 * point (chartForm.ts), zero marked, one polyline per series. The y title sits above the plot, so the plot
 * keeps the pane's width. Marked for the browser tests like the bullet chart ([data-plot], data-series).
 */
import { ChartModel } from "../../workbook/proposal/model";
import { niceAxis } from "../../workbook/proposal/chartForm";
import { formatTick, formatValue } from "../components/format";
import { Legend } from "./Legend";
import { Measure } from "./labels";
import { CHART_COLORS as C, FONT_PX } from "./theme";

const HEIGHT = 220;
const INSET = 3;

export function XYChart({ chart, width, measure }: { chart: ChartModel; width: number; measure: Measure }) {
  const xs = chart.categories.map(Number);
  const points = chart.series.map((s) =>
    xs.map((x, i) => [x, s.values[i]] as const).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b)),
  );
  const yAxis = niceAxis(
    points.flatMap((p) => p.map(([, y]) => y)),
    5,
    true,
  );
  const xAxis = niceAxis(xs, width < 360 ? 5 : 7, false);
  const fy = (v: number) => formatTick(v, chart.format, yAxis.step);
  const fx = (v: number) => formatTick(v, "number", xAxis.step);
  const left = Math.ceil(Math.max(...yAxis.ticks.map((t) => measure(fy(t)))) + 6);
  const right = Math.ceil(Math.max(4, measure(fx(xAxis.max)) / 2 + 2));
  const top = 4;
  const bottom = HEIGHT - FONT_PX - 10;
  const sx = (v: number) => left + INSET + ((v - xAxis.min) / (xAxis.max - xAxis.min || 1)) * (width - right - left - 2 * INSET);
  const sy = (v: number) => bottom - INSET - ((v - yAxis.min) / (yAxis.max - yAxis.min || 1)) * (bottom - top - 2 * INSET);
  const fmt = (v: number) => formatValue(v, chart.format);
  return (
    <>
      <p className="ov-axis-title">{chart.yTitle}</p>
      <svg
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        role="img"
        aria-label={`${chart.title}: ${chart.yTitle} from ${fmt(yAxis.min)} to ${fmt(yAxis.max)} over ${chart.xTitle} ${fx(xAxis.min)} to ${fx(xAxis.max)}.`}
        data-chart="xy"
        style={{ display: "block", fontFamily: "inherit" }}
      >
        <rect data-plot x={left} y={top} width={width - right - left} height={bottom - top} fill="none" />
        <g aria-hidden="true">
          {yAxis.ticks.map((t) => (
            <g key={`y${t}`}>
              <line x1={left} x2={width - right} y1={sy(t)} y2={sy(t)} stroke={Math.abs(t) < 1e-12 ? C.zero : C.grid} />
              <text x={left - 4} y={sy(t) + 4} fontSize={FONT_PX - 1} textAnchor="end" fill={C.subtle} data-tick>
                {fy(t)}
              </text>
            </g>
          ))}
          {xAxis.ticks.map((t) => (
            <g key={`x${t}`}>
              <line x1={sx(t)} x2={sx(t)} y1={bottom} y2={bottom + 4} stroke={C.zero} />
              <text x={sx(t)} y={bottom + FONT_PX + 4} fontSize={FONT_PX - 1} textAnchor="middle" fill={C.subtle} data-tick>
                {fx(t)}
              </text>
            </g>
          ))}
        </g>
        {chart.series.map((s, k) => (
          <polyline
            key={s.name}
            data-series={s.name}
            points={points[k].map(([x, y]) => `${sx(x).toFixed(2)},${sy(y).toFixed(2)}`).join(" ")}
            fill="none"
            stroke={k === 0 ? C.line : C.palette[k % C.palette.length]}
            strokeWidth={2}
            strokeLinejoin="round"
          >
            <title>{s.name}</title>
          </polyline>
        ))}
      </svg>
      <p className="ov-axis-title ov-axis-x">{chart.xTitle}</p>
      {chart.series.length > 1 && (
        <Legend
          items={chart.series.map((s, k) => ({ name: s.name, shape: "line", color: k === 0 ? C.line : C.palette[k % C.palette.length] }))}
        />
      )}
    </>
  );
}
