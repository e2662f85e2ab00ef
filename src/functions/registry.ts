/**
 * The one function registry. The same entries serve Excel (the functions bundle associates them by id),
 * `overlay eval` and `overlay run`, so a formula gives the same answer everywhere.
 *
 * Each catalogue file (src/functions/catalogue/*.ts) holds the JSDoc'd custom functions of one area and a
 * list of their registry entries. `test/functions/registry.test.ts` checks the entries against the
 * metadata that custom-functions-metadata generates from the JSDoc, so the two cannot drift apart.
 */
import { excelError, ExcelError, isExcelError, Result } from "./excel";
import { installHighsHost } from "./highsHost";
import { FunctionDef } from "./def";

export type { FunctionDef, ParamDef } from "./def";
export { entry } from "./def";

// Every host that calls the functions goes through this module: tell the solver loader where its wasm is.
installHighsHost();

import { BOOK_FUNCTIONS } from "./catalogue/book";
import { COMPLETION_FUNCTIONS } from "./catalogue/completion";
import { FUTURES_FUNCTIONS } from "./catalogue/futures";
import { LIQUIDITY_FUNCTIONS } from "./catalogue/liquidity";
import { OPTIONS_FUNCTIONS } from "./catalogue/options";
import { PROGRAMMES_FUNCTIONS } from "./catalogue/programmes";
import { POLICY_FUNCTIONS } from "./catalogue/policy";
import { PORTFOLIO_FUNCTIONS } from "./catalogue/portfolio";
import { RATES_FUNCTIONS } from "./catalogue/rates";
import { TILTS_FUNCTIONS } from "./catalogue/tilts";

export const REGISTRY: readonly FunctionDef[] = [
  ...PORTFOLIO_FUNCTIONS,
  ...BOOK_FUNCTIONS,
  ...POLICY_FUNCTIONS,
  ...TILTS_FUNCTIONS,
  ...FUTURES_FUNCTIONS,
  ...LIQUIDITY_FUNCTIONS,
  ...OPTIONS_FUNCTIONS,
  ...PROGRAMMES_FUNCTIONS,
  ...RATES_FUNCTIONS,
  ...COMPLETION_FUNCTIONS,
];

const BY_ID = new Map(REGISTRY.map((f) => [f.id, f]));

export function findFunction(name: string): FunctionDef | undefined {
  return BY_ID.get(name.toUpperCase().replace(/^OVERLAY\./, ""));
}

/**
 * Calls a registered function as Excel would: missing trailing arguments are undefined, a scalar given
 * for a range argument becomes a 1x1 range. Returns the result or the Excel error value; never throws.
 */
export async function callFunction(def: FunctionDef, args: unknown[]): Promise<Result | ExcelError> {
  const required = def.params.filter((p) => !p.optional).length;
  if (args.length > def.params.length) {
    return asError(excelError("value", `OVERLAY.${def.id} takes at most ${def.params.length} arguments, got ${args.length}`));
  }
  if (args.length < required) {
    return asError(excelError("value", `OVERLAY.${def.id} needs at least ${required} arguments, got ${args.length}`));
  }
  const full = def.params.map((p, i) => {
    const a = args[i];
    if (p.range && a !== undefined && a !== null && !Array.isArray(a)) return [[a]];
    return a;
  });
  try {
    return (await def.fn(...full)) as Result;
  } catch (e) {
    if (isExcelError(e)) return asError(e);
    return new ExcelError("#VALUE!", `Overlay could not compute this: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function asError(e: unknown): ExcelError {
  if (e instanceof ExcelError) return e;
  const x = e as { code: string; message: string };
  return new ExcelError(String(x.code), String(x.message ?? ""));
}
