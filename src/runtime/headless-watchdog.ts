// Responsible for: running one notebook in a worker thread and always coming back with a report.
// The worker tells every cell's state as it changes; the watchdog stops it when it overruns the
// timeout (which a synchronous loop would otherwise never give back) or its heap limit, and
// then reports each cell from what it last heard: finished cells as they finished, the cell that
// was running as timed out or out of memory, the cells that never started as not run.
import { readFile } from "node:fs/promises";
import { totalmem } from "node:os";
import { Worker } from "node:worker_threads";
import { mayHoldNotebook, NOT_A_NOTEBOOK } from "../notebook/sniff";
import type { CellReport, FileRunOptions, RunReport } from "./headless";
import type { WorkerMessage, WorkerTask } from "./headless-protocol";

const DEFAULT_TIMEOUT_MS = 120_000;
/** how long reading a notebook and loading its libraries may take before its cells start */
const START_MS = 120_000;

/** The default heap limit of a notebook's worker: half the machine's memory, at most 4 GB. */
export function defaultMemoryMb(): number {
  return Math.max(256, Math.min(4096, Math.floor(totalmem() / 2 ** 20 / 2)));
}

interface Live {
  id: number;
  runnable: boolean;
  line: CellReport;
  running: boolean;
  /** order in which running cells began their bodies (0: not begun) */
  started: number;
}

export async function runInWorker(path: string, { library, timeoutMs = DEFAULT_TIMEOUT_MS, memoryMb = defaultMemoryMb() }: FileRunOptions): Promise<RunReport> {
  if (!library.source) {
    throw new Error("the headless runner loads the library again in its worker thread: give a LibraryFactory with a `source` (module URL and export name)");
  }
  // a file that cannot be read, or cannot be a notebook, is refused here, as the worker would refuse
  // it (same message) but without the seconds a worker takes to start
  if (!mayHoldNotebook(await readFile(path, "utf8"))) throw new Error(NOT_A_NOTEBOOK);
  const task: WorkerTask = { path, library: library.source, timeoutMs, stack: !!process.env.CROSSEXAM_STACK };
  const worker = new Worker(new URL("./headless-worker-node.mjs", import.meta.url), {
    workerData: task, resourceLimits: { maxOldGenerationSizeMb: memoryMb }, stdout: true, stderr: true,
  });
  // the cells' console output, passed on in order, before the report is printed
  worker.stdout.pipe(process.stdout, { end: false });
  worker.stderr.pipe(process.stderr, { end: false });
  let startedAt = performance.now();
  let title = "";
  let cells: Live[] = [];
  let result: RunReport | Error | undefined;
  let stopped: Stop | undefined;
  // the worker has its own timeout for cells that yield; this one is for those that do not
  const grace = Math.max(1000, Math.min(5000, timeoutMs / 10));
  let timer = setTimeout(() => stop("timeout", `did not start within ${START_MS / 1000} s`), START_MS);

  function stop(why: Stop["why"], detail: string) {
    if (result || stopped) return;
    stopped = { why, detail };
    void worker.terminate();
  }

  worker.on("message", (message: WorkerMessage) => {
    if (message.type === "start") {
      title = message.title;
      cells = message.cells.map((c) => ({ ...c, running: false, started: 0 }));
      startedAt = performance.now();
      clearTimeout(timer);
      timer = setTimeout(() => stop("timeout", `${timeoutMs} ms`), timeoutMs + grace);
    } else if (message.type === "cell") {
      const live = cells.find((c) => c.id === message.line.id);
      if (live) Object.assign(live, { line: message.line, running: message.running, started: message.started });
    } else if (message.type === "report") {
      result = { ...message.report, values: new Map(message.values) };
      void worker.terminate(); // timers and intervals the notebook left behind end here
    } else if (message.type === "fail") {
      result = new Error(message.message);
    }
  });
  worker.on("error", (error: Error & { code?: string }) => {
    if (error.code === "ERR_WORKER_OUT_OF_MEMORY") stop("memory", `${memoryMb} MB`);
    else stop("crash", error.message);
  });

  return new Promise((resolve, reject) => {
    worker.on("exit", async (code) => {
      clearTimeout(timer);
      await Promise.all([ended(worker.stdout), ended(worker.stderr)]);
      if (result instanceof Error) return reject(result);
      if (result) return resolve(result);
      if (!cells.length) return reject(new Error(stopped ? `the notebook ${describeStop(stopped)}` : `the notebook's worker exited (code ${code}) before it ran`));
      resolve(stoppedReport(path, title, cells, stopped ?? { why: "crash", detail: `its worker exited with code ${code}` }, performance.now() - startedAt));
    });
  });
}

type Stop = { why: "timeout" | "memory" | "crash"; detail: string };

// "ran past the timeout of 2000 ms", "ran out of memory (…)", "crashed: …"
function describeStop({ why, detail }: Stop): string {
  if (why === "timeout") return detail.startsWith("did") ? detail : `ran past the timeout of ${detail}`;
  return why === "memory" ? `ran out of memory (heap limit ${detail}; raise it with --max-memory)` : `crashed: ${detail}`;
}

// The report of a run stopped from outside: what each cell last said, and why the rest did not finish.
function stoppedReport(path: string, title: string, cells: Live[], stop: Stop, ms: number): RunReport {
  // the cell that began last holds the thread (a loop) or was running when memory ran out
  const culprit = cells.filter((c) => c.running && c.started).sort((a, b) => b.started - a.started)[0];
  const blamed = culprit ? `cell #${culprit.id}` : "a cell";
  const what = { timeout: "ran past the timeout", memory: "ran out of memory", crash: "crashed" }[stop.why];
  const lines = cells.map((c): CellReport => {
    if (!c.runnable || !c.running) return c.line;
    const base = { id: c.id, mode: c.line.mode, outputs: c.line.outputs };
    if (c === culprit) {
      if (stop.why === "timeout") return { ...base, status: "timeout", error: `still running after ${stop.detail}: stopped (a cell that never yields, such as a synchronous loop, is stopped with the whole run)` };
      if (stop.why === "memory") return { ...base, status: "rejected", error: `ran out of memory: the notebook's heap limit is ${stop.detail} (raise it with --max-memory)` };
      return { ...base, status: "rejected", error: `the notebook crashed while this cell ran: ${stop.detail}` };
    }
    const status = stop.why === "timeout" ? "timeout" : "rejected";
    return { ...base, status, error: `${c.started ? "did not finish" : "not run"}: the notebook was stopped when ${blamed} ${what}` };
  });
  return {
    notebook: path, title, ok: false, ms: Math.round(ms * 10) / 10, cells: lines, values: new Map(),
    error: `${culprit ? blamed : "the notebook"} ${describeStop(stop)}`,
  };
}

function ended(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve) => {
    if ((stream as { readableEnded?: boolean }).readableEnded) return resolve();
    const timer = setTimeout(resolve, 500);
    stream.once("end", () => { clearTimeout(timer); resolve(); });
  });
}
