// Notebook Kit's own documentation notebooks (test/fixtures/notebook-kit/docs.tar.xz, taken by
// fetch.sh beside it), unpacked once under test/.artifacts/ so that Node and the dev server read
// them as ordinary files, symlinks and all.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export const ARCHIVE = "test/fixtures/notebook-kit/docs.tar.xz";
export const ROOT = "test/.artifacts/notebook-kit";

/** Unpack the archive (again, if it changed) and return the notebooks' paths under ROOT/docs, sorted. */
export function corpus(): string[] {
  const stamp = join(ROOT, "docs", ".unpacked");
  if (!existsSync(stamp) || statSync(stamp).mtimeMs < statSync(ARCHIVE).mtimeMs) {
    execFileSync("mkdir", ["-p", ROOT]);
    execFileSync("tar", ["-xJf", ARCHIVE, "-C", ROOT]);
    execFileSync("touch", [stamp]);
  }
  return notebooksUnder(join(ROOT, "docs")).sort();
}

function notebooksUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".html") && !f.split("/").includes("data"))
    .map((f) => join(dir, f));
}

/** A notebook's name in lists of known failures: its path under docs/, e.g. `ex/d3/sankey.html`. */
export function nameOf(path: string): string {
  return relative(join(ROOT, "docs"), path);
}
