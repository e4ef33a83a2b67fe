// The bar of a read-only or compare page: the notebook's title, what the reader can do with it
// (fork, share, compare with its parent, open another file), and whether models run on threads.
import { serializeNotebook } from "../../notebook/format";
import type { ThreadNote } from "../frame/protocol";
import type { OpenedNotebook } from "./open-notebook";
import { isTrusted, TrustMemory } from "./trust";
import type { CompareLink } from "./compare-link";
import type { ForkButton } from "./fork-button";
import type { ShareButton } from "./share-button";
import "./compare-link";
import "./fork-button";
import "./share-button";

/**
 * Whether models may use threads: the frame's answer once it is there, else this page's own; then
 * the thread counts calibrated so far (the first two, per model and batch size).
 */
export function threadsNote(isolated: boolean = crossOriginIsolated, decisions: readonly ThreadNote[] = []): string {
  const base = isolated
    ? "models: multi-threaded (the notebook frame is cross-origin isolated)"
    : "models: single thread (the notebook frame is not cross-origin isolated on this host)";
  if (!decisions.length) return base;
  const one = (d: ThreadNote) =>
    `${d.model} at ${d.bucket.toLocaleString("en-US")}+ rows → ${d.threads} thread${d.threads > 1 ? "s" : ""}`;
  const more = decisions.length > 2 ? `, +${decisions.length - 2} more` : "";
  return `${base} · calibrated: ${decisions.slice(0, 2).map(one).join(", ")}${more}`;
}

/** How a fork of this notebook names its parent: relative to notebooks/ on the dev server, else a URL. */
export function parentRefFor(opened: OpenedNotebook, dev: boolean): string {
  const { origin } = opened;
  if (origin.kind === "site" && dev && origin.path.startsWith("notebooks/")) return origin.path.slice("notebooks/".length);
  if (origin.kind === "site" || origin.kind === "url") return opened.base.href;
  if (origin.kind === "local" && opened.notebook.lineage) return opened.notebook.lineage.parent;
  return origin.kind === "file" ? `file:${origin.name}` : "a share link";
}

export function fillHeader(opened: OpenedNotebook, actions: HTMLElement): void {
  document.title = `${opened.notebook.title} · crossexam`;
  document.querySelector("#title")!.textContent = opened.notebook.title;
  const fork = document.createElement("cx-fork-button") as ForkButton;
  fork.notebook = opened.notebook;
  fork.text = opened.text;
  fork.parentRef = parentRefFor(opened, import.meta.env.DEV);
  // asked when the fork is made: the reader may have trusted the notebook since
  fork.sourceTrusted = () => isTrusted(opened, new URL(".", document.baseURI), new TrustMemory(localStorage));
  const share = document.createElement("cx-share-button") as ShareButton;
  share.notebook = opened.notebook;
  share.text = opened.origin.kind === "site" || opened.origin.kind === "local" ? opened.text : serializeNotebook(opened.notebook, { parser: new DOMParser(), document });
  const compare = document.createElement("cx-compare-link") as CompareLink;
  compare.notebook = opened.notebook;
  if (opened.origin.kind === "site") compare.path = opened.origin.path;
  if (opened.origin.kind === "local") compare.local = opened.origin.key;
  actions.replaceChildren(fork, share, compare);
}
