/**
 * functions.json against Microsoft's schema for custom-function metadata (vendored in
 * schemas/custom-functions.schema.json; its $comment names the source). The metadata is generated from the
 * catalogue's JSDoc exactly as the build generates it, so a name Excel would refuse fails here, not in Excel.
 */
import Ajv from "ajv";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { generateMetadata } from "../helpers/metadata";

const schema = JSON.parse(readFileSync(resolve(__dirname, "../../schemas/custom-functions.schema.json"), "utf8"));

export function schemaProblems(metadata: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
  const validate = ajv.compile(schema);
  if (validate(metadata)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}

describe("functions.json and Microsoft's metadata schema", () => {
  test("the generated metadata passes the schema", async () => {
    const { functions } = await generateMetadata();
    expect(functions.length).toBeGreaterThan(20);
    expect(schemaProblems({ functions })).toEqual([]);
  });

  test("the schema refuses what Excel refuses: a 2-character id and name (minLength 3), a name with a space", () => {
    const ok = { id: "PRESENTVALUE", name: "PRESENTVALUE", description: "x", parameters: [], result: { dimensionality: "scalar" } };
    expect(schemaProblems({ functions: [ok] })).toEqual([]);
    expect(schemaProblems({ functions: [{ ...ok, id: "PV", name: "PV" }] })).toEqual([
      "/functions/0/id must NOT have fewer than 3 characters",
      "/functions/0/name must NOT have fewer than 3 characters",
    ]);
    expect(schemaProblems({ functions: [{ ...ok, name: "PRESENT VALUE" }] }).length).toBe(1);
  });
});
