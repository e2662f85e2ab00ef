/** Numbers as the pane shows them (the proposal sheet keeps full precision with Excel formats). */
import { ValueFormat } from "../../workbook/proposal/model";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2 });
const plain = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });
const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatValue(x: number | undefined, f: ValueFormat, percentDigits = 2): string {
  if (x === undefined || !Number.isFinite(x)) return "";
  switch (f) {
    case "percent":
      return `${(x * 100).toFixed(percentDigits)}%`;
    case "money":
      return Math.abs(x) >= 1e5 ? compact.format(x) : whole.format(x);
    case "ratio":
      return x.toFixed(3);
    default:
      return plain.format(x);
  }
}

export function formatQuantity(q: number, unit: string): string {
  if (unit === "weight") return `${(q * 100).toFixed(2)}%`;
  if (unit === "contracts") return whole.format(q);
  if (unit === "exposure") return Math.abs(q) >= 1e5 ? compact.format(q) : whole.format(q);
  return Math.abs(q) >= 1e6 ? compact.format(q) : plain.format(q);
}

/** A range in few characters: "22–28%" for weights, "0–1" for ratios. */
export function formatRange(min: number, max: number, f: ValueFormat): string {
  if (f === "percent") {
    const p = (x: number) => String(Math.round(x * 1000) / 10);
    return `${p(min)}–${p(max)}%`;
  }
  return `${formatValue(min, f)}–${formatValue(max, f)}`;
}

/** An axis tick: as few digits as the step needs ("5%", "2.5%", "1.5", "2M"). */
export function formatTick(x: number, f: ValueFormat, step: number): string {
  const digits = decimalsOf;
  const v = Math.abs(x) < step * 1e-9 ? 0 : x;
  if (f === "percent") return `${(v * 100).toFixed(digits(step * 100))}%`;
  if (f === "money") return Math.abs(step) >= 1000 ? compact.format(v) : whole.format(v);
  if (Math.abs(step) >= 1e5) return compact.format(v);
  return v.toLocaleString("en-US", { minimumFractionDigits: digits(step), maximumFractionDigits: digits(step) });
}

/** The decimals a step needs to be written exactly (0.5 -> 1, 2.5 -> 1, 20 -> 0), at most 6. */
export function decimalsOf(step: number): number {
  for (let d = 0; d < 6; d++) {
    const x = Math.abs(step) * 10 ** d;
    if (Math.abs(x - Math.round(x)) < 1e-9 * Math.max(1, x)) return d;
  }
  return 6;
}

/** A figure beside the trades: as formatValue, with plain numbers to four significant digits at most past the point. */
export function formatFigure(x: number, f: ValueFormat): string {
  if (f !== "number" || !Number.isFinite(x)) return formatValue(x, f);
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 1 ? 2 : 4;
  return x.toLocaleString("en-US", { maximumFractionDigits: digits });
}
