/**
 * The HiGHS solver (https://highs.dev, npm `highs`: HiGHS compiled to WebAssembly), loaded lazily.
 *
 * The package's JavaScript loader is imported on first use (bundlers give it a chunk of its own) and the 3.5 MB
 * WebAssembly binary is compiled the first time a function calls `loadHighs()`; the promise is cached, so it
 * loads once per runtime. A failed load is not cached: the next call tries again.
 *
 * Where highs.wasm comes from is the host's business, not the engine's: by default (Node: jest, tsx, the
 * `overlay` command) the package finds its own highs.wasm beside its loader; a browser host installs a
 * provider of loader options with `setHighsHost` (src/functions/highsHost.ts, installed by the registry).
 */
import type { Highs, InitOptions } from "highs";
import { OverlayError } from "../core/errors";

export type { Highs };

/** Emscripten's hook for instantiating the wasm itself (honoured by the highs loader; not in its typings). */
export type InstantiateWasm = (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) => object;

export interface LoaderPlan {
  options: InitOptions & { instantiateWasm?: InstantiateWasm };
  /** Rejects if the instantiation started by instantiateWasm fails (Emscripten would wait forever). */
  failure?: Promise<never>;
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

/** The loader options for this runtime: none by default (Node), or what the host's provider says. */
let host: () => Promise<LoaderPlan> = async () => ({ options: {} });

/** Installs the host's provider of loader options (where highs.wasm is, how to fetch it); clears the cache. */
export function setHighsHost(provider: () => Promise<LoaderPlan>): void {
  host = provider;
  cached = undefined;
}

/** The HiGHS runtime: loaded on the first call, the same promise afterwards. Rejects with an OverlayError (#NUM!). */
export function loadHighs(): Promise<Highs> {
  if (!cached) {
    const attempt = (async () => {
      const plan: LoaderPlan = overrides ? { options: overrides } : await host();
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
