/**
 * The README's worked examples of the form `=OVERLAY.X(...) -> result` give that result: each formula is evaluated
 * as a workbook cell would be (Excel's operators allowed, as in `4/12`) and printed as `overlay eval` prints it.
 * This keeps the documentation in step with the code; correctness against public references is tested per engine.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { evaluate } from "../src/cli/xlsx/formula/evaluate";
import { parseFormula } from "../src/cli/xlsx/formula/parse";
import { formatValue } from "../src/cli/commands/format";

const readme = readFileSync(resolve(__dirname, "../README.md"), "utf8");
const examples = [...readme.matchAll(/^\s*(=OVERLAY\.[A-Z0-9]+\(.*\))\s+->\s+(\S+)\s*$/gm)].map((m) => ({ formula: m[1], expected: m[2] }));

test("the README has worked examples to check", () => {
  expect(examples.length).toBeGreaterThanOrEqual(7);
});

test.each(examples)("$formula -> $expected", async ({ formula, expected }) => {
  const v = await evaluate(parseFormula(formula, { operators: true }));
  expect(formatValue(v)).toBe(expected);
});
