/**
 * The proposal workflows and how to run one: read the inputs through a WorkbookPort, compute through the
 * function registry, and (separately) write the proposal sheet or the CSV ticket. The task pane and
 * `overlay propose` run exactly this code.
 */
import { WorkbookPort } from "../WorkbookPort";
import { copyMatrix, describeOptions, withDefaults } from "./call";
import { headline } from "./checks";
import { InputSource, readInputs } from "./inputs";
import { InputName, Proposal, Workflow, WorkflowId, WorkflowInputs, WorkflowOptions } from "./model";
import { completionWorkflow } from "./workflows/completion";
import { dailyWorkflow } from "./workflows/daily";
import { equitiseWorkflow } from "./workflows/equitise";
import { hedgeWorkflow } from "./workflows/hedge";
import { leverageWorkflow } from "./workflows/leverage";
import { optionsWorkflow } from "./workflows/options";
import { rebalanceWorkflow } from "./workflows/rebalance";
import { tiltWorkflow } from "./workflows/tilt";

/** In the order the pane lists them. `overlay propose --workflow <id>` takes the same ids. */
export const WORKFLOWS: readonly Workflow[] = [
  rebalanceWorkflow,
  equitiseWorkflow,
  tiltWorkflow,
  dailyWorkflow,
  optionsWorkflow,
  hedgeWorkflow,
  leverageWorkflow,
  completionWorkflow,
];

export function findWorkflow(id: string): Workflow | undefined {
  const key = id.toLowerCase();
  return WORKFLOWS.find((w) => w.id === key || w.label.toLowerCase() === key);
}

/**
 * Computes a proposal from inputs already read: the workflow's own figures and checks, and what every proposal
 * has alike: the workflow's id and label, the headline from its trades and checks, the options in words, and
 * the inputs it used (copied, so a proposal never shares arrays with the workbook it read).
 */
export async function computeProposal(workflow: Workflow, inputs: WorkflowInputs, options: WorkflowOptions): Promise<Proposal> {
  const r = await workflow.compute(inputs, options);
  return {
    ...r,
    workflow: workflow.id,
    label: r.label ?? workflow.label,
    headline: r.headline ?? headline(r.trades, r.checks),
    options: r.options ?? describeOptions(workflow.options, withDefaults(workflow.options, options)),
    inputs: workflow.inputs
      .filter((d) => inputs[d.name] !== undefined)
      .map((d) => ({ name: d.name, ref: inputs[d.name]!.ref, values: copyMatrix(inputs[d.name]!.values) })),
  };
}

/** Reads the inputs from the workbook and computes the proposal. */
export async function runWorkflow(
  port: WorkbookPort,
  workflow: Workflow,
  sources: Partial<Record<InputName, InputSource>>,
  options: WorkflowOptions,
): Promise<Proposal> {
  const inputs = await readInputs(port, workflow, sources);
  return computeProposal(workflow, inputs, options);
}

export type { WorkflowId };
export * from "./model";
export * from "./inputs";
