/** The chart module loads on demand (its own chunk: d3 and the chart components), after the proposal. */
import { Spinner } from "@fluentui/react-components";
import { Suspense, lazy } from "react";
import { ChartModel } from "../../workbook/proposal/model";

const ProposalChart = lazy(() => import(/* webpackChunkName: "charts" */ "./ProposalChart"));

export function LazyChart({ chart }: { chart: ChartModel }) {
  return (
    <figure className="ov-figure" aria-label={chart.title}>
      <figcaption className="ov-strong">{chart.title}</figcaption>
      <Suspense fallback={<Spinner size="tiny" label="Loading the chart" />}>
        <ProposalChart chart={chart} />
      </Suspense>
    </figure>
  );
}
