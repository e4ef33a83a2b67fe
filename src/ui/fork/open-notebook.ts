// Which notebook a page shows, read from its address: `?path=` (a notebook of this site),
// `?url=` (anywhere), `?local=` (a fork kept in this browser), `#nb=`/`#fork=` (a share link),
// or a file the user picked. Each comes back with its text, hash, origin (for trust) and the
// URL its FileAttachments resolve against.
import { parseNotebook } from "../../notebook/format";
import { contentHash } from "../../notebook/hash";
import type { Notebook } from "../../notebook/types";
import { serializeNotebook } from "../../notebook/format";
import { LocalForks } from "./local-forks";
import { applyChanges, decodeShare } from "./share-link";
import type { KeyValueStore, NotebookOrigin } from "./trust";

export interface OpenedNotebook {
  notebook: Notebook;
  text: string;
  hash: string;
  origin: NotebookOrigin;
  /** FileAttachment names resolve against this URL */
  base: URL;
  /** set when the parent named by a fork's lineage is not the version it was forked from */
  warning?: string;
}

const dom = () => ({ parser: new DOMParser(), document });

/** The site's notebooks folder: relative names of data resolve from here for notebooks without a home. */
export function notebooksFolder(site: URL): URL {
  return new URL("notebooks/", site);
}

/** A lineage parent as a URL: absolute as written, else relative to the site's notebooks folder. */
export function parentUrl(parent: string, site: URL): URL {
  if (/^[a-z][a-z0-9+.-]*:/i.test(parent)) return new URL(parent);
  if (parent.startsWith("notebooks/")) return new URL(parent, site);
  return new URL(parent, notebooksFolder(site));
}

export async function fetchNotebook(url: URL): Promise<{ notebook: Notebook; text: string }> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`cannot open ${url.href}: ${(error as Error).message} (a notebook on another host must allow cross-origin reads)`);
  }
  if (!response.ok) throw new Error(`cannot open ${url.pathname.replace(/^\//, "")}: HTTP ${response.status}`);
  const text = await response.text();
  return { notebook: parseNotebook(text, dom()), text };
}

/** The notebook an address names, or null when it names none (the page then shows the gallery). */
export async function openFromAddress(address: URL, site: URL, store: KeyValueStore): Promise<OpenedNotebook | null> {
  const query = address.searchParams;
  const shared = await decodeShare(address.hash);
  if (shared?.kind === "notebook") return opened(parseNotebook(shared.text, dom()), shared.text, { kind: "link" }, notebooksFolder(site));
  if (shared?.kind === "changes") {
    const from = parentUrl(shared.changes.parent, site);
    const parent = await fetchNotebook(from);
    const notebook = applyChanges(parent.notebook, shared.changes, new Date().toISOString());
    const text = serializeNotebook(notebook, dom());
    const result = await opened(notebook, text, { kind: "link" }, from);
    if (await contentHash(parent.text) !== shared.changes.parentHash) result.warning = `the parent (${from.href}) has changed since this fork was made: the link's changes were applied to its current version`;
    return result;
  }
  const path = query.get("path");
  if (path) {
    const url = new URL(path, site);
    const { notebook, text } = await fetchNotebook(url);
    const origin: NotebookOrigin = url.origin === site.origin ? { kind: "site", path } : { kind: "url", url: url.href };
    return opened(notebook, text, origin, url);
  }
  const remote = query.get("url");
  if (remote) {
    const url = new URL(remote, site);
    const { notebook, text } = await fetchNotebook(url);
    return opened(notebook, text, { kind: "url", url: url.href }, url);
  }
  const key = query.get("local");
  if (key) {
    const text = new LocalForks(store).text(key);
    if (text === null) throw new Error(`no fork "${key}" is kept in this browser (was its storage cleared?)`);
    const notebook = parseNotebook(text, dom());
    const base = notebook.lineage ? parentUrl(notebook.lineage.parent, site) : notebooksFolder(site);
    return opened(notebook, text, { kind: "local", key }, base);
  }
  return null;
}

/** A notebook file the user picked or dropped: it opens untrusted. */
export async function openFile(file: File, site: URL): Promise<OpenedNotebook> {
  const text = await file.text();
  return opened(parseNotebook(text, dom()), text, { kind: "file", name: file.name }, notebooksFolder(site));
}

async function opened(notebook: Notebook, text: string, origin: NotebookOrigin, base: URL): Promise<OpenedNotebook> {
  return { notebook, text, hash: await contentHash(text), origin, base };
}
