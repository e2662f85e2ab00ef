/**
 * Where the HiGHS WebAssembly comes from in each host the functions run in: the browser side of
 * src/engine/optimise/highs.ts, which knows nothing of DOMs or fetching.
 *
 * - Node (jest, tsx, the `overlay` command): no options; the package finds its own highs.wasm.
 * - A browser (the add-in's functions and task-pane bundles, the playground, a web worker): highs.wasm sits next
 *   to the executing bundle (the build copies node_modules/highs/build/highs.wasm into dist/). Its URL is resolved
 *   against the script that evaluated this module (document.currentScript, captured at evaluation), or the
 *   worker's or page's location, through the factory's `locateFile` option.
 * - Neither a window nor a worker scope (a JavaScript-only custom-functions runtime): the bytes are fetched and
 *   compiled here and handed to the loader through Emscripten's `instantiateWasm` hook, since it cannot fetch there.
 *
 * The registry installs this provider when it is evaluated (`installHighsHost`), so every host that calls the
 * functions has it.
 */
import { InstantiateWasm, LoaderPlan, setHighsHost } from "../engine/optimise/highs";

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

/** Installs this module's provider in the engine's loader. */
export function installHighsHost(): void {
  setHighsHost(() => loaderOptionsFor(currentEnvironment()));
}
