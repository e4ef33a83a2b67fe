// What a view needs to render one cell: its status (with timing), what it displayed, how often it ran.

export type CellStatus =
  | { state: "pending" }
  | { state: "running"; since: number; progress?: number }
  | { state: "fulfilled"; value: unknown; ms: number }
  | { state: "rejected"; error: Error; ms?: number }
  /** a cell of a mode crossexam does not run (`sql`, `dot`, `python`, …): kept, shown as source */
  | { state: "skipped"; mode: string };

export interface CellState {
  id: number;
  status: CellStatus;
  /** values shown by the cell, in order: `display(x)` calls, or the implicit display of an expression */
  displayed: unknown[];
  /** how many times the cell's body has run since it was (re)defined */
  runs: number;
  /** names this cell exposes to others */
  outputs: string[];
  /** names this cell reads */
  inputs: string[];
}

export function now(): number {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}

/** Elapsed time of a running cell, in ms. */
export function elapsed(status: CellStatus, at = now()): number | undefined {
  return status.state === "running" ? at - status.since : undefined;
}

/** How every view says a cell was not run: "not run (mode sql)". */
export function skippedText(status: Extract<CellStatus, { state: "skipped" }>): string {
  return `not run (mode ${status.mode})`;
}
