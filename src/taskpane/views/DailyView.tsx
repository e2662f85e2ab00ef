import { dailyWorkflow } from "../../workbook/proposal/workflows/daily";
import { WorkflowView } from "../components/WorkflowView";
import { ViewProps } from "./types";

/** Daily: the day's net futures trades for the whole programme (cash, rebalance, tilts), one per contract. */
export function DailyView(props: ViewProps) {
  return (
    <WorkflowView
      workflow={dailyWorkflow}
      {...props}
      intro="New cash, the rebalance and the tilts active on the trade date are netted into one trade per contract; trades under the minimum size are dropped."
    />
  );
}
