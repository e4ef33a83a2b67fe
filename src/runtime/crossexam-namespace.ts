// The `crossexam` namespace handed to cells (and importable as `import {…} from "crossexam"`):
// data loading, models and explanations, re-exported from their folders.
export const version = "0.1.0";

/** An AbortSignal that aborts when a cell's `invalidation` promise resolves. */
export function signalOf(invalidation: Promise<unknown>): AbortSignal {
  const controller = new AbortController();
  invalidation.then(() => controller.abort(new DOMException("superseded by a newer run of the cell", "AbortError")));
  return controller.signal;
}
