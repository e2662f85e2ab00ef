import { completionWorkflow } from "../../workbook/proposal/workflows/completion";
import { WorkflowView } from "../components/WorkflowView";
import { ViewProps } from "./types";

/** Completion: a factor-completing sleeve beside the managers. */
export function CompletionView(props: ViewProps) {
  return (
    <WorkflowView
      workflow={completionWorkflow}
      {...props}
      intro="The sleeve's weights are long only and add up to the budget; the other holdings are scaled down to make room."
    />
  );
}
