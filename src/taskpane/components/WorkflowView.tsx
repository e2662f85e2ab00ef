/**
 * One workflow's view: its inputs (workbook tables or the selection), its options, "Propose", and the
 * proposal. An error is shown beside the input or option it concerns, in words; an error that concerns no
 * field is shown above the Propose button.
 */
import { Button, MessageBar, MessageBarBody, Spinner, Subtitle2, Text } from "@fluentui/react-components";
import { ReactNode } from "react";
import { Workflow, WorkflowOptions } from "../../workbook/proposal/model";
import { TableInfo } from "../../workbook/WorkbookPort";
import { useWorkflow } from "../hooks/useWorkflow";
import { InputField } from "./InputField";
import { OptionField } from "./OptionField";
import { ProposalView } from "./ProposalView";

export interface WorkflowViewProps {
  workflow: Workflow;
  tables: TableInfo[];
  /** A few words of the view's own, under the summary. */
  intro?: ReactNode;
  preset?: WorkflowOptions;
  now?: () => Date;
}

export function WorkflowView({ workflow, tables, intro, preset, now }: WorkflowViewProps) {
  const { state, setSource, setOption, takeSelection, propose, write, exportCsv } = useWorkflow(workflow, tables, { now, preset });
  const { error, busy } = state;
  const fieldError = (f: string) => (error?.field === f ? error.message : undefined);
  const known = new Set([...workflow.inputs.map((i) => i.name as string), ...workflow.options.map((o) => o.key)]);
  const general = error && (!error.field || !known.has(error.field)) ? error.message : undefined;
  return (
    <section className="ov-workflow" aria-labelledby={`wf-${workflow.id}`}>
      <Text as="p" id={`wf-${workflow.id}`} className="ov-summary">
        {workflow.summary}
      </Text>
      {intro && <div className="ov-intro">{intro}</div>}

      <fieldset className="ov-group">
        <legend>
          <Subtitle2>Inputs</Subtitle2>
        </legend>
        {workflow.inputs.map((def) => (
          <InputField
            key={def.name}
            def={def}
            source={state.sources[def.name]}
            tables={tables}
            error={fieldError(def.name)}
            disabled={busy !== false}
            onChange={(s) => setSource(def.name, s)}
            onUseSelection={() => void takeSelection(def.name)}
          />
        ))}
      </fieldset>

      {workflow.options.length > 0 && (
        <fieldset className="ov-group">
          <legend>
            <Subtitle2>Options</Subtitle2>
          </legend>
          {workflow.options.map((def) => (
            <OptionField
              key={def.key}
              def={def}
              value={state.options[def.key]}
              error={fieldError(def.key)}
              disabled={busy !== false}
              onChange={(v) => setOption(def.key, v)}
            />
          ))}
        </fieldset>
      )}

      {general && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{general}</MessageBarBody>
        </MessageBar>
      )}
      {error?.field && known.has(error.field) && (
        <Text as="p" role="alert" className="ov-error-summary">
          Could not compute the proposal: see{" "}
          {workflow.inputs.some((i) => i.name === error.field) ? `the ${error.field} input` : "the options"} above.
        </Text>
      )}
      <div className="ov-actions">
        <Button appearance="primary" disabled={busy !== false} onClick={() => void propose()}>
          Propose trades
        </Button>
        {busy === "computing" && <Spinner size="tiny" label="Computing" />}
        {busy === "writing" && <Spinner size="tiny" label="Writing the sheet" />}
      </div>

      {state.proposal && (
        <ProposalView
          proposal={state.proposal}
          busy={busy !== false}
          written={state.written}
          ticket={state.ticket}
          blocked={state.blocked}
          onWrite={() => void write()}
          onExport={(o) => void exportCsv(o)}
        />
      )}
      <div aria-live="polite" className="ov-visually-hidden" data-testid="status">
        {state.status}
      </div>
    </section>
  );
}
