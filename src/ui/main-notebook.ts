// The notebook page: open the notebook named in the address and show it through the one trust
// gate — editable on the dev server for the site's own notebooks (the shell saves; cells run
// in the notebook frame), read-only otherwise (a build, a notebook marked readonly, or one
// from elsewhere: ?path= of another host, data:, blob:, ?url=, ?local=, a share link).
import "./styles.css";
import { html, render } from "lit";
import { openFromAddress, type OpenedNotebook } from "./fork/open-notebook";
import { fillHeader, threadsNote } from "./fork/page-header";
import { isOwn, isTrusted, TrustMemory } from "./fork/trust";
import { gateSide, trustGate, viewInFrame } from "./frame/show-notebook";
import { refreshHeader } from "./explore/refresh-header";
import "./notebook-editor";
import type { NotebookEditor } from "./notebook-editor";
import { freshHolder } from "./page-holder";

const main = document.querySelector("main")!;
const site = new URL(".", document.baseURI);

async function open(): Promise<void> {
  document.querySelector("#threads")!.textContent = threadsNote();
  const opened = await openFromAddress(new URL(location.href), site, localStorage);
  if (!opened) { main.textContent = "No notebook named: add ?path=notebooks/NAME.html"; return; }
  document.title = `${opened.notebook.title} · crossexam`;
  document.querySelector("#title")!.textContent = opened.notebook.title;
  const editable = import.meta.env.DEV && opened.origin.kind === "site" && isOwn(opened.origin, site) && !opened.notebook.readOnly;
  // Fork, Share and Compare with parent on the editor page too (they act on the saved file)
  fillHeader(opened, document.querySelector("#actions")!);
  const go = (trustedByUser: boolean) => (editable ? edit(opened, trustedByUser) : view(opened));
  if (isTrusted(opened, site, new TrustMemory(localStorage))) return go(false);
  const warning = opened.warning ? html`<p class="cx-warning" role="note">${opened.warning}</p>` : null;
  render(html`${warning}${trustGate([gateSide(opened)], () => void go(true))}`, freshHolder(main));
}

async function edit(opened: OpenedNotebook, trustedByUser: boolean): Promise<void> {
  const editor = document.createElement("cx-notebook-editor") as NotebookEditor;
  editor.addEventListener("cx-saved", (e) => refreshHeader(document.querySelector("#actions")!, (e as CustomEvent<string>).detail));
  freshHolder(main).append(editor);
  const path = opened.origin.kind === "site" ? opened.origin.path : "";
  await editor.open({ path, text: opened.text, base: opened.base, trustedByUser });
}

function view(opened: OpenedNotebook): void {
  const warning = opened.warning ? html`<p class="cx-warning" role="note">${opened.warning}</p>` : null;
  render(html`${warning}${viewInFrame(opened)}`, freshHolder(main));
}

open().catch((error) => {
  const p = document.createElement("p");
  p.className = "cx-error";
  p.setAttribute("role", "alert");
  p.textContent = (error as Error).message;
  main.replaceChildren(p);
});
