/**
 * The charts' form: round axes (Heckbert, "Nice numbers for graph labels", Graphics Gems I, 1990: steps of
 * 1, 2 or 5 times a power of ten, ends on ticks) covering every series, and the bullet roles of a chart's series.
 */
import fc from "fast-check";
import { bulletForm, bulletValues, niceAxis, seriesRole } from "../../../src/workbook/proposal/chartForm";
import { ChartModel } from "../../../src/workbook/proposal/model";

function isRoundStep(step: number): boolean {
  const p = 10 ** Math.floor(Math.log10(step) + 1e-12);
  return [1, 2, 5, 10].some((m) => Math.abs(step - m * p) <= 1e-9 * step);
}

describe("niceAxis", () => {
  test("worked cases: the issue's weights axis (0 to 28.9%) and a payoff from -30 to 45", () => {
    // Heckbert's loose labelling of [0, 0.289] with about 5 ticks: 0, 0.1, 0.2, 0.3 (not 5.7%, 11.3%, 17%).
    expect(niceAxis([0.289, 0.227, 0.02], 5)).toEqual({ min: 0, max: 0.3, step: 0.1, ticks: [0, 0.1, 0.2, 0.3] });
    expect(niceAxis([-30, 0, 45], 6)).toEqual({ min: -40, max: 60, step: 20, ticks: [-40, -20, 0, 20, 40, 60] });
    // Without zero (an x axis of spot levels 2,500 to 7,500).
    expect(niceAxis([2500, 7500], 6, false).ticks).toEqual([2000, 4000, 6000, 8000]);
  });

  test("no values, one value, and non-finite values ignored", () => {
    expect(niceAxis([])).toMatchObject({ min: 0, max: 1 });
    expect(niceAxis([0])).toMatchObject({ min: 0, max: 1 });
    expect(niceAxis([NaN, Infinity, 0.5]).max).toBe(0.5);
    expect(niceAxis([0.05, 0.05]).ticks.every(Number.isFinite)).toBe(true);
  });

  test("property: covers every value and zero, round steps, at most maxTicks ticks, ends on ticks, clean decimals", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e7, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 2, max: 10 }),
        (values, maxTicks) => {
          const a = niceAxis(values, maxTicks);
          const lo = Math.min(0, ...values);
          const hi = Math.max(0, ...values);
          // Covered to a billionth of the axis's span (the ends are rounded with that slack, so a value a hair past
          // a round number does not cost a whole extra interval).
          const tol = 1e-9 * (a.max - a.min);
          expect(a.min).toBeLessThanOrEqual(lo + tol);
          expect(a.max).toBeGreaterThanOrEqual(hi - tol);
          expect(isRoundStep(a.step)).toBe(true);
          expect(a.ticks.length).toBeLessThanOrEqual(Math.max(3, maxTicks));
          expect(a.ticks.length).toBeGreaterThanOrEqual(2);
          expect(a.ticks[0]).toBe(a.min);
          expect(a.ticks[a.ticks.length - 1]).toBe(a.max);
          for (const t of a.ticks) expect(t).toBe(Number(t.toPrecision(12))); // 0.3, never 0.30000000000000004
          for (let i = 1; i < a.ticks.length; i++) expect(a.ticks[i] - a.ticks[i - 1]).toBeCloseTo(a.step, 6);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

const BANDS: ChartModel = {
  kind: "bands",
  title: "Weights against target and range",
  xTitle: "Asset class",
  yTitle: "Weight of NAV",
  format: "percent",
  categories: ["US equity", "Commodities"],
  series: [
    { name: "Before", values: [0.289, 0.027] },
    { name: "After", values: [0.227, 0.03] },
    { name: "Target", values: [0.25, 0.03], line: true },
    { name: "Min", values: [0.22, 0.02], line: true },
    { name: "Max", values: [0.28, 0.04], line: true },
  ],
};

describe("bullet form", () => {
  test("the bands convention: After a bar, Before a marker, Target a tick, Min and Max a band", () => {
    expect(BANDS.series.map(seriesRole)).toEqual(["marker", "bar", "tick", "min", "max"]);
    const f = bulletForm(BANDS);
    expect(f.rows[0]).toEqual({ category: "US equity", bars: [0.227], marker: 0.289, tick: 0.25, min: 0.22, max: 0.28 });
    expect(f).toMatchObject({ barNames: ["After"], markerName: "Before", tickName: "Target", bandName: "Range (min to max)" });
    // The axis covers Before (28.9%) and Max (28%), not only the After bars (22.7%): 0 to 30%.
    expect(niceAxis(bulletValues(f), 5).max).toBe(0.3);
  });

  test("a constant line is one threshold; a varying one a tick; an explicit role wins over the name", () => {
    const cov: ChartModel = {
      ...BANDS,
      kind: "bars",
      categories: ["2022", "1987", "2008"],
      series: [
        { name: "Coverage", values: [0.8, 2.4, 1.6] },
        { name: "Minimum", values: [1, 1, 1], line: true },
      ],
    };
    const f = bulletForm(cov);
    expect(f.threshold).toEqual({ name: "Minimum", value: 1 });
    expect(f.rows.map((r) => r.bars)).toEqual([[0.8], [2.4], [1.6]]);
    expect(seriesRole({ name: "Limit", values: [1, 2], line: true })).toBe("tick");
    expect(seriesRole({ name: "After", values: [1], role: "marker" })).toBe("marker");
  });

  test("a band needs both bounds in order; missing values are left out, not drawn at zero", () => {
    const f = bulletForm({
      ...BANDS,
      series: [
        { name: "After", values: [0.2, 0.1] },
        { name: "Min", values: [0.3, NaN] },
        { name: "Max", values: [0.25, 0.2] },
        { name: "Target", values: [NaN, 0.1] },
      ],
    });
    expect(f.rows[0]).toMatchObject({ min: undefined, max: undefined, tick: undefined });
    expect(f.rows[1]).toMatchObject({ min: undefined, max: undefined, tick: 0.1 });
  });
});
