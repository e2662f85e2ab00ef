import { hedgeWorkflow } from "../../workbook/proposal/workflows/hedge";
import { WorkflowView } from "../components/WorkflowView";
import { ViewProps } from "./types";

/** LDI hedge: key-rate hedge ratios to the target with futures and swaps. */
export function HedgeView(props: ViewProps) {
  return (
    <WorkflowView
      workflow={hedgeWorkflow}
      {...props}
      intro="Key-rate 01s on the zero curve (PV01 = PV at curve - 1bp minus PV). Units are contracts for futures and notional for swaps."
    />
  );
}
