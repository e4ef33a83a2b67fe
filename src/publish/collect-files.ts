// Which files a notebook needs in a published site: every `FileAttachment("…")` its cells name
// (the transpiler reports them), plus the model card beside each `.onnx` file, plus the files its
// markdown and html cells name by relative URL (images, stylesheets, videos) that exist.
import { existsSync, statSync } from "node:fs";
import { dirname, join, posix, resolve } from "node:path";
import type { Notebook } from "../notebook/types";
import { compileCell, RUNNABLE_MODES } from "../runtime/compile";
import { sourceUrls } from "../stdlib/relative-urls";
import { PublishError, siteAssetPath } from "./site-paths";

export interface NeededFile {
  /** path inside the site, e.g. `data/models/synthetic/y-gbm.onnx` */
  site: string;
  /** the file on disk to copy */
  source: string;
  /** the notebook and cell that named it, for messages */
  from: string;
}

const noImports = async () => {
  throw new Error("imports are not resolved while publishing");
};

/** Names passed to FileAttachment in the notebook's cells, each with the id of the cell naming it. */
export function attachmentNames(notebook: Notebook, label: string): { name: string; cell: number }[] {
  const names: { name: string; cell: number }[] = [];
  for (const cell of notebook.cells) {
    if (!RUNNABLE_MODES.has(cell.mode)) continue;
    let files: string[];
    try {
      files = compileCell(cell, noImports).files;
    } catch (error) {
      throw new PublishError(`${label}, cell #${cell.id}: ${(error as Error).message}`);
    }
    for (const name of files) names.push({ name, cell: cell.id });
  }
  return names;
}

/**
 * The files to copy for one notebook. A name is looked up beside the notebook file first; a
 * notebook kept elsewhere (a test fixture) is read as if it sat in `<root>/notebooks/`.
 */
export function neededFiles(notebook: Notebook, file: string, siteNotebook: string, root: string): NeededFile[] {
  const out: NeededFile[] = [];
  for (const { name, cell } of attachmentNames(notebook, file)) {
    const from = `${file}, cell #${cell}`;
    const site = siteAssetPath(siteNotebook, name, from);
    if (site === null) continue;
    const besides = resolve(dirname(file), name.split(/[?#]/)[0]);
    const mirrored = join(root, site);
    const source = existsSync(besides) ? besides : existsSync(mirrored) ? mirrored : null;
    if (!source) throw new PublishError(`${from}: FileAttachment("${name}") names a file that does not exist (looked at ${besides} and ${mirrored})`);
    out.push({ site, source, from });
    if (site.endsWith(".onnx")) {
      const card = source.replace(/\.onnx$/, ".card.json");
      if (existsSync(card)) out.push({ site: site.replace(/\.onnx$/, ".card.json"), source: card, from });
    }
  }
  out.push(...linkedFiles(notebook, file, siteNotebook));
  return out;
}

/**
 * Files that markdown and html cells name by relative URL (`<img src="./videos/x.webp">`,
 * `![](chart.png)`), beside the notebook. A name that is not a file there (a link to a page, say)
 * is left alone: the rendered cell still points at it, as it would in Notebook Kit.
 */
export function linkedFiles(notebook: Notebook, file: string, siteNotebook: string): NeededFile[] {
  const out: NeededFile[] = [];
  for (const cell of notebook.cells) {
    if (cell.mode !== "md" && cell.mode !== "html") continue;
    for (const url of sourceUrls(cell.value)) {
      const from = `${file}, cell #${cell.id}`;
      const source = resolve(dirname(file), decodeURI(url));
      if (!existsSync(source) || !statSync(source).isFile()) continue;
      const site = posix.normalize(posix.join(posix.dirname(siteNotebook), decodeURI(url)));
      if (site.startsWith("../")) continue;
      out.push({ site, source, from });
    }
  }
  return out;
}
