/** Category labels: broken only between words, shortened (never split) where a word does not fit. */
import fc from "fast-check";
import { estimateMeasure, fitLabel } from "../../../src/taskpane/charts/labels";

const m = estimateMeasure(12); // 6.72 px a character

describe("fitLabel", () => {
  test("a label that fits stays whole on one line", () => {
    expect(fitLabel("Non-US developed equity", 300, m)).toEqual({ lines: ["Non-US developed equity"], shortened: false });
  });

  test("a long label wraps at a space, never inside a word", () => {
    expect(fitLabel("Long duration Treasuries", 100, m)).toEqual({ lines: ["Long duration", "Treasuries"], shortened: false });
  });

  test("beyond two lines: an ellipsis at a word boundary; a word wider than the line is shortened with a full stop", () => {
    const r = fitLabel("Emerging markets local currency debt", 70, m);
    expect(r.shortened).toBe(true);
    expect(r.lines).toHaveLength(2);
    expect(r.lines[1].endsWith("…")).toBe(true);
    expect(fitLabel("Infrastructure", 50, m)).toEqual({ lines: ["Infras."], shortened: true }); // 7 x 6.72 px = 47 px
  });

  test("property: every line fits, and every word shown is a whole word of the name or its shortened start", () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,16}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), fc.integer({ min: 40, max: 300 }), (words, width) => {
        const text = words.join(" ");
        const r = fitLabel(text, width, m);
        expect(r.lines.length).toBeGreaterThan(0);
        expect(r.lines.length).toBeLessThanOrEqual(2);
        for (const line of r.lines) {
          expect(m(line)).toBeLessThanOrEqual(width + 1e-9);
          for (const w of line.replace(/…$/, "").split(" ").filter(Boolean)) {
            const ok = words.includes(w) || (w.endsWith(".") && words.some((x) => x.startsWith(w.slice(0, -1))));
            expect(ok).toBe(true);
          }
        }
        if (!r.shortened) expect(r.lines.join(" ")).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
