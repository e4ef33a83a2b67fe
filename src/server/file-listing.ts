// The site's file listing, read from disk: every file under the listed folders (data/, notebooks/),
// as site paths. The dev server answers `notebooks/files.json` with it (vite-plugin.ts), so that
// notebook code knows an optional file (a model's card) is absent without requesting it. Hidden
// names (a save's side files, .git) are left out, and so is anything a symlink leads to outside
// the project: the listing names only what the server would hand out (static-guard.ts).
import { readdir, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative } from "node:path";
import { LISTED_FOLDERS, type FileListing } from "../stdlib/file-listing.ts";

/** Most files listed: a project with more is cut there (and the rest read as before, by trying). */
export const MAX_LISTED_FILES = 20_000;

export async function fileListing(root: string, folders: readonly string[] = LISTED_FOLDERS): Promise<FileListing> {
  const base = await realpath(root);
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(join(base, dir), { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (files.length >= MAX_LISTED_FILES) return;
      if (entry.name.startsWith(".")) continue;
      const path = `${dir}/${entry.name}`;
      let isDir = entry.isDirectory(), isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const real = await realpath(join(base, path)).catch(() => undefined);
        if (!real || outside(base, real)) continue;
        const s = await stat(real);
        isDir = s.isDirectory();
        isFile = s.isFile();
      }
      if (isDir) await walk(path);
      else if (isFile) files.push(path);
    }
  };
  for (const folder of folders) await walk(folder);
  // (a file elsewhere in the project, say under test/, is not known absent: it is read to know)
  return { files, folders: [...folders] };
}

function outside(base: string, path: string): boolean {
  const r = relative(base, path);
  return r === ".." || r.startsWith(`..${"/"}`) || isAbsolute(r);
}
