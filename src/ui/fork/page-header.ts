// The bar of a read-only or compare page: the notebook's title, what the reader can do with it
// (fork, share, compare with its parent, open another file), and whether models run on threads.
import { serializeNotebook } from "../../notebook/format";
import type { OpenedNotebook } from "./open-notebook";
import type { CompareLink } from "./compare-link";
import type { ForkButton } from "./fork-button";
import type { ShareButton } from "./share-button";
import "./compare-link";
import "./fork-button";
import "./share-button";

export function threadsNote(): string {
  return crossOriginIsolated
    ? "models: multi-threaded (page is cross-origin isolated)"
    : "models: single thread (this host does not send cross-origin isolation headers)";
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
  const share = document.createElement("cx-share-button") as ShareButton;
  share.notebook = opened.notebook;
  share.text = opened.origin.kind === "site" || opened.origin.kind === "local" ? opened.text : serializeNotebook(opened.notebook, { parser: new DOMParser(), document });
  const compare = document.createElement("cx-compare-link") as CompareLink;
  compare.notebook = opened.notebook;
  if (opened.origin.kind === "site") compare.path = opened.origin.path;
  if (opened.origin.kind === "local") compare.local = opened.origin.key;
  actions.replaceChildren(fork, share, compare);
}
