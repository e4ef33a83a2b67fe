// The dev server's notebook endpoints (Vite plugin): the gallery's index, and notebook files
// served as they are on disk (Vite would otherwise rewrite their <script type="module"> cells).
import { readFile } from "node:fs/promises";
import type { Plugin } from "vite";
import { notebookIndex } from "./notebook-index";
import { NotebookPathError, resolveNotebookPath } from "./notebook-paths";

export const NOTEBOOKS = "notebooks";

export function crossexamServer(root: string): Plugin {
  return {
    name: "crossexam-notebooks",
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const url = new URL(req.url ?? "/", "http://localhost");
        if (req.method !== "GET" || !url.pathname.startsWith(`/${NOTEBOOKS}/`)) return next();
        try {
          if (url.pathname === `/${NOTEBOOKS}/index.json`) {
            res.setHeader("Content-Type", "application/json");
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
