// Where things go in a published site. Every notebook lands in `notebooks/NAME.html`, and the
// files it names (`FileAttachment("../data/x.csv")`) land where that relative name points from
// there, so the same text resolves in the site as on disk. Pure path arithmetic, no I/O.
import { posix } from "node:path";

export const SITE_NOTEBOOKS = "notebooks";

export class PublishError extends Error {
  override name = "PublishError";
}

/** The site path of a notebook file: `notebooks/<its file name>`. */
export function siteNotebookPath(file: string): string {
  const name = file.split(/[\\/]/).pop()!;
  if (!name.endsWith(".html")) throw new PublishError(`a notebook file ends in .html: ${file}`);
  return `${SITE_NOTEBOOKS}/${name}`;
}

/**
 * The site path of a file a notebook names, relative to the notebook's site path; `null` for
 * names that are not files of the site (absolute URLs, data: URLs).
 */
export function siteAssetPath(notebookSitePath: string, name: string, where: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(name) || name.startsWith("//")) return null;
  if (name.startsWith("/")) throw new PublishError(`${where}: FileAttachment("${name}") is an absolute path; name files relative to the notebook (e.g. "../data/x.csv")`);
  const joined = posix.normalize(posix.join(posix.dirname(notebookSitePath), name.split(/[?#]/)[0]));
  if (joined.startsWith("../") || joined === "..") {
    throw new PublishError(`${where}: FileAttachment("${name}") points outside the site (it would land at ${joined}); keep data within one folder above the notebook`);
  }
  return joined;
}
