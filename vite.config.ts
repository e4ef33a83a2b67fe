import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { defineConfig } from "vitest/config";
import { crossexamServer } from "./src/server/vite-plugin.ts";

// (relative imports in the config's import chain carry .ts: Vite's native config loader wants them)
// onnxruntime-web needs cross-origin isolation for threads (SharedArrayBuffer).
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};
const root = import.meta.dirname;

export default defineConfig({
  appType: "mpa",
  plugins: [crossexamServer(root)],
  resolve: {
    // Notebook Kit imports the TypeScript compiler for ts cells; the browser does without it.
    // (Node, where vitest runs, keeps the real compiler.)
    alias: {
      ...(process.env.VITEST ? {} : { typescript: resolve(root, "src/ui/typescript-stub.ts") }),
      // the inspector's stylesheet is not in its package exports
      "@observablehq/inspector/dist/inspector.css": resolve(root, "node_modules/@observablehq/inspector/dist/inspector.css"),
    },
  },
  // The shell is served on 127.0.0.1, the notebook frame on localhost (another origin and site:
  // see docs/SECURITY.md). No CORS: neither origin may read the other's answers.
  server: { host: "127.0.0.1", headers: isolation, cors: false },
  preview: { host: "127.0.0.1", headers: isolation },
  optimizeDeps: {
    exclude: ["onnxruntime-web"],
    entries: ["index.html", "notebook.html", "frame.html"],
  },
  build: {
    rolldownOptions: { input: { index: resolve(root, "index.html"), notebook: resolve(root, "notebook.html"), frame: resolve(root, "frame.html") } },
  },
  test: {
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two workers even on 2 cores (vitest's default there is one): the browser files in one, the unit
    // files in the other; much of either's time is spent waiting on Chromium, the dev server or a
    // notebook's worker thread. See docs/DECISIONS.md, "Suite time on 2 cores".
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/e2e/**"] } },
      // browser end-to-end tests: one dev server for all files, started by the global setup; the whole
      // run takes them as one file (all.e2e.ts: one after another, in one worker), a run naming files one by one
      { extends: true, test: { name: "e2e", include: e2eFilesNamed() ? ["test/e2e/**/*.test.ts"] : ["test/e2e/all.e2e.ts"], globalSetup: ["test/e2e/global-setup.ts"], testTimeout: 120_000,
        // expect.poll waits for the page up to 30 s (vitest's default, 1 s, is shorter than a loaded machine may take)
        expect: { poll: { timeout: 30_000 } } } },
    ],
  },
});

/** Whether the command line names test files or folders (`vitest run test/e2e/z.test.ts`), not the whole suite. */
function e2eFilesNamed(): boolean {
  return process.argv.slice(2).some((arg) => !arg.startsWith("-") && /(^|\/)test(\/|$)|\.test\.ts$/.test(arg));
}
