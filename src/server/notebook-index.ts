// The list of notebooks the gallery shows: path, title and the first line of prose of each.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseNotebook } from "../notebook/format.ts";
import { nodeDom } from "../notebook/node-dom.ts";

export interface NotebookEntry {
  /** path relative to the site root, e.g. `notebooks/mortality.html` */
  path: string;
  title: string;
  description: string;
  cells: number;
}

export async function notebookIndex(root: string, folder = "notebooks"): Promise<NotebookEntry[]> {
  // hidden names are never notebooks: a save's side files (`.x.html.<pid>.<id>.tmp`) start with a dot
  const names = (await readdir(join(root, folder))).filter((f) => f.endsWith(".html") && !f.startsWith(".")).sort();
  const entries: NotebookEntry[] = [];
  for (const name of names) {
    try {
      const notebook = parseNotebook(await readFile(join(root, folder, name), "utf8"), nodeDom());
      const prose = notebook.cells.find((c) => c.mode === "md")?.value ?? "";
      const description = prose.split("\n").map((l) => l.trim()).find((l) => l && !l.startsWith("#")) ?? "";
      entries.push({ path: `${folder}/${name}`, title: notebook.title, description: description.replace(/[*_`]/g, ""), cells: notebook.cells.length });
    } catch {
      entries.push({ path: `${folder}/${name}`, title: name, description: "(not a readable notebook)", cells: 0 });
    }
  }
  return entries;
}
