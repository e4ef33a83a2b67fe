// The gallery's list of a published site (`notebooks/index.json`): the same entries the dev
// server serves, so one gallery component reads both.
import type { NotebookEntry } from "../server/notebook-index";
import type { Notebook } from "../notebook/types";

export type { NotebookEntry };

export function siteEntry(notebook: Notebook, sitePath: string): NotebookEntry {
  const prose = notebook.cells.find((c) => c.mode === "md")?.value ?? "";
  const description = prose.split("\n").map((l) => l.trim()).find((l) => l && !l.startsWith("#")) ?? "";
  return { path: sitePath, title: notebook.title, description: description.replace(/[*_`]/g, ""), cells: notebook.cells.length };
}
