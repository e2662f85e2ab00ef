/**
 * The proposal's chart, drawn as SVG at the pane's width (loaded on demand: see LazyChart):
 *   "bands" and "bars" (categories): a horizontal bullet chart, one row per category (BulletChart);
 *   "line" (numeric x): y against x (XYChart).
 * Horizontal rows rather than columns: at 320 px every category keeps a whole-width label, and a target or a
 * bound is a mark on its own row, never a line joining unrelated categories.
 */
import { useMemo } from "react";
import { ChartModel } from "../../workbook/proposal/model";
import { useWidth } from "../hooks/useWidth";
import { BulletChart } from "./BulletChart";
import { canvasMeasure } from "./labels";
import { CHART_FONT, FONT_PX } from "./theme";
import { XYChart } from "./XYChart";

export default function ProposalChart({ chart }: { chart: ChartModel }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const measure = useMemo(() => canvasMeasure(CHART_FONT, FONT_PX), []);
  return (
    <div ref={ref} className="ov-chart">
      {chart.kind === "line" ? (
        <XYChart chart={chart} width={width} measure={measure} />
      ) : (
        <BulletChart chart={chart} width={width} measure={measure} />
      )}
    </div>
  );
}
