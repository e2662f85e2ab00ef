/**
 * The production add-in, loaded as Excel's shared runtime loads it: dist/taskpane.html in a DOM (jsdom) where a
 * stand-in for Office.js has defined Office and CustomFunctions, its scripts run in page order (functions.js,
 * then taskpane.js, and the chunks they load on demand, highs.wasm among them), served from dist/ only: any
 * other URL is refused, so the check also proves the add-in loads nothing from elsewhere.
 *
 * Fails (exit 1) unless: no script throws; every id in dist/functions.json is associated; and one valid call per
 * function (test/functions/validCalls.ts, plus the HiGHS path of optimal rounding) returns the shape its
 * metadata declares (a matrix for "matrix", a number, text or boolean otherwise), never an error.
 *   npm run check:bundle          (after npm run build)
 */
import { readFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import { JSDOM, ResourceLoader, VirtualConsole, FetchOptions } from "jsdom";
import { EXTRA_CALLS, VALID_CALLS } from "../test/functions/validCalls";

const DIST = resolve(process.env.OVERLAY_DIST ?? resolve(__dirname, "../dist"));
const ORIGIN = "https://localhost:3000/";

interface MetaFn {
  id: string;
  parameters: { name: string; dimensionality?: string }[];
  result: { dimensionality?: string };
}

/** The stand-in for Office.js: what the shared runtime provides before the add-in's scripts run. */
const OFFICE_STUB = `
window.__associated = new Map();
window.CustomFunctions = {
  associate(id, fn) { window.__associated.set(id, fn); },
  Error: class CustomFunctionsError extends Error { constructor(code, message) { super(message || code); this.code = code; } },
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!" },
};
window.Office = {
  HostType: { Excel: "Excel" },
  PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
  context: { platform: "PC", requirements: { isSetSupported: () => true } },
  onReady(cb) { const info = { host: "Excel", platform: "PC" }; setTimeout(() => cb && cb(info), 0); return Promise.resolve(info); },
};
window.Excel = { run() { return Promise.reject(new Error("no workbook in the bundle check")); } };
`;

class DistLoader extends ResourceLoader {
  refused: string[] = [];
  override fetch(url: string, options: FetchOptions) {
    if (url.includes("appsforoffice.microsoft.com")) return Promise.resolve(Buffer.from(OFFICE_STUB)) as never;
    if (url.startsWith(ORIGIN)) {
      const file = resolve(DIST, decodeURIComponent(url.slice(ORIGIN.length).split(/[?#]/)[0]));
      if (file.startsWith(DIST) && existsSync(file)) return Promise.resolve(readFileSync(file)) as never;
    }
    this.refused.push(url);
    return super.fetch("data:text/plain,", options);
  }
}

function shapeOf(v: unknown): string {
  if (Array.isArray(v))
    return Array.isArray(v[0]) && v.every((r) => Array.isArray(r) && r.length === (v[0] as unknown[]).length) ? "matrix" : "ragged";
  if (typeof v === "number") return Number.isFinite(v) ? "scalar" : "non-finite";
  if (typeof v === "string" || typeof v === "boolean") return "scalar";
  return typeof v;
}

async function main(): Promise<number> {
  const problems: string[] = [];
  const meta: MetaFn[] = JSON.parse(readFileSync(resolve(DIST, "functions.json"), "utf8")).functions;
  const html = readFileSync(resolve(DIST, "taskpane.html"), "utf8");
  const errors: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on("jsdomError", (e) =>
    errors.push(`${e.message}${(e as { detail?: unknown }).detail ? `: ${String((e as { detail?: unknown }).detail)}` : ""}`),
  );
  virtualConsole.on("error", (...a) => errors.push(`console.error: ${a.map(String).join(" ")}`));
  const loader = new DistLoader();
  const dom = new JSDOM(html, {
    url: `${ORIGIN}taskpane.html`,
    runScripts: "dangerously",
    resources: loader,
    pretendToBeVisual: true,
    virtualConsole,
    beforeParse(window) {
      // The browser's fetch for highs.wasm, answered from dist/ (jsdom has none of its own).
      (window as unknown as { fetch: unknown }).fetch = async (u: string) => {
        const url = new URL(String(u), `${ORIGIN}taskpane.html`).href;
        const file = url.startsWith(ORIGIN) ? resolve(DIST, url.slice(ORIGIN.length)) : "";
        if (!file || !existsSync(file)) {
          loader.refused.push(url);
          return { ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) };
        }
        const bytes = readFileSync(file);
        return {
          ok: true,
          status: 200,
          arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
        };
      };
      // What Excel's webview has and jsdom lacks (Fluent UI measures its layout with it).
      (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
        observe() {}
        unobserve() {}
        disconnect() {}
      };
      window.addEventListener("error", (e) => errors.push(`uncaught: ${(e as ErrorEvent).message}`));
      window.addEventListener("unhandledrejection", (e) =>
        errors.push(`unhandled rejection: ${String((e as PromiseRejectionEvent).reason)}`),
      );
    },
  });
  const w = dom.window as unknown as { __associated: Map<string, (...a: unknown[]) => unknown>; document: Document };
  await new Promise<void>((r) => dom.window.addEventListener("load", () => r()));
  await new Promise((r) => setTimeout(r, 500)); // Office.onReady and the pane's chunk

  const associated = w.__associated;
  const missing = meta.filter((f) => !associated.has(f.id)).map((f) => f.id);
  const extra = [...associated.keys()].filter((id) => !meta.some((f) => f.id === id));
  console.log(`functions.json: ${meta.length} functions; associated: ${associated.size}`);
  if (missing.length) problems.push(`not associated: ${missing.join(", ")}`);
  if (extra.length) problems.push(`associated but not in functions.json: ${extra.join(", ")}`);

  const calls: [string, unknown[]][] = [
    ...Object.entries(VALID_CALLS),
    ...EXTRA_CALLS.map(([id, a]) => [`${id} (optimal rounding)`, a] as [string, unknown[]]),
  ];
  for (const [label, args] of calls) {
    const id = label.split(" ")[0];
    const f = meta.find((m) => m.id === id);
    const fn = associated.get(id);
    if (!f || !fn) {
      problems.push(`${label}: no valid call can run (not in functions.json or not associated)`);
      continue;
    }
    // As Excel passes them: a range argument is a matrix, a scalar argument a value.
    const passed = f.parameters.map((p, i) =>
      i < args.length ? (p.dimensionality === "matrix" && !Array.isArray(args[i]) ? [[args[i]]] : args[i]) : undefined,
    );
    let got: unknown;
    try {
      got = await fn(...passed);
    } catch (e) {
      problems.push(`${label}: threw ${(e as { code?: string }).code ?? ""} ${(e as Error).message}`);
      continue;
    }
    const want = f.result.dimensionality === "matrix" ? "matrix" : "scalar";
    const shape = shapeOf(got);
    const size = Array.isArray(got) ? `${got.length} x ${(got[0] as unknown[]).length}` : JSON.stringify(got);
    console.log(`  ${label.padEnd(32)} ${shape.padEnd(7)} ${size}`);
    if (shape !== want) problems.push(`${label}: returned ${shape}, its metadata declares ${want}`);
  }
  const root = w.document.getElementById("root");
  console.log(`task pane: ${root && root.innerHTML.length > 0 ? "mounted" : "empty"} (${root?.textContent?.slice(0, 80).trim()}...)`);
  if (!root || root.innerHTML.length === 0) problems.push("the task pane rendered nothing into #root");
  const unexpected = errors.filter((e) => !/no workbook in the bundle check/.test(e));
  if (unexpected.length) problems.push(...unexpected.map((e) => `page error: ${e}`));
  if (loader.refused.length) problems.push(`requests outside the add-in (refused): ${loader.refused.join(", ")}`);
  dom.window.close();
  if (problems.length) {
    console.error(`\nBundle check FAILED:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    return 1;
  }
  console.log(
    `\nBundle check passed: all ${meta.length} functions associated, ${calls.length} calls returned their declared shapes, the pane mounted.`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`Bundle check FAILED: ${e instanceof Error ? e.stack : String(e)}`);
    process.exit(1);
  },
);
