/**
 * How a proposal's chart is drawn, shared by the task pane (SVG) and the proposal sheet (native Excel chart):
 *
 *   Categorical charts ("bands", "bars") are bullet charts (Few, "Bullet Graph Design Specification", 2013):
 *   per category a bar for the value after the trades, the value before as a marker, the target as a tick and
 *   the min-max range as a band behind them; a constant threshold (a minimum coverage) is one reference line.
 *   Bars, markers and ticks share one value axis, which never joins unrelated categories with a line.
 *
 *   The value axis covers every series and zero, with round ticks: steps of 1, 2 or 5 times a power of ten
 *   (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990).
 *
 * Plain data in, plain data out: no DOM, no Office.
 */
import { ChartModel, ChartSeries, SeriesRole } from "./model";

export type { SeriesRole };

/** A series' role: as the workflow set it, else from its name (the "bands" convention), else bar or threshold. */
export function seriesRole(s: ChartSeries): SeriesRole {
  if (s.role) return s.role;
  switch (s.name.toLowerCase()) {
    case "after":
      return "bar";
    case "before":
      return "marker";
    case "target":
      return "tick";
    case "min":
      return "min";
    case "max":
      return "max";
    default:
      return s.line ? (s.values.every((v) => v === s.values[0]) ? "threshold" : "tick") : "bar";
  }
}

export interface BulletRow {
  category: string;
  /** One value per bar series, in series order. */
  bars: number[];
  marker?: number;
  tick?: number;
  min?: number;
  max?: number;
}

export interface BulletForm {
  rows: BulletRow[];
  /** Names of the series, by role, for the legend. */
  barNames: string[];
  markerName?: string;
  tickName?: string;
  /** "Range" with both bounds, or the one bound's name. */
  bandName?: string;
  threshold?: { name: string; value: number };
}

const finite = (x: number | undefined): x is number => typeof x === "number" && Number.isFinite(x);

/** A categorical chart as bullet rows. A band needs both bounds; a bound equal to neither side is kept as is. */
export function bulletForm(chart: ChartModel): BulletForm {
  const byRole = (r: SeriesRole) => chart.series.filter((s) => seriesRole(s) === r);
  const bars = byRole("bar");
  const [marker] = byRole("marker");
  const [tick] = byRole("tick");
  const [min] = byRole("min");
  const [max] = byRole("max");
  const [threshold] = byRole("threshold");
  const rows = chart.categories.map((c, i) => {
    const at = (s: ChartSeries | undefined) => (s && finite(s.values[i]) ? s.values[i] : undefined);
    const lo = at(min);
    const hi = at(max);
    const band = lo !== undefined && hi !== undefined && hi >= lo;
    return {
      category: String(c),
      bars: bars.map((s) => (finite(s.values[i]) ? s.values[i] : 0)),
      marker: at(marker),
      tick: at(tick),
      min: band ? lo : undefined,
      max: band ? hi : undefined,
    };
  });
  return {
    rows,
    barNames: bars.map((s) => s.name),
    markerName: marker?.name,
    tickName: tick?.name,
    bandName: min && max ? "Range (min to max)" : undefined,
    threshold: threshold && finite(threshold.values[0]) ? { name: threshold.name, value: threshold.values[0] } : undefined,
  };
}

/** Every value a bullet chart draws (bars, markers, ticks, band ends, the threshold). */
export function bulletValues(f: BulletForm): number[] {
  const out: number[] = [];
  for (const r of f.rows) {
    out.push(...r.bars);
    for (const v of [r.marker, r.tick, r.min, r.max]) if (v !== undefined) out.push(v);
  }
  if (f.threshold) out.push(f.threshold.value);
  return out;
}

export interface Axis {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/** 1, 2, 5 or 10 times a power of ten, at least x. */
function niceStep(x: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  const f = x / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/** Rounding that keeps 0.1 + 0.2 from showing as 0.30000000000000004, and a tick at zero exactly 0. */
function clean(x: number, step: number): number {
  if (Math.abs(x) < Math.abs(step) * 1e-9) return 0;
  return Number(x.toPrecision(12)) + 0;
}

/**
 * A value axis covering every value (and zero, when `withZero`) with at most `maxTicks` round ticks (at
 * least 3); the ends are ticks. Values that are not finite are ignored; with none, [0, 1].
 */
export function niceAxis(values: readonly number[], maxTicks = 6, withZero = true): Axis {
  const v = values.filter((x) => Number.isFinite(x));
  let lo = v.length ? Math.min(...v) : 0;
  let hi = v.length ? Math.max(...v) : 1;
  if (withZero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  const size = Math.max(Math.abs(hi), Math.abs(lo));
  if (hi - lo <= 1e-12 * size || hi - lo < 1e-200) {
    // One value (or none apart): an axis around it; around 0 to 1 for zero or values too small to scale.
    const pad = size > 1e-200 ? size * 0.5 : 1;
    hi += pad;
    if (!withZero || lo < 0) lo -= pad;
  }
  // At least two intervals: values on both sides of zero may need them whatever the step.
  const intervals = Math.max(2, Math.floor(maxTicks) - 1);
  let step = niceStep((hi - lo) / intervals);
  let min = Math.floor(lo / step + 1e-10) * step;
  let max = Math.ceil(hi / step - 1e-10) * step;
  // Rounding both ends out can need one interval more than allowed: take the next round step.
  while (Math.round((max - min) / step) > intervals) {
    step = niceStep(step * 1.01);
    min = Math.floor(lo / step + 1e-10) * step;
    max = Math.ceil(hi / step - 1e-10) * step;
  }
  const n = Math.round((max - min) / step);
  const ticks = Array.from({ length: n + 1 }, (_, i) => clean(min + i * step, step));
  return { min: clean(min, step), max: clean(max, step), step: clean(step, step), ticks };
}
