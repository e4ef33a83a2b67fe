// Which files the server may read and write as notebooks: only `.html` files inside the
// notebooks folder, reached without `..`, absolute paths, or symlinks that lead out of it.
import { realpath } from "node:fs/promises";
import { isAbsolute, join, normalize, relative, sep } from "node:path";

export class NotebookPathError extends Error {
  override name = "NotebookPathError";
}

/** Resolve a path like `notebooks/x.html` (as the page sends it) to a file inside `folder`. */
export async function resolveNotebookPath(root: string, folder: string, requested: string): Promise<string> {
  let path: string;
  try {
    path = decodeURIComponent(requested).replace(/^\/+/, "");
  } catch {
    throw new NotebookPathError(`not a valid path: ${requested}`);
  }
  if (path.includes("\0")) throw new NotebookPathError("a path cannot contain NUL");
  if (isAbsolute(requested) && !requested.startsWith(`/${folder}/`)) throw new NotebookPathError(`absolute paths are refused: ${requested}`);
  if (path.split(/[\\/]/).includes("..")) throw new NotebookPathError(`paths with ".." are refused: ${requested}`);
  if (!path.startsWith(`${folder}/`)) throw new NotebookPathError(`notebooks live under ${folder}/: ${requested}`);
  if (!path.endsWith(".html")) throw new NotebookPathError(`a notebook file ends in .html: ${requested}`);
  const base = await realpath(join(root, folder));
  const file = normalize(join(root, path));
  if (relative(base, file).startsWith("..") || relative(base, file).includes(`..${sep}`)) throw new NotebookPathError(`outside ${folder}/: ${requested}`);
  // a symlink (the file itself or a folder on the way) must not lead out of the folder
  const real = await realpath(file).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? realpath(join(file, "..")).then((d) => join(d, file.split(sep).pop()!)) : Promise.reject(e)));
  const rel = relative(base, real);
  if (rel.startsWith("..") || isAbsolute(rel)) throw new NotebookPathError(`the path leads outside ${folder}/ (through a symlink): ${requested}`);
  return real;
}
