// A child process that runs notebooks headless one after another and sends each report to its
// parent (test/notebook-kit/headless.test.ts). An error thrown outside any cell (a timer firing
// after the report, say) is caught here and charged to the notebook that was running, so one
// notebook cannot take the others down.
import { runNotebookFile } from "../../src/runtime/headless";
import { STANDARD_LIBRARY_SOURCE } from "../../src/stdlib/source";

export interface NotebookOutcome {
  path: string;
  ms: number;
  cells: { id: number; mode: string; status: string; error?: string }[];
  /** errors thrown outside cells while this notebook ran */
  uncaught: string[];
}

let current: NotebookOutcome | undefined;
const stray = (error: unknown) => current?.uncaught.push(error instanceof Error ? (process.env.CROSSEXAM_STACK ? String(error.stack) : error.message) : String(error));
process.on("uncaughtException", stray);
process.on("unhandledRejection", stray);

process.on("message", async (message: { paths: string[]; timeoutMs: number }) => {
  for (const path of message.paths) {
    current = { path, ms: 0, cells: [], uncaught: [] };
    const started = performance.now();
    try {
      const report = await runNotebookFile(path, { library: { source: STANDARD_LIBRARY_SOURCE }, timeoutMs: message.timeoutMs });
      current.cells = report.cells.map(({ id, mode, status, error }) => ({ id, mode, status, error }));
    } catch (error) {
      current.uncaught.push(`the runner failed: ${(error as Error).message}`);
    }
    // a moment for late timers of this notebook to fire while it is still the one charged
    await new Promise((r) => setTimeout(r, 20));
    current.ms = Math.round(performance.now() - started);
    process.send!(current);
  }
  process.send!({ done: true });
});
