// The read-only page of a published site (and its front page): a notebook named by the address
// runs in the notebook frame with code folded and inputs live; no editing, no saving. Without
// a notebook in the address it lists the site's notebooks and the forks kept in this browser.
// Anything but the site's own notebooks waits behind the trust gate.
import "./styles.css";
import { html, render } from "lit";
import { LocalForks } from "./fork/local-forks";
import { openFile, openFromAddress, type OpenedNotebook } from "./fork/open-notebook";
import { fillHeader, threadsNote } from "./fork/page-header";
import { isTrusted, TrustMemory } from "./fork/trust";
import { gateSide, trustGate, viewInFrame } from "./frame/show-notebook";
import { freshHolder } from "./page-holder";
import "./explore/explore-form";
import "./explore/local-editor";
import type { LocalEditor } from "./explore/local-editor";
import { refreshHeader } from "./explore/refresh-header";
import type { NotebookEntry } from "../server/notebook-index";

const main = document.querySelector("main")!;
const site = new URL(".", document.baseURI);

const fresh = () => freshHolder(main);

async function start(): Promise<void> {
  document.querySelector("#threads")!.textContent = threadsNote();
  acceptDroppedFiles();
  const opened = await openFromAddress(new URL(location.href), site, localStorage);
  if (opened) show(opened);
  else await showGallery();
}

function show(opened: OpenedNotebook): void {
  fillHeader(opened, document.querySelector("#actions")!);
  const warning = opened.warning ? html`<p class="cx-warning" role="note">${opened.warning}</p>` : null;
  if (isTrusted(opened, site, new TrustMemory(localStorage))) return run(opened, warning);
  render(html`${warning}${trustGate([gateSide(opened)], () => run(opened, warning, true))}`, fresh());
}

function run(opened: OpenedNotebook, warning: unknown, trustedByUser = false): void {
  if (opened.origin.kind !== "local") { render(html`${warning}${viewInFrame(opened)}`, fresh()); return; }
  // a notebook kept in this browser is the reader's own: editable here, every edit kept
  const editor = document.createElement("cx-local-editor") as LocalEditor;
  editor.addEventListener("cx-local-change", (e) => refreshHeader(document.querySelector("#actions")!, (e as CustomEvent<string>).detail));
  render(html`${warning}${editor}`, fresh());
  void editor.open({ key: opened.origin.key, text: opened.text, base: opened.base, trustedByUser });
}

async function showGallery(): Promise<void> {
  const response = await fetch(new URL("notebooks/index.json", site));
  if (!response.ok) throw new Error(`could not list the notebooks: HTTP ${response.status}`);
  const entries = (await response.json()) as NotebookEntry[];
  const forks = new LocalForks(localStorage).list();
  render(html`
    <cx-explore mode=${import.meta.env.DEV ? "server" : "browser"}></cx-explore>
    <ul class="cx-gallery">${entries.map((e) => html`<li><a href=${`view.html?path=${encodeURIComponent(e.path)}`}><strong>${e.title}</strong></a><p>${e.description}</p></li>`)}</ul>
    ${forks.length ? html`<h2>Your forks in this browser</h2><ul class="cx-gallery">${forks.map((f) => html`<li><a href=${`view.html?local=${encodeURIComponent(f.key)}`}><strong>${f.title}</strong></a><p>forked ${f.savedAt.slice(0, 16).replace("T", " ")}</p></li>`)}</ul>` : null}
    <p class="cx-note"><label>Open a notebook file (it opens untrusted): <input type="file" accept=".html,text/html" @change=${pickFile}></label> — or drop one on this page.</p>`, fresh());
}

async function pickFile(event: Event): Promise<void> {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (file) show(await openFile(file, site));
}

function acceptDroppedFiles(): void {
  document.addEventListener("dragover", (e) => e.preventDefault());
  document.addEventListener("drop", (e) => {
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    e.preventDefault();
    openFile(file, site).then(show, fail);
  });
}

function fail(error: unknown): void {
  const p = document.createElement("p");
  p.className = "cx-error";
  p.setAttribute("role", "alert");
  p.textContent = (error as Error).message;
  main.replaceChildren(p);
}

start().catch(fail);
