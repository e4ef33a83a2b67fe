// Responsible for: writing a user's model and table files into `data/<folder>/` on behalf of the
// gallery's "Explore a model" form (POST /api/data/upload, behind the same guards as notebook
// saves). Only inside data/, reached by no symlink out of it; only plain names of the kinds a
// notebook reads; never over a file with other bytes (the same bytes again is a no-op); at most
// MAX_DATA_BYTES; and atomically (a temporary file linked into place, so no torn file is seen).
import { createHash } from "node:crypto";
import { mkdir, readFile, realpath } from "node:fs/promises";
import { isAbsolute, join, relative } from "node:path";
import { createFileExclusive } from "./atomic-write.ts";

export const DATA = "data";
export const DATA_UPLOAD = "/api/data/upload";
/** A model or table bigger than this is refused: keep such files under data/ yourself. */
export const MAX_DATA_BYTES = 100 * 1024 * 1024;

/** File kinds the explore form writes: models, their cards, and tables. */
const KINDS = /\.(onnx|card\.json|csv|tsv|json|parquet|arrow)$/i;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;
const FOLDER = /^[a-z0-9][a-z0-9-]{0,79}$/;

export class DataStoreError extends Error {
  override name = "DataStoreError";
  constructor(message: string, readonly status: 400 | 403 | 409 | 413) {
    super(message);
  }
}

export interface UploadRequest {
  /** `data/<folder>/`: lower-case letters, digits, dashes */
  folder: string;
  /** the file's own name: letters, digits, `.`, `_`, `-`, ending in a kind a notebook reads */
  name: string;
  /** the file's bytes, base64 */
  base64: string;
}

export interface StoredFile {
  /** relative to the site root: `data/<folder>/<name>` */
  path: string;
  bytes: number;
  sha256: string;
  /** the same bytes were already there: nothing was written */
  unchanged: boolean;
}

/** Why `folder`/`name` cannot be written, or undefined. */
export function refuseDataName(folder: unknown, name: unknown): string | undefined {
  if (typeof folder !== "string" || !FOLDER.test(folder)) return `the folder under data/ must be lower-case letters, digits and dashes (got ${JSON.stringify(folder)})`;
  if (typeof name !== "string" || !NAME.test(name) || name.includes("..")) {
    return `${JSON.stringify(name)} is not a usable file name: letters, digits, ".", "_" and "-" only, starting with a letter or digit; rename the file`;
  }
  if (!KINDS.test(name)) return `${name}: only models (.onnx, .card.json) and tables (.csv, .tsv, .json, .parquet, .arrow) are written under data/`;
  return undefined;
}

export class DataStore {
  constructor(readonly root: string, readonly folder = DATA) {}

  async write(request: UploadRequest): Promise<StoredFile> {
    const { folder, name, base64 } = request ?? ({} as UploadRequest);
    const refused = refuseDataName(folder, name);
    if (refused) throw new DataStoreError(refused, 400);
    if (typeof base64 !== "string") throw new DataStoreError("`base64` must hold the file's bytes in base64", 400);
    if (base64.length * 0.75 > MAX_DATA_BYTES + 3) throw tooLarge(name);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new DataStoreError("`base64` must hold the file's bytes in base64", 400);
    const bytes = Buffer.from(base64, "base64");
    if (bytes.length > MAX_DATA_BYTES) throw tooLarge(name);
    const path = `${this.folder}/${folder}/${name}`;
    const file = await this.resolve(folder, name);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const existing = await readFile(file).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? undefined : Promise.reject(e)));
    if (existing) return same(existing, bytes, path, sha256);
    try {
      await createFileExclusive(file, bytes);
    } catch (error) {
      // written meanwhile by someone else: the same rules as if it had been there
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return same(await readFile(file), bytes, path, sha256);
      throw error;
    }
    return { path, bytes: bytes.length, sha256, unchanged: false };
  }

  // data/<folder>/<name>, with data/ and data/<folder> real folders inside the project (no symlink out)
  private async resolve(folder: string, name: string): Promise<string> {
    const base = await realpath(join(this.root, this.folder)).catch(() => {
      throw new DataStoreError(`there is no ${this.folder}/ folder in the project`, 403);
    });
    const dir = join(base, folder);
    await mkdir(dir, { recursive: true });
    const real = await realpath(dir);
    const rel = relative(base, real);
    if (rel !== folder || isAbsolute(rel)) throw new DataStoreError(`${this.folder}/${folder} leads outside ${this.folder}/ (through a symlink): refused`, 403);
    return join(real, name);
  }
}

function same(existing: Buffer, bytes: Buffer, path: string, sha256: string): StoredFile {
  if (existing.equals(bytes)) return { path, bytes: bytes.length, sha256, unchanged: true };
  throw new DataStoreError(`${path} already exists with other content; it was kept: rename your file, or remove the old one`, 409);
}

function tooLarge(name: string): DataStoreError {
  return new DataStoreError(`${name} is larger than ${MAX_DATA_BYTES / 1024 / 1024} MB: put it under data/ yourself and use \`crossexam new\``, 413);
}
