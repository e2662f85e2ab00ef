/**
 * A categorical chart as a horizontal bullet chart (chartForm.ts): one row per category with its label above
 * (the whole width, broken between words, shortened only when it must, the full name in the tooltip), the
 * range as a band, the value after as a bar, before as a diamond, the target as a tick, a threshold as one
 * dashed line; one value axis with round ticks under all rows. Marked for the browser tests: the plot area
 * is [data-plot], every drawn series element carries data-series, every category label data-category.
 */
import { ChartModel } from "../../workbook/proposal/model";
import { Axis, BulletForm, BulletRow, bulletForm, bulletValues, niceAxis } from "../../workbook/proposal/chartForm";
import { formatTick, formatValue } from "../components/format";
import { Legend, LegendItem } from "./Legend";
import { Measure, Scale, Text, fitLabel } from "./labels";
import { CHART_COLORS as C, FONT_PX, LINE_PX } from "./theme";

const TRACK = 14;
const ROW_GAP = 10;
const INSET = 7; // data never closer than this to the plot's edge (a diamond's half width and a stroke)

interface Geometry {
  x: Scale;
  x0: number;
  x1: number;
}

function describe(r: BulletRow, f: BulletForm, fmt: Text): string {
  const parts = r.bars.map((v, k) => `${f.barNames[k]} ${fmt(v)}`);
  if (r.marker !== undefined && f.markerName) parts.push(`${f.markerName} ${fmt(r.marker)}`);
  if (r.tick !== undefined && f.tickName) parts.push(`${f.tickName} ${fmt(r.tick)}`);
  if (r.min !== undefined && r.max !== undefined) parts.push(`range ${fmt(r.min)} to ${fmt(r.max)}`);
  if (f.threshold) parts.push(`${f.threshold.name} ${fmt(f.threshold.value)}`);
  return `${r.category}: ${parts.join(", ")}${outside(r, f) ? ` (${outsideWords(f)})` : ""}`;
}

/** The first bar outside its row's range, or below a minimum threshold (a coverage under its floor). */
function outside(r: BulletRow, f?: BulletForm): boolean {
  const v = r.bars[0];
  if (v === undefined) return false;
  if (r.min !== undefined && r.max !== undefined) return v < r.min - 1e-9 || v > r.max + 1e-9;
  return f?.threshold !== undefined && /^min/i.test(f.threshold.name) && v < f.threshold.value - 1e-9;
}

function outsideWords(f: BulletForm): string {
  return f.threshold && f.rows.every((r) => r.min === undefined) ? `below the ${f.threshold.name.toLowerCase()}` : "outside its range";
}

function Row({ r, f, g, top, lines, fmt }: { r: BulletRow; f: BulletForm; g: Geometry; top: number; lines: string[]; fmt: Text }) {
  const track = top + lines.length * LINE_PX + 3;
  const mid = track + TRACK / 2;
  const zero = g.x(0);
  const nBars = Math.max(1, r.bars.length);
  const barH = r.min !== undefined || r.tick !== undefined || nBars > 1 ? 6 : 10;
  return (
    <g data-row>
      <title>{describe(r, f, fmt)}</title>
      <text x={g.x0} y={top + FONT_PX} fontSize={FONT_PX} fill={C.text} data-category={r.category}>
        {lines.map((l, i) => (
          <tspan key={i} x={g.x0} dy={i === 0 ? 0 : LINE_PX}>
            {l}
          </tspan>
        ))}
      </text>
      {r.bars.length > 0 && (
        <text x={g.x1} y={top + FONT_PX} fontSize={FONT_PX} fontWeight={600} textAnchor="end" fill={outside(r, f) ? C.outside : C.text}>
          {fmt(r.bars[0])}
        </text>
      )}
      {r.min !== undefined && r.max !== undefined && (
        <rect data-series="Range" x={g.x(r.min)} y={track} width={Math.max(1, g.x(r.max) - g.x(r.min))} height={TRACK} fill={C.band} />
      )}
      {r.bars.map((v, k) => {
        const h = barH / nBars;
        return (
          <rect
            key={k}
            data-series={f.barNames[k]}
            x={Math.min(zero, g.x(v))}
            y={mid - barH / 2 + k * h}
            width={Math.max(1, Math.abs(g.x(v) - zero))}
            height={h}
            fill={k === 0 ? (outside(r, f) ? C.outside : C.after) : C.palette[k % C.palette.length]}
          />
        );
      })}
      {r.tick !== undefined && (
        <line
          data-series={f.tickName}
          x1={g.x(r.tick)}
          x2={g.x(r.tick)}
          y1={track - 2}
          y2={track + TRACK + 2}
          stroke={C.target}
          strokeWidth={2.5}
        />
      )}
      {r.marker !== undefined && (
        <path
          data-series={f.markerName}
          d={`M${g.x(r.marker)},${mid - 5} l5,5 l-5,5 l-5,-5 z`}
          fill="#ffffff"
          stroke={C.before}
          strokeWidth={1.5}
        />
      )}
    </g>
  );
}

function AxisLayer({ axis, g, top, bottom, f }: { axis: Axis; g: Geometry; top: number; bottom: number; f: Text }) {
  return (
    <g aria-hidden="true">
      {axis.ticks.map((t) => (
        <g key={t}>
          <line x1={g.x(t)} x2={g.x(t)} y1={top} y2={bottom} stroke={Math.abs(t) < 1e-12 ? C.zero : C.grid} strokeWidth={1} />
          <text x={g.x(t)} y={bottom + FONT_PX + 3} fontSize={FONT_PX - 1} textAnchor="middle" fill={C.subtle} data-tick>
            {f(t)}
          </text>
        </g>
      ))}
    </g>
  );
}

export function BulletChart({ chart, width, measure }: { chart: ChartModel; width: number; measure: Measure }) {
  const form = bulletForm(chart);
  const axis = niceAxis(bulletValues(form), width < 360 ? 5 : 6);
  const fmt = (v: number) => formatValue(v, chart.format, 1);
  const tick = (v: number) => formatTick(v, chart.format, axis.step);
  // Room at each end for the end ticks' labels, centred on them.
  const x0 = Math.ceil(Math.max(2, measure(tick(axis.min)) / 2 - INSET + 2));
  const x1 = Math.floor(width - Math.max(2, measure(tick(axis.max)) / 2 - INSET + 2));
  const span = axis.max - axis.min || 1;
  const g: Geometry = { x0, x1, x: (v) => x0 + INSET + ((v - axis.min) / span) * (x1 - x0 - 2 * INSET) };

  const valueRoom = Math.max(0, ...form.rows.map((r) => (r.bars.length ? measure(fmt(r.bars[0])) : 0))) + 10;
  let y = 4;
  const placed = form.rows.map((r) => {
    const label = fitLabel(r.category, Math.max(60, x1 - x0 - valueRoom), measure, 2);
    const top = y;
    y += label.lines.length * LINE_PX + 3 + TRACK + ROW_GAP;
    return { r, top, lines: label.lines };
  });
  const plotBottom = y - ROW_GAP + 4;
  const height = plotBottom + FONT_PX + 8;

  const items: LegendItem[] = [
    ...form.barNames.map((n, k) => ({ name: n, shape: "bar" as const, color: k === 0 ? C.after : C.palette[k % C.palette.length] })),
    ...(form.rows.some((r) => outside(r, form))
      ? [{ name: `${form.barNames[0]}, ${outsideWords(form)}`, shape: "bar" as const, color: C.outside }]
      : []),
    ...(form.markerName ? [{ name: form.markerName, shape: "diamond" as const, color: C.before }] : []),
    ...(form.tickName ? [{ name: form.tickName, shape: "tick" as const, color: C.target }] : []),
    ...(form.bandName ? [{ name: form.bandName, shape: "band" as const, color: C.band }] : []),
    ...(form.threshold
      ? [{ name: `${form.threshold.name} ${fmt(form.threshold.value)}`, shape: "dash" as const, color: C.threshold }]
      : []),
  ];

  return (
    <>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${chart.title}. ${form.rows.map((r) => describe(r, form, fmt)).join(". ")}.`}
        data-chart="bullet"
        data-categories={form.rows.length}
        style={{ display: "block", fontFamily: "inherit" }}
      >
        <rect data-plot x={x0} y={0} width={x1 - x0} height={plotBottom} fill="none" />
        <AxisLayer axis={axis} g={g} top={0} bottom={plotBottom} f={tick} />
        {placed.map((p) => (
          <Row key={p.r.category} r={p.r} f={form} g={g} top={p.top} lines={p.lines} fmt={fmt} />
        ))}
        {form.threshold && (
          <line
            data-series={form.threshold.name}
            x1={g.x(form.threshold.value)}
            x2={g.x(form.threshold.value)}
            y1={1}
            y2={plotBottom - 1}
            stroke={C.threshold}
            strokeWidth={1.5}
            strokeDasharray="4 3"
          />
        )}
      </svg>
      <p className="ov-axis-title">{chart.yTitle}</p>
      <Legend items={items} />
    </>
  );
}
