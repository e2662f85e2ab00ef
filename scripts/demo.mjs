#!/usr/bin/env node
/**
 * `npm run demo`: the headless workflow on the sample plan (examples/pension-plan.xlsx), as a batch job runs it:
 *   1. `overlay run` recalculates every OVERLAY formula of the workbook into a new file,
 *   2. `overlay propose --workflow daily` writes the day's proposal with the options of the workbook's own
 *      OVERLAY.DAILY (the sample's valuation date, 140m of cash needs, the 0.95 to 1.1 net leverage policy), so the
 *      ticket is the trades the Plan sheet shows, with its proposal sheet and trade ticket,
 * then prints the one book's story from the recalculated workbook: the exposure against the policy, leverage, the
 * reconciliation, the hedge ratio with the book's futures, the liquidity buffer, and a few single figures. Everything goes to a temporary directory;
 * the sample is only read. Builds the command first when dist/cli/overlay.js is missing or older than src/.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const cli = resolve(root, "dist/cli/overlay.js");
const sample = resolve(root, "examples/pension-plan.xlsx");

/** The newest modification time under a directory (the command's sources). */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (!existsSync(cli) || statSync(cli).mtimeMs < newest(resolve(root, "src"))) {
  console.log(existsSync(cli) ? "Rebuilding the overlay command (sources changed)..." : "Building the overlay command (first run)...");
  const b = spawnSync("npx", ["webpack", "--mode", "production", "--env", "only=cli"], {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const out = mkdtempSync(join(tmpdir(), "overlay-demo-"));
const rel = (p) => p.replace(root + "/", "");

function overlay(args) {
  console.log(`\n$ overlay ${args.map((a) => (/[\s|]/.test(a) ? `"${a}"` : a)).join(" ")}`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: "utf8" });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  if (r.status === 2) process.exit(2);
  return r.status;
}

console.log("Overlay demo: a defined-benefit plan's workbook (examples/pension-plan.xlsx), refreshed and a proposal made headless.");
console.log(`Output directory: ${out}`);

overlay(["run", rel(sample), "-o", `${out}/`]);
overlay([
  "propose",
  rel(sample),
  "--workflow",
  "daily",
  "--as-of",
  "46022",
  "--cash-needs",
  "140000000",
  "--min-leverage",
  "0.95",
  "--max-leverage",
  "1.1",
  "-o",
  join(out, "pension-plan.proposal.xlsx"),
  "--csv",
  join(out, "trade-ticket.csv"),
]);

// The key results of the recalculated workbook, read back from the file overlay run wrote.
const wb = new ExcelJS.Workbook();
await wb.xlsx.readFile(join(out, "pension-plan.overlay.xlsx"));

const plain = (v) =>
  v && typeof v === "object"
    ? "result" in v
      ? plain(v.result)
      : "error" in v
        ? v.error
        : "richText" in v
          ? v.richText.map((t) => t.text).join("")
          : String(v)
    : (v ?? "");

/** Every OVERLAY formula cell: sheet, cell, function, its title (the bold line above), its values. */
function results() {
  const found = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (!v || typeof v !== "object" || typeof v.formula !== "string") return;
        const m = /(?:_xldudf_OVERLAY_|OVERLAY\.)([A-Z0-9]+)\(/i.exec(v.formula);
        if (!m) return;
        let values = [[plain(v.result)]];
        if (v.shareType === "array" && v.ref) {
          const [a, b] = v.ref.split(":").map((x) => ws.getCell(x));
          values = [];
          for (let r = a.row; r <= b.row; r++) {
            const line = [];
            for (let c = a.col; c <= b.col; c++) line.push(r === a.row && c === a.col ? plain(v.result) : plain(ws.getCell(r, c).value));
            values.push(line);
          }
        }
        let title = "";
        for (let r = cell.row - 1; r >= Math.max(1, cell.row - 2) && !title; r--) {
          const t = plain(ws.getCell(r, cell.col).value);
          if (typeof t === "string" && ws.getCell(r, cell.col).font?.bold) title = t;
        }
        found.push({ sheet: ws.name, address: cell.address, fn: m[1].toUpperCase(), formula: v.formula, title, values });
      }),
    );
  }
  return found;
}

const PCT = /weight|target|^min$|^max$|deviation|goal|requested|applied|ratio|before|after|gap/i;
function fmt(header, cell) {
  if (cell === "" || cell === null || cell === undefined) return "";
  if (typeof cell !== "number") return String(cell);
  const x = Math.abs(cell) < 1e-6 ? 0 : cell; // floating-point noise in a total that is zero
  if (/coverage/i.test(header)) return `${x.toFixed(2)}x`;
  if (PCT.test(header) && Math.abs(x) <= 5) return `${(x * 100).toFixed(2)}%`;
  if (/contracts|units|tranche/i.test(header)) return x.toLocaleString("en-US", { maximumFractionDigits: 2 });
  if (Math.abs(x) >= 1e5) return `${(x / 1e6).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}m`;
  return Number(x.toPrecision(6)).toLocaleString("en-US", { maximumFractionDigits: 4 });
}

/** Prints a result; a result made of several tables (separated by an empty row) prints as several. */
function printTable(r) {
  console.log(`\n== ${r.title || r.fn} (${r.sheet}!${r.address})`);
  const parts = [[]];
  for (const row of r.values) {
    if (row.every((c) => c === "" || c === null)) parts.push([]);
    else parts[parts.length - 1].push(row);
  }
  for (const part of parts.filter((p) => p.length)) {
    const width = Math.max(...part.map((row) => row.reduce((n, c, j) => (c === "" ? n : j + 1), 0)));
    const rows = part.map((row) => row.slice(0, width));
    const head = rows[0].map(String);
    const body = [head, ...rows.slice(1).map((row) => row.map((c, j) => fmt(head[j], c)))];
    const numeric = head.map((_, j) => rows.slice(1).some((row) => typeof row[j] === "number"));
    const w = head.map((_, j) => Math.max(...body.map((row) => String(row[j] ?? "").length)));
    console.log("");
    body.forEach((row, k) => {
      console.log(
        row
          .map((c, j) => (numeric[j] && j > 0 ? String(c).padStart(w[j]) : String(c).padEnd(w[j])))
          .join("  ")
          .trimEnd(),
      );
      if (k === 0) console.log(w.map((n) => "-".repeat(n)).join("  "));
    });
  }
}

const all = results();
const pick = (fn, test = () => true) => all.find((r) => r.fn === fn && test(r));
const exposure = pick("EXPOSURE");
if (exposure) printTable(exposure);

// The one book (the Positions table on the Risk sheet) through leverage, the reconciliation, the hedge ratio and
// the liquidity buffer: every figure read from the workbook's own results.
const metric = (r, name) => r?.values.find((row) => row[0] === name)?.[1];
const leverage = pick("LEVERAGE");
const reconcile = pick("BOOK", (r) => /"reconcile"/.test(r.formula));
const resilience = pick("RESILIENCE");
const hedge = pick("HEDGERATIO", (r) => /Positions/.test(r.formula));
const num = (x, d = 0) =>
  typeof x === "number" ? x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d }) : String(x ?? "");
const m = (x) => (typeof x === "number" ? `${num(x / 1e6, 1)}m` : String(x ?? ""));
console.log("\n== The one book (Risk!Positions) through exposure, leverage, hedge ratio and liquidity\n");
for (const [label, value, where] of [
  ["NAV", m(metric(reconcile, "NAV")), reconcile],
  ["Effective exposure", m(metric(reconcile, "Effective exposure")), reconcile],
  ["Futures financed from cash (funding leg)", m(metric(reconcile, "Funding leg (financed from cash)")), reconcile],
  ["The collar's delta (declared levered)", m(metric(reconcile, "Levered exposure (declared)")), reconcile],
  [
    "Net leverage",
    `${num(metric(leverage, "Net leverage"), 3)} (${metric(leverage, "Status")}; policy ${metric(leverage, "Min")} to ${metric(leverage, "Max")})`,
    leverage,
  ],
  ["Gross leverage", num(metric(leverage, "Gross leverage"), 3), leverage],
  ["Initial margin (book)", m(metric(reconcile, "Initial margin")), reconcile],
  [
    "Hedge ratio (bonds + the book's futures)",
    typeof hedge?.values[0][0] === "number" ? `${(hedge.values[0][0] * 100).toFixed(1)}%` : "",
    hedge,
  ],
  [
    "Liquidity buffer",
    `${num(metric(resilience, "Buffer (bp)"))}bp against ${num(metric(resilience, "Required buffer (bp)"))}bp required`,
    resilience,
  ],
]) {
  if (where) console.log(`${label.padEnd(42)}${value.padStart(34)}   (${where.sheet}!${where.address})`);
}

console.log("\n== Single figures\n");
const money = (x) => `${(x / 1e6).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}m`;
for (const [fn, label, f, test] of [
  ["PRESENTVALUE", "Present value of the liabilities", money],
  ["PV01", "PV01 of the liabilities", (x) => x.toLocaleString("en-US", { maximumFractionDigits: 0 }), (r) => /Liabilities/.test(r.formula)],
  ["TRACKINGERROR", "Tracking error against policy", (x) => `${(x * 100).toFixed(2)}%`],
  ["ZEROCOST", "Zero-cost collar call strike", (x) => x.toFixed(1)],
  ["SWAP", "30-year par swap rate", (x) => `${(x * 100).toFixed(3)}%`, (r) => /"rate"/.test(r.formula)],
]) {
  const r = pick(fn, test);
  const v = r?.values[0][0];
  if (typeof v === "number") console.log(`${label.padEnd(34)}${f(v).padStart(12)}   (${r.sheet}!${r.address})`);
}

console.log(`\nWritten: ${join(out, "pension-plan.overlay.xlsx")} (recalculated workbook)`);
console.log(`         ${join(out, "pension-plan.proposal.xlsx")} (with the proposal sheet)`);
console.log(`         ${join(out, "trade-ticket.csv")} (the daily proposal's trade ticket, with each contract's expiry)`);
