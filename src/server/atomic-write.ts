// Writing a file so that a crash leaves the old text or the new text, never a torn mix:
// write a temporary file in the same folder, flush it to disk, then rename it over the target
// (rename within one file system is atomic). `createExclusive` links instead of renaming, which
// fails when the target exists, so a new file never replaces one written meanwhile.
import { randomBytes } from "node:crypto";
import { link, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export interface AtomicWriteHooks {
  /** called after the temporary file is written and flushed, before it replaces the target (tests inject failures here) */
  beforeCommit?: (tempFile: string) => Promise<void> | void;
}

/** Replace (or create) `file` with `text`, atomically. */
export async function writeFileAtomic(file: string, text: string, hooks: AtomicWriteHooks = {}): Promise<void> {
  const temp = await writeTemp(file, text);
  try {
    await hooks.beforeCommit?.(temp);
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(file));
}

/** Create `file` with `text`; fails with code EEXIST (and writes nothing) when it exists. */
export async function createFileExclusive(file: string, text: string, hooks: AtomicWriteHooks = {}): Promise<void> {
  const temp = await writeTemp(file, text);
  try {
    await hooks.beforeCommit?.(temp);
    await link(temp, file);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncFolder(dirname(file));
}

// The temporary name starts with a dot and ends in .tmp: never listed as a notebook.
async function writeTemp(file: string, text: string): Promise<string> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temp, "wx", 0o644);
  try {
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return temp;
}

// Make the rename itself durable; some file systems refuse to open a folder for syncing, which is fine.
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, "r");
    try { await handle.sync(); } finally { await handle.close(); }
  } catch { /* best effort */ }
}
