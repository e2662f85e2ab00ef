import { leverageWorkflow } from "../../workbook/proposal/workflows/leverage";
import { WorkflowView } from "../components/WorkflowView";
import { ViewProps } from "./types";

/** Leverage & liquidity: leverage limits and collateral coverage under stress. */
export function LeverageView(props: ViewProps) {
  return (
    <WorkflowView
      workflow={leverageWorkflow}
      {...props}
      intro="Leverage = exposure / NAV; cash equitised through futures adds no net leverage. Collateral is drawn tier by tier after haircuts."
    />
  );
}
