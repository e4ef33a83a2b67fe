// `FileAttachment(name)`: files next to the notebook (data, models), resolved against the
// notebook's own location, read through a reader that suits the host (fetch in the browser,
// the file system in Node).
import { csvParse, tsvParse, autoType } from "d3";
import type { ReadBytes } from "../runtime/library";

export interface FileAttachmentHandle {
  readonly name: string;
  url(): Promise<string>;
  bytes(): Promise<Uint8Array>;
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
  json(): Promise<unknown>;
  csv(options?: { typed?: boolean }): Promise<object[]>;
  tsv(options?: { typed?: boolean }): Promise<object[]>;
  blob(): Promise<Blob>;
  /** another file, named relative to this one (a model's card beside it, say) */
  sibling(name: string): FileAttachmentHandle;
}

export function fileAttachments(base: URL, read: ReadBytes): (name: string) => FileAttachmentHandle {
  const attachment = (name: string, from = base): FileAttachmentHandle => {
    const url = new URL(name, from);
    const bytes = async () => {
      try {
        return await read(url);
      } catch (error) {
        throw new Error(`cannot read file \`${name}\` (${url.href}): ${(error as Error).message}`);
      }
    };
    const text = async () => new TextDecoder().decode(await bytes());
    return {
      name,
      url: async () => url.href,
      bytes,
      arrayBuffer: async () => { const b = await bytes(); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer; },
      text,
      json: async () => JSON.parse(await text()),
      csv: async ({ typed = false } = {}) => (typed ? csvParse(await text(), autoType) : csvParse(await text())),
      tsv: async ({ typed = false } = {}) => (typed ? tsvParse(await text(), autoType) : tsvParse(await text())),
      blob: async () => new Blob([await bytes() as BlobPart]),
      sibling: (other: string) => attachment(new URL(other, url).href, url),
    };
  };
  return (name: string) => attachment(name);
}

export function isFileAttachment(value: unknown): value is FileAttachmentHandle {
  return typeof value === "object" && value !== null && typeof (value as FileAttachmentHandle).bytes === "function"
    && typeof (value as FileAttachmentHandle).sibling === "function";
}

/** Reading over HTTP(S), for the browser. */
export const fetchBytes: ReadBytes = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
};
