// Writing a file so that a crash leaves the old text or the new text, never a torn mix:
// write a temporary file in the same folder, flush it to disk, then rename it over the target
// (rename within one file system is atomic). `createExclusive` links instead of renaming, which
// fails when the target exists, so a new file never replaces one written meanwhile.
//
// `replaceIfUnchanged` also makes sure no other program's write is silently replaced. Before the
// rename it pins the file's current inode with a hard link and checks that it still holds the
// expected text; after the rename it checks the pinned inode again: a program that wrote the file
// in place between the check and the rename wrote into that inode, so its text is found there,
// put back, and the save reports a conflict. Every side file starts with a dot and ends in
// `.tmp`, `.old` or `.mine`, carries the writer's pid, and is removed on the way out (or, after a
// crash, by `removeStaleSideFiles` when the server starts).
import { randomBytes } from "node:crypto";
import { link, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export interface AtomicWriteHooks {
  /** called after the temporary file is written and flushed, before it replaces the target (tests inject failures here) */
  beforeCommit?: (tempFile: string) => Promise<void> | void;
  /** called after the last check and right before the rename: tests write the file here, inside the window */
  beforeRename?: (file: string) => Promise<void> | void;
}

/** `during`: the other write landed between the last check and the rename, and was put back. */
export type ReplaceResult = { ok: true } | { ok: false; current: string; when: "before" | "during" };

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

/**
 * Replace `file` with `text` only if its content is the one `expected` accepts, checked right
 * before the rename and again after it. On a conflict the file keeps (or gets back) the other
 * writer's text, which is returned; `text` is not left on disk. Throws ENOENT when `file` is gone.
 */
export async function replaceIfUnchanged(file: string, text: string, expected: (content: string) => boolean,
  hooks: AtomicWriteHooks = {}): Promise<ReplaceResult> {
  const temp = await writeTemp(file, text);
  const pinned = sideName(file, "old");
  let pinnedExists = false;
  try {
    await hooks.beforeCommit?.(temp);
    await link(file, pinned); // the inode the name points to now; an in-place writer writes into it
    pinnedExists = true;
    const before = await readFile(pinned, "utf8");
    if (!expected(before)) return { ok: false, current: before, when: "before" };
    // replaced by a rename since the link? then the name no longer points at the pinned inode
    if ((await stat(file)).ino !== (await stat(pinned)).ino) return { ok: false, current: await readFile(file, "utf8"), when: "before" };
    await hooks.beforeRename?.(file);
    await rename(temp, file);
    const after = await readFile(pinned, "utf8");
    if (!expected(after)) {
      // someone wrote the old file in place inside the window: theirs goes back, ours is not kept
      const current = await restore(file, pinned, text);
      pinnedExists = false;
      return { ok: false, current, when: "during" };
    }
    await syncFolder(dirname(file));
    return { ok: true };
  } finally {
    await unlink(temp).catch(() => undefined);
    if (pinnedExists) await unlink(pinned).catch(() => undefined);
  }
}

// Put the pinned (other writer's) inode back under `file`. If a write also reached our new inode
// after the rename, that write is the newer one and stays instead.
async function restore(file: string, pinned: string, ours: string): Promise<string> {
  const mine = sideName(file, "mine");
  await link(file, mine);
  try {
    await rename(pinned, file);
    const written = await readFile(mine, "utf8");
    if (written !== ours) await rename(mine, file);
  } finally {
    await unlink(mine).catch(() => undefined);
    await unlink(pinned).catch(() => undefined);
  }
  await syncFolder(dirname(file));
  return readFile(file, "utf8");
}

/** Create `file` with `text` (or bytes); fails with code EEXIST (and writes nothing) when it exists. */
export async function createFileExclusive(file: string, text: string | Uint8Array, hooks: AtomicWriteHooks = {}): Promise<void> {
  const temp = await writeTemp(file, text);
  try {
    await hooks.beforeCommit?.(temp);
    await link(temp, file);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncFolder(dirname(file));
}

/** `.NAME.html.<pid>.<random>.<kind>`: hidden, never `.html`, and traceable to the process that made it. */
export function sideName(file: string, kind: "tmp" | "old" | "mine" | "lock"): string {
  if (kind === "lock") return join(dirname(file), `.${basename(file)}.lock`);
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.${kind}`);
}

/** Matches a side file of this module; group 1 is the writer's pid. */
export const SIDE_FILE = /^\..+\.(\d+)\.[0-9a-f]{12}\.(?:tmp|old|mine)$/;

async function writeTemp(file: string, text: string | Uint8Array): Promise<string> {
  const temp = sideName(file, "tmp");
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
