// The compare page: a fork (named by ?path= or ?local=) beside the parent its lineage names,
// both run in this page; see <cx-compare>.
import "./styles.css";
import { html, render } from "lit";
import { contentHash } from "../notebook/hash";
import "./fork/compare-view";
import type { CompareView } from "./fork/compare-view";
import { fetchNotebook, openFromAddress, parentUrl, type OpenedNotebook } from "./fork/open-notebook";
import { fillHeader, threadsNote } from "./fork/page-header";
import { isOwn, TrustMemory } from "./fork/trust";
import "./fork/trust-gate";
import { freshHolder } from "./page-holder";
import type { TrustGate } from "./fork/trust-gate";

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
  const parent = await fetchNotebook(url).catch((e: Error) => { throw new Error(`cannot open the parent named by this fork (${lineage.parent}): ${e.message}`); });
  const parentHash = await contentHash(parent.text);
  const changedSince = parentHash !== lineage.parentHash
    ? html`<p class="cx-warning" role="note">The parent has changed since the fork was made (recorded ${lineage.parentHash.slice(0, 15)}…, now ${parentHash.slice(0, 15)}…): the comparison is with its current version.</p>`
    : null;
  const memory = new TrustMemory(localStorage);
  const parentOwn = isOwn({ kind: "site", path: url.href }, site) && url.origin === site.origin;
  const trusted = (isOwn(fork.origin, site) || memory.isTrusted(fork.hash)) && (parentOwn || memory.isTrusted(parentHash));
  const compare = () => show(fork, { notebook: parent.notebook, base: url, label: lineage.parent }, changedSince);
  if (trusted) return compare();
  const gate = document.createElement("cx-trust-gate") as TrustGate;
  Object.assign(gate, { notebook: fork.notebook, origin: fork.origin, hash: fork.hash });
  gate.addEventListener("cx-trusted", () => { memory.trust(parentHash); compare(); });
  render(html`${changedSince}${gate}`, fresh());
}

function show(fork: OpenedNotebook, parent: CompareView["parent"], note: unknown): void {
  const view = document.createElement("cx-compare") as CompareView;
  view.parent = parent;
  view.fork = { notebook: fork.notebook, base: fork.base, label: fork.origin.kind === "site" ? fork.origin.path : "a fork kept in this browser" };
  render(html`${note}${view}`, fresh());
}

start().catch((error) => {
  const p = document.createElement("p");
  p.className = "cx-error";
  p.setAttribute("role", "alert");
  p.textContent = (error as Error).message;
  main.replaceChildren(p);
});
