// Share links: a notebook, or a fork's changes to its parent, carried in the URL fragment
// (never sent to a server), compressed with deflate-raw and written in base64url.
import type { Cell, Notebook } from "../../notebook/types";

/** Fragments above this size are refused: many hosts and chat tools cut longer URLs. */
export const MAX_SHARE_CHARS = 32 * 1024;

export class ShareTooLargeError extends Error {
  override name = "ShareTooLargeError";
  constructor(readonly chars: number) {
    super(`this notebook is too large for a link (${(chars / 1024).toFixed(1)} KB encoded, the limit is ${MAX_SHARE_CHARS / 1024} KB): download the file and share that instead`);
  }
}

/** A fork's changes relative to its parent, enough to rebuild the fork from the parent. */
export interface ForkChanges {
  parent: string;
  parentHash: string;
  title: string;
  /** the fork's cell ids in order */
  order: number[];
  /** cells added or changed in the fork */
  cells: Cell[];
}

export type SharePayload = { kind: "notebook"; text: string } | { kind: "changes"; changes: ForkChanges };

const PREFIX = { notebook: "nb=", changes: "fork=" } as const;

/** The fragment (without `#`) for a payload; throws ShareTooLargeError past MAX_SHARE_CHARS. */
export async function encodeShare(payload: SharePayload): Promise<string> {
  const text = payload.kind === "notebook" ? payload.text : JSON.stringify(payload.changes);
  const fragment = PREFIX[payload.kind] + toBase64Url(await deflate(new TextEncoder().encode(text)));
  if (fragment.length > MAX_SHARE_CHARS) throw new ShareTooLargeError(fragment.length);
  return fragment;
}

/** The payload of a fragment (with or without `#`), or null when it carries none. */
export async function decodeShare(fragment: string): Promise<SharePayload | null> {
  const body = fragment.replace(/^#/, "");
  const kind = body.startsWith(PREFIX.notebook) ? "notebook" : body.startsWith(PREFIX.changes) ? "changes" : null;
  if (!kind) return null;
  let text: string;
  try {
    text = new TextDecoder().decode(await inflate(fromBase64Url(body.slice(PREFIX[kind].length))));
  } catch {
    throw new Error("this share link is damaged (it does not decompress): was it cut short when copied?");
  }
  if (kind === "notebook") return { kind, text };
  return { kind, changes: JSON.parse(text) as ForkChanges };
}

/** What a fork changed: its added and changed cells, and its order of ids. */
export function changesOf(fork: Notebook, parent: Notebook): ForkChanges {
  if (!fork.lineage) throw new Error("this notebook is not a fork: share the whole notebook instead");
  const before = new Map(parent.cells.map((c) => [c.id, JSON.stringify(c)]));
  return {
    parent: fork.lineage.parent,
    parentHash: fork.lineage.parentHash,
    title: fork.title,
    order: fork.cells.map((c) => c.id),
    cells: fork.cells.filter((c) => before.get(c.id) !== JSON.stringify(c)),
  };
}

/** The fork rebuilt from its parent and its changes. */
export function applyChanges(parent: Notebook, changes: ForkChanges, forkedAt: string): Notebook {
  const cells = new Map(parent.cells.map((c) => [c.id, c]));
  for (const c of changes.cells) cells.set(c.id, c);
  const missing = changes.order.filter((id) => !cells.has(id));
  if (missing.length) throw new Error(`the parent no longer has cells ${missing.map((id) => `#${id}`).join(", ")} that this fork keeps`);
  return {
    ...structuredClone(parent),
    title: changes.title,
    readOnly: false,
    cells: changes.order.map((id) => structuredClone(cells.get(id)!)),
    lineage: { parent: changes.parent, parentHash: changes.parentHash, forkedAt },
  };
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new CompressionStream("deflate-raw"));
}

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new DecompressionStream("deflate-raw"));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
