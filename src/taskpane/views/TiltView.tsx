import { tiltWorkflow } from "../../workbook/proposal/workflows/tilt";
import { WorkflowView } from "../components/WorkflowView";
import { ViewProps } from "./types";

/** Tilt: a tactical view through futures, scaled by one factor to respect every range. */
export function TiltView(props: ViewProps) {
  return (
    <WorkflowView
      workflow={tiltWorkflow}
      {...props}
      intro="The whole tilt is scaled by one factor so every weight stays inside its range and the gross notional under the cap; the binding limit is named."
    />
  );
}
