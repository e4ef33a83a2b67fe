// The dev server's notebook endpoints (Vite plugin): the gallery's index, the site's file listing
// (notebooks/files.json, file-listing.ts), notebook files served
// as they are on disk (Vite would otherwise rewrite their <script type="module"> cells), and the
// editor's writes: POST /api/notebooks/save {path, text, baseHash} and /api/notebooks/create {name, text}.
// It also keeps the two origins apart (docs/SECURITY.md): the shell's pages and its session token
// live on 127.0.0.1, the notebook frame on localhost; and nothing outside the project is served
// through a symlink, however the path is encoded.
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Plugin } from "vite";
import { FILE_LISTING } from "../stdlib/file-listing.ts";
import { fileListing } from "./file-listing.ts";
import { notebookIndex } from "./notebook-index.ts";
import { NotebookPathError, resolveNotebookPath } from "./notebook-paths.ts";
import { MAX_NOTEBOOK_BYTES, NotebookStore, NotebookStoreError } from "./notebook-store.ts";
import { guardWrite, JsonRouteError, readJsonObject, replyJson as reply } from "./json-route.ts";
import { FRAME_HOSTNAME, hostnameOf, newToken, refuseShellOnly, SHELL_HOSTNAME } from "./request-guard.ts";
import { refuseOutside } from "./static-guard.ts";
import { uploadRoute } from "./data-route.ts";
import { DATA_UPLOAD, DataStore } from "./data-store.ts";

export const NOTEBOOKS = "notebooks";
export const API = "/api/notebooks";
/** GET: the shell's session token (shell origin only). */
export const SESSION = "/api/session";
/** The page notebook code runs in: served on the frame host only. */
export const FRAME_PAGE = "/frame.html";
/** The shell's pages: served on the shell host only (the frame host redirects to it). */
export const SHELL_PAGES = new Set(["/", "/index.html", "/notebook.html", "/view.html", "/compare.html"]);
// A file of the notebooks or data folders opened as a page runs no script on either origin:
// a notebook file holds its cells as <script type="module"> elements.
const INERT = "sandbox";

export function crossexamServer(root: string): Plugin {
  const store = new NotebookStore(root, NOTEBOOKS);
  const token = newToken();
  const data = new DataStore(root);
  return {
    name: "crossexam-notebooks",
    // a saved notebook is data, not a page of the app: no reload message to open pages
    handleHotUpdate({ file }) {
      if (file.endsWith(".html") && file.startsWith(`${root.replace(/[\\/]+$/, "")}/${NOTEBOOKS}/`)) return [];
    },
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const url = new URL(req.url ?? "/", "http://localhost");
        if (url.pathname === `${API}/save` || url.pathname === `${API}/create`) return write(store, token, url.pathname, req, res);
        if (url.pathname === SESSION) return session(token, req, res);
        if (url.pathname === DATA_UPLOAD) return uploadRoute(data, token, req, res);
        const outside = await refuseOutside(root, rawPath(req.url ?? "/")).catch((e: Error) => e.message);
        if (outside) return text(res, 403, outside);
        const hostname = hostnameOf(req);
        if (hostname === FRAME_HOSTNAME && SHELL_PAGES.has(url.pathname)) {
          res.statusCode = 302;
          res.setHeader("Location", `http://${SHELL_HOSTNAME}${portOf(req)}${url.pathname}${url.search}`);
          return res.end();
        }
        if (url.pathname === FRAME_PAGE) {
          if (hostname !== FRAME_HOSTNAME) return text(res, 403, `the notebook frame is served on http://${FRAME_HOSTNAME} only, never on the editor's origin`);
          // the shell (cross-origin, require-corp) may embed it
          res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
        }
        if (url.pathname.startsWith(`/${NOTEBOOKS}/`) || url.pathname.startsWith("/data/")) res.setHeader("Content-Security-Policy", INERT);
        else if (hostname === SHELL_HOSTNAME) {
          // the shell's pages are never framed (not by the notebook frame navigating itself, nor by
          // another site); any other document on the shell's origin runs no script
          if (SHELL_PAGES.has(url.pathname)) res.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
          else if (/\.(html?|xhtml|svg|xml)$/i.test(url.pathname) && !url.pathname.startsWith("/test/")) res.setHeader("Content-Security-Policy", INERT);
        }
        if (req.method !== "GET" || !url.pathname.startsWith(`/${NOTEBOOKS}/`)) return next();
        try {
          if (url.pathname === `/${FILE_LISTING}`) {
            // read by notebook code (the frame's origin too): it names only files either origin may fetch
            res.setHeader("Content-Type", "application/json");
            res.setHeader("Cache-Control", "no-store");
            res.end(JSON.stringify(await fileListing(root)));
            return;
          }
          if (url.pathname === `/${NOTEBOOKS}/index.json`) {
            res.setHeader("Content-Type", "application/json");
            res.setHeader("Cache-Control", "no-store");
            res.end(JSON.stringify(await notebookIndex(root, NOTEBOOKS)));
            return;
          }
          if (!decodeURIComponent(url.pathname).endsWith(".html")) return next();
          const file = await resolveNotebookPath(root, NOTEBOOKS, url.pathname);
          const body = await readFile(file, "utf8");
          res.setHeader("Content-Type", "text/html; charset=utf-8");
          res.setHeader("Cache-Control", "no-store");
          res.end(body);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const status = error instanceof NotebookPathError || error instanceof URIError ? 403 : code === "ENOENT" ? 404 : 500;
          text(res, status, status === 404 ? "not found" : (error as Error).message);
        }
      });
    },
  };
}

// The path as the client sent it (URL parsing would already have folded some spellings).
function rawPath(url: string): string {
  return url.split(/[?#]/)[0];
}

function portOf(req: IncomingMessage): string {
  const match = /:(\d+)$/.exec(req.headers.host ?? "");
  return match ? `:${match[1]}` : "";
}

function session(token: string, req: IncomingMessage, res: ServerResponse): void {
  const refused = refuseShellOnly(req);
  if (refused) return reply(res, refused.status, { error: refused.message });
  reply(res, 200, { token });
}

async function write(store: NotebookStore, token: string, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!guardWrite(req, res, token)) return;
  try {
    const body = await readJsonObject(req, MAX_NOTEBOOK_BYTES * 2, "the request is too large");
    const result = pathname.endsWith("/save") ? await store.save(body as never) : await store.create(body as never);
    reply(res, 200, result);
  } catch (error) {
    if (error instanceof NotebookStoreError) return reply(res, error.status, { error: error.message, ...(error.currentHash ? { currentHash: error.currentHash } : {}) });
    if (error instanceof JsonRouteError) return reply(res, error.status, { error: error.message });
    reply(res, 500, { error: `the notebook was not written: ${(error as Error).message}` });
  }
}

function text(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.end(body);
}
