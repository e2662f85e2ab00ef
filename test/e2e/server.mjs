/**
 * A static https server for the built playground (dist/playground) on a free localhost port, with a
 * throwaway self-signed certificate (the browser tests run Chromium with the certificate errors ignored).
 */
import { createServer } from "node:https";
import { readFile } from "node:fs/promises";
import path from "node:path";
import selfsigned from "selfsigned";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".map": "application/json",
};

export async function startServer(root) {
  const pems = await selfsigned.generate([{ name: "commonName", value: "localhost" }], { days: 1, keySize: 2048 });
  const server = createServer({ key: pems.private, cert: pems.cert }, async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "https://localhost");
      let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
      if (!file.startsWith(path.normalize(root))) throw Object.assign(new Error("outside"), { code: "ENOENT" });
      if (url.pathname.endsWith("/")) file = path.join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    url: `https://localhost:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
