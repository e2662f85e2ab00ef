#!/usr/bin/env node
/**
 * Browser tests (npm run test:e2e): builds the playground, serves it over https on a free localhost port,
 * and drives Debian's Chromium (playwright-core, no browser download) through every workflow: load,
 * propose, check the proposal's figures against the registry function run here in Node on the same sample
 * tables, write the proposal sheet, export the CSV ticket. Every view is laid out at 320 px (Excel's default
 * task-pane width) and at 500 px, a screenshot of each kept in test-artifacts/e2e/, and at both widths two
 * rules are measured on the rendered page: no word is broken across lines (each word's glyph boxes lie on
 * one line box) and no chart series leaves its plot area (each series element's box inside the plot's), with
 * every category labelled. A proposal whose check fails writes no ticket until overridden with a reason,
 * and the ticket then says so on every line. Bounded in time; exits non-zero on any failure.
 *
 * CHROMIUM=/path/to/chromium overrides /usr/bin/chromium; E2E_SKIP_BUILD=1 reuses dist/playground.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "./server.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ARTIFACTS = path.join(ROOT, "test-artifacts/e2e");
const LIMIT_MS = 10 * 60_000;
const started = Date.now();
const cleanups = [];
let failures = 0;

const watchdog = setTimeout(async () => {
  console.error(`e2e: timed out after ${LIMIT_MS / 1000} s`);
  await cleanup();
  process.exit(1);
}, LIMIT_MS);

async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch {
      // best effort
    }
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function same(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  assert(a === e, `${what}:\n  got      ${a}\n  expected ${e}`);
}

/**
 * Equal, numbers within 1e-9 relative: the browser's V8 and Node's may round the last bits of a least-squares
 * solve differently (whole contracts must still match exactly, and do, being integers).
 */
function close(actual, expected, what) {
  const eq = (a, b) =>
    typeof a === "number" && typeof b === "number"
      ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)) && Number.isInteger(a) === Number.isInteger(b)
      : Array.isArray(a) && Array.isArray(b)
        ? a.length === b.length && a.every((x, i) => eq(x, b[i]))
        : a === b;
  assert(eq(actual, expected), `${what}:\n  got      ${JSON.stringify(actual)}\n  expected ${JSON.stringify(expected)}`);
}

/** RFC 4180 rows (quoted cells, doubled quotes, CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") (row.push(cell), (cell = ""));
    else if (ch === "\r" && text[i + 1] === "\n") (row.push(cell), rows.push(row), (row = []), (cell = ""), i++);
    else cell += ch;
  }
  if (cell !== "" || row.length) (row.push(cell), rows.push(row));
  return rows;
}

async function step(name, fn) {
  const t = Date.now();
  try {
    await fn();
    console.log(`  ok   ${name} (${Date.now() - t} ms)`);
  } catch (e) {
    failures++;
    console.log(
      `  FAIL ${name}\n       ${String(e?.message ?? e)
        .split("\n")
        .join("\n       ")}`,
    );
  }
}

// ---- build ----
if (!process.env.E2E_SKIP_BUILD) {
  console.log("e2e: building the playground");
  const b = spawnSync("npx", ["webpack", "--mode", "production", "--env", "only=playground"], {
    cwd: ROOT,
    stdio: "inherit",
    timeout: 5 * 60_000,
  });
  if (b.status !== 0) {
    console.error("e2e: the playground build failed");
    process.exit(1);
  }
}

// ---- the expected figures: the registry's functions on the sample tables, in Node ----
// Through tsx's loader (what `node --import tsx` installs), so the registry, its catalogue and the function bodies
// the catalogue imports on demand (src/functions/areas/) load in one module system, as the command loads them.
await import("tsx");
const unwrap = (m) => (m.default && !m.findFunction && !m.SAMPLE_OPTIONS ? m.default : m);
const { callFunction, findFunction } = unwrap(await import("../../src/functions/registry.ts"));
const S = unwrap(await import("../../src/playground/samplePlan.ts"));
async function fn(id, ...args) {
  const r = await callFunction(findFunction(id), args);
  assert(Array.isArray(r), `${id} returned ${r?.code ?? ""} ${r?.message ?? r}`);
  return r;
}
function records(spill) {
  const [head, ...rows] = spill;
  return rows.map((row) => Object.fromEntries(head.map((h, j) => [h, row[j]])));
}
function beforeBlank(spill) {
  const i = spill.findIndex((row) => row.every((c) => c === ""));
  return i < 0 ? spill : spill.slice(0, i);
}
const side = (n) => (n < 0 ? "Sell" : "Buy");

/**
 * Runs in the page: the two layout rules, measured. A word is a run of letters and digits with what follows
 * it up to a space or after a hyphen or slash (a line may end after "Non-"); it is broken when its glyph boxes
 * (Range.getClientRects) lie on more than one line. A chart series is out of its plot area when its element's
 * box reaches outside the [data-plot] rectangle of its SVG; every category row must carry a label, inside
 * the SVG, overlapping no other label; tick labels stay inside the SVG and apart.
 */
function layoutRules() {
  const pane = document.querySelector("[data-testid=pane]");
  const broken = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest("svg, textarea, select, option, .ov-visually-hidden") || el.getClientRects().length === 0) continue;
    const text = n.textContent ?? "";
    for (const m of text.matchAll(/[^\s\-\u2010-\u2014/]+[\-\u2010-\u2014/]?/g)) {
      range.setStart(n, m.index);
      range.setEnd(n, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
      if (rects.length < 2) continue;
      const tops = rects.map((r) => r.top);
      if (Math.max(...tops) - Math.min(...tops) > 2) broken.push(`"${m[0]}" in "${text.trim().slice(0, 50)}"`);
    }
  }
  // A read-only text box (the ticket) has no text nodes to measure: it must not wrap at all (one CSV line per line).
  for (const ta of pane.querySelectorAll("textarea[readonly]"))
    if (ta.getAttribute("wrap") !== "off" && !getComputedStyle(ta).whiteSpace.startsWith("pre"))
      broken.push(`the read-only box "${ta.value.slice(0, 30)}" wraps its lines`);
  const charts = [];
  const inside = (b, p, tol = 1.5) =>
    b.left >= p.left - tol && b.right <= p.right + tol && b.top >= p.top - tol && b.bottom <= p.bottom + tol;
  const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  for (const svg of pane.querySelectorAll(".ov-chart svg[data-chart]")) {
    const problems = [];
    const plotEl = svg.querySelector("[data-plot]");
    if (!plotEl) {
      charts.push({ kind: svg.dataset.chart, series: 0, labels: 0, problems: ["no plot area"] });
      continue;
    }
    const plot = plotEl.getBoundingClientRect();
    const box = svg.getBoundingClientRect();
    const paneBox = pane.getBoundingClientRect();
    if (!inside(box, { left: paneBox.left, right: paneBox.right, top: -1e9, bottom: 1e9 }, 0.5))
      problems.push(`the chart (${Math.round(box.width)} px) is wider than the pane`);
    const series = [...svg.querySelectorAll("[data-series]")];
    for (const s of series) {
      const b = s.getBoundingClientRect();
      if (!inside(b, plot))
        problems.push(
          `${s.dataset.series} (${s.tagName}) at ${Math.round(b.left - plot.left)}..${Math.round(b.right - plot.left)} px of a ${Math.round(plot.width)} px plot`,
        );
    }
    const rows = [...svg.querySelectorAll("[data-row]")];
    const labels = rows.map((r) => r.querySelector("[data-category]"));
    rows.forEach((r, i) => {
      const l = labels[i];
      if (!l || !(l.textContent ?? "").trim()) problems.push(`category ${i + 1} has no label`);
      else if (!inside(l.getBoundingClientRect(), box, 0.5)) problems.push(`the label "${l.textContent}" is cut off`);
    });
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++)
        if (labels[i] && labels[j] && overlap(labels[i].getBoundingClientRect(), labels[j].getBoundingClientRect()))
          problems.push(`labels "${labels[i].textContent}" and "${labels[j].textContent}" overlap`);
    const ticks = [...svg.querySelectorAll("[data-tick]")].map((t) => ({ text: t.textContent, b: t.getBoundingClientRect() }));
    for (const t of ticks) if (!inside(t.b, box, 0.5)) problems.push(`the tick label ${t.text} is cut off`);
    for (let i = 1; i < ticks.length; i++)
      if (overlap(ticks[i - 1].b, ticks[i].b)) problems.push(`tick labels ${ticks[i - 1].text} and ${ticks[i].text} overlap`);
    const want = Number(svg.dataset.categories ?? rows.length);
    if (svg.dataset.chart === "bullet" && rows.length !== want) problems.push(`${rows.length} category rows for ${want} categories`);
    charts.push({ kind: svg.dataset.chart, series: series.length, labels: rows.length, problems });
  }
  return { broken: broken.slice(0, 8), charts };
}

/** Lays the pane out at `width`, checks the rules and the pane's width, and keeps a screenshot. */
async function checkWidth(page, pane, id, width) {
  await page.setViewportSize({ width, height: 900 });
  await page.waitForFunction((w) => window.innerWidth === w, width);
  await page.waitForTimeout(400);
  const report = await page.evaluate((w) => {
    const pane = document.querySelector("[data-testid=pane]");
    const out = [...pane.querySelectorAll("*")]
      .filter((e) => !e.parentElement?.closest(".ov-scroll") && e.getClientRects().length > 0)
      .filter((e) => e.getBoundingClientRect().right > w + 0.5)
      .slice(0, 3)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${String(e.className?.baseVal ?? e.className).split(" ")[0]} ends at ${Math.round(e.getBoundingClientRect().right)} px`,
      );
    return { width: document.documentElement.scrollWidth, out };
  }, width);
  await pane.screenshot({ path: path.join(ARTIFACTS, `${id}-${width}.png`) });
  assert(report.width <= width && report.out.length === 0, `wider than ${width} px (${report.width} px): ${report.out.join("; ")}`);
  const rules = await page.evaluate(layoutRules);
  assert(rules.broken.length === 0, `words broken across lines at ${width} px: ${rules.broken.join("; ")}`);
  assert(rules.charts.length > 0, "no chart drawn");
  for (const c of rules.charts) {
    assert(c.series > 0, `the ${c.kind} chart draws no series`);
    assert(c.problems.length === 0, `${c.kind} chart at ${width} px: ${c.problems.slice(0, 6).join("; ")}`);
  }
  return rules;
}

/**
 * Per workflow: the trades the proposal must hold, as [side, instrument, quantity]. The futures workflows read
 * the sample's book (its Positions table) as the pane does; null is an omitted argument, as Excel passes it.
 */
const EXPECTED = {
  rebalance: async () =>
    records(await fn("REBALANCE", S.PORTFOLIO, S.FUTURES, "target", "bands", "nearest", S.POSITIONS))
      .filter((r) => typeof r.Contracts === "number" && r.Contracts !== 0)
      .map((r) => [side(r.Contracts), r.Contract, Math.abs(r.Contracts)]),
  equitise: async () =>
    records(await fn("EQUITISE", S.PORTFOLIO, S.FUTURES, null, null, null, null, S.POSITIONS))
      .filter((r) => typeof r.Contracts === "number" && r.Contracts !== 0)
      .map((r) => [side(r.Contracts), r.Contract, Math.abs(r.Contracts)]),
  tilt: async () => {
    const contract = new Map(S.FUTURES.slice(1).map((r) => [r[0], r[1]]));
    // The pane reads the book too: on the sample the tilt is held at 0 by US large cap's floor (the collar's delta).
    return records(await fn("TILT", S.PORTFOLIO, S.FUTURES, S.TILTS, null, null, S.POSITIONS))
      .filter((r) => typeof r.Contracts === "number" && r.Contracts !== 0)
      .map((r) => [side(r.Contracts), contract.get(r["Asset class"]), Math.abs(r.Contracts)]);
  },
  // The day's net trades: the workflow's defaults (trade date today, minimum 5 contracts and 1,000,000, edge, bands).
  daily: async () =>
    records(
      await fn(
        "DAILY",
        S.PORTFOLIO,
        S.FUTURES,
        Math.floor(Date.now() / 86_400_000) + 25_569,
        S.POSITIONS,
        S.TILTS,
        null,
        null,
        5,
        1_000_000,
        "edge",
        "bands",
      ),
    )
      .filter((r) => typeof r.Contracts === "number" && r.Contracts !== 0)
      .map((r) => [side(r.Contracts), r.Contract, Math.abs(r.Contracts)]),
  options: async () => {
    const o = S.SAMPLE_OPTIONS.options;
    return records(await fn("STRATEGY", S.LEGS, o.spot, o.years, o.rate, o.yield, o.vol))
      .filter((r) => r.Type !== "Total")
      .map((r) => [
        side(r.Quantity),
        `${r.Type === "put" ? "Put" : "Call"} ${r.Strike.toLocaleString("en-US")}`,
        Math.abs(r.Quantity) / 100,
      ]);
  },
  // The workflow reads the book (Positions) as hedges already held, so the function gets it too.
  hedge: async () =>
    records(beforeBlank(await fn("HEDGETRADES", S.liabilityCashFlows(), S.CURVE, 0.8, S.INSTRUMENTS, S.assetCashFlows(), "", "", "", "", S.POSITIONS)))
      // The trade column is "Trade" (with its unit beside it); older builds called it "Units".
      .map((r) => ({ ...r, q: r.Trade ?? r.Units }))
      .filter((r) => r.Instrument !== "Total" && typeof r.q === "number" && r.q !== 0)
      .map((r) => [side(r.q), r.Instrument, Math.abs(r.q)]),
  leverage: async () => {
    const m = Object.fromEntries(records(await fn("LEVERAGE", S.PORTFOLIO, 0, 1)).map((r) => [r.Metric, r.Value]));
    return m["Trade to range"] === 0 ? [] : [[side(m["Trade to range"]), "Synthetic exposure (futures)", Math.abs(m["Trade to range"])]];
  },
  completion: async () =>
    records(beforeBlank(await fn("COMPLETION", S.HOLDINGS, S.LOADINGS, S.TARGETS)))
      .filter((r) => r.Security !== "Total" && Math.abs(r.Weight) >= 1e-9)
      .map((r) => [side(r.Weight), r.Security, Math.abs(r.Weight)]),
};

// ---- serve and browse ----
const server = await startServer(path.join(ROOT, "dist/playground"));
cleanups.push(() => server.close());
rmSync(ARTIFACTS, { recursive: true, force: true });
mkdirSync(ARTIFACTS, { recursive: true });
const profile = mkdtempSync(path.join(os.tmpdir(), "overlay-e2e-"));
cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
  ignoreHTTPSErrors: true,
  acceptDownloads: true,
  viewport: { width: 1280, height: 900 },
});
cleanups.push(() => context.close());
context.setDefaultTimeout(30_000);
const page = context.pages()[0] ?? (await context.newPage());
const pageErrors = [];
page.on("pageerror", (e) => pageErrors.push(e.message));
page.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
const wasmRequests = [];
page.on("request", (r) => r.url().endsWith(".wasm") && wasmRequests.push(r.url()));

console.log(`e2e: ${server.url} in ${process.env.CHROMIUM || "/usr/bin/chromium"}`);
await page.goto(server.url);
await page.getByRole("combobox", { name: "Portfolio" }).waitFor();
// The solver's WebAssembly is not part of the page: nothing fetches it before an optimiser runs.
const wasmAtLoad = [...wasmRequests];

const pane = page.getByTestId("pane");
const sheetValues = (name) => page.evaluate((n) => window.overlayPlayground.workbook.sheetValues(n), name);
const chartsOn = (name) =>
  page.evaluate(
    (n) => window.overlayPlayground.workbook.charts.filter((c) => c.sheet === n).map((c) => ({ type: c.type, title: c.title })),
    name,
  );

await step("keyboard: Tab reaches the workflow picker, the inputs and Propose trades", async () => {
  await page.locator("body").focus();
  const reached = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    reached.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        if (!el) return "";
        const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : "";
        return (el.getAttribute("aria-label") || label || el.textContent || "").trim();
      }),
    );
  }
  for (const name of ["Workflow", "Portfolio", "Futures", "Propose trades"])
    assert(reached.includes(name), `Tab never reached ${name}: ${reached.join(" | ")}`);
});

await step("the layout rules catch what they must: a word broken in a narrow box, a series outside its plot, a missing label", async () => {
  await page.setViewportSize({ width: 320, height: 900 });
  const found = await page.evaluate((rules) => {
    const pane = document.querySelector("[data-testid=pane]");
    const probe = document.createElement("div");
    probe.innerHTML =
      '<p style="width:60px;overflow-wrap:anywhere;font-size:14px">Commodities Treasuries</p>' +
      '<div class="ov-chart"><svg data-chart="bullet" data-categories="2" width="200" height="60">' +
      '<rect data-plot x="10" y="0" width="150" height="50"/><g data-row><text data-category="A">A</text></g><g data-row></g>' +
      '<rect data-series="After" x="100" y="10" width="90" height="6"/></svg></div>';
    pane.prepend(probe);
    const r = (0, eval)(`(${rules})`)();
    probe.remove();
    return r;
  }, layoutRules.toString());
  await page.setViewportSize({ width: 1280, height: 900 });
  assert(
    found.broken.some((b) => b.includes("Commodities")),
    `a broken word went unseen: ${JSON.stringify(found.broken)}`,
  );
  const probeChart = found.charts.find((c) => c.problems.some((p) => p.startsWith("After (rect)")));
  assert(probeChart, `a series outside its plot went unseen: ${JSON.stringify(found.charts)}`);
  assert(
    probeChart.problems.some((p) => p === "category 2 has no label"),
    `a missing label went unseen: ${probeChart.problems.join("; ")}`,
  );
});

for (const id of Object.keys(EXPECTED)) {
  console.log(`e2e: ${id}`);
  let sheet;
  await step(`${id}: propose`, async () => {
    await page.getByRole("combobox", { name: "Workflow" }).selectOption(id);
    await page.getByRole("button", { name: "Propose trades" }).click();
    await page.getByTestId("headline").waitFor();
    await page.locator(".ov-chart svg").first().waitFor();
  });
  const expected = await EXPECTED[id]();
  await step(`${id}: the pane's trades are the registry function's (${expected.length} trades)`, async () => {
    const rows = await page.getByTestId("trade-row").evaluateAll((trs) => trs.map((tr) => tr.querySelector("td")?.textContent));
    same(
      rows,
      expected.map((t) => t[0]),
      "sides",
    );
  });
  if (id === "options") {
    await step("options: the view shows the Greeks in desk units, each with its unit", async () => {
      const greeks = page.getByRole("region", { name: /Greeks/ });
      const rows = await greeks.locator("dt").allTextContents();
      const units = await greeks.locator("dd .ov-sub").allTextContents();
      for (const g of ["Delta", "Vega", "Theta"])
        assert(
          rows.some((r) => r.startsWith(g)),
          `no ${g} among ${rows.join(", ")}`,
        );
      assert(units.some((u) => /vol point/.test(u)) && units.some((u) => /day/.test(u)), `units: ${units.join(", ")}`);
    });
  }
  // Nothing sticks out of the pane (except inside the tables' own labelled, focusable scroll regions), no word
  // is broken, no chart series leaves its plot, every category is labelled: at 320 px and at 500 px.
  for (const width of [320, 500]) {
    await step(`${id}: reads well at ${width} px (no word broken, every series inside its plot, every category labelled)`, async () => {
      try {
        await checkWidth(page, pane, id, width);
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    });
  }
  await step(`${id}: write the proposal sheet`, async () => {
    await page.getByRole("button", { name: "Write proposal" }).click();
    const text = await page.getByTestId("written").textContent();
    sheet = /"([^"]+)"/.exec(text)?.[1];
    assert(sheet && sheet.startsWith("Proposal "), `no sheet name in "${text}"`);
    const v = await sheetValues(sheet);
    assert(
      v[0][0] ===
        `Overlay trade proposal: ${(await page.getByRole("combobox", { name: "Workflow" }).locator("option:checked").textContent()).trim()}`,
      `title ${v[0][0]}`,
    );
    assert(
      v.some((r) => r[0] === "Overlay version" && typeof r[1] === "string" && r[1] !== ""),
      "no version row",
    );
    const t = v.findIndex((r) => r[0] === "Trades");
    const table = expected.length === 0 ? [] : v.slice(t + 2, t + 2 + expected.length).map((r) => [r[0], r[1], r[2]]);
    if (expected.length === 0) assert(v[t + 1][0] === "No trades proposed.", "expected no trades");
    close(table, expected, "the proposal sheet's trade table");
    same((await chartsOn(sheet)).length, 1, "native charts on the sheet");
    assert(
      v.some((r) => typeof r[1] === "string" && r[1].startsWith("=OVERLAY.")),
      "no formula recorded",
    );
  });
  if (expected.length > 0) {
    await step(`${id}: export the CSV ticket (a failed check blocks it until overridden with a reason)`, async () => {
      const blocked = await page.getByTestId("override").isVisible();
      let override;
      if (blocked) {
        // The gate: no ticket, no download, until a reason is given; then every line says overridden.
        const button = page.getByRole("button", { name: "Export CSV with override" });
        assert(await button.isDisabled(), "Export CSV with override is enabled without a reason");
        assert((await page.getByTestId("blocked").textContent()).startsWith("Ticket blocked:"), "no block message");
        same(await page.getByTestId("ticket").count(), 0, "ticket boxes before the override");
        override = "E2E: accepted for the test";
        await page.getByRole("textbox", { name: "Override reason" }).fill(override);
        await page.getByRole("textbox", { name: "Overridden by" }).fill("e2e");
      }
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: blocked ? "Export CSV with override" : "Export CSV", exact: true }).click(),
      ]);
      const file = path.join(ARTIFACTS, `${id}-ticket.csv`);
      await download.saveAs(file);
      const rows = parseCsv(readFileSync(file, "utf8"));
      same(rows.length, expected.length + 1, "ticket rows");
      same(rows[0].slice(3, 6), ["Side", "Instrument", "Quantity"], "ticket header");
      same(rows[0].at(-1) === "Control", blocked, "a Control column exactly when overridden");
      rows.slice(1).forEach((cells, k) => {
        assert(
          cells.every((c) => !/^[=+\-@\t\r]/.test(c)),
          `a ticket cell starts a formula: ${cells.join(",")}`,
        );
        close([cells[0], cells[3], cells[4], Number(cells[5])], [sheet, ...expected[k]], `ticket row ${k + 1}`);
        if (blocked)
          assert(cells.at(-1).startsWith("OVERRIDDEN by e2e: " + override), `ticket row ${k + 1} not marked overridden: ${cells.at(-1)}`);
      });
      const status = await page.getByTestId("ticket-status").textContent();
      assert(!/\bDownloaded\b/.test(status), `the pane claims a download: ${status}`);
    });
  }
}

await step(
  "optimal rounding: HiGHS's WebAssembly loads on demand (never with the page, once at most), and the contracts are Node's",
  async () => {
    same(wasmAtLoad, [], "WebAssembly fetched with the page");
    await page.getByRole("combobox", { name: "Workflow" }).selectOption("rebalance");
    await page.getByRole("combobox", { name: "Contract rounding" }).selectOption("optimal");
    await page.getByRole("button", { name: "Propose trades" }).click();
    await page.getByTestId("headline").waitFor();
    const expected = records(await fn("REBALANCE", S.PORTFOLIO, S.FUTURES, "target", "bands", "optimal", S.POSITIONS))
      .filter((r) => typeof r.Contracts === "number" && r.Contracts !== 0)
      .map((r) => [side(r.Contracts), Math.abs(r.Contracts).toLocaleString("en-US")]);
    const rows = await page
      .getByTestId("trade-row")
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector("td")?.textContent, tr.querySelector("[data-testid=trade-quantity]")?.textContent]),
      );
    same(rows, expected, "optimal contracts");
    // Once: a workflow that optimised before (the LDI hedge) loaded it already; the module keeps it.
    assert(wasmRequests.length === 1 && wasmRequests[0].endsWith("/highs.wasm"), `WebAssembly requests: ${wasmRequests.join(", ")}`);
  },
);

await step("Excel on Mac (?downloads=0): Export CSV starts no download, shows the ticket to copy and claims no download", async () => {
  const mac = await context.newPage();
  try {
    let downloads = 0;
    mac.on("download", () => downloads++);
    await mac.goto(`${server.url}?downloads=0`);
    await mac.getByRole("combobox", { name: "Portfolio" }).waitFor();
    await mac.getByRole("button", { name: "Propose trades" }).click();
    await mac.getByTestId("headline").waitFor();
    const overridden = await mac.getByTestId("override").isVisible();
    if (overridden) await mac.getByRole("textbox", { name: "Override reason" }).fill("e2e");
    await mac.getByRole("button", { name: overridden ? "Export CSV with override" : "Export CSV", exact: true }).click();
    await mac.getByTestId("ticket").waitFor();
    await mac.waitForTimeout(1500);
    same(downloads, 0, "downloads started");
    const status = await mac.getByTestId("ticket-status").textContent();
    assert(/cannot save files from the pane/.test(status) && !/downloaded|offered/i.test(status), `status: ${status}`);
    const csv = await mac.getByTestId("ticket").inputValue();
    assert(csv.startsWith("Proposal,Workflow,Line,Side,Instrument,Quantity"), `ticket box: ${csv.slice(0, 60)}`);
    await mac.setViewportSize({ width: 320, height: 900 });
    await mac.waitForTimeout(300);
    const rules = await mac.evaluate(layoutRules);
    assert(rules.broken.length === 0, `with the ticket shown at 320 px: ${rules.broken.join("; ")}`);
    await mac.locator("[data-testid=pane]").screenshot({ path: path.join(ARTIFACTS, "mac-ticket-copy.png") });
  } finally {
    await mac.close();
  }
});

await step("an engine error is shown beside the input it concerns", async () => {
  await page.getByRole("combobox", { name: "Workflow" }).selectOption("rebalance");
  await page.evaluate(() => window.overlayPlayground.workbook.select("Plan!A1:C4"));
  await page.getByRole("button", { name: "Use the selected range for Futures" }).click();
  await page.getByRole("button", { name: "Propose trades" }).click();
  const futures = page.getByRole("combobox", { name: "Futures" });
  await page.waitForFunction(() => {
    const el = [...document.querySelectorAll("select")].find((s) => s.closest(".ov-input")?.textContent?.startsWith("Futures"));
    const ids = (el?.getAttribute("aria-describedby") ?? "").split(" ");
    return ids.some((i) => /missing columns/.test(document.getElementById(i)?.textContent ?? ""));
  });
  same(await futures.inputValue(), "selection", "Futures source");
  await pane.screenshot({ path: path.join(ARTIFACTS, "error-beside-input.png") });
});

await step("no script errors in the page", async () => {
  same(pageErrors, [], "page errors");
});

await cleanup();
clearTimeout(watchdog);
const secs = ((Date.now() - started) / 1000).toFixed(1);
writeFileSync(path.join(ARTIFACTS, "summary.txt"), `${failures === 0 ? "passed" : `${failures} failed`} in ${secs} s\n`);
console.log(failures === 0 ? `e2e: all passed in ${secs} s; screenshots in test-artifacts/e2e/` : `e2e: ${failures} failed (${secs} s)`);
process.exit(failures === 0 ? 0 : 1);
