// The compare page: a fork (named by ?path= or ?local=) beside the parent its lineage names,
// both run in the notebook frame; see <cx-compare>. When either needs trust, the gate lists
// every cell that will run — the parent's and the fork's — and nothing runs before Trust.
import "./styles.css";
import { html, render } from "lit";
import { contentHash } from "../notebook/hash";
import { fetchNotebook, openFromAddress, parentUrl, type OpenedNotebook } from "./fork/open-notebook";
import { fillHeader, threadsNote } from "./fork/page-header";
import { isTrusted, TrustMemory, type NotebookOrigin } from "./fork/trust";
import { frameNotebook, gateSide, notebookFrame, trustGate } from "./frame/show-notebook";
import { freshHolder } from "./page-holder";

const main = document.querySelector("main")!;
const site = new URL(".", document.baseURI);

const fresh = () => freshHolder(main);

async function start(): Promise<void> {
  document.querySelector("#threads")!.textContent = threadsNote();
  const fork = await openFromAddress(new URL(location.href), site, localStorage);
  if (!fork) throw new Error("No fork named: add ?path=notebooks/NAME.html (or ?local=KEY for a fork kept in this browser)");
  fillHeader(fork, document.querySelector("#actions")!);
  document.querySelector("#title")!.textContent = `${fork.notebook.title}: compared with its parent`;
  const lineage = fork.notebook.lineage;
  if (!lineage) throw new Error(`${fork.notebook.title} records no parent: it is not a fork, so there is nothing to compare it with`);
  const url = parentUrl(lineage.parent, site);
  const fetched = await fetchNotebook(url).catch((e: Error) => { throw new Error(`cannot open the parent named by this fork (${lineage.parent}): ${e.message}`); });
  const origin: NotebookOrigin = url.origin === site.origin ? { kind: "site", path: url.href.slice(site.href.length) } : { kind: "url", url: url.href };
  const parent: OpenedNotebook = { ...fetched, hash: await contentHash(fetched.text), origin, base: url };
  const changedSince = parent.hash !== lineage.parentHash
    ? html`<p class="cx-warning" role="note">The parent has changed since the fork was made (recorded ${lineage.parentHash.slice(0, 15)}…, now ${parent.hash.slice(0, 15)}…): the comparison is with its current version.</p>`
    : null;
  const memory = new TrustMemory(localStorage);
  const compare = () => show(fork, parent, lineage.parent, changedSince);
  if (isTrusted(fork, site, memory) && isTrusted(parent, site, memory)) return compare();
  render(html`${changedSince}${trustGate([gateSide(parent, "parent"), gateSide(fork, "fork")], compare)}`, fresh());
}

function show(fork: OpenedNotebook, parent: OpenedNotebook, parentLabel: string, note: unknown): void {
  const frame = notebookFrame();
  const forkLabel = fork.origin.kind === "site" ? fork.origin.path : "a fork kept in this browser";
  void frame.show({ cx: 1, type: "open", view: "compare", parent: frameNotebook(parent, frame, parentLabel), fork: frameNotebook(fork, frame, forkLabel), run: true });
  render(html`${note}${frame}`, fresh());
}

start().catch((error) => {
  const p = document.createElement("p");
  p.className = "cx-error";
  p.setAttribute("role", "alert");
  p.textContent = (error as Error).message;
  main.replaceChildren(p);
});
