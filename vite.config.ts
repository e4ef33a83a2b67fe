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
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/e2e/**"] } },
      // browser end-to-end tests: one dev server for all files, started by the global setup
      { extends: true, test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], globalSetup: ["test/e2e/global-setup.ts"], testTimeout: 120_000 } },
    ],
  },
});
