/**
 * Finding a workflow's input tables in the workbook (by name) or taking them from a selected range, and
 * reading them through a WorkbookPort.
 */
import { PortMatrix, TableInfo, WorkbookPort } from "../WorkbookPort";
import { InputName, Workflow, WorkflowError, WorkflowInputs } from "./model";

export type InputSource = { kind: "table"; name: string } | { kind: "selection"; address: string; values: PortMatrix } | { kind: "none" };

function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * The table (or named range) for an input: the same name ignoring case and punctuation, else with a
 * "tbl"/"table" prefix or suffix ("tblPortfolio", "Portfolio_Table"). Tables win over named ranges.
 */
export function findInputTable(input: string, tables: readonly TableInfo[]): TableInfo | undefined {
  const want = norm(input);
  const strip = (s: string) =>
    norm(s)
      .replace(/^(tbl|table)/, "")
      .replace(/(tbl|table)$/, "");
  const ordered = [...tables.filter((t) => t.kind === "table"), ...tables.filter((t) => t.kind !== "table")];
  return ordered.find((t) => norm(t.name) === want) ?? ordered.find((t) => strip(t.name) === want);
}

/** Default sources: each input's table where the workbook has one, else none. */
export function defaultSources(workflow: Workflow, tables: readonly TableInfo[]): Partial<Record<InputName, InputSource>> {
  const out: Partial<Record<InputName, InputSource>> = {};
  for (const i of workflow.inputs) {
    const t = findInputTable(i.name, tables);
    out[i.name] = t ? { kind: "table", name: t.name } : { kind: "none" };
  }
  return out;
}

/** How a formula refers to a table: Portfolio[#All] (a named range by its name). */
export function tableRef(t: TableInfo | { name: string; kind?: string }): string {
  return t.kind === "name" ? t.name : `${t.name}[#All]`;
}

/** Reads the inputs of a workflow from their sources; a missing required input is an error on that input. */
export async function readInputs(
  port: WorkbookPort,
  workflow: Workflow,
  sources: Partial<Record<InputName, InputSource>>,
): Promise<WorkflowInputs> {
  const tables = await port.listTables();
  const out: WorkflowInputs = {};
  for (const def of workflow.inputs) {
    const src = sources[def.name] ?? { kind: "none" };
    if (src.kind === "none") {
      if (def.optional) continue;
      throw new WorkflowError(
        `No ${def.name} table: name a table "${def.name}" in the workbook, or select its range (headers first) and use the selection.`,
        def.name,
      );
    }
    if (src.kind === "selection") {
      out[def.name] = { ref: src.address, values: src.values };
      continue;
    }
    const info = tables.find((t) => t.name.toLowerCase() === src.name.toLowerCase());
    try {
      const values = await port.readTable(src.name);
      out[def.name] = { ref: tableRef(info ?? { name: src.name, kind: "table" }), values };
    } catch (e) {
      throw new WorkflowError(`Could not read the table '${src.name}': ${e instanceof Error ? e.message : String(e)}`, def.name);
    }
  }
  return out;
}
