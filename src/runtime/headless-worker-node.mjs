// Starts headless-worker.ts in a Node worker thread: registers tsx (TypeScript without a build
// step, as bin/crossexam.js does) before importing the entry.
import { register } from "tsx/esm/api";

register();
await import("./headless-worker.ts");
