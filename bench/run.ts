/**
 * Runs every benchmark file of bench/index.ts (or those whose name contains an argument:
 * `npm run bench -- options`) and prints one table per group. `npm run bench` runs it from a production
 * webpack build (dist/bench/bench.js: modules concatenated as in the add-in's bundles); `npx tsx bench/run.ts`
 * runs it from source, with the loader's per-module overhead.
 */
import { Bench } from "tinybench";
import type { BenchGroup } from "./harness";
import { BENCH_FILES } from "./index";

declare const __OVERLAY_VERSION__: string | undefined;

function fmtTime(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(3)} ms`;
  if (ms >= 1e-3) return `${(ms * 1e3).toFixed(3)} us`;
  return `${(ms * 1e6).toFixed(1)} ns`;
}

function fmtRate(perSec: number): string {
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(2)}M/s`;
  if (perSec >= 1e3) return `${(perSec / 1e3).toFixed(1)}k/s`;
  return `${perSec.toFixed(1)}/s`;
}

function table(rows: string[][]): string {
  const w = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => r.map((c, j) => (j === 0 ? c.padEnd(w[j]) : c.padStart(w[j]))).join("  ")).join("\n");
}

async function runGroup(g: BenchGroup): Promise<boolean> {
  const iterations = g.iterations ?? 64;
  const bench = new Bench({ time: g.time ?? 500, warmupTime: 100, iterations, warmupIterations: Math.max(1, Math.min(16, iterations >> 2)) });
  for (const c of g.cases) bench.add(c.name, c.fn);
  await bench.run();
  const means = new Map<string, number>();
  for (const t of bench.tasks) {
    const r = t.result as { latency?: { mean: number }; mean?: number } | undefined;
    means.set(t.name, r?.latency?.mean ?? r?.mean ?? NaN);
  }
  const base = means.get(g.cases[0].name)!;
  let allMet = true;
  const rows = [["case", "per call", "items/s", "vs first", "target", ""]];
  for (const c of g.cases) {
    const ms = means.get(c.name)!;
    const met = c.meets ? c.meets(ms) : undefined;
    if (met === false) allMet = false;
    rows.push([
      c.name,
      fmtTime(ms),
      c.items ? fmtRate((c.items * 1000) / ms) : "",
      c === g.cases[0] ? "1.00x" : `${(ms / base).toFixed(2)}x`,
      c.target ?? "",
      met === undefined ? "" : met ? "ok" : "MISSED",
    ]);
  }
  console.log(`\n## ${g.title}\n`);
  console.log(table(rows));
  if (g.notes) for (const line of await g.notes(means)) console.log(`  ${line}`);
  return allMet;
}

async function main() {
  const filters = process.argv.slice(2);
  const names = Object.keys(BENCH_FILES).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
  const build = typeof __OVERLAY_VERSION__ === "string" ? "production build" : "from source (tsx)";
  console.log(`Overlay benchmarks (${build}): node ${process.version}, ${process.arch}; "vs first" is the time ratio to the group's first case.`);
  let missed = 0;
  for (const name of names) {
    for (const g of await BENCH_FILES[name].groups()) if (!(await runGroup(g))) missed++;
  }
  console.log(missed ? `\n${missed} group(s) missed a target.` : "\nAll targets met.");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
