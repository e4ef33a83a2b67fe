// The messages between the headless watchdog and a notebook's worker thread, and the test of
// which named values may cross (plain data: a table or a model stays in the worker).
import type { CellReport, RunReport } from "./headless";
import type { LibrarySource } from "./library";

export interface WorkerTask {
  path: string;
  /** where the worker imports the standard library from */
  library: LibrarySource;
  timeoutMs: number;
  stack: boolean;
}

export type WorkerMessage =
  /** the notebook was read: its cells, in order, with the line each reports before it runs */
  | { type: "start"; title: string; cells: { id: number; runnable: boolean; line: CellReport }[] }
  /** a cell's line changed; `started` counts bodies begun in this run (0: waiting), so the latest to start is known */
  | { type: "cell"; line: CellReport; running: boolean; started: number }
  | { type: "report"; report: Omit<RunReport, "values">; values: [string, unknown][] }
  /** the notebook could not be run at all (not a notebook, unreadable) */
  | { type: "fail"; message: string };

/** True for values made only of primitives, plain objects, arrays, typed arrays, dates, maps and sets (at most `budget` parts). */
export function plainData(value: unknown, budget = { left: 100_000 }): boolean {
  if (--budget.left < 0) return false;
  if (value === null || typeof value !== "object") return typeof value !== "function" && typeof value !== "symbol";
  if (ArrayBuffer.isView(value) || value instanceof Date) return true;
  if (Array.isArray(value)) return Object.getPrototypeOf(value) === Array.prototype && value.every((v) => plainData(v, budget));
  if (value instanceof Map) return [...value].every(([k, v]) => plainData(k, budget) && plainData(v, budget));
  if (value instanceof Set) return [...value].every((v) => plainData(v, budget));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((v) => plainData(v, budget));
}
