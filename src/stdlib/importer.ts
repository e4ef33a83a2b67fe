// Resolving `import … from "…"` in cells: the bundled libraries by name (no network, no CDN),
// local modules by URL against the notebook (or against the module that imports them).
import type { Importer } from "../runtime/compile";
import type { ReadBytes } from "../runtime/library";
import { moduleLoader } from "./module-loader";
import { loadPackage, packageName } from "./packages";

export function makeImporter(modules: Record<string, unknown>, base: URL, read: ReadBytes): Importer {
  const resolve = async (specifier: string, from: URL): Promise<unknown> => {
    if (Object.hasOwn(modules, specifier)) return modules[specifier];
    if (packageName(specifier) !== undefined) return loadPackage(specifier, modules);
    if (/^(\.{0,2}\/|[a-z]+:)/i.test(specifier)) {
      const url = new URL(specifier, from);
      if (url.protocol === "data:" || url.protocol === "blob:") return import(/* @vite-ignore */ url.href);
      if (url.protocol === "file:" || (typeof location !== "undefined" && url.origin === location.origin)) return load(url);
      throw new Error(`offline: cannot load ${specifier}; crossexam runs without a network (import installed packages by name, or local files)`);
    }
    return loadPackage(specifier, modules);
  };
  const load = moduleLoader(read, resolve);
  return (specifier: string) => resolve(specifier, base);
}

/** `require("d3@6")`, `require("topojson-client@3", …)`: installed packages only (several are merged). */
export function makeRequire(modules: Record<string, unknown>) {
  return async (...names: string[]): Promise<unknown> => {
    const loaded = (await Promise.all(names.map((n) => loadPackage(n, modules)))).map(moduleValue);
    return loaded.length === 1 ? loaded[0] : Object.assign({}, ...loaded);
  };
}

// `require` gives a CommonJS package's exports, not the namespace an ES import wraps them in
function moduleValue(module: unknown): unknown {
  const m = module as { default?: unknown };
  if (!m || typeof m !== "object" || m.default === undefined || typeof m.default !== "object" && typeof m.default !== "function") return module;
  return Object.keys(m).every((k) => k === "default" || k === "__esModule" || k in (m.default as object)) ? m.default : module;
}
