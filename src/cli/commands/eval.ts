/**
 * `overlay eval`: one formula, or one formula a line of standard input, evaluated with the registry.
 */
import { createInterface } from "node:readline";
import { ExcelError } from "../../functions/excel";
import { evaluate } from "../xlsx/formula/evaluate";
import { FormulaSyntaxError, parseFormula } from "../xlsx/formula/parse";
import { formatValue } from "./format";

/** Evaluates one formula's text to the line(s) to print; never throws. */
export async function evalText(text: string, rowSeparator = "\n"): Promise<{ out: string; error: boolean }> {
  try {
    const v = await evaluate(parseFormula(text));
    return { out: formatValue(v, rowSeparator), error: v instanceof ExcelError };
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return { out: `#VALUE! Formula: ${e.message}`, error: true };
    return { out: `#VALUE! ${e instanceof Error ? e.message : String(e)}`, error: true };
  }
}

export async function evalStdin(): Promise<number> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === "") {
      process.stdout.write("\n");
      continue;
    }
    const r = await evalText(line, " | ");
    process.stdout.write(r.out + "\n");
  }
  return 0;
}
