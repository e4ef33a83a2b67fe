// The dev server's notebook endpoints (Vite plugin): the gallery's index, notebook files served
// as they are on disk (Vite would otherwise rewrite their <script type="module"> cells), and the
// editor's writes: POST /api/notebooks/save {path, text, baseHash} and /api/notebooks/create {name, text}.
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Plugin } from "vite";
import { notebookIndex } from "./notebook-index.ts";
import { NotebookPathError, resolveNotebookPath } from "./notebook-paths.ts";
import { MAX_NOTEBOOK_BYTES, NotebookStore, NotebookStoreError } from "./notebook-store.ts";
import { refuseWrite } from "./request-guard.ts";

export const NOTEBOOKS = "notebooks";
export const API = "/api/notebooks";

export function crossexamServer(root: string): Plugin {
  const store = new NotebookStore(root, NOTEBOOKS);
  return {
    name: "crossexam-notebooks",
    // a saved notebook is data, not a page of the app: no reload message to open pages
    handleHotUpdate({ file }) {
      if (file.endsWith(".html") && file.startsWith(`${root.replace(/[\\/]+$/, "")}/${NOTEBOOKS}/`)) return [];
    },
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const url = new URL(req.url ?? "/", "http://localhost");
        if (url.pathname === `${API}/save` || url.pathname === `${API}/create`) return write(store, url.pathname, req, res);
        if (req.method !== "GET" || !url.pathname.startsWith(`/${NOTEBOOKS}/`)) return next();
        try {
          if (url.pathname === `/${NOTEBOOKS}/index.json`) {
            res.setHeader("Content-Type", "application/json");
            res.setHeader("Cache-Control", "no-store");
            res.end(JSON.stringify(await notebookIndex(root, NOTEBOOKS)));
            return;
          }
          if (!url.pathname.endsWith(".html")) return next();
          const file = await resolveNotebookPath(root, NOTEBOOKS, url.pathname);
          const text = await readFile(file, "utf8");
          res.setHeader("Content-Type", "text/html; charset=utf-8");
          res.setHeader("Cache-Control", "no-store");
          res.end(text);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          res.statusCode = error instanceof NotebookPathError ? 403 : code === "ENOENT" ? 404 : 500;
          res.setHeader("Content-Type", "text/plain; charset=utf-8");
          res.end(res.statusCode === 404 ? "not found" : (error as Error).message);
        }
      });
    },
  };
}

async function write(store: NotebookStore, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const refused = refuseWrite(req);
  if (refused) return reply(res, refused.status, { error: refused.message });
  try {
    const body = await readJson(req);
    const result = pathname.endsWith("/save") ? await store.save(body as never) : await store.create(body as never);
    reply(res, 200, result);
  } catch (error) {
    if (error instanceof NotebookStoreError) return reply(res, error.status, { error: error.message, ...(error.currentHash ? { currentHash: error.currentHash } : {}) });
    reply(res, 500, { error: `the notebook was not written: ${(error as Error).message}` });
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_NOTEBOOK_BYTES * 2) throw new NotebookStoreError("the request is too large", 413);
    chunks.push(chunk);
  }
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    if (value === null || typeof value !== "object") throw new Error("not an object");
    return value;
  } catch (error) {
    throw new NotebookStoreError(`the request body is not a JSON object: ${(error as Error).message}`, 400);
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Cache-Control", "no-store");
  res.end(JSON.stringify(body));
}
