// Resolving `import … from "…"` in cells: the bundled libraries by name (no network, no CDN),
// anything relative or absolute by URL against the notebook.
import type { Importer } from "../runtime/compile";

export function makeImporter(modules: Record<string, unknown>, base?: URL): Importer {
  return async (specifier: string) => {
    if (Object.hasOwn(modules, specifier)) return modules[specifier];
    if (/^(\.{0,2}\/|https?:|blob:|data:|file:)/.test(specifier)) {
      const url = base ? new URL(specifier, base).href : specifier;
      return import(/* @vite-ignore */ url);
    }
    throw new Error(`cannot import "${specifier}": crossexam runs offline; cells can import ${Object.keys(modules).map((m) => `"${m}"`).join(", ")}, or a file by relative URL`);
  };
}
