/**
 * Fuzz over the whole function registry: junk in, an Excel error with a message out (or a clean value);
 * never a JavaScript exception, NaN, Infinity or undefined. Every function registered later is covered:
 * generic junk for every argument automatically, and mutations of its valid call from validCalls.ts.
 */
import fc from "fast-check";
import { ExcelError } from "../../src/functions/excel";
import { callFunction, FunctionDef, REGISTRY } from "../../src/functions/registry";
import { EXTRA_CALLS, VALID_CALLS } from "./validCalls";
import { highsRequested } from "../../src/engine/optimise/highs";

/** Every valid call: one per function, and the variants that take another path. */
const CALLS: [FunctionDef, unknown[]][] = [
  ...REGISTRY.filter((d) => VALID_CALLS[d.id]).map((d): [FunctionDef, unknown[]] => [d, VALID_CALLS[d.id]]),
  ...EXTRA_CALLS.map(([id, args]): [FunctionDef, unknown[]] => [REGISTRY.find((d) => d.id === id)!, args]),
];

const CODES = new Set(["#VALUE!", "#NUM!", "#N/A", "#DIV/0!"]);
/** Messages of the last-resort net in src/functions/excel.ts: reaching it means a function let junk through. */
const NET = /^(Overlay could not compute this|The result is not a finite number|Overlay produced an unexpected value)/;

function check(def: FunctionDef, args: unknown[], r: unknown): void {
  const where = `${def.id}(${JSON.stringify(args, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v)).slice(0, 300)})`;
  if (r instanceof ExcelError) {
    if (!CODES.has(r.code)) throw new Error(`${where}: unexpected error code ${r.code}`);
    if (!r.message || r.message.length < 8) throw new Error(`${where}: error without a message`);
    if (NET.test(r.message)) throw new Error(`${where}: reached the last-resort net: ${r.message}`);
    return;
  }
  const cell = (v: unknown) => {
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new Error(`${where}: non-finite number in the result`);
    } else if (typeof v !== "string" && typeof v !== "boolean") throw new Error(`${where}: bad cell ${String(v)}`);
  };
  if (Array.isArray(r)) {
    if (r.length === 0) throw new Error(`${where}: empty table`);
    const w = (r[0] as unknown[]).length;
    for (const row of r as unknown[][]) {
      if (!Array.isArray(row) || row.length !== w) throw new Error(`${where}: ragged result`);
      row.forEach(cell);
    }
  } else cell(r);
}

async function probe(def: FunctionDef, args: unknown[]): Promise<void> {
  let r: unknown;
  try {
    r = await callFunction(def, args);
  } catch (e) {
    throw new Error(`${def.id}: callFunction threw ${String(e)}`);
  }
  check(def, args, r);
}

const SCALAR_JUNK: unknown[] = [undefined, null, "", "abc", "=1+1", true, false, 0, -1, 1e308, -1e308, 1e-308, -1e-308, 5e-324, NaN, Infinity, -Infinity, 1.5, 1e15, [[1, 2], [3, 4]], [[]], []];
const RANGE_JUNK: unknown[] = [
  undefined,
  null,
  "",
  42,
  "text",
  [],
  [[]],
  [[""]],
  [["x"]],
  [[1, 2], [3]],
  [["", ""], ["", ""]],
  [["Asset class", "Market value"], ["A", "n/a"]],
  [[1e308, -1e308], [1e-308, NaN]],
  [[Infinity], [-Infinity]],
  [[true, false], [false, true]],
  Array.from({ length: 3 }, () => ["dup", 1, 1, 1, 1]),
];

const junkCell = fc.oneof(
  fc.constantFrom<unknown>("", null, "n/a", "=cmd", true, false, 0, -0, 1e308, -1e308, 1e-308, NaN, Infinity, -1, "1e999", "5%", " "),
  fc.double(),
  fc.string({ maxLength: 6 }),
);

describe("fuzz: every registered function", () => {
  test("every registered function has a valid call to mutate", () => {
    const missing = REGISTRY.filter((d) => !VALID_CALLS[d.id]).map((d) => d.id);
    expect(missing).toEqual([]);
  });

  test("valid calls succeed", async () => {
    for (const [def, args] of CALLS) {
      const r = await callFunction(def, args);
      if (r instanceof ExcelError) throw new Error(`${def.id} valid call failed: ${r.code} ${r.message}`);
      check(def, args, r);
    }
    // The extra calls took the optimal-rounding path: the solver was loaded.
    expect(highsRequested()).toBe(true);
  });

  test("junk in each argument alone, the others junk-free or omitted", async () => {
    const withoutValidCall = REGISTRY.filter((d) => !VALID_CALLS[d.id]).map((d): [FunctionDef, unknown[]] => [d, d.params.map(() => undefined)]);
    for (const [def, base] of [...CALLS, ...withoutValidCall]) {
      for (let i = 0; i < def.params.length; i++) {
        for (const junk of def.params[i].range ? [...RANGE_JUNK, ...SCALAR_JUNK] : SCALAR_JUNK) {
          const args = base.slice();
          args[i] = junk;
          await probe(def, args);
        }
      }
      // too many and too few arguments
      await probe(def, [...base, 1, 2, 3].slice(0, def.params.length + 1));
      await probe(def, []);
    }
  });

  test("cells of valid tables replaced by junk, rows dropped, duplicated and made ragged", async () => {
    for (const [def, base] of CALLS) {
      const tables = def.params.map((p, i) => (p.range && Array.isArray(base[i]) ? i : -1)).filter((i) => i >= 0);
      if (tables.length === 0) continue;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...tables),
          fc.nat(),
          fc.nat(),
          junkCell,
          fc.constantFrom("cell", "drop", "duplicate", "ragged", "transpose"),
          async (i, r, c, junk, how) => {
            const m = (base[i] as unknown[][]).map((row) => (Array.isArray(row) ? row.slice() : row));
            const ri = r % m.length;
            if (how === "cell") {
              const row = m[ri] as unknown[];
              if (Array.isArray(row) && row.length) row[c % row.length] = junk;
            } else if (how === "drop") m.splice(ri, 1);
            else if (how === "duplicate") m.splice(ri, 0, m[ri]);
            else if (how === "ragged" && Array.isArray(m[ri])) (m[ri] as unknown[]).length = Math.max(0, (m[ri] as unknown[]).length - 1 - (c % 2));
            const args = base.slice();
            args[i] = how === "transpose" && Array.isArray(m[0]) ? (m[0] as unknown[]).map((_, j) => m.map((row) => (row as unknown[])[j])) : m;
            await probe(def, args);
          },
        ),
        { numRuns: 150 },
      );
    }
  });
});
