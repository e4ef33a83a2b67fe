// Responsible for: the lock that keeps two crossexam servers (or two stores) from saving one
// notebook at the same time, and removing the side files an interrupted save left behind.
// The lock is a file `.NAME.html.lock` created exclusively, holding the owner's pid; a lock whose
// owner is gone, or that is older than a save could take, is stale and taken over. Programs that
// are not crossexam ignore it: replaceIfUnchanged (atomic-write.ts) guards against those.
import { open, readdir, readFile, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { SIDE_FILE, sideName } from "./atomic-write.ts";

const STALE_MS = 30_000;
const WAIT_MS = 10_000;

/** Run `work` holding the lock on `file`; gives up (throws) after waiting 10 s for another saver. */
export async function withFileLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const lock = sideName(file, "lock");
  const deadline = Date.now() + WAIT_MS;
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      const handle = await open(lock, "wx", 0o644);
      try { await handle.writeFile(String(process.pid)); } finally { await handle.close(); }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (await isStale(lock)) { await unlink(lock).catch(() => undefined); continue; }
      if (Date.now() > deadline) throw new Error(`another save of this notebook has held ${lock} for over ${WAIT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
  try {
    return await work();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

async function isStale(lock: string): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(lock, "utf8"), stat(lock)]);
    const pid = Number(text);
    if (Date.now() - info.mtimeMs > STALE_MS) return true;
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid);
  } catch {
    return false; // gone already, or being written: try again
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Remove the side files (temporary, pinned, lock) that saves interrupted by a crash left in
 * `folder`: those of processes that are gone, and any older than a save could take. Returns their names.
 */
export async function removeStaleSideFiles(folder: string): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return removed;
  }
  for (const name of names) {
    const path = join(folder, name);
    const side = SIDE_FILE.exec(name);
    let stale = false;
    if (side) {
      const pid = Number(side[1]);
      const age = await stat(path).then((s) => Date.now() - s.mtimeMs, () => 0);
      stale = age > STALE_MS || (pid !== process.pid && !alive(pid));
    } else if (name.startsWith(".") && name.endsWith(".html.lock")) stale = await isStale(path);
    if (stale && (await unlink(path).then(() => true, () => false))) removed.push(name);
  }
  return removed;
}
