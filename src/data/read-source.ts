// Turning any source the user hands us into bytes or text, plus a name to read the format from.
// Node-only modules are imported dynamically (nodeImport), and only on the file-path branch,
// so this module stays safe to bundle for the browser.
import { fileChunks, fileRanges, memoryChunks } from "./byte-chunks";
import type { ByteRanges, ChunkSource } from "./byte-chunks";
import { DataError } from "./errors";
import { nodeImport } from "./node-import";

/** What `loadTable` accepts: a URL, a file path (Node), raw bytes, a Blob/File, or text wrapped as `{text}`. */
export type Source = string | URL | Uint8Array | ArrayBuffer | Blob | { text: string; name?: string };

export interface SourceContent {
  /** file name, path or URL when the source has one */
  name?: string;
  bytes?: Uint8Array;
  text?: string;
  /** a local file, read when and as the parser needs it (whole, or in chunks) */
  file?: { path: string; size: number; fs: NodeFs };
}

type NodeFs = typeof import("node:fs");

/** True when running under Node (tests, CLI), false in a browser. */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === "string";
}

const URL_LIKE = /^(https?|file|data|blob):/i;

/** Whether a string is itself the data (several lines, or JSON) rather than a path or URL. */
export function looksLikeText(s: string): boolean {
  return /[\r\n]/.test(s) || /^\s*[[{]/.test(s);
}

export async function readSource(source: Source): Promise<SourceContent> {
  if (source instanceof Uint8Array) return { bytes: source };
  if (source instanceof ArrayBuffer) return { bytes: new Uint8Array(source) };
  if (typeof Blob !== "undefined" && source instanceof Blob) {
    const blob = source as Blob & { name?: unknown };
    const name = typeof blob.name === "string" ? blob.name : undefined;
    return { name, bytes: new Uint8Array(await blob.arrayBuffer()) };
  }
  if (source instanceof URL) return readUrl(source.href);
  if (typeof source === "object" && source !== null && typeof (source as { text?: unknown }).text === "string") {
    const wrapped = source as { text: string; name?: string };
    return { name: wrapped.name, text: wrapped.text };
  }
  if (typeof source !== "string") throw new DataError("cannot load this source: pass a URL, a file path, bytes, a Blob or {text}", { kind: "read" });
  if (looksLikeText(source)) return { text: source };
  if (URL_LIKE.test(source) || !isNode()) return readUrl(source);
  return readPath(source);
}

async function readUrl(url: string): Promise<SourceContent> {
  if (isNode() && /^file:/i.test(url)) {
    const { fileURLToPath } = await nodeImport<typeof import("node:url")>("node:url");
    return { ...(await readPath(fileURLToPath(url))), name: url };
  }
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new DataError(`could not fetch ${url}: ${(e as Error).message}`, { kind: "read" });
  }
  if (!response.ok) throw new DataError(`could not fetch ${url}: HTTP ${response.status} ${response.statusText}`.trim(), { kind: "read" });
  return { name: url, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function readPath(path: string): Promise<SourceContent> {
  const fs = await nodeImport<NodeFs>("node:fs");
  try {
    const stat = fs.statSync(path);
    if (stat.isDirectory()) throw Object.assign(new Error("a folder"), { code: "EISDIR" });
    fs.accessSync(path, fs.constants.R_OK);
    return { name: path, file: { path, size: stat.size, fs } };
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (e as Error).message;
    throw new DataError(`could not read \`${path}\`: ${why}`, { kind: "read" });
  }
}

/** The content as text (UTF-8; a leading byte-order mark is dropped). */
export function contentText(content: SourceContent): string {
  const text = content.text ?? new TextDecoder("utf-8").decode(contentBytes(content));
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The content as bytes (a file is read whole). */
export function contentBytes(content: SourceContent): Uint8Array {
  if (content.bytes) return content.bytes;
  if (content.file) {
    // a view of the Buffer fs returns, not a copy of it (a copy doubled a Parquet file's bytes in memory)
    const buf = content.file.fs.readFileSync(content.file.path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  return new TextEncoder().encode(content.text ?? "");
}

/** The content as chunks: a file is streamed, not read whole. */
export function contentChunks(content: SourceContent): ChunkSource {
  if (content.file) return fileChunks(content.file.fs, content.file.path);
  return memoryChunks(contentBytes(content));
}

/** A local file, to be read by position (the caller closes it); undefined for content already in memory. */
export function contentRanges(content: SourceContent): ByteRanges | undefined {
  return content.file ? fileRanges(content.file.fs, content.file.path) : undefined;
}

/** The size of the content in bytes. */
export function contentSize(content: SourceContent): number {
  return content.file?.size ?? content.bytes?.length ?? new TextEncoder().encode(content.text ?? "").length;
}

