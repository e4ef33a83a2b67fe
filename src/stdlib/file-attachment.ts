// `FileAttachment(name)`: files next to the notebook (data, models, images), resolved against the
// notebook's own location and read through a reader that suits the host (fetch in the browser,
// the file system in Node), with every method Notebook Kit documents.
import { autoType, dsvFormat } from "d3";
import type { FileExists, ReadBytes } from "../runtime/library";

export interface DsvOptions {
  /** convert numbers, dates and booleans (d3.autoType) */
  typed?: boolean;
  /** rows as arrays of fields (no header row), rather than objects keyed by the header */
  array?: boolean;
}

export interface FileAttachmentHandle {
  readonly name: string;
  readonly mimeType: string;
  /** the absolute URL the file is read from */
  readonly href: string;
  url(): Promise<string>;
  bytes(): Promise<Uint8Array>;
  arrayBuffer(): Promise<ArrayBuffer>;
  blob(): Promise<Blob>;
  stream(): Promise<ReadableStream<Uint8Array>>;
  text(encoding?: string): Promise<string>;
  json(): Promise<unknown>;
  dsv(options?: DsvOptions & { delimiter?: string }): Promise<unknown[]>;
  csv(options?: DsvOptions): Promise<unknown[]>;
  tsv(options?: DsvOptions): Promise<unknown[]>;
  image(props?: Partial<HTMLImageElement>): Promise<HTMLImageElement>;
  arrow(): Promise<unknown>;
  parquet(): Promise<unknown>;
  arquero(options?: Record<string, unknown>): Promise<unknown>;
  xml(mimeType?: DOMParserSupportedType): Promise<Document>;
  html(): Promise<Document>;
  /** another file, named relative to this one (a model's card beside it, say) */
  sibling(name: string): FileAttachmentHandle;
  /**
   * Whether the file exists, from the host's file listing (no request for the file itself, so an
   * optional file that is absent logs no 404); undefined when no listing covers it: read it to know.
   */
  exists(): Promise<boolean | undefined>;
}

const MIME: Record<string, string> = {
  csv: "text/csv", tsv: "text/tab-separated-values", json: "application/json", html: "text/html", xml: "application/xml",
  png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", svg: "image/svg+xml", webp: "image/webp",
  js: "text/javascript", txt: "text/plain", arrow: "application/vnd.apache.arrow.file", parquet: "application/vnd.apache.parquet",
};

function mimeOf(name: string): string {
  return MIME[/\.([^./]+)$/.exec(name)?.[1]?.toLowerCase() ?? ""] ?? "application/octet-stream";
}

function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

export function fileAttachments(base: URL, read: ReadBytes, exists?: FileExists): (name: string) => FileAttachmentHandle {
  const attachment = (name: string, from = base): FileAttachmentHandle => {
    const url = new URL(name, from);
    const bytes = async () => {
      try {
        return await read(url);
      } catch (error) {
        throw new Error(`cannot read file \`${name}\` (${url.href}): ${(error as Error).message}`);
      }
    };
    const text = async (encoding?: string) => new TextDecoder(encoding).decode(await bytes());
    const dsv = async ({ delimiter = ",", array = false, typed = false }: DsvOptions & { delimiter?: string } = {}) => {
      const format = dsvFormat(delimiter);
      const source = await text();
      const row = typed ? autoType : undefined;
      return array ? format.parseRows(source, row as never) : format.parse(source, row as never);
    };
    const arrow = async () => (await import("apache-arrow")).tableFromIPC(await bytes());
    const parquet = async () => {
      const { parquetWasm } = await import("../data/parquet-wasm");
      const wasm = await parquetWasm();
      return (await import("apache-arrow")).tableFromIPC(wasm.readParquet(await bytes()).intoIPCStream());
    };
    const handle: FileAttachmentHandle = {
      name: name.split("/").pop()!,
      mimeType: mimeOf(name),
      href: url.href,
      url: async () => url.href,
      bytes,
      arrayBuffer: async () => toArrayBuffer(await bytes()),
      blob: async () => new Blob([await bytes() as BlobPart], { type: mimeOf(name) }),
      stream: async () => new Blob([await bytes() as BlobPart]).stream(),
      text,
      json: async () => JSON.parse(await text()),
      dsv,
      csv: (options) => dsv({ ...options, delimiter: "," }),
      tsv: (options) => dsv({ ...options, delimiter: "\t" }),
      image: (props) => image(url, name, bytes, props),
      arrow,
      parquet,
      arquero: async (options) => {
        const aq = await import("arquero");
        const mime = mimeOf(name);
        if (mime === "application/json") return aq.fromJSON(await text(), options);
        if (mime === "text/csv") return aq.fromCSV(await text(), options);
        if (mime === "text/tab-separated-values") return aq.fromCSV(await text(), { delimiter: "\t", ...options });
        if (/\.arrow$/i.test(name)) return aq.fromArrow(await arrow() as never, options);
        if (/\.parquet$/i.test(name)) return aq.fromArrow(await parquet() as never, options);
        throw new Error(`cannot load \`${name}\` as an arquero table: name a .csv, .tsv, .json, .arrow or .parquet file`);
      },
      xml: async (mimeType = "application/xml") => new DOMParser().parseFromString(await text(), mimeType),
      html: async () => new DOMParser().parseFromString(await text(), "text/html"),
      sibling: (other: string) => attachment(new URL(other, url).href, url),
      exists: async () => (exists ? exists(url) : undefined),
    };
    return handle;
  };
  return (name: string) => attachment(String(name));
}

// In a browser the image loads from its URL; in Node (no image decoding) it is built from the
// bytes as a data: URL, so that it is a real <img> with the file's content.
async function image(url: URL, name: string, bytes: () => Promise<Uint8Array>, props?: Partial<HTMLImageElement>) {
  const img = new Image();
  Object.assign(img, props);
  if (url.protocol === "file:") {
    const b = await bytes();
    img.src = `data:${mimeOf(name)};base64,${Buffer.from(b).toString("base64")}`;
    return img;
  }
  return new Promise<HTMLImageElement>((resolve, reject) => {
    if (new URL(url, document.baseURI).origin !== location.origin) img.crossOrigin = "anonymous";
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(`cannot load image \`${name}\` (${url.href})`));
    img.src = url.href;
  });
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
