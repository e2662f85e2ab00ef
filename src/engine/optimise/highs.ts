/**
 * The HiGHS solver (https://highs.dev, npm `highs`: HiGHS compiled to WebAssembly), loaded lazily.
 *
 * Only the small JavaScript loader is imported with this module; the 3.5 MB WebAssembly binary is fetched and
 * compiled the first time a function calls `loadHighs()`, and the promise is cached, so it loads once per
 * runtime. A failed load is not cached: the next call tries again.
 *
 * Where highs.wasm comes from:
 * - Node (jest, tsx, the `overlay` command): the package finds its own highs.wasm beside its loader.
 * - A browser (the add-in's functions and task-pane bundles, a web worker): highs.wasm sits next to the
 *   executing bundle (the build copies node_modules/highs/build/highs.wasm into dist/). Its URL is resolved
 *   against the script that evaluated this module (document.currentScript, captured at evaluation), or the
 *   worker's or page's location, through the factory's `locateFile` option. Where neither a window nor a
 *   worker scope exists (a JavaScript-only custom-functions runtime), the bytes are fetched and compiled here
 *   and handed to the loader through Emscripten's `instantiateWasm` hook, since it cannot fetch them there.
 */
import type { Highs, InitOptions } from "highs";
import { OverlayError } from "../core/errors";

export type { Highs };

type Global = {
  document?: { currentScript?: { src?: unknown } | null };
  location?: { href?: unknown };
  process?: { versions?: { node?: unknown }; type?: unknown };
  window?: unknown;
  WorkerGlobalScope?: unknown;
  fetch?: (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;
};

const G = globalThis as unknown as Global;

/** URL of the script evaluating this module, when a browser says (undefined in Node). */
function currentScriptUrl(): string | undefined {
  try {
    const src = G.document?.currentScript?.src;
    if (typeof src === "string" && src !== "") return src;
  } catch {
    // no DOM
  }
  return undefined;
}

const SCRIPT_URL = currentScriptUrl();

export function isNode(): boolean {
  return typeof G.process?.versions?.node === "string" && G.process?.type !== "renderer" && G.window === undefined;
}

/**
 * The URL of a HiGHS asset (highs.wasm) next to the executing bundle: resolved against the script that
 * evaluated this module, else the page's or worker's location, else the loader's own directory.
 */
export function browserAssetUrl(file: string, loaderDirectory = ""): string {
  const bases = [SCRIPT_URL, typeof G.location?.href === "string" ? G.location.href : undefined, loaderDirectory || undefined];
  for (const base of bases) {
    if (!base) continue;
    try {
      return new URL(file, base).href;
    } catch {
      // not a usable base URL: try the next
    }
  }
  return file;
}

type HighsLoader = (options?: InitOptions) => Promise<Highs>;

/**
 * The highs package's factory, imported on first use: bundlers put its JavaScript loader in a chunk of its own
 * (fetched only when a function first needs the solver), and Node requires it then.
 */
async function highsFactory(options: InitOptions): Promise<Highs> {
  const mod = (await import(/* webpackChunkName: "highs" */ "highs")) as unknown as { default?: HighsLoader };
  const factory = typeof mod.default === "function" ? mod.default : (mod as unknown as HighsLoader);
  return factory(options);
}

let overrides: InitOptions | undefined;
let cached: Promise<Highs> | undefined;

/**
 * Loader options to use instead of the defaults (a different `locateFile`); clears the cache so the next
 * `loadHighs()` uses them. For hosts with their own asset layout, and tests.
 */
export function configureHighs(options: InitOptions | undefined): void {
  overrides = options;
  cached = undefined;
}

/** Where this code runs, as far as loading HiGHS is concerned. */
export interface HostEnvironment {
  node: boolean;
  /** A window or a worker scope: the Emscripten loader can fetch the wasm itself, given its URL. */
  browserScope: boolean;
  fetch?: Global["fetch"];
  /** URL resolution for the wasm (default browserAssetUrl). */
  assetUrl?: (file: string, loaderDirectory?: string) => string;
}

export function currentEnvironment(): HostEnvironment {
  return {
    node: isNode(),
    browserScope: G.window !== undefined || G.WorkerGlobalScope !== undefined,
    fetch: typeof G.fetch === "function" ? G.fetch.bind(globalThis) : undefined,
  };
}

/** Emscripten's hook for instantiating the wasm itself (honoured by the highs loader; not in its typings). */
type InstantiateWasm = (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) => object;

export interface LoaderPlan {
  options: InitOptions & { instantiateWasm?: InstantiateWasm };
  /** Rejects if the instantiation started by instantiateWasm fails (Emscripten would wait forever). */
  failure?: Promise<never>;
}

/** The options given to the highs factory in an environment (see the header comment). */
export async function loaderOptionsFor(env: HostEnvironment): Promise<LoaderPlan> {
  if (env.node) return { options: {} };
  const assetUrl = env.assetUrl ?? browserAssetUrl;
  const locateFile = (file: string, loaderDirectory?: string) => assetUrl(file, loaderDirectory);
  if (!env.browserScope && env.fetch) {
    // No window or worker scope: the Emscripten loader cannot fetch here, so fetch and compile the wasm
    // ourselves and hand it over through instantiateWasm (this build of highs ignores `wasmBinary`).
    const url = locateFile("highs.wasm");
    const res = await env.fetch(url);
    if (!res.ok) throw new Error(`fetching ${url} gave HTTP ${res.status}`);
    const module = await WebAssembly.compile(await res.arrayBuffer());
    let fail: (e: unknown) => void = () => undefined;
    const failure = new Promise<never>((_, reject) => (fail = reject));
    failure.catch(() => undefined); // observed through the race in loadHighs
    const instantiateWasm: InstantiateWasm = (imports, done) => {
      WebAssembly.instantiate(module, imports).then(done, fail);
      return {};
    };
    return { options: { locateFile, instantiateWasm }, failure };
  }
  return { options: { locateFile } };
}

/** The HiGHS runtime: loaded on the first call, the same promise afterwards. Rejects with an OverlayError (#NUM!). */
export function loadHighs(): Promise<Highs> {
  if (!cached) {
    const attempt = (async () => {
      const plan: LoaderPlan = overrides ? { options: overrides } : await loaderOptionsFor(currentEnvironment());
      const loading = highsFactory(plan.options as InitOptions);
      return plan.failure ? Promise.race([loading, plan.failure]) : loading;
    })();
    cached = attempt.catch((e: unknown) => {
      cached = undefined;
      throw new OverlayError("num", `The HiGHS solver could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    });
  }
  return cached;
}

/** Whether HiGHS has been requested in this runtime (for tests of the lazy loading). */
export function highsRequested(): boolean {
  return cached !== undefined;
}
