/** The pane's views, one per workflow, in the order the workflow picker lists them. */
import { ComponentType } from "react";
import { WorkflowId } from "../../workbook/proposal/model";
import { CompletionView } from "./CompletionView";
import { DailyView } from "./DailyView";
import { EquitiseView } from "./EquitiseView";
import { HedgeView } from "./HedgeView";
import { LeverageView } from "./LeverageView";
import { OptionsView } from "./OptionsView";
import { RebalanceView } from "./RebalanceView";
import { TiltView } from "./TiltView";
import { ViewProps } from "./types";

export interface ViewDef {
  id: WorkflowId;
  label: string;
  View: ComponentType<ViewProps>;
}

export const VIEWS: readonly ViewDef[] = [
  { id: "rebalance", label: "Rebalance", View: RebalanceView },
  { id: "equitise", label: "Equitise", View: EquitiseView },
  { id: "tilt", label: "Tilt", View: TiltView },
  { id: "daily", label: "Daily proposal", View: DailyView },
  { id: "options", label: "Options", View: OptionsView },
  { id: "hedge", label: "LDI hedge", View: HedgeView },
  { id: "leverage", label: "Leverage & liquidity", View: LeverageView },
  { id: "completion", label: "Completion", View: CompletionView },
];
