// Trust: code from anywhere but the user's own notebooks does not run until the user says so.
// The choice is remembered per exact content (hash), so an edited file asks again.

/** The part of localStorage trust needs (a Map-backed stand-in in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = "crossexam:trusted";

export class TrustMemory {
  constructor(private readonly store: KeyValueStore) {}

  isTrusted(hash: string): boolean {
    return this.hashes().includes(hash);
  }

  trust(hash: string): void {
    const hashes = this.hashes();
    if (!hashes.includes(hash)) this.store.setItem(KEY, JSON.stringify([...hashes, hash]));
  }

  forget(hash: string): void {
    this.store.setItem(KEY, JSON.stringify(this.hashes().filter((h) => h !== hash)));
  }

  private hashes(): string[] {
    try {
      const list = JSON.parse(this.store.getItem(KEY) ?? "[]");
      return Array.isArray(list) ? list.filter((h): h is string => typeof h === "string") : [];
    } catch {
      return []; // a damaged entry trusts nothing
    }
  }
}

/** Where a page got its notebook; only the site's own notebooks folder is trusted by default. */
export type NotebookOrigin =
  | { kind: "site"; path: string }
  | { kind: "url"; url: string }
  | { kind: "file"; name: string }
  | { kind: "link" }
  | { kind: "local"; key: string };

/** Own notebooks: under `notebooks/` of this site, or forks the user made in this browser. */
export function isOwn(origin: NotebookOrigin, pageUrl: URL): boolean {
  if (origin.kind === "local") return true;
  if (origin.kind !== "site") return false;
  const url = new URL(origin.path, pageUrl);
  const folder = new URL("notebooks/", pageUrl);
  return url.origin === pageUrl.origin && url.pathname.startsWith(folder.pathname) && !url.pathname.slice(folder.pathname.length).includes("..");
}

export function describeOrigin(origin: NotebookOrigin): string {
  switch (origin.kind) {
    case "site": return origin.path;
    case "url": return origin.url;
    case "file": return `the local file ${origin.name}`;
    case "link": return "a share link";
    case "local": return "a fork kept in this browser";
  }
}
