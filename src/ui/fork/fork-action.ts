// Forking from a page: the data part is `forkNotebook` (lineage: parent, parent hash, time);
// where the fork goes depends on the host. On the dev server it becomes a new file in
// notebooks/ (the create endpoint); on a static site it is kept in this browser and downloaded.
import { forkNotebook } from "../../notebook/fork";
import { serializeNotebook } from "../../notebook/format";
import type { Notebook } from "../../notebook/types";
import { createNotebookFile } from "../save-client";
import { LocalForks } from "./local-forks";

export interface ForkSource {
  notebook: Notebook;
  /** the parent's exact file text (its hash is recorded) */
  text: string;
  /** how the fork names its parent: a path relative to notebooks/ on the dev server, else an absolute URL */
  ref: string;
}

export type ForkResult =
  | { where: "server"; path: string; hash: string; notebook: Notebook }
  | { where: "browser"; key: string; fileName: string; notebook: Notebook; text: string };

/** A free file name for a fork: `NAME-fork.html`, `NAME-fork-2.html`, … given the names taken. */
export function forkFileName(parentRef: string, taken: ReadonlySet<string> = new Set()): string {
  const stem = (parentRef.split(/[?#]/)[0].split("/").pop() || "notebook").replace(/\.html$/, "").replace(/-fork(-\d+)?$/, "");
  for (let n = 1; ; n++) {
    const name = `${stem}-fork${n === 1 ? "" : `-${n}`}.html`;
    if (!taken.has(name)) return name;
  }
}

/** Fork on the dev server: the new file is written by the create endpoint. */
export async function forkOnServer(source: ForkSource): Promise<ForkResult> {
  const fork = await forkNotebook(source.notebook, source.text, source.ref);
  const text = serializeNotebook(fork, { parser: new DOMParser(), document });
  const taken = new Set<string>();
  for (let attempt = 0; attempt < 20; attempt++) {
    const name = forkFileName(source.ref, taken);
    // the create endpoint ({name, text} → {path, hash}) never replaces a file: 409 when it exists
    const result = await createNotebookFile(name, text);
    if (!result.ok && result.status === 409) { taken.add(name); continue; }
    if (!result.ok) throw new Error(`the server could not create notebooks/${name}: ${result.error}`);
    return { where: "server", path: result.path, hash: result.hash, notebook: fork };
  }
  throw new Error("could not find a free file name for the fork in notebooks/");
}

/** Fork on a static site: kept in localStorage (reopened with ?local=KEY) and downloaded as a file. */
export async function forkInBrowser(source: ForkSource, store: Storage = localStorage, download = true): Promise<ForkResult> {
  const fork = await forkNotebook(source.notebook, source.text, source.ref);
  const text = serializeNotebook(fork, { parser: new DOMParser(), document });
  const fileName = forkFileName(source.ref);
  const key = new LocalForks(store).save(fork.title, text);
  if (download) downloadText(fileName, text);
  return { where: "browser", key, fileName, notebook: fork, text };
}

export function downloadText(fileName: string, text: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type: "text/html" }));
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
