// Unsaved edits kept in the browser (localStorage), so a reload or a crash loses nothing.
// A draft belongs to one notebook path AND the exact file version it was made from (its hash):
// when the file changes on disk, an old draft is not silently laid over the new text.
// Policy (see the editor): a draft for the version being opened is restored automatically, with
// a notice and a "Discard" button; drafts against other versions are offered, never applied.

export interface Draft {
  path: string;
  baseHash: string;
  /** the whole notebook file text as the editor would save it */
  text: string;
  /** ISO time of the last edit */
  savedAt: string;
}

const PREFIX = "crossexam:draft:";

export function draftKey(path: string, baseHash: string): string {
  return `${PREFIX}${path}@${baseHash}`;
}

export class DraftStore {
  constructor(private readonly storage: Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">) {}

  load(path: string, baseHash: string): Draft | undefined {
    return this.read(draftKey(path, baseHash));
  }

  /** Keep `text` as the draft; false when the browser refused (storage full or disabled). */
  save(path: string, baseHash: string, text: string, now = new Date()): boolean {
    const draft: Draft = { path, baseHash, text, savedAt: now.toISOString() };
    try {
      this.storage.setItem(draftKey(path, baseHash), JSON.stringify(draft));
      return true;
    } catch {
      return false;
    }
  }

  clear(path: string, baseHash: string): void {
    this.storage.removeItem(draftKey(path, baseHash));
  }

  /** Drafts of this path made against other versions of the file, newest first. */
  others(path: string, baseHash: string): Draft[] {
    const drafts: Draft[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (!key?.startsWith(`${PREFIX}${path}@`) || key === draftKey(path, baseHash)) continue;
      const draft = this.read(key);
      if (draft) drafts.push(draft);
    }
    return drafts.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  private read(key: string): Draft | undefined {
    try {
      const raw = this.storage.getItem(key);
      if (!raw) return undefined;
      const draft = JSON.parse(raw) as Draft;
      return typeof draft?.text === "string" ? draft : undefined;
    } catch {
      return undefined;
    }
  }
}
