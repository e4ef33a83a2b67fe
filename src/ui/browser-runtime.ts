// A notebook runtime in the page: the standard library reads files over HTTP relative to the notebook.
import "katex/dist/katex.min.css";
import type { Notebook } from "../notebook/types";
import { NotebookRuntime } from "../runtime/notebook-runtime";
import { fetchBytes, standardLibrary } from "../stdlib/index";

// the sample datasets, bundled as assets of the page (no CDN)
const datasetUrls = import.meta.glob("/node_modules/@observablehq/sample-datasets/*.{csv,json}", {
  query: "?url", import: "default", eager: true,
}) as Record<string, string>;
const datasets = (file: string) => new URL(datasetUrls[`/node_modules/@observablehq/sample-datasets/${file}`], location.href);

export function browserRuntime(notebookUrl: URL, notebook?: Notebook): NotebookRuntime {
  const widthOf = document.querySelector("main") ?? document.body;
  const runtime = new NotebookRuntime(standardLibrary({ base: notebookUrl, read: fetchBytes, widthOf, datasets }));
  if (notebook) runtime.load(notebook.cells);
  return runtime;
}
