/**
 * Workbook commands of `overlay` (run, propose), registered here so the entry point stays small.
 * Each takes its own argument list and returns the exit status.
 */
export interface Command {
  name: string;
  usage: string;
  run: (args: string[]) => Promise<number>;
}

export const COMMANDS: Command[] = [];
