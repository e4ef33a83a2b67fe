// Running a notebook file headless in the test's own thread: the run `crossexam run` makes in its worker
// thread (runNotebookHere, src/runtime/headless-run.ts: the same runtime, library and report), without a
// new worker per notebook. A worker loads tsx, the runtime and the standard library afresh each time,
// about 5 s on 2 cores (10 s when loaded) against well under a second for most notebooks here, and
// tests that run dozens of notebooks spent most of their time on that. What the worker adds — the
// watchdog's timeout and heap limit, an error outside any cell failing that notebook, exit codes — is
// tested through `crossexam run` itself (test/cli/run.test.ts). Here an error a notebook throws outside
// its cells is an unhandled error of the test file, which fails the run as loudly.
import { runNotebookHere } from "../src/runtime/headless-run";
import type { RunOptions, RunReport } from "../src/runtime/headless";

export function runInThread(path: string, options: RunOptions): Promise<RunReport> {
  return runNotebookHere(path, options);
}
