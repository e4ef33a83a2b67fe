// A notebook runtime in the page: the standard library reads files over HTTP relative to the notebook.
import "katex/dist/katex.min.css";
import type { Notebook } from "../notebook/types";
import { NotebookRuntime } from "../runtime/notebook-runtime";
import type { ReadBytes } from "../runtime/library";
import { listingExists } from "../stdlib/file-listing";
import { fetchBytes, standardLibrary } from "../stdlib/index";
import { LOCAL_SCHEME, readLocalFile } from "./explore/local-files";

// the sample datasets, bundled as assets of the page (no CDN)
const datasetUrls = import.meta.glob("/node_modules/@observablehq/sample-datasets/*.{csv,json}", {
  query: "?url", import: "default", eager: true,
}) as Record<string, string>;
const datasets = (file: string) => new URL(datasetUrls[`/node_modules/@observablehq/sample-datasets/${file}`], location.href);

// files a reader explored on a published site are kept in this browser, not on the server
// sql cells: DuckDB's worker build, loaded (with its wasm) only when a sql cell first runs
const duckdb = () => import("../stdlib/sql/duckdb-browser").then((m) => m.openBrowserDuckDB());

const read: ReadBytes = (url) => (url.protocol === LOCAL_SCHEME ? readLocalFile(url) : fetchBytes(url));

export function browserRuntime(notebookUrl: URL, notebook?: Notebook): NotebookRuntime {
  const widthOf = document.querySelector("main") ?? document.body;
  // the site's file listing (served live by the dev server, written by `crossexam build`) says which
  // optional files exist, so that a model without a card requests none
  const exists = listingExists(notebookUrl, async (url) => JSON.parse(new TextDecoder().decode(await fetchBytes(url))));
  const runtime = new NotebookRuntime(standardLibrary({ base: notebookUrl, read, exists, widthOf, datasets, duckdb }));
  if (notebook) runtime.load(notebook.cells);
  return runtime;
}
