import { optionsWorkflow } from "../../workbook/proposal/workflows/options";
import { WorkflowView } from "../components/WorkflowView";
import { ViewProps } from "./types";

/** Options: an overlay structure's value, Greeks, payoff at expiry and contracts. */
export function OptionsView(props: ViewProps) {
  return (
    <WorkflowView
      workflow={optionsWorkflow}
      {...props}
      intro="Black-Scholes-Merton with continuous rate and dividend yield. Quantities are units of the underlying; contracts are Quantity divided by the multiplier."
    />
  );
}
