// Spreading the panel grid over threads: the heaviest independent panel (permutation importance,
// about half of a reference-data change on the credit table) runs in the explanation worker while
// the page's thread computes and draws the others, so on two cores the two halves overlap. Only
// where a worker can take the job (a browser page, models loaded with their files known, plain
// options); otherwise, and in Node, everything stays in this thread with the same results.
import { explainInWorker, modelSourceOf } from "../../explain/worker/index";
import type { Predictor } from "../../model/types";
import type { Explainers } from "./panels";

/** The explainers sent to a worker: importance only (one worker on 2 cores; the rest is drawn here). */
export const OFF_THREAD: readonly (keyof Explainers)[] = ["importance"];

/**
 * Whether this thread can hand work to Web Workers (a browser page, not Node, not a worker) and
 * gains by it: with one core a worker only adds the copy of the data and a second model load.
 */
export function workersAvailable(): boolean {
  const g = globalThis as { process?: { versions?: { node?: string } }; Worker?: unknown; document?: unknown; navigator?: { hardwareConcurrency?: number } };
  const cores = g.navigator?.hardwareConcurrency ?? 1;
  return !g.process?.versions?.node && typeof g.Worker === "function" && typeof g.document === "object" && cores >= 2;
}

function canRun(models: readonly Predictor[], options: Record<string, unknown>): boolean {
  return models.length > 0 && models.every((m) => modelSourceOf(m) !== undefined)
    && Object.entries(options).every(([k, v]) => k === "onProgress" || k === "signal" || typeof v !== "function");
}

/**
 * `explainers` with the OFF_THREAD ones routed to a worker whenever it can run them; those in
 * `keep` (replaced by the caller, e.g. to count calls) stay as given.
 */
export function spreadOverWorkers(explainers: Explainers, keep: ReadonlySet<string> = new Set()): Explainers {
  if (!workersAvailable()) return explainers;
  const out = { ...explainers } as Record<string, unknown>;
  for (const kind of OFF_THREAD) {
    if (keep.has(kind)) continue;
    const local = explainers[kind] as (...a: unknown[]) => Promise<unknown>;
    out[kind] = (models: readonly Predictor[], data: unknown, options: Record<string, unknown>) =>
      canRun(models, options)
        ? (explainInWorker as (...a: unknown[]) => Promise<unknown>)(kind, models, data, options)
        : local(models, data, options);
  }
  return out as unknown as Explainers;
}
