#!/usr/bin/env node
/**
 * `npm run demo`: evaluates the bundled sample plan (examples/sample-plan.json) through `overlay eval -`,
 * exactly as a script would, and prints the exposure, equitisation and rebalancing tables readably.
 * Builds the command first when dist/cli/overlay.js is missing (a fresh clone).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const cli = resolve(root, "dist/cli/overlay.js");
if (!existsSync(cli)) {
  console.log("Building the overlay command (first run)...");
  const b = spawnSync("npx", ["webpack", "--mode", "production", "--env", "only=cli"], { cwd: root, stdio: "inherit" });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const plan = JSON.parse(readFileSync(resolve(root, "examples/sample-plan.json"), "utf8"));
const lit = (v) => (typeof v === "string" ? `"${v.replace(/"/g, '""')}"` : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v));
const array = (rows) => `{${rows.map((r) => r.map(lit).join(",")).join(";")}}`;
const P = array(plan.portfolio);
const F = array(plan.futures);
const steps = [
  ["Exposure: physical, synthetic and effective, against target and range", `=OVERLAY.EXPOSURE(${P})`],
  ["Cash equitisation: cash above the 2% buffer, pro rata to targets", `=OVERLAY.EQUITISE(${P},${F})`],
  ['Rebalancing, rule "edge", trigger "bands"', `=OVERLAY.REBALANCE(${P},${F},"edge","bands")`],
  ['Rebalancing, rule "target", trigger "always"', `=OVERLAY.REBALANCE(${P},${F},"target","always")`],
];
const run = spawnSync(process.execPath, [cli, "eval", "-"], { cwd: root, input: steps.map((s) => s[1]).join("\n") + "\n", encoding: "utf8" });
if (run.status !== 0) {
  console.error(run.stderr);
  process.exit(run.status ?? 1);
}
const lines = run.stdout.trimEnd().split("\n");

const PCT = /weight|target|min|max|deviation|goal/i;
function fmt(header, cell) {
  if (cell === "") return "";
  let x = Number(cell);
  if (!Number.isFinite(x) || /^[A-Za-z]/.test(cell)) return cell;
  if (Math.abs(x) < 1e-9) x = 0; // floating-point noise in a total that is zero
  if (PCT.test(header)) return `${(x * 100).toFixed(2)}%`;
  if (/contracts/i.test(header)) return x.toLocaleString("en-US", { maximumFractionDigits: 2 });
  return (x / 1e6).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + "m";
}

console.log(`Overlay demo: ${plan.description}\n(every table below is one line of \`overlay eval -\` output)`);
steps.forEach(([title], i) => {
  console.log(`\n== ${title}\n`);
  const line = lines[i];
  if (line.startsWith("#")) {
    console.log(line);
    return;
  }
  const rows = line.split(" | ").map((r) => r.split("\t"));
  const head = rows[0];
  const body = rows.map((r, k) => (k === 0 ? r : r.map((c, j) => fmt(head[j], c))));
  const w = head.map((_, j) => Math.max(...body.map((r) => (r[j] ?? "").length)));
  body.forEach((r, k) => {
    console.log(r.map((c, j) => (j === 0 || isNaN(Number(rows[k][j])) || rows[k][j] === "" ? c.padEnd(w[j]) : c.padStart(w[j]))).join("  "));
    if (k === 0) console.log(w.map((n) => "-".repeat(n)).join("  "));
  });
});
