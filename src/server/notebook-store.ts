// Responsible for: writing notebooks into the notebooks folder on behalf of the editor —
// saving over a file only when it is still the version the editor loaded (else a conflict),
// creating new files without ever replacing one, and never writing text that does not read
// back, cell for cell, as the cells the editor sent. Pure Node: the Vite plugin adds HTTP around it.
//
// Against other writers: saves of one file are queued in this process and hold a lock file
// across processes (save-lock.ts); programs that ignore the lock are caught by checking the
// file's content right before the rename and again after it (replaceIfUnchanged).
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseNotebook, serializeNotebook } from "../notebook/format.ts";
import { contentHash } from "../notebook/hash.ts";
import { nodeDom } from "../notebook/node-dom.ts";
import type { Notebook } from "../notebook/types.ts";
import { cellsMismatch, isSentCells, type SentCell } from "../notebook/verify.ts";
import { type AtomicWriteHooks, createFileExclusive, replaceIfUnchanged } from "./atomic-write.ts";
import { NotebookPathError, resolveNotebookPath } from "./notebook-paths.ts";
import { removeStaleSideFiles, withFileLock } from "./save-lock.ts";

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
  /** the cells the editor means `text` to hold; without them the text must read back and re-serialize unchanged */
  cells?: SentCell[];
}

export interface CreateRequest {
  /** a file name or a title: slugged into `NAME.html` */
  name: string;
  text: string;
  cells?: SentCell[];
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
  /** side files of saves a crash interrupted, removed when the store starts */
  readonly cleaned: Promise<string[]>;

  constructor(readonly root: string, readonly folder = "notebooks", private readonly hooks: AtomicWriteHooks = {}) {
    this.cleaned = removeStaleSideFiles(join(root, folder));
  }

  /** Save over an existing notebook; refuses (409) when the file changed since `baseHash`. */
  async save({ path, text, baseHash, cells }: SaveRequest): Promise<StoredNotebook> {
    if (typeof path !== "string" || typeof text !== "string" || typeof baseHash !== "string") {
      throw new NotebookStoreError("a save needs {path, text, baseHash}, all strings", 400);
    }
    checkText(text, path, cells);
    const file = await this.resolve(path);
    await this.cleaned;
    const changed = (current: string, during: boolean) => new NotebookStoreError(during
      ? `another program wrote ${path} while it was being saved; its version is kept on disk and yours was not written: reload it, or save yours under another name`
      : `${path} changed on disk since it was loaded; reload it, or save your version under another name`, 409, current);
    return this.queued(file, () => withFileLock(file, async () => {
      let result;
      try {
        result = await replaceIfUnchanged(file, text, (content) => pageHashSync(content) === baseHash, this.hooks);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new NotebookStoreError(`${path} does not exist (any more): use "Save as…" to write a new file`, 404);
        throw error;
      }
      if (!result.ok) throw changed(await pageHash(result.current), result.when === "during");
      return { path: decodeURIComponent(path).replace(/^\/+/, ""), hash: await contentHash(text) };
    }));
  }

  /** Write a new notebook named after `name`; refuses (409) when that file exists. */
  async create({ name, text, cells }: CreateRequest): Promise<StoredNotebook> {
    if (typeof name !== "string" || typeof text !== "string") throw new NotebookStoreError("a new notebook needs {name, text}, both strings", 400);
    const fileName = notebookFileName(name);
    const path = `${this.folder}/${fileName}`;
    checkText(text, path, cells);
    const file = await this.resolve(path);
    await this.cleaned;
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

// Never write what the editor could not read back: the cells it sent, or (without them) the
// text exactly as crossexam's serializer would write what it reads.
function checkText(text: string, path: string, cells: unknown): void {
  if (Buffer.byteLength(text, "utf8") > MAX_NOTEBOOK_BYTES) throw new NotebookStoreError(`${path}: a notebook larger than ${MAX_NOTEBOOK_BYTES / 1024 / 1024} MB is refused`, 413);
  if (cells !== undefined && !isSentCells(cells)) throw new NotebookStoreError("`cells` must be a list of {id, mode, value}", 400);
  let read: Notebook;
  try {
    read = parseNotebook(text, nodeDom());
  } catch (error) {
    throw new NotebookStoreError(`not saved: the text for ${path} is not a readable notebook (${(error as Error).message})`, 400);
  }
  const mismatch = cells !== undefined ? cellsMismatch(read, cells) : rewriteMismatch(text, read);
  if (mismatch) {
    throw new NotebookStoreError(`${path} would not read back as the editor has it (${mismatch}); `
      + "nothing was written, your edits are still here — please report this", 400);
  }
}

function rewriteMismatch(text: string, read: Notebook): string | undefined {
  const again = serializeNotebook(read, nodeDom());
  if (again === text) return undefined;
  let i = 0;
  while (i < text.length && text[i] === again[i]) i++;
  return `the text differs from what it reads as, from line ${text.slice(0, i).split("\n").length} on`;
}

// The hash the page computes (`fileHash`), of content already read.
async function pageHash(content: string): Promise<string> {
  return contentHash(content.replace(/^\uFEFF/, ""));
}
function pageHashSync(content: string): string {
  return sha256(content.replace(/^\uFEFF/, ""));
}

// contentHash, synchronously (Node's crypto gives the same digest as WebCrypto's)
function sha256(text: string): string {
  return `sha256:${createHash("sha256").update(text, "utf8").digest("hex")}`;
}
