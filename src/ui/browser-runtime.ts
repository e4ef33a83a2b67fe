// A notebook runtime in the page: the standard library reads files over HTTP relative to the notebook.
import type { Notebook } from "../notebook/types";
import { NotebookRuntime } from "../runtime/notebook-runtime";
import { fetchBytes, standardLibrary } from "../stdlib/index";

export function browserRuntime(notebookUrl: URL, notebook?: Notebook): NotebookRuntime {
  const { builtins, importer } = standardLibrary({ base: notebookUrl, read: fetchBytes });
  const runtime = new NotebookRuntime({ builtins, importer });
  if (notebook) runtime.load(notebook.cells);
  return runtime;
}
