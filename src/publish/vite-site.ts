// The page bundle of a published site, built by Vite from the project's own config with the
// editor left out: the read-only viewer (also the site's front page), the compare page, and the
// notebook frame both run their notebooks in (one origin on a static host: see docs/SECURITY.md).
// onnxruntime-web gets a chunk of its own: its threaded workers load the chunk that holds it,
// and would crash on the app's DOM code if that were the main chunk (see FACTS.md).
// The bundle is always a production one, whatever NODE_ENV the caller runs under: Vite decides
// `import.meta.env.DEV` from NODE_ENV, and under vitest (NODE_ENV=test) the site came out as a
// development build: Fork posted to the dev server's endpoint (404 on a static host, no download)
// and the shared helpers landed in the page chunk, which onnxruntime's threads then loaded.
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
  const callerEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await bundle({ root, outDir, verbose });
  } finally {
    if (callerEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = callerEnv;
  }
  // the viewer without ?path= is the gallery: it is the site's front page too
  await copyFile(join(outDir, "view.html"), join(outDir, "index.html"));
}

async function bundle({ root, outDir, verbose }: Required<PageBundleOptions>): Promise<void> {
  const loaded = await loadConfigFromFile({ command: "build", mode: "production" }, join(root, "vite.config.ts"), root, "silent");
  const project = (loaded?.config ?? {}) as InlineConfig & { test?: unknown };
  const { test: _test, ...base } = project;
  const config: InlineConfig = {
    ...base,
    configFile: false,
    root,
    mode: "production",
    base: "./", // relative URLs: the site works from any folder of any static host
    logLevel: verbose ? "info" : "error",
    plugins: [], // the dev server's notebook endpoints have no place in a static site
    resolve: {
      ...base.resolve,
      // the project config leaves the compiler in under vitest; a site never carries it (9 MB)
      alias: { ...(base.resolve?.alias as Record<string, string> | undefined), typescript: join(root, "src/ui/typescript-stub.ts") },
    },
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
        input: { view: join(root, "view.html"), compare: join(root, "compare.html"), frame: join(root, "frame.html") },
        output: { codeSplitting: { groups: [ORT_CHUNK] } },
      },
    },
  };
  await build(config);
}
