/**
 * The house rules, read from the imports of src/: no import circle anywhere (a circle is what broke the
 * production functions bundle), the engine imports nothing outside src/engine, and only the hosts import the
 * function registry (the catalogue imports src/functions/def.ts).
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const SRC = resolve(__dirname, "../src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const ext of [".ts", ".tsx", "/index.ts", "/index.tsx", ""])
    if (existsSync(base + ext) && statSync(base + ext).isFile()) return base + ext;
  return undefined;
}

/** Static imports only (`import ... from`, `export ... from`); dynamic import() is a lazy edge, not a cycle. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+["'](\.{1,2}\/[^"']+)["']/gms)) {
    if (/^\s*import\s+type\s/.test(m[0]) || /^\s*export\s+type\s/.test(m[0])) continue;
    const r = resolveImport(file, m[1]);
    if (r) out.push(r);
  }
  for (const m of text.matchAll(/^\s*import\s+["'](\.{1,2}\/[^"']+)["']/gm)) {
    const r = resolveImport(file, m[1]);
    if (r) out.push(r);
  }
  return out;
}

const ALL = files(SRC);
const GRAPH = new Map(ALL.map((f) => [f, importsOf(f)]));
const rel = (f: string) => relative(SRC, f);

test("no import circle in src/", () => {
  const state = new Map<string, 1 | 2>();
  const cycles: string[] = [];
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 1);
    stack.push(f);
    for (const g of GRAPH.get(f) ?? []) {
      if (state.get(g) === 1) cycles.push([...stack.slice(stack.indexOf(g)), g].map(rel).join(" -> "));
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 2);
  };
  for (const f of ALL) if (!state.has(f)) visit(f);
  expect(cycles).toEqual([]);
});

test("the engine imports nothing outside src/engine", () => {
  const out = ALL.filter((f) => rel(f).startsWith("engine/")).flatMap((f) =>
    (GRAPH.get(f) ?? []).filter((g) => !rel(g).startsWith("engine/")).map((g) => `${rel(f)} -> ${rel(g)}`),
  );
  expect(out).toEqual([]);
});

test("the catalogue never imports the registry (only the hosts do)", () => {
  const registry = join(SRC, "functions/registry.ts");
  const importers = ALL.filter((f) => (GRAPH.get(f) ?? []).includes(registry)).map(rel);
  expect(importers.filter((f) => f.startsWith("functions/"))).toEqual([]);
});

test("the repository stands alone: no file reads outside it (the first specification in ../shared is history)", () => {
  const root = resolve(__dirname, "..");
  const roots = ["src", "test", "scripts", "bench", ".ci"].map((d) => join(root, d));
  const all = [
    ...roots.flatMap((d) => filesAll(d)),
    join(root, "webpack.config.js"),
    join(root, "jest.config.js"),
    join(root, "package.json"),
  ];
  const outside = all.flatMap((f) => {
    const text = readFileSync(f, "utf8");
    const hits: string[] = [];
    for (const m of text.matchAll(/["'`]((?:\.\.\/)+)([^"'`\s]*)["'`]/g)) {
      const target = resolve(dirname(f), m[1] + m[2]);
      if (!target.startsWith(root + "/") && target !== root) hits.push(`${relative(root, f)}: ${m[0]}`);
    }
    if (/\bshared\/(FUNCTIONS|ARCHITECTURE)\.md/.test(text) && f !== __filename) hits.push(`${relative(root, f)}: names ../shared`);
    return hits;
  });
  expect(outside).toEqual([]);
});

function filesAll(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesAll(p) : /\.(ts|tsx|js|mjs|cjs|json)$|^run$/.test(n) ? [p] : [];
  });
}
