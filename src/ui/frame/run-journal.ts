// Runs that did not finish, remembered in the shell's localStorage by the content hash of what
// ran: a notebook (or restored draft) whose last run never settled — a `while (true) {}`, a tab
// that crashed — is reopened without running, and the page offers Run.
import type { KeyValueStore } from "../fork/trust";

const KEY = "crossexam:unfinished-runs";
const KEEP = 50;

export class RunJournal {
  constructor(private readonly store: KeyValueStore) {}

  /** A run of the notebook with this hash began (it replaces `previous`, a run it supersedes). */
  started(hash: string, previous?: string): void {
    this.write([...this.read().filter((h) => h !== hash && h !== previous), hash].slice(-KEEP));
  }

  /** The run of this hash settled: no cell pending or running. */
  finished(hash: string): void {
    const list = this.read();
    if (list.includes(hash)) this.write(list.filter((h) => h !== hash));
  }

  unfinished(hash: string): boolean {
    return this.read().includes(hash);
  }

  private read(): string[] {
    try {
      const list = JSON.parse(this.store.getItem(KEY) ?? "[]");
      return Array.isArray(list) ? list.filter((h): h is string => typeof h === "string") : [];
    } catch {
      return [];
    }
  }

  private write(list: string[]): void {
    try { this.store.setItem(KEY, JSON.stringify(list)); } catch { /* storage full: the journal is a convenience */ }
  }
}
