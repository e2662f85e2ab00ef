/**
 * Builds, into dist/:
 *  - the add-in: taskpane.html loading the functions and taskpane bundles (one shared runtime),
 *    functions.json generated from the JSDoc of src/functions/catalogue/*.ts, the icons, and manifest.xml
 *    with the production URL (OVERLAY_URL, or package.json config.production_url) swapped in; a production
 *    build refuses a missing or placeholder URL (scripts/productionUrl.js), a development build keeps localhost;
 *  - the `overlay` command: dist/cli/overlay.js (Node; node_modules stay external).
 * `npm start` serves the add-in at https://localhost:3000 with the office-addin-dev-certs certificate.
 * `--env only=cli` builds the command alone (fast).
 * `--env only=playground` builds the browser playground (the task pane on a sample workbook, no Excel) into
 * dist/playground; `npm run playground` serves it over https (port 3001, or --env port=N).
 * Production builds print the size of each bundle (the functions bundle's target: under 150 KB minified).
 */
const path = require("path");
const fs = require("fs");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const pkg = require("./package.json");

const DEV_URL = `https://localhost:${pkg.config.dev_server_port}/`;
const catalogue = fs
  .readdirSync(path.resolve(__dirname, "src/functions/catalogue"))
  .filter((f) => f.endsWith(".ts"))
  .sort()
  .map((f) => `./src/functions/catalogue/${f}`);

const tsRule = {
  test: /\.tsx?$/,
  exclude: /node_modules/,
  use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext", noEmit: false } } },
};

// HiGHS's loader names its wasm with new URL("highs.wasm", import.meta.url); the builds copy that file beside the
// bundles instead (the loader's locateFile points there), so webpack must not emit a second, hashed copy.
const highsRule = { test: /[\\/]node_modules[\\/]highs[\\/]/, parser: { url: false } };

const version = new webpack.DefinePlugin({ __OVERLAY_VERSION__: JSON.stringify(pkg.version) });

/** Prints each emitted script's and WebAssembly module's size after a production build. */
class SizeReport {
  constructor(label, budgets = {}) {
    this.label = label;
    this.budgets = budgets;
  }
  apply(compiler) {
    compiler.hooks.done.tap("SizeReport", (stats) => {
      if (stats.hasErrors()) return;
      const json = stats.toJson({ all: false, assets: true, cachedAssets: true, chunks: true, ids: true });
      const initial = new Set(json.chunks.filter((c) => c.initial).map((c) => c.id));
      const assets = json.assets.filter((a) => /\.(js|wasm)$/.test(a.name)).sort((a, b) => a.name.localeCompare(b.name));
      const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
      const lines = assets.map((a) => {
        const budget = this.budgets[a.name];
        const note = budget ? (a.size <= budget ? ` (target < ${kb(budget)}: met)` : ` (target < ${kb(budget)}: MISSED)`) : "";
        const when = (a.chunks || []).some((id) => initial.has(id)) ? "with the page" : "on demand";
        return `  ${a.name.padEnd(30)} ${kb(a.size).padStart(10)}  ${when}${note}`;
      });
      console.log(`Bundle sizes (${this.label}, minified):\n${lines.join("\n")}`);
    });
  }
}

function cliConfig(mode) {
  return {
    name: "cli",
    mode,
    target: "node20",
    devtool: false,
    entry: { overlay: "./src/cli/bin.ts" },
    output: { path: path.resolve(__dirname, "dist/cli"), filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: { rules: [tsRule] },
    // Dependencies load from node_modules at run time (exceljs, highs and its WebAssembly).
    externals: [({ request }, cb) => (/^[a-z@][^:]*$/i.test(request) && !request.startsWith(".") ? cb(null, `commonjs ${request}`) : cb())],
    externalsPresets: { node: true },
    optimization: { minimize: false },
    plugins: [version, new webpack.BannerPlugin({ banner: "#!/usr/bin/env node", raw: true, entryOnly: true })],
    stats: "errors-warnings",
  };
}

async function addinConfig(mode, serve) {
  const dev = mode === "development";
  // A production manifest must point at where dist/ is hosted: a placeholder is refused (scripts/productionUrl.js).
  const url = dev ? DEV_URL : require("./scripts/productionUrl").productionUrl(process.env, pkg.config);
  const config = {
    name: "addin",
    mode,
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/index.ts",
      // The pane loads after the functions on the same page (shared runtime) and reuses their modules.
      taskpane: { import: "./src/taskpane/index.tsx", dependOn: "functions" },
    },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].js", chunkFilename: "[name].[contenthash:8].js", clean: { keep: /^(cli|playground)\// } },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: { rules: [tsRule, highsRule] },
    // HiGHS's Emscripten glue imports node: built-ins only on its Node path; the browser never loads them.
    externals: [({ request }, cb) => (request && request.startsWith("node:") ? cb(null, "var {}") : cb())],
    performance: { hints: false },
    plugins: [
      version,
      ...(dev ? [] : [new SizeReport("add-in", { "functions.js": 150 * 1024 })]),
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: catalogue }),
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["functions", "taskpane"], chunksSortMode: "manual" }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "node_modules/highs/build/highs.wasm", to: "highs.wasm" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) =>
              dev
                ? content
                : Buffer.from(
                    content
                      .toString()
                      .split(DEV_URL)
                      .join(url)
                      .split(`<AppDomain>${DEV_URL.slice(0, -1)}</AppDomain>`)
                      .join(`<AppDomain>${new URL(url).origin}</AppDomain>`),
                  ),
          },
        ],
      }),
    ],
    stats: "errors-warnings",
  };
  if (serve) {
    const { httpsOptions } = require("./scripts/devCerts");
    config.devServer = {
      port: pkg.config.dev_server_port,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: await httpsOptions() },
      static: { directory: path.resolve(__dirname, "dist") },
      onListening: () => {
        console.log(
          [
            "",
            `Overlay is served at ${DEV_URL}taskpane.html`,
            "Sideload into Excel desktop: npx office-addin-debugging start manifest.xml desktop (Windows/Mac),",
            "  or copy manifest.xml into a shared-folder catalog (Trust Center > Trusted Add-in Catalogs).",
            "Sideload into Excel on the web: open a workbook, Home > Add-ins > More Settings > Upload My Add-in, choose manifest.xml.",
            "",
          ].join("\n"),
        );
      },
    };
  }
  return config;
}

/** The playground: the task pane beside a view of a sample MemoryWorkbook, in any browser. */
async function playgroundConfig(mode, serve, env) {
  const dev = mode === "development";
  const config = {
    name: "playground",
    mode,
    devtool: dev ? "source-map" : false,
    entry: { playground: "./src/playground/index.tsx" },
    output: { path: path.resolve(__dirname, "dist/playground"), filename: "[name].js", chunkFilename: "[name].[contenthash:8].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: { rules: [tsRule, highsRule] },
    externals: [({ request }, cb) => (request && request.startsWith("node:") ? cb(null, "var {}") : cb())],
    performance: { hints: false },
    plugins: [
      version,
      ...(dev ? [] : [new SizeReport("playground")]),
      new HtmlWebpackPlugin({ filename: "index.html", template: "./src/playground/playground.html" }),
      // HiGHS's WebAssembly beside the bundle, fetched only when an optimiser runs.
      new CopyWebpackPlugin({ patterns: [{ from: "node_modules/highs/build/highs.wasm", to: "highs.wasm" }] }),
    ],
    stats: "errors-warnings",
  };
  if (serve) {
    const { httpsOptions } = require("./scripts/devCerts");
    const port = Number(env.port) || 3001;
    config.devServer = {
      port,
      host: "localhost",
      server: { type: "https", options: await httpsOptions() },
      static: false,
      hot: false,
      client: { overlay: { runtimeErrors: false } },
      onListening: () => console.log(`\nThe Overlay playground is served at https://localhost:${port}/\n`),
    };
  }
  return config;
}

/** `npm run bench`: the benchmarks bundled as the add-in is (production mode, modules concatenated), run by Node. */
function benchConfig() {
  return {
    ...cliConfig("production"),
    name: "bench",
    entry: { bench: "./bench/run.ts" },
    output: { path: path.resolve(__dirname, "dist/bench"), filename: "[name].js", clean: true },
    node: { __dirname: true }, // bench files find examples/ relative to their source folder (run from the project root)
    plugins: [version],
  };
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || "production";
  if (env.only === "cli") return cliConfig(mode);
  if (env.only === "bench") return benchConfig();
  if (env.only === "playground") return playgroundConfig(mode, !!env.WEBPACK_SERVE, env);
  if (env.WEBPACK_SERVE) return addinConfig(mode, true); // npm start: the add-in alone, over https
  return [await addinConfig(mode, false), cliConfig(mode)];
};
