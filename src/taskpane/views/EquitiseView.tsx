import { equitiseWorkflow } from "../../workbook/proposal/workflows/equitise";
import { WorkflowView } from "../components/WorkflowView";
import { ViewProps } from "./types";

/** Equitise: futures on the cash above the buffer, pro rata to targets or filling underweights first. */
export function EquitiseView(props: ViewProps) {
  return (
    <WorkflowView
      workflow={equitiseWorkflow}
      {...props}
      intro="The cash above the buffer is invested through futures; an illiquid class's share goes through its proxy's futures."
    />
  );
}
