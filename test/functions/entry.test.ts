/**
 * The functions bundle's entry, evaluated first as Excel's shared runtime evaluates it: src/functions/index.ts
 * before anything else, in a fresh module registry. Every catalogue module must evaluate completely (an import
 * circle through the registry left `entry` uninitialised in the production bundle: "Cannot access 'E' before
 * initialization", and 4 of 27 functions were never associated). The bundle itself is loaded in a DOM by
 * `npm run check:bundle` after the build.
 */
import { readdirSync } from "node:fs";
import { resolve } from "node:path";

const CATALOGUE = resolve(__dirname, "../../src/functions/catalogue");

test("the Excel entry evaluates first, and every catalogue module exports its functions and entries", () => {
  jest.isolateModules(() => {
    expect(() => require("../../src/functions/index")).not.toThrow();
    const ids: string[] = [];
    for (const f of readdirSync(CATALOGUE).filter((x) => x.endsWith(".ts"))) {
      const mod = require(resolve(CATALOGUE, f)) as Record<string, unknown>;
      const lists = Object.entries(mod).filter(([k]) => k.endsWith("_FUNCTIONS"));
      expect({ file: f, lists: lists.length }).toEqual({ file: f, lists: 1 });
      for (const d of lists[0][1] as { id: string; fn: unknown }[]) {
        expect(typeof d.fn).toBe("function");
        ids.push(d.id);
      }
    }
    const { REGISTRY } = require("../../src/functions/registry") as { REGISTRY: { id: string }[] };
    expect(REGISTRY.map((d) => d.id).sort()).toEqual(ids.sort());
  });
});
