/**
 * Workbook commands of `overlay` (run, propose, audit), registered here so the entry point stays small.
 * Each takes its own argument list and returns the exit status.
 */
import { AUDIT_USAGE, auditCommand } from "./audit";
import { PROPOSE_USAGE, proposeCommand } from "./propose";
import { RUN_USAGE, runCommand } from "./run";

export interface Command {
  name: string;
  usage: string;
  run: (args: string[]) => Promise<number>;
}

export const COMMANDS: Command[] = [
  {
    name: "run",
    usage: `${RUN_USAGE}\n                                            recalculate the OVERLAY formulas of workbooks into new files`,
    run: runCommand,
  },
  {
    name: "propose",
    usage: `${PROPOSE_USAGE}\n                                            the task pane's trade proposal, headless (overlay propose --help)`,
    run: proposeCommand,
  },
  {
    name: "audit",
    usage: `${AUDIT_USAGE}\n                                            print and verify the audit log of the proposals written into a workbook`,
    run: auditCommand,
  },
];
