// Where the standard library's factory is imported from, without importing it: `crossexam run` and
// `check` hand this to the headless runner, whose worker thread loads the library (seconds of
// Plot, d3, arquero, Arrow, happy-dom…); the command's own process never needs it.
import type { LibrarySource } from "../runtime/library";

// (the folder of this module's URL, not `new URL("./index.ts", import.meta.url)`: Vite would take that for an asset to bundle)
const folder = import.meta.url.slice(0, import.meta.url.lastIndexOf("/") + 1);

export const STANDARD_LIBRARY_SOURCE: LibrarySource = { module: `${folder}index.ts`, name: "standardLibrary" };
