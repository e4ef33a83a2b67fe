// The run of one notebook in this thread — the worker's side of `runNotebookFile` (headless.ts):
// every cell to the end, and the report.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseNotebook } from "../notebook/format";
import type { Cell, Notebook } from "../notebook/types";
import { nodeDom } from "../notebook/node-dom";
import type { CellState } from "./cell-state";
import { RUNNABLE_MODES } from "./compile";
import type { CellReport, RunOptions, RunReport } from "./headless";
import { attachOutputs, fileBase, fileExists, installDomGlobals, readFileBytes } from "./node-host";
import { NotebookRuntime } from "./notebook-runtime";
import { summarizeCell, summarizeOutputs } from "./summary";

/** What the watchdog learns while a notebook runs: its cells, then every change of a cell's state. */
export interface RunListener {
  /** the notebook was read; `runnable` are the cells that will run */
  start(notebook: Notebook, runnable: Cell[]): void;
  state(state: CellState): void;
}

/** Run a notebook file in this thread (the worker's side of `runNotebookFile`). */
export async function runNotebookHere(path: string, { library, timeoutMs = 120_000 }: RunOptions, listener?: RunListener): Promise<RunReport> {
  installDomGlobals();
  const started = performance.now();
  const text = await readFile(path, "utf8");
  const notebook = parseNotebook(text, nodeDom());
  const runtime = new NotebookRuntime(library({ base: fileBase(resolve(path)), read: readFileBytes, exists: fileExists }));
  const detach = attachOutputs(runtime);
  const runnable = notebook.cells.filter((c) => RUNNABLE_MODES.has(c.mode));
  listener?.start(notebook, runnable);
  if (listener) runtime.subscribe((event) => { if (event.type === "update") listener.state(event.state); });
  runtime.load(runnable);
  let timedOut = false;
  try {
    await runtime.idle(timeoutMs);
  } catch {
    timedOut = true;
  }
  const values = new Map<string, unknown>();
  const cells: CellReport[] = notebook.cells.map((cell) => {
    const state = runtime.state(cell.id);
    if (state?.status.state === "fulfilled") {
      const value = state.status.value;
      if (value && typeof value === "object" && state.outputs.length) {
        for (const name of state.outputs) values.set(name, (value as Record<string, unknown>)[name]);
      }
    }
    return cellReport(cell, state, timeoutMs);
  });
  runtime.dispose();
  detach();
  return {
    notebook: path, title: notebook.title, ms: round(performance.now() - started), cells, values,
    ok: !timedOut && cells.every((c) => c.status === "fulfilled" || c.status === "skipped"),
  };
}

/** One cell's line of the report, from its state (undefined: a mode crossexam does not run). */
export function cellReport(cell: Cell, state: CellState | undefined, timeoutMs: number): CellReport {
  if (!state) return { id: cell.id, mode: reportMode(cell), status: "skipped", outputs: [] };
  const base = { id: cell.id, mode: cell.mode, outputs: state.outputs };
  const s = state.status;
  if (s.state === "fulfilled") {
    const named = summarizeOutputs(state, s.value);
    return { ...base, status: "fulfilled", ms: round(s.ms), summary: summarizeCell(state, s.value), ...(named ? { values: named } : {}) };
  }
  if (s.state === "rejected") return { ...base, status: "rejected", ms: s.ms === undefined ? undefined : round(s.ms), error: s.error.message, ...(process.env.CROSSEXAM_STACK ? { stack: s.error.stack } : {}) };
  return { ...base, status: "timeout", error: `still running after ${timeoutMs} ms` };
}

function reportMode(cell: { mode: string; rawType?: string }): string {
  return cell.mode === "unknown" ? cell.rawType ?? "unknown" : cell.mode;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
