import { rebalanceWorkflow } from "../../workbook/proposal/workflows/rebalance";
import { WorkflowView } from "../components/WorkflowView";
import { ViewProps } from "./types";

/** Rebalance: back to the SAA with futures; illiquid classes offset through their proxies. */
export function RebalanceView(props: ViewProps) {
  return (
    <WorkflowView
      workflow={rebalanceWorkflow}
      {...props}
      intro="Weights are effective (physical plus futures) over NAV. Private markets are never traded; their deviation is offset through the proxy's futures."
    />
  );
}
