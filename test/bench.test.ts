/** The benchmark index names every bench/*.bench.ts file, so `npm run bench` runs them all. */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

test("bench/index.ts lists every benchmark file", () => {
  const dir = resolve(__dirname, "../bench");
  const files = readdirSync(dir).filter((f) => f.endsWith(".bench.ts")).map((f) => f.replace(/\.bench\.ts$/, "")).sort();
  const index = readFileSync(resolve(dir, "index.ts"), "utf8");
  const listed = [...index.matchAll(/import \* as (\w+) from "\.\/(\w+)\.bench"/g)].map((m) => m[2]).sort();
  expect(listed).toEqual(files);
});
