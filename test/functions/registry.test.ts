import { REGISTRY, findFunction, entry } from "../../src/functions/registry";
import { generateMetadata, metadataProblems } from "../helpers/metadata";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

describe("the function registry", () => {
  test("signatures parse as the function reference writes them", () => {
    const e = entry("X", () => 0, "portfolio#, futures#, [rule], [trigger]");
    expect(e.params).toEqual([
      { name: "portfolio", range: true, optional: false },
      { name: "futures", range: true, optional: false },
      { name: "rule", range: false, optional: true },
      { name: "trigger", range: false, optional: true },
    ]);
  });

  test("ids are unique and found with or without the namespace", () => {
    expect(new Set(REGISTRY.map((d) => d.id)).size).toBe(REGISTRY.length);
    expect(findFunction("overlay.rebalance")?.id).toBe("REBALANCE");
    expect(findFunction("CONTRACTS")?.id).toBe("CONTRACTS");
  });

  test("the metadata generated from JSDoc (functions.json) lists every registered function with described parameters", async () => {
    expect(await metadataProblems()).toEqual([]);
    const { functions } = await generateMetadata();
    expect(functions.map((f) => f.id).sort()).toEqual(REGISTRY.map((d) => d.id).sort());
  });

  test("the README's function reference has a heading for every function, with the registry's arguments", () => {
    const readme = readFileSync(resolve(__dirname, "../../README.md"), "utf8");
    const headings = new Map<string, string>();
    for (const m of readme.matchAll(/^#### `OVERLAY\.([A-Z0-9]+)\(([^)]*)\)`/gm)) headings.set(m[1], m[2]);
    for (const def of REGISTRY) {
      const args = def.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
      expect({ id: def.id, heading: headings.get(def.id) }).toEqual({ id: def.id, heading: args });
    }
    // The reference is the catalogue: it documents no function that the registry does not have.
    expect([...headings.keys()].filter((id) => !findFunction(id))).toEqual([]);
  });

  test("ids follow Microsoft's naming rules for custom functions (3 or more characters, letters, digits, periods)", () => {
    for (const def of REGISTRY) expect({ id: def.id, ok: /^[A-Z][A-Z0-9.]{2,}$/.test(def.id) }).toEqual({ id: def.id, ok: true });
  });
});
