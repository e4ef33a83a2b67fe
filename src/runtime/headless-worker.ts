// The worker-thread side of `runNotebookFile` (see headless-watchdog.ts): runs one notebook and
// tells the watchdog every cell's line of the report as it changes, so that a run stopped from
// outside (timeout, out of memory) still reports every cell. Errors thrown outside any cell
// (timers, callbacks) fail this notebook instead of ending the process; after the cells are done
// it waits briefly for pending timers (at most SETTLE_MS), so a late throw is still reported.
import { parentPort, workerData } from "node:worker_threads";
import type { Cell } from "../notebook/types";
import { cellReport, runNotebookHere } from "./headless-run";
import { plainData, type WorkerMessage, type WorkerTask } from "./headless-protocol";
import type { LibraryFactory } from "./library";

const SETTLE_MS = 500;
const port = parentPort!;
const { path, library: source, timeoutMs, stack } = workerData as WorkerTask;
if (stack) process.env.CROSSEXAM_STACK = "1";
const post = (message: WorkerMessage) => port.postMessage(message);

const uncaught: string[] = [];
const keep = (error: unknown) => { uncaught.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error)); };
process.on("uncaughtException", keep);
process.on("unhandledRejection", keep);

const cells = new Map<number, Cell>();
const runningSince = new Map<number, { since: number; runs: number; started: number }>();
let starts = 0;

try {
  // the library floor sits above the runtime: it is imported from where the caller said, not from here
  const library = (await import(source.module))[source.name] as LibraryFactory;
  if (typeof library !== "function") throw new Error(`${source.module} exports no library factory \`${source.name}\``);
  const report = await runNotebookHere(path, { library, timeoutMs }, {
    start(notebook, runnable) {
      for (const c of runnable) cells.set(c.id, c);
      post({ type: "start", title: notebook.title, cells: notebook.cells.map((c) => ({ id: c.id, runnable: cells.has(c.id), line: cellReport(c, undefined, timeoutMs) })) });
    },
    state(state) {
      const cell = cells.get(state.id);
      if (!cell) return;
      const s = state.status;
      let started = 0;
      if (s.state === "running") {
        // a cell waiting for its turn is "running" too; its body has started once `runs` went up
        const seen = runningSince.get(state.id);
        if (!seen || seen.since !== s.since) runningSince.set(state.id, { since: s.since, runs: state.runs, started: 0 });
        else if (state.runs > seen.runs) started = seen.started ||= ++starts;
      }
      const line = s.state === "pending" || s.state === "running" ? { id: cell.id, mode: cell.mode, status: "timeout" as const, outputs: state.outputs } : cellReport(cell, state, timeoutMs);
      post({ type: "cell", line, running: s.state === "running" || s.state === "pending", started });
    },
  });
  await settle();
  const { values, ...rest } = report;
  const plain: [string, unknown][] = [];
  for (const [name, value] of values) if (plainData(value)) plain.push([name, value]);
  if (uncaught.length) {
    rest.ok = false;
    rest.error = `uncaught error outside any cell (a timer or callback): ${[...new Set(uncaught)].join("; ")}`;
  }
  post({ type: "report", report: rest, values: plain });
} catch (error) {
  post({ type: "fail", message: (error as Error).message });
}

// Wait, at most SETTLE_MS, while timers are pending: one that throws soon after the cells end is this notebook's failure.
async function settle(): Promise<void> {
  const deadline = performance.now() + SETTLE_MS;
  while (performance.now() < deadline) {
    const pending = process.getActiveResourcesInfo().filter((r) => r === "Timeout" || r === "Immediate").length;
    if (pending === 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}
