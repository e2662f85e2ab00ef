/**
 * Where the HiGHS WebAssembly comes from in each host (src/functions/highsHost.ts): Node, a browser page or
 * worker, and a JavaScript-only runtime that must be handed the compiled module.
 */
import { browserAssetUrl, loaderOptionsFor } from "../../src/functions/highsHost";
import { solveModel } from "../../src/engine/optimise/model";

describe("where the wasm comes from", () => {
  test("Node: no options, the package finds its own highs.wasm", async () => {
    expect(await loaderOptionsFor({ node: true, browserScope: false })).toEqual({ options: {} });
  });

  test("a browser: locateFile puts highs.wasm next to the executing bundle", async () => {
    const { options } = await loaderOptionsFor({
      node: false,
      browserScope: true,
      assetUrl: (f) => browserAssetUrl(f, "https://addin.example.com/app/"),
    });
    expect(options.instantiateWasm).toBeUndefined();
    expect(options.locateFile!("highs.wasm")).toBe("https://addin.example.com/app/highs.wasm");
  });

  test("the script URL is captured when the module is evaluated (document.currentScript)", () => {
    const g = globalThis as { document?: unknown };
    g.document = { currentScript: { src: "https://addin.example.com/dist/functions.js?v=3" } };
    try {
      jest.isolateModules(() => {
        const fresh = require("../../src/functions/highsHost") as typeof import("../../src/functions/highsHost");
        expect(fresh.browserAssetUrl("highs.wasm")).toBe("https://addin.example.com/dist/highs.wasm");
        // the script's URL wins over the loader's own directory
        expect(fresh.browserAssetUrl("highs.wasm", "https://elsewhere.example.com/")).toBe("https://addin.example.com/dist/highs.wasm");
      });
    } finally {
      delete g.document;
    }
  });

  test("a runtime without window or worker scope: the wasm is fetched, compiled and handed over (instantiateWasm)", async () => {
    const { readFileSync } = await import("node:fs");
    const bytes = readFileSync(require.resolve("highs/runtime"));
    const urls: string[] = [];
    const fetch = async (url: string) => {
      urls.push(url);
      return {
        ok: true,
        status: 200,
        arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      };
    };
    const plan = await loaderOptionsFor({ node: false, browserScope: false, fetch, assetUrl: (f) => `https://cdn.example.com/${f}` });
    expect(urls).toEqual(["https://cdn.example.com/highs.wasm"]);
    expect(typeof plan.options.instantiateWasm).toBe("function");
    // The real loader accepts the hand-over: a working solver.
    const { default: factory } = await import("highs");
    const highs = await factory(plan.options);
    const s = solveModel(highs, { numCols: 1, cost: [-1], lower: [0], upper: [2.5], integer: [true], rows: [] });
    expect(s.x).toEqual([2]);
    const missing = async () => ({ ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) });
    await expect(
      loaderOptionsFor({ node: false, browserScope: false, fetch: missing, assetUrl: (f) => `https://cdn.example.com/${f}` }),
    ).rejects.toThrow(/HTTP 404/);
  });
});
