// The notebook page: load the notebook named in the query, run it, render it — editable on the
// dev server (which can save), read-only in a build (or for a notebook marked readonly).
import "./styles.css";
import { parseNotebook } from "../notebook/format";
import { browserRuntime } from "./browser-runtime";
import "./notebook-editor";
import type { NotebookEditor } from "./notebook-editor";
import "./notebook-view";
import type { NotebookView } from "./notebook-view";

async function open(): Promise<void> {
  const main = document.querySelector("main")!;
  const path = new URLSearchParams(location.search).get("path");
  if (!path) { main.textContent = "No notebook named: add ?path=notebooks/NAME.html"; return; }
  const url = new URL(path, document.baseURI);
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`cannot open ${path}: HTTP ${response.status}`);
  const text = await response.text();
  const notebook = parseNotebook(text, { parser: new DOMParser(), document });
  document.title = `${notebook.title} · crossexam`;
  document.querySelector("#title")!.textContent = notebook.title;
  document.querySelector("#threads")!.textContent = crossOriginIsolated ? "models: multi-threaded (cross-origin isolated)" : "models: single thread (page not cross-origin isolated)";
  if (import.meta.env.DEV && !notebook.readOnly) {
    const editor = document.createElement("cx-notebook-editor") as NotebookEditor;
    main.replaceChildren(editor);
    await editor.open({ path, text, runtimeFor: (shown) => browserRuntime(url, shown) });
    return;
  }
  const view = document.createElement("cx-notebook") as NotebookView;
  view.notebook = notebook;
  view.runtime = browserRuntime(url, notebook);
  main.replaceChildren(view);
}

open().catch((error) => {
  const main = document.querySelector("main")!;
  main.innerHTML = "";
  const p = document.createElement("p");
  p.className = "cx-error";
  p.setAttribute("role", "alert");
  p.textContent = (error as Error).message;
  main.append(p);
});
