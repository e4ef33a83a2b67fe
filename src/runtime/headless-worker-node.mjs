// Starts headless-worker.ts in a Node worker thread: registers tsx (TypeScript without a build
// step, as bin/crossexam.js does) before importing the entry.
//
// The packages every run loads (the DOM, the notebook format, the runtime and the standard library's
// static imports) are imported first, before tsx's loader hooks exist: on Node 20 every module loaded
// after `register()` goes through those hooks on another thread, a round trip per file that made
// happy-dom's ~470 files alone take 2.2 s instead of 0.7 s. Imported later from TypeScript, each
// resolves to the same file URL and is the module already loaded. A package no longer used here only
// costs its own load; one missing from the list only loses the head start.
import { register } from "tsx/esm/api";

await Promise.all([
  "happy-dom", "jsdom", "@observablehq/notebook-kit", "@observablehq/runtime", "acorn", "acorn-walk",
  "@observablehq/plot", "@observablehq/inputs", "apache-arrow", "arquero", "d3", "htl", "topojson-client",
  "markdown-it", "katex",
].map((name) => import(name)));

register();
await import("./headless-worker.ts");
