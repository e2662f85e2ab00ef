/**
 * The `overlay` command.
 *   overlay eval "=OVERLAY.CONTRACTS(25000000,5000,250)"   one formula: prints the result
 *   overlay eval -                                         one formula a line on stdin, one result a line
 *   overlay --version | --help
 *
 * Quick to start: each command loads only what it uses (`--version` nothing, `eval` the function registry, the
 * workbook commands exceljs and jszip), through dynamic imports that the bundle keeps as separate chunks.
 */
import { readFileSync } from "node:fs";
import type { Command } from "./commands";

import { VERSION } from "../version";
export { VERSION };

const usage = (commands: Command[]) => `overlay ${VERSION}: Overlay for Excel on the command line

Usage:
  overlay eval "=OVERLAY.FUNCTION(args)"   evaluate one formula (literals and array constants {1,2;3,4})
  overlay eval -                            evaluate one formula per line of standard input
${commands.map((c) => `  ${c.usage}`).join("\n")}
  overlay --version

Numbers print in their shortest round-trip form; a table prints one row a line, cells separated by tabs
(in "eval -" mode rows are joined by " | "). An error prints as "#CODE message" and, for a single
formula, exits with status 1.`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === "--help" || cmd === "-h" || cmd === "help") {
    console.log(usage((await import("./commands")).COMMANDS));
    return cmd ? 0 : 2;
  }
  if (cmd === "--version" || cmd === "-v") {
    console.log(VERSION);
    return 0;
  }
  if (cmd === "eval") {
    if (rest.length !== 1) {
      console.error('overlay eval takes one formula in quotes, or "-" to read formulas from standard input');
      return 2;
    }
    const { evalStdin, evalText } = await import("./commands/eval");
    if (rest[0] === "-") return evalStdin();
    const text = rest[0].startsWith("@") ? readFileSync(rest[0].slice(1), "utf8") : rest[0];
    const r = await evalText(text);
    console.log(r.out);
    return r.error ? 1 : 0;
  }
  const { COMMANDS } = await import("./commands");
  const command = COMMANDS.find((c) => c.name === cmd);
  if (command) return command.run(rest);
  console.error(`overlay: unknown command '${cmd}'\n\n${usage(COMMANDS)}`);
  return 2;
}
