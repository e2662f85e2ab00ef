// Writes schemas/custom-functions.schema.json: Microsoft's custom-function definitions (extensionFunction and
// what it references) from the unified app manifest schema in @microsoft/app-manifest (MIT), wrapped as a
// schema for functions.json. Run it by hand when that package is updated: node scripts/vendor-functions-schema.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const pkgDir = require.resolve("@microsoft/app-manifest/package.json").replace(/package\.json$/, "");
const version = JSON.parse(readFileSync(`${pkgDir}package.json`, "utf8")).version;
const manifestVersion = "v1.30";
const source = JSON.parse(readFileSync(`${pkgDir}build/json-schemas/teams/${manifestVersion}/MicrosoftTeams.schema.json`, "utf8"));
const defs = source.definitions;
const need = new Set();
const stack = ["extensionFunction"];
const refs = (o, out) => {
  if (Array.isArray(o)) o.forEach((v) => refs(v, out));
  else if (o && typeof o === "object")
    for (const [k, v] of Object.entries(o))
      k === "$ref" && String(v).startsWith("#/definitions/") ? out.push(v.split("/").pop()) : refs(v, out);
  return out;
};
while (stack.length) {
  const k = stack.pop();
  if (need.has(k)) continue;
  need.add(k);
  stack.push(...refs(defs[k], []));
}
const schema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $comment:
    `Vendored from Microsoft's unified app manifest schema ${manifestVersion.slice(1)} (MicrosoftTeams.schema.json, definitions extensionFunction and what it references), ` +
    `as shipped in the npm package @microsoft/app-manifest ${version} (MIT). The functions array of the unified manifest's extensions.runtimes customFunctions uses these definitions; ` +
    "functions.json (the XML manifest's custom-functions metadata) carries the same function objects. Regenerate with scripts/vendor-functions-schema.mjs.",
  title: "Custom functions metadata (functions.json)",
  type: "object",
  required: ["functions"],
  properties: { functions: { type: "array", items: { $ref: "#/definitions/extensionFunction" } } },
  definitions: Object.fromEntries([...need].sort().map((k) => [k, defs[k]])),
};
writeFileSync(new URL("../schemas/custom-functions.schema.json", import.meta.url), JSON.stringify(schema, null, 2) + "\n");
console.log(`schemas/custom-functions.schema.json: ${need.size} definitions from @microsoft/app-manifest ${version}`);
