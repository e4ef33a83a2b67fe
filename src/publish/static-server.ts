// A plain static file server (no cross-origin isolation headers, no rewriting): what a reader's
// host may well be. Used by tests of the published site and handy for a quick look.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".wasm": "application/wasm", ".csv": "text/csv", ".onnx": "application/octet-stream",
  ".svg": "image/svg+xml", ".png": "image/png",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serve `folder` on 127.0.0.1 (a free port unless given); `headers` are added to every response. */
export async function serveStatic(folder: string, { port = 0, headers = {} }: { port?: number; headers?: Record<string, string> } = {}): Promise<StaticServer> {
  const root = resolve(folder);
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (file !== root && !file.startsWith(root + sep)) { res.writeHead(403).end("forbidden"); return; }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) { res.writeHead(404, { "Content-Type": "text/plain" }).end("not found"); return; }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Content-Length": info.size, ...headers });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(port, "127.0.0.1", ok));
  const { port: actual } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${actual}/`, close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }) };
}
