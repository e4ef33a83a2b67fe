// The page bundle of a published site, built by Vite from the project's own config with the
// editor left out: the read-only viewer (also the site's front page) and the compare page.
// onnxruntime-web gets a chunk of its own: its threaded workers load the chunk that holds it,
// and would crash on the app's DOM code if that were the main chunk (see FACTS.md).
import { copyFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { build, loadConfigFromFile, type InlineConfig } from "vite";

const ORT_CHUNK = { name: "ort", test: /onnxruntime-web/ };

export interface PageBundleOptions {
  root: string;
  outDir: string;
  /** print Vite's own log (default: errors only) */
  verbose?: boolean;
}

export async function buildPages({ root, outDir, verbose = false }: PageBundleOptions): Promise<void> {
  const loaded = await loadConfigFromFile({ command: "build", mode: "production" }, join(root, "vite.config.ts"), root, "silent");
  const project = (loaded?.config ?? {}) as InlineConfig & { test?: unknown };
  const { test: _test, ...base } = project;
  const config: InlineConfig = {
    ...base,
    configFile: false,
    root,
    base: "./", // relative URLs: the site works from any folder of any static host
    logLevel: verbose ? "info" : "error",
    plugins: [], // the dev server's notebook endpoints have no place in a static site
    // module workers (the explanation worker awaits at top level; the default iife cannot)
    worker: {
      format: "es",
      ...base.worker,
      rolldownOptions: { ...base.worker?.rolldownOptions, output: { codeSplitting: { groups: [ORT_CHUNK] } } },
    },
    build: {
      ...base.build,
      outDir: resolve(outDir),
      emptyOutDir: true,
      rolldownOptions: {
        ...base.build?.rolldownOptions,
        input: { view: join(root, "view.html"), compare: join(root, "compare.html") },
        output: { codeSplitting: { groups: [ORT_CHUNK] } },
      },
    },
  };
  await build(config);
  // the viewer without ?path= is the gallery: it is the site's front page too
  await copyFile(join(outDir, "view.html"), join(outDir, "index.html"));
}
