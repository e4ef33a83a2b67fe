// What Vite's static serving may hand out: nothing that lies, through a symlink, outside the
// project folder — however the path is spelled (%2e for ".", %2f for "/", double encoding,
// backslashes). Vite decodes a path once and follows symlinks; this check resolves every
// spelling the path could decode to and refuses the request when any of them is a file whose
// real location is outside the project.
import { realpath } from "node:fs/promises";
import { isAbsolute, join, relative } from "node:path";

/** Every path a request path may stand for: decoded 0–3 times, backslashes read as slashes. */
export function pathSpellings(pathname: string): string[] {
  const spellings = new Set<string>();
  let current = pathname;
  for (let i = 0; i < 4; i++) {
    spellings.add(current);
    spellings.add(current.replace(/\\/g, "/"));
    let next: string;
    try { next = decodeURIComponent(current); } catch { break; }
    if (next === current) break;
    current = next;
  }
  return [...spellings];
}

/**
 * Why serving `pathname` from `root` is refused, or undefined when it may be served.
 * `/@fs/ABSOLUTE` (Vite's route for files by absolute path) is checked as that absolute path.
 */
export async function refuseOutside(root: string, pathname: string): Promise<string | undefined> {
  const base = await realpath(root);
  for (const spelling of pathSpellings(pathname)) {
    if (spelling.includes("\0")) return "a path cannot contain NUL";
    const clean = spelling.split("?")[0];
    const byAbsolute = clean.startsWith("/@fs/");
    const file = byAbsolute ? clean.slice("/@fs".length) : join(base, clean);
    // files named by absolute path outside the project are Vite's own `server.fs.allow` business
    if (byAbsolute && outside(base, file) && outside(root, file)) continue;
    const real = await realpath(file).catch(() => undefined);
    if (real === undefined) continue; // no such file under that spelling: nothing to leak
    if (outside(base, real)) return `${pathname} leads outside the project folder (through a symlink or ..)`;
  }
  return undefined;
}

function outside(base: string, file: string): boolean {
  const rel = relative(base, file);
  return rel.startsWith("..") || isAbsolute(rel);
}
