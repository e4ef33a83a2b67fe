// What the runtime needs from a standard library, and nothing more: the names every cell may read
// without defining them, and a resolver for `import … from "…"`. The library itself lives one floor
// up (src/stdlib/); hosts (the browser page, the headless runner) build it and hand it down here.
import type { Importer } from "./compile";

/** How a host reads a file named by URL: fetch in the browser, the file system in Node. */
export type ReadBytes = (url: URL) => Promise<Uint8Array>;

/** Whether a file exists, from a listing (never a failed read); undefined when the host cannot tell. */
export type FileExists = (url: URL) => Promise<boolean | undefined>;

export interface LibraryOptions {
  /** the notebook's own URL: FileAttachment names and relative imports resolve against it */
  base: URL;
  /** how files are read */
  read: ReadBytes;
  /** how optional files are known to exist before they are read (the file system in Node, a site's listing in the browser) */
  exists?: FileExists;
}

export interface Library {
  /** every name a cell may read without defining it */
  builtins: Record<string, unknown>;
  /** names whose value the runtime computes when a cell first reads it (a promise, or a generator of values) */
  definitions?: Record<string, () => unknown>;
  /** resolves `import … from "…"` inside cells */
  importer: Importer;
}

/** Where a library factory can be imported from: a worker thread cannot be handed a function. */
export interface LibrarySource {
  /** the module's URL */
  module: string;
  /** the export that is the factory */
  name: string;
}

/**
 * Builds the library for one notebook (src/stdlib's `standardLibrary` is the real one). The headless
 * runner runs notebooks in a worker thread, which imports the factory again from its `source`.
 */
export type LibraryFactory = ((options: LibraryOptions) => Library) & { source?: LibrarySource };
