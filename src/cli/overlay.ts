/**
 * The `overlay` command.
 *   overlay eval "=OVERLAY.CONTRACTS(25000000,5000,250)"   one formula: prints the result
 *   overlay eval -                                         one formula a line on stdin, one result a line
 *   overlay --version | --help
 */
import { readFileSync } from "node:fs";
import { evalStdin, evalText } from "./commands/eval";
import { COMMANDS } from "./commands";

import { VERSION } from "../version";
export { VERSION };

const USAGE = `overlay ${VERSION}: Overlay for Excel on the command line

Usage:
  overlay eval "=OVERLAY.FUNCTION(args)"   evaluate one formula (literals and array constants {1,2;3,4})
  overlay eval -                            evaluate one formula per line of standard input
${COMMANDS.map((c) => `  ${c.usage}`).join("\n")}
  overlay --version

Numbers print in their shortest round-trip form; a table prints one row a line, cells separated by tabs
(in "eval -" mode rows are joined by " | "). An error prints as "#CODE message" and, for a single
formula, exits with status 1.`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === "--help" || cmd === "-h" || cmd === "help") {
    console.log(USAGE);
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
    if (rest[0] === "-") return evalStdin();
    const text = rest[0].startsWith("@") ? readFileSync(rest[0].slice(1), "utf8") : rest[0];
    const r = await evalText(text);
    console.log(r.out);
    return r.error ? 1 : 0;
  }
  const command = COMMANDS.find((c) => c.name === cmd);
  if (command) return command.run(rest);
  console.error(`overlay: unknown command '${cmd}'\n\n${USAGE}`);
  return 2;
}
