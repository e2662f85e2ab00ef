/**
 * Category labels that fit the width they are given, broken only between words: greedy line filling up to
 * `maxLines`; what still does not fit is cut at a word boundary with an ellipsis, and a single word wider than
 * the line is shortened to its first letters and a full stop ("Infrastructure" -> "Infrastr."). The chart
 * shows the full name in the tooltip whenever the label is shortened.
 */
export type Measure = (text: string) => number;
/** A value axis: value to pixels. */
export type Scale = (value: number) => number;
/** A value in words, as a label shows it. */
export type Text = (value: number) => string;

export interface FittedLabel {
  lines: string[];
  /** True when the label shows less than the full name. */
  shortened: boolean;
}

/** A word shortened to fit: as many letters as fit before a full stop (at least one). */
function shorten(word: string, width: number, measure: Measure): string {
  for (let n = word.length - 1; n >= 1; n--) {
    const w = `${word.slice(0, n)}.`;
    if (measure(w) <= width) return w;
  }
  return `${word[0] ?? ""}.`;
}

export function fitLabel(text: string, width: number, measure: Measure, maxLines = 2): FittedLabel {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let shortened = false;
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    let word = words[i];
    if (measure(word) > width) {
      word = shorten(word, width, measure);
      shortened = true;
    }
    let line = word;
    i++;
    while (i < words.length && measure(`${line} ${words[i]}`) <= width) line = `${line} ${words[i++]}`;
    lines.push(line);
  }
  if (i < words.length) {
    // Words left over: end the last line with an ellipsis, dropping words until it fits.
    shortened = true;
    let last = lines.pop() ?? "";
    while (last.includes(" ") && measure(`${last}…`) > width) last = last.slice(0, last.lastIndexOf(" "));
    lines.push(measure(`${last}…`) <= width ? `${last}…` : last);
  }
  return { lines, shortened };
}

/** An estimate for hosts without a canvas (tests): the average advance of a sans-serif face. */
export function estimateMeasure(fontPx: number): Measure {
  return (t) => t.length * fontPx * 0.56;
}

/** The browser's own text metrics for a CSS font ("12px Segoe UI"), or the estimate where there is no canvas. */
export function canvasMeasure(font: string, fontPx: number): Measure {
  const jsdom = typeof navigator !== "undefined" && /jsdom/i.test(navigator.userAgent);
  if (!jsdom && typeof document !== "undefined") {
    try {
      const ctx = document.createElement("canvas").getContext("2d");
      if (ctx) {
        ctx.font = font;
        // A little room for the SVG's own rounding.
        return (t) => ctx.measureText(t).width * 1.02;
      }
    } catch {
      // fall through to the estimate
    }
  }
  return estimateMeasure(fontPx);
}
