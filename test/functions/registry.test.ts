import { REGISTRY, findFunction, entry } from "../../src/functions/registry";
import { generateMetadata, metadataProblems } from "../helpers/metadata";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

describe("the function registry", () => {
  test("signatures parse as FUNCTIONS.md writes them", () => {
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

  test("names and argument order match the catalogue in FUNCTIONS.md", () => {
    const md = readFileSync(resolve(__dirname, "../../../shared/FUNCTIONS.md"), "utf8");
    const catalogue = new Map<string, string[]>();
    for (const m of md.matchAll(/`OVERLAY\.([A-Z0-9]+)\(([^)]*)\)`/g)) {
      catalogue.set(m[1], m[2].split(",").map((s) => s.trim().replace(/^\[|\]$/g, "")).filter(Boolean));
    }
    for (const def of REGISTRY) {
      const names = catalogue.get(def.id);
      expect({ id: def.id, known: names !== undefined }).toEqual({ id: def.id, known: true });
      // The registry may only add trailing optional arguments to the catalogue's list.
      expect(def.params.slice(0, names!.length).map((p) => p.name)).toEqual(names);
      def.params.slice(names!.length).forEach((p) => expect(p.optional).toBe(true));
    }
  });

  test("the README's function reference has a heading for every function, with the registry's arguments", () => {
    const readme = readFileSync(resolve(__dirname, "../../README.md"), "utf8");
    const headings = new Map<string, string>();
    for (const m of readme.matchAll(/^#### `OVERLAY\.([A-Z0-9]+)\(([^)]*)\)`/gm)) headings.set(m[1], m[2]);
    for (const def of REGISTRY) {
      const args = def.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
      expect({ id: def.id, heading: headings.get(def.id) }).toEqual({ id: def.id, heading: args });
    }
  });
});
