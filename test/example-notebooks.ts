// The example notebooks: the notebooks/*.html the repository holds. The browser tests write notebooks
// of their own into notebooks/ (the dev server's folder) and remove them when done, and they run beside
// the unit files (vite.config.ts): listing the folder could pick one of those up mid-test. In a git
// checkout the list is what git tracks (a new example counts once added); elsewhere, the folder.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";

/** File names (no folder) of the example notebooks, sorted. */
export function exampleNotebooks(): string[] {
  let tracked: string[] | undefined;
  try {
    tracked = execFileSync("git", ["ls-files", "--", "notebooks/*.html"], { encoding: "utf8" }).split("\n")
      .filter((line) => /^notebooks\/[^/]+\.html$/.test(line)).map((line) => line.slice("notebooks/".length));
  } catch { /* not a git checkout, or no git */ }
  return (tracked?.length ? tracked : readdirSync("notebooks").filter((f) => f.endsWith(".html"))).sort();
}
