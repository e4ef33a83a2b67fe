// `crossexam build`: a static, read-only site of notebooks. Pages are built by Vite; notebooks
// are copied as they are; every file they name (data, models and their cards) is copied so
// that relative names resolve; `notebooks/index.json` lists them for the gallery, and
// `notebooks/files.json` lists every file of the site (stdlib/file-listing.ts).
import { copyFile, mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseNotebook } from "../notebook/format";
import { nodeDom } from "../notebook/node-dom";
import { neededFiles, type NeededFile } from "./collect-files";
import { siteEntry, type NotebookEntry } from "./site-index";
import { PublishError, SITE_NOTEBOOKS, siteNotebookPath } from "./site-paths";
import { buildPages } from "./vite-site";
import { FILE_LISTING, type FileListing } from "../stdlib/file-listing";

export interface BuildOptions {
  /** the project folder (holds vite.config.ts, view.html, data/) */
  root: string;
  /** notebook files to publish; default: every notebooks/*.html of the root */
  notebooks?: string[];
  outDir: string;
  verbose?: boolean;
}

export interface BuildReport {
  outDir: string;
  notebooks: NotebookEntry[];
  /** site paths of the copied data and model files */
  files: string[];
  bytes: number;
  ms: number;
}

export async function buildSite({ root, notebooks, outDir, verbose }: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  root = resolve(root);
  outDir = resolve(root, outDir);
  const files = (notebooks?.length ? notebooks : await defaultNotebooks(root)).map((f) => resolve(root, f));
  if (!files.length) throw new PublishError(`no notebooks to publish: ${join(root, SITE_NOTEBOOKS)} holds no .html files`);

  // read and check everything before writing anything
  const entries: NotebookEntry[] = [];
  const copies = new Map<string, NeededFile>();
  const texts = new Map<string, string>();
  for (const file of files) {
    const text = await readFile(file, "utf8").catch((e: Error) => { throw new PublishError(`cannot read notebook ${file}: ${e.message}`); });
    let notebook;
    try {
      notebook = parseNotebook(text, nodeDom());
    } catch (error) {
      throw new PublishError(`${file}: ${(error as Error).message}`);
    }
    const site = siteNotebookPath(file);
    if (texts.has(site)) throw new PublishError(`two notebooks would both be published as ${site}: rename one (${file})`);
    texts.set(site, text);
    entries.push(siteEntry(notebook, site));
    for (const needed of neededFiles(notebook, file, site, root)) {
      const earlier = copies.get(needed.site);
      if (earlier && earlier.source !== needed.source) {
        throw new PublishError(`${needed.from} and ${earlier.from} name different files for the same site path ${needed.site}`);
      }
      copies.set(needed.site, needed);
    }
  }

  await buildPages({ root, outDir, verbose });
  for (const [site, text] of texts) await writeInto(outDir, site, text);
  await writeInto(outDir, `${SITE_NOTEBOOKS}/index.json`, JSON.stringify(entries, null, 1));
  for (const { site, source } of copies.values()) {
    await mkdir(dirname(join(outDir, site)), { recursive: true });
    await copyFile(source, join(outDir, site));
  }
  // which files the site holds: a notebook asks it before reading an optional file (a model's card)
  await writeInto(outDir, FILE_LISTING, JSON.stringify(siteListing([...texts.keys()], [...copies.keys()])));
  return { outDir, notebooks: entries, files: [...copies.keys()].sort(), bytes: await folderBytes(outDir), ms: Math.round(performance.now() - started) };
}

/** The listing a built site carries: its notebooks, their files, the gallery's index and the listing itself. */
export function siteListing(notebooks: readonly string[], files: readonly string[]): FileListing {
  return { files: [...new Set([...notebooks, ...files, `${SITE_NOTEBOOKS}/index.json`, FILE_LISTING])].sort() };
}

async function defaultNotebooks(root: string): Promise<string[]> {
  const folder = join(root, SITE_NOTEBOOKS);
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith(".html")).sort().map((n) => join(folder, n));
}

async function writeInto(outDir: string, site: string, text: string): Promise<void> {
  await mkdir(dirname(join(outDir, site)), { recursive: true });
  await writeFile(join(outDir, site), text);
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
