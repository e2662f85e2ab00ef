/** The custom-functions metadata generated from the catalogue's JSDoc, and its agreement with the registry. */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { REGISTRY } from "../../src/functions/registry";

export interface MetadataParam {
  name: string;
  description?: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
}
export interface MetadataFunction {
  id: string;
  name: string;
  description?: string;
  parameters: MetadataParam[];
  result: { dimensionality?: string; type?: string };
}

export const CATALOGUE_DIR = resolve(__dirname, "../../src/functions/catalogue");

export async function generateMetadata(): Promise<{ functions: MetadataFunction[]; errors: string[] }> {
  const files = readdirSync(CATALOGUE_DIR)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => join(CATALOGUE_DIR, f));
  const r = await generateCustomFunctionsMetadata(files, true);
  const json = r.metadataJson ? JSON.parse(r.metadataJson) : { functions: [] };
  return { functions: json.functions as MetadataFunction[], errors: r.errors };
}

/** Every disagreement between the JSDoc metadata and the registry, in words. */
export async function metadataProblems(): Promise<string[]> {
  const { functions, errors } = await generateMetadata();
  const problems = errors.map((e) => `metadata: ${e}`);
  const byId = new Map(functions.map((f) => [f.id, f]));
  for (const def of REGISTRY) {
    const m = byId.get(def.id);
    if (!m) {
      problems.push(`${def.id}: registered but has no @customfunction JSDoc`);
      continue;
    }
    if (m.parameters.length !== def.params.length) {
      problems.push(`${def.id}: ${m.parameters.length} parameters in JSDoc, ${def.params.length} in the registry`);
    }
    def.params.forEach((p, i) => {
      const q = m.parameters[i];
      if (!q) return;
      // Case-insensitive: the reference's `yield` is a reserved word in JavaScript, so the parameter is `Yield`.
      if (q.name.toLowerCase() !== p.name.toLowerCase()) problems.push(`${def.id}: parameter ${i + 1} is '${q.name}' in JSDoc, '${p.name}' in the registry`);
      if (!!q.optional !== p.optional) problems.push(`${def.id}: parameter '${p.name}' optional differs (JSDoc ${!!q.optional})`);
      if ((q.dimensionality === "matrix") !== p.range) problems.push(`${def.id}: parameter '${p.name}' range differs (JSDoc ${q.dimensionality ?? "scalar"})`);
      if (!q.description || q.description.length < 5) problems.push(`${def.id}: parameter '${p.name}' has no description`);
    });
    if (!m.description) problems.push(`${def.id}: no description`);
  }
  for (const f of functions) if (!REGISTRY.some((d) => d.id === f.id)) problems.push(`${f.id}: has JSDoc but is not in the registry`);
  return problems;
}
