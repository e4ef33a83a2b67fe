// Forks kept in this browser (on a static site there is no server to write to): the file text
// under a key of its own in localStorage, listed under one index key.
import type { KeyValueStore } from "./trust";

const INDEX = "crossexam:forks";
const PREFIX = "crossexam:fork:";

export interface LocalFork {
  key: string;
  title: string;
  savedAt: string;
}

export class LocalForks {
  constructor(private readonly store: KeyValueStore) {}

  list(): LocalFork[] {
    try {
      const list = JSON.parse(this.store.getItem(INDEX) ?? "[]");
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  }

  /** Keep a fork's text; returns its key. Throws a readable error when storage is full. */
  save(title: string, text: string, now = new Date()): string {
    const key = `${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    try {
      this.store.setItem(PREFIX + key, text);
    } catch (error) {
      throw new Error(`this browser's storage is full (${(error as Error).message}): the fork was downloaded as a file only`);
    }
    this.store.setItem(INDEX, JSON.stringify([...this.list(), { key, title, savedAt: now.toISOString() }]));
    return key;
  }

  update(key: string, text: string): void {
    this.store.setItem(PREFIX + key, text);
  }

  text(key: string): string | null {
    return this.store.getItem(PREFIX + key);
  }
}
