// "New notebook" on the dev server's gallery: a starter notebook written through the server's
// create endpoint (which picks a free, valid file name from the title), then opened for editing.
import type { Notebook } from "../notebook/types";
import { serializeNotebook } from "../notebook/format";
import { createNotebookFile, type WriteResult } from "./save-client";

/**
 * A notebook to start from: a heading and `table`, the bundled credit data that the ready-made cells'
 * models read (cells/README.md: every template reads `table`, `models`, `target`, `batch`).
 */
export function starterNotebook(title: string): Notebook {
  const cell = (id: number, mode: "md" | "js", value: string) => ({ id, mode, value, pinned: mode === "js", hidden: false });
  return {
    title, theme: "air", readOnly: false,
    cells: [
      cell(1, "md", `# ${title}\n\nWhat question do you want to put to the models?`),
      cell(2, "js", `const {table} = await crossexam.loadTable(FileAttachment("../data/credit.csv"));`),
      cell(3, "js", `Inputs.table(table)`),
    ],
  };
}

/** Create `notebooks/<name>.html` from the starter; the server refuses names it cannot use. */
export function createStarterNotebook(title: string): Promise<WriteResult> {
  const clean = title.trim();
  if (!clean) return Promise.resolve({ ok: false, status: 400, error: "give the notebook a name" });
  const notebook = starterNotebook(clean);
  return createNotebookFile(clean, serializeNotebook(notebook, { parser: new DOMParser(), document }), notebook.cells);
}
