// Responsible for: writing notebooks into the notebooks folder on behalf of the editor —
// saving over a file only when it is still the version the editor loaded (else a conflict),
// creating new files without ever replacing one, and never writing text that does not parse.
// Pure Node: the Vite plugin only adds HTTP around it.
import { readFile } from "node:fs/promises";
import { parseNotebook } from "../notebook/format.ts";
import { contentHash } from "../notebook/hash.ts";
import { nodeDom } from "../notebook/node-dom.ts";
import { type AtomicWriteHooks, createFileExclusive, writeFileAtomic } from "./atomic-write.ts";
import { NotebookPathError, resolveNotebookPath } from "./notebook-paths.ts";

/** A refusal with the HTTP status that says why (400 bad input, 403 path refused, 404, 409 conflict). */
export class NotebookStoreError extends Error {
  override name = "NotebookStoreError";
  constructor(message: string, readonly status: 400 | 403 | 404 | 409 | 413, readonly currentHash?: string) {
    super(message);
  }
}

export interface SaveRequest {
  /** as the page names it: `notebooks/NAME.html` */
  path: string;
  text: string;
  /** hash of the file text the editor loaded (`contentHash`) */
  baseHash: string;
}

export interface CreateRequest {
  /** a file name or a title: slugged into `NAME.html` */
  name: string;
  text: string;
}

export interface StoredNotebook {
  /** relative to the site root, e.g. `notebooks/my-analysis.html` */
  path: string;
  /** hash of the text now on disk */
  hash: string;
}

export const MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024;

/** The hash of a file's text as the page sees it (a leading byte-order mark is dropped by `fetch().text()`). */
export async function fileHash(file: string): Promise<string> {
  return contentHash((await readFile(file, "utf8")).replace(/^\uFEFF/, ""));
}

export class NotebookStore {
  // saves of one file are queued, so two requests cannot both pass the conflict check
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(readonly root: string, readonly folder = "notebooks", private readonly hooks: AtomicWriteHooks = {}) {}

  /** Save over an existing notebook; refuses (409) when the file changed since `baseHash`. */
  async save({ path, text, baseHash }: SaveRequest): Promise<StoredNotebook> {
    if (typeof path !== "string" || typeof text !== "string" || typeof baseHash !== "string") {
      throw new NotebookStoreError("a save needs {path, text, baseHash}, all strings", 400);
    }
    checkText(text, path);
    const file = await this.resolve(path);
    return this.queued(file, async () => {
      let current: string;
      try {
        current = await fileHash(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new NotebookStoreError(`${path} does not exist (any more): use "Save as…" to write a new file`, 404);
        throw error;
      }
      if (current !== baseHash) {
        throw new NotebookStoreError(`${path} changed on disk since it was loaded; reload it, or save your version under another name`, 409, current);
      }
      await writeFileAtomic(file, text, this.hooks);
      return { path: decodeURIComponent(path).replace(/^\/+/, ""), hash: await contentHash(text) };
    });
  }

  /** Write a new notebook named after `name`; refuses (409) when that file exists. */
  async create({ name, text }: CreateRequest): Promise<StoredNotebook> {
    if (typeof name !== "string" || typeof text !== "string") throw new NotebookStoreError("a new notebook needs {name, text}, both strings", 400);
    const fileName = notebookFileName(name);
    const path = `${this.folder}/${fileName}`;
    checkText(text, path);
    const file = await this.resolve(path);
    return this.queued(file, async () => {
      try {
        await createFileExclusive(file, text, this.hooks);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new NotebookStoreError(`${path} exists already; choose another name`, 409);
        throw error;
      }
      return { path, hash: await contentHash(text) };
    });
  }

  private async resolve(path: string): Promise<string> {
    try {
      return await resolveNotebookPath(this.root, this.folder, path);
    } catch (error) {
      if (error instanceof NotebookPathError) throw new NotebookStoreError(error.message, 403);
      throw error;
    }
  }

  private queued<T>(file: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(file) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(file, next);
    void next.finally(() => { if (this.queues.get(file) === next) this.queues.delete(file); }).catch(() => undefined);
    return next;
  }
}

/**
 * The file name for a new notebook: `My analysis #2` → `my-analysis-2.html`. Letters lose their
 * accents; anything but a-z, 0-9 becomes one dash. Refuses names with nothing left.
 */
export function notebookFileName(name: string): string {
  const stem = name.trim().replace(/\.html$/i, "")
    .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
    .slice(0, 80).replace(/-+$/, "");
  if (!stem) throw new NotebookStoreError(`"${name}" is not usable as a file name: use letters or digits`, 400);
  if (stem === "index") throw new NotebookStoreError(`"index" is reserved for the notebook list: choose another name`, 400);
  return `${stem}.html`;
}

// Never write what the editor could not read back.
function checkText(text: string, path: string): void {
  if (Buffer.byteLength(text, "utf8") > MAX_NOTEBOOK_BYTES) throw new NotebookStoreError(`${path}: a notebook larger than ${MAX_NOTEBOOK_BYTES / 1024 / 1024} MB is refused`, 413);
  try {
    parseNotebook(text, nodeDom());
  } catch (error) {
    throw new NotebookStoreError(`not saved: the text for ${path} is not a readable notebook (${(error as Error).message})`, 400);
  }
}
