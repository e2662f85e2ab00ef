/**
 * The one save step of `overlay run` and `overlay propose`.
 *
 * First choice, the package patch: the input's own package with the results written into its sheet XML
 * (patch.ts) and, for a proposal, its new sheet moved in (transplant.ts); every other part stays byte-identical.
 * Where the package is not as the patch expects (PatchError), the named fallback: exceljs re-writes the whole
 * workbook from its model (results, dynamic-array marks, defined names and charts put back). The result says
 * which writer ran, and for the fallback why and which parts of the input are not in the output as they were,
 * so the commands can warn and count it; it is never silent.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { LoadedBook } from "./load";
import { PatchError, patchZip } from "./patch";
import { FormulaOutcome } from "./recalc";
import { RecordedChart } from "./XlsxWorkbook";
import { saveWorkbook, writeOutcomes } from "./write";

export type Writer = "package" | "exceljs";

export interface Fallback {
  /** Why the package could not be patched. */
  reason: string;
  /** Parts of the input that are not in the output as they were (beyond what exceljs re-writes from its model). */
  lost: string[];
}

export interface Saved {
  bytes: Buffer;
  writer: Writer;
  fallback?: Fallback;
}

export const ZIP_OPTIONS = { type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } } as const;

/** Parts exceljs writes from what it reads (cells, styles, strings, tables): not reported as lost when re-written. */
const MODELLED =
  /^(\[Content_Types\]\.xml|_rels\/\.rels|docProps\/(app|core)\.xml|xl\/(workbook\.xml|styles\.xml|sharedStrings\.xml|calcChain\.xml|metadata\.xml)|xl\/_rels\/workbook\.xml\.rels|xl\/theme\/[^/]+|xl\/worksheets\/(_rels\/)?[^/]+|xl\/tables\/[^/]+)$/;

export interface SaveSteps {
  /** After the results are patched into the package: further edits of it (the proposal sheet moved in). */
  intoPackage?: (zip: JSZip) => Promise<void>;
  /** In the fallback, after the results are written into the exceljs workbook: further edits of it (the
   *  proposal sheet laid out again); returns the charts to add. */
  intoWorkbook?: (workbook: ExcelJS.Workbook) => Promise<RecordedChart[] | undefined>;
}

/** Saves the outcomes (and what the steps add): the package patch, else the exceljs fallback. */
export async function saveOutcomes(
  loaded: LoadedBook,
  outcomes: FormulaOutcome[],
  input: Buffer | undefined,
  steps: SaveSteps = {},
): Promise<Saved> {
  let reason = "the input's bytes were not given";
  if (input) {
    try {
      const zip = await JSZip.loadAsync(input);
      await patchZip(zip, loaded.model, outcomes);
      if (steps.intoPackage) await steps.intoPackage(zip);
      return { bytes: await zip.generateAsync(ZIP_OPTIONS), writer: "package" };
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      reason = e.message;
    }
  }
  const bytes = await rewriteWithExceljs(loaded, outcomes, steps);
  return { bytes, writer: "exceljs", fallback: { reason, lost: input ? await lostParts(input, bytes) : [] } };
}

/** The fallback writer: the results into the exceljs workbook, dynamic-array marks merged, then saved. */
async function rewriteWithExceljs(loaded: LoadedBook, outcomes: FormulaOutcome[], steps: SaveSteps): Promise<Buffer> {
  const { spilling, notSpilling } = writeOutcomes(loaded.workbook, outcomes);
  // Dynamic arrays of the input stay marked, except OVERLAY cells whose result no longer spills.
  const dynamic = new Map<string, Set<string>>();
  for (const [sheet, cells] of loaded.dynamicArrays) dynamic.set(sheet, new Set(cells));
  for (const [sheet, cells] of notSpilling) for (const c of cells) dynamic.get(sheet)?.delete(c);
  for (const [sheet, cells] of spilling) {
    const s = dynamic.get(sheet) ?? new Set<string>();
    for (const c of cells) s.add(c);
    dynamic.set(sheet, s);
  }
  const charts = steps.intoWorkbook ? await steps.intoWorkbook(loaded.workbook) : undefined;
  return saveWorkbook(loaded.workbook, { dynamicArrays: dynamic, definedNamesXml: loaded.definedNamesXml, charts });
}

/** The parts of the input that the output does not hold byte for byte (those exceljs models are not counted). */
async function lostParts(input: Buffer, output: Buffer): Promise<string[]> {
  const before = await JSZip.loadAsync(input);
  const after = await JSZip.loadAsync(output);
  const lost: string[] = [];
  for (const name of Object.keys(before.files).sort()) {
    if (before.files[name].dir || MODELLED.test(name)) continue;
    const out = after.file(name);
    if (!out || !Buffer.from(await out.async("uint8array")).equals(Buffer.from(await before.file(name)!.async("uint8array"))))
      lost.push(name);
  }
  return lost;
}
