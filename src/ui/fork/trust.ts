// Trust: code from anywhere but the user's own notebooks does not run until the user says so.
// The choice is remembered per exact content (hash), so an edited file asks again.

/** The part of localStorage trust needs (a Map-backed stand-in in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = "crossexam:trusted";
const QUARANTINE = "crossexam:untrusted-forks";

export class TrustMemory {
  constructor(private readonly store: KeyValueStore) {}

  isTrusted(hash: string): boolean {
    return this.hashes().includes(hash);
  }

  trust(hash: string): void {
    const hashes = this.hashes();
    if (!hashes.includes(hash)) this.store.setItem(KEY, JSON.stringify([...hashes, hash]));
  }

  /** A fork made of a notebook that was not trusted: it stays untrusted though it is now "own". */
  quarantine(ref: string): void {
    const refs = this.list(QUARANTINE);
    if (!refs.includes(ref)) this.store.setItem(QUARANTINE, JSON.stringify([...refs, ref]));
  }

  isQuarantined(ref: string): boolean {
    return this.list(QUARANTINE).includes(ref);
  }

  release(ref: string): void {
    if (this.isQuarantined(ref)) this.store.setItem(QUARANTINE, JSON.stringify(this.list(QUARANTINE).filter((r) => r !== ref)));
  }

  forget(hash: string): void {
    this.store.setItem(KEY, JSON.stringify(this.hashes().filter((h) => h !== hash)));
  }

  private hashes(): string[] {
    return this.list(KEY);
  }

  private list(key: string): string[] {
    try {
      const list = JSON.parse(this.store.getItem(key) ?? "[]");
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
    case "url": return describeUrl(origin.url);
    case "file": return `the local file ${origin.name}`;
    case "link": return "a share link";
    case "local": return "a fork kept in this browser";
  }
}

/** How the quarantine names a notebook: `site:notebooks/x.html` or `local:KEY` (undefined for others). */
export function trustRef(origin: NotebookOrigin): string | undefined {
  if (origin.kind === "site") return `site:${origin.path.replace(/^\/+/, "")}`;
  if (origin.kind === "local") return `local:${origin.key}`;
  return undefined;
}

/** Does a fork's lineage name a parent among this site's own notebooks? */
export function ownParent(parent: string, pageUrl: URL): boolean {
  if (/^[\w.-]+\.html$/.test(parent)) return !parent.startsWith(".."); // relative to notebooks/, as the dev server writes it
  if (!/^(https?:|notebooks\/)/i.test(parent)) return false; // "a share link", file:…, data:…
  try {
    return isOwn({ kind: "site", path: new URL(parent, pageUrl).href }, pageUrl) && new URL(parent, pageUrl).origin === pageUrl.origin;
  } catch {
    return false;
  }
}

/**
 * The one trust decision. A notebook runs without asking only when it is one of the user's own
 * (the site's notebooks/ folder, or a fork kept in this browser), its lineage — if it is a fork —
 * names an own parent, and it is not a fork this browser made of an untrusted notebook. Anything
 * else runs once the user trusted its exact content (hash).
 */
export function isTrusted(opened: { origin: NotebookOrigin; notebook: { lineage?: { parent: string } }; hash: string }, pageUrl: URL, memory: TrustMemory): boolean {
  if (memory.isTrusted(opened.hash)) return true;
  if (!isOwn(opened.origin, pageUrl)) return false;
  const ref = trustRef(opened.origin);
  if (ref && memory.isQuarantined(ref)) return false;
  const lineage = opened.notebook.lineage;
  return !lineage || ownParent(lineage.parent, pageUrl);
}

// A data: address carries the whole notebook: name its kind and size, not its text.
function describeUrl(url: string): string {
  const scheme = /^(data|blob):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === "data") return `a data: address (${url.length.toLocaleString("en")} characters)`;
  if (scheme === "blob") return `a blob: address (${url})`;
  return url.length > 160 ? `${url.slice(0, 157)}…` : url;
}
