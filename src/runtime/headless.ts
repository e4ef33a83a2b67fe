// Running a notebook file in Node, with no browser: every cell, to the end, and a report.
// `runNotebookFile` runs it in a worker thread the watchdog can stop (headless-watchdog.ts):
// a synchronous loop, a cell that runs out of memory or a late uncaught error fails that notebook
// and not the process.
// This module stays light (the process that watches loads nothing of the notebook's libraries);
// the run itself is in headless-run.ts, loaded only by the worker.
import { runInWorker } from "./headless-watchdog";
import type { LibraryFactory, LibrarySource } from "./library";

export interface CellReport {
  id: number;
  mode: string;
  status: "fulfilled" | "rejected" | "timeout" | "skipped";
  ms?: number;
  /** a one-line summary of what was displayed, else of each declared name's value (`x = 1, y = "a"`) */
  summary?: string;
  /** each declared name's value, summarized in one line */
  values?: Record<string, string>;
  error?: string;
  outputs: string[];
}

export interface RunReport {
  notebook: string;
  title: string;
  ok: boolean;
  ms: number;
  cells: CellReport[];
  /** values of named outputs, for callers that read results (hypothesis checks) */
  values: Map<string, unknown>;
  /** what failed the notebook outside its cells: an uncaught error in a timer or callback, a crash of its worker */
  error?: string;
}

export interface RunOptions {
  /** the standard library cells read (src/stdlib's `standardLibrary`); the worker loads it from its `source` */
  library: LibraryFactory;
  /** give up on cells still running after this long */
  timeoutMs?: number;
  /** the heap limit of the notebook's worker, in MB */
  memoryMb?: number;
}

/** The options of `runNotebookFile`: the library is only named (the worker thread imports it from `source`). */
export interface FileRunOptions extends Omit<RunOptions, "library"> {
  /** a library factory, or just where to import one from (the caller then need not load the library itself) */
  library: LibraryFactory | { source: LibrarySource };
}

/** Run a notebook file in its own worker thread, stopped when it overruns `timeoutMs` or `memoryMb`. */
export function runNotebookFile(path: string, options: FileRunOptions): Promise<RunReport> {
  return runInWorker(path, options);
}

