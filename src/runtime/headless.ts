// Running a notebook file in Node, with no browser: every cell, to the end, and a report.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseNotebook } from "../notebook/format";
import { nodeDom } from "../notebook/node-dom";
import { RUNNABLE_MODES } from "./compile";
import { attachOutputs, fileBase, installDomGlobals, readFileBytes } from "./node-host";
import { NotebookRuntime } from "./notebook-runtime";
import type { LibraryFactory } from "./library";
import { summarizeCell, summarizeOutputs } from "./summary";

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
}

export interface RunOptions {
  /** the standard library cells read (src/stdlib's `standardLibrary`) */
  library: LibraryFactory;
  /** give up on cells still running after this long */
  timeoutMs?: number;
}

export async function runNotebookFile(path: string, { library, timeoutMs = 120_000 }: RunOptions): Promise<RunReport> {
  installDomGlobals();
  const started = performance.now();
  const text = await readFile(path, "utf8");
  const notebook = parseNotebook(text, nodeDom());
  const runtime = new NotebookRuntime(library({ base: fileBase(resolve(path)), read: readFileBytes }));
  const detach = attachOutputs(runtime);
  const runnable = notebook.cells.filter((c) => RUNNABLE_MODES.has(c.mode));
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
    if (!state) return { id: cell.id, mode: cell.mode === "unknown" ? cell.rawType ?? "unknown" : cell.mode, status: "skipped", outputs: [] };
    const base = { id: cell.id, mode: cell.mode, outputs: state.outputs };
    const s = state.status;
    if (s.state === "fulfilled") {
      if (s.value && typeof s.value === "object" && state.outputs.length) {
        for (const name of state.outputs) values.set(name, (s.value as Record<string, unknown>)[name]);
      }
      const named = summarizeOutputs(state, s.value);
      return { ...base, status: "fulfilled", ms: round(s.ms), summary: summarizeCell(state, s.value), ...(named ? { values: named } : {}) };
    }
    if (s.state === "rejected") return { ...base, status: "rejected", ms: s.ms === undefined ? undefined : round(s.ms), error: s.error.message, ...(process.env.CROSSEXAM_STACK ? { stack: s.error.stack } : {}) };
    return { ...base, status: "timeout", error: `still running after ${timeoutMs} ms` };
  });
  runtime.dispose();
  detach();
  return {
    notebook: path, title: notebook.title, ms: round(performance.now() - started), cells, values,
    ok: !timedOut && cells.every((c) => c.status === "fulfilled" || c.status === "skipped"),
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
