// Which files a notebook can read, known from a listing rather than from a failed request: an
// optional file (a model's card) is asked "do you exist?" before it is read, so a missing one
// costs no 404. A site (the dev server, a published build) keeps notebooks in `notebooks/` and
// answers `notebooks/files.json`: `{"files": [site paths]}` — the dev server lists its folders
// live, `crossexam build` writes the file. Pure: the reading is the host's (fetch, fs).
import type { FileExists } from "../runtime/library";

/** The listing's site path; a notebook at `notebooks/NAME.html` finds it at `files.json` beside it. */
export const FILE_LISTING = "notebooks/files.json";
/** The folders a site's listing covers (what notebooks name: their data and each other). */
export const LISTED_FOLDERS = ["data", "notebooks"] as const;

export interface FileListing {
  /** site paths (`data/models/credit/gbm.onnx`), relative to the site root */
  files: string[];
  /** the folders the listing covers fully (the dev server's); absent: the whole site (a build's) */
  folders?: string[];
}


/** A listing's JSON, checked: a list of relative site paths. */
export function parseListing(value: unknown): FileListing {
  const files = (value as FileListing | null)?.files;
  if (!Array.isArray(files) || !files.every((f) => typeof f === "string")) {
    throw new Error(`a file listing is {"files": [site paths]}; got ${JSON.stringify(value)?.slice(0, 80)}`);
  }
  const folders = (value as FileListing).folders;
  if (folders !== undefined && !(Array.isArray(folders) && folders.every((f) => typeof f === "string"))) {
    throw new Error(`a file listing's "folders" is a list of folder names; got ${JSON.stringify(folders)?.slice(0, 80)}`);
  }
  return folders ? { files, folders } : { files };
}

/** Whether the listing can tell about `path`: a whole-site listing always; a partial one within its folders. */
export function covers(listing: FileListing, path: string): boolean {
  return !listing.folders || listing.folders.some((f) => path.startsWith(`${f}/`));
}

/** The site root of a notebook served from a site's `notebooks/` folder; undefined for a notebook elsewhere. */
export function siteRootOf(notebook: URL): URL | undefined {
  if (notebook.protocol !== "http:" && notebook.protocol !== "https:") return undefined;
  if (!/\/notebooks\/[^/]+$/.test(notebook.pathname)) return undefined;
  return new URL("../", notebook);
}

/** The site path of `url` under `root` (decoded), or undefined when it lies elsewhere. */
export function sitePathOf(url: URL, root: URL): string | undefined {
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return undefined;
  try {
    return decodeURIComponent(url.pathname.slice(root.pathname.length));
  } catch {
    return undefined;
  }
}

/**
 * Existence from the site's listing, fetched once (by `readJson`) the first time it is asked. A
 * notebook outside a site's `notebooks/`, a file of another site or outside the folders the listing
 * covers, or a listing that cannot be read answer undefined: the caller then reads the file to know.
 */
export function listingExists(notebook: URL, readJson: (url: URL) => Promise<unknown>): FileExists {
  const root = siteRootOf(notebook);
  let listing: Promise<{ listing: FileListing; files: Set<string> } | undefined> | undefined;
  return async (url) => {
    if (!root) return undefined;
    const path = sitePathOf(url, root);
    if (path === undefined) return undefined;
    listing ??= readJson(new URL(FILE_LISTING, root)).then((v) => {
      const parsed = parseListing(v);
      return { listing: parsed, files: new Set(parsed.files) };
    }, () => undefined);
    const known = await listing;
    return known && covers(known.listing, path) ? known.files.has(path) : undefined;
  };
}
