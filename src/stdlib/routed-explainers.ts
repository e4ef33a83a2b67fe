// The explainers as cells get them. In a browser page they run in a Web Worker whenever they can,
// so a long explanation never freezes typing or scrolling; in Node (the headless runner, tests)
// and whenever a worker cannot take the job, they run in this thread. Same arguments, same results.
import {
  ale, breakdown, effects, ice, importance, modelPerformance, pdp, residuals, shap,
} from "../explain/index";
import { explainInWorker, modelSourceOf, type WorkerKind } from "../explain/worker/index";
import { spreadMembers } from "../explain/rashomon/spread";
import type { Predictor } from "../model/types";

/** Whether this thread can hand work to Web Workers (a browser page, not Node, not a worker). */
export function browserWorkersAvailable(): boolean {
  const g = globalThis as { process?: { versions?: { node?: string } }; Worker?: unknown; document?: unknown };
  return !g.process?.versions?.node && typeof g.Worker === "function" && typeof g.document === "object";
}

let enabled = browserWorkersAvailable();

/** Turn routing to workers off (every explanation in this thread) or back on where available. */
export function useWorkers(on: boolean): void {
  enabled = on && browserWorkersAvailable();
  // a Rashomon set's member chunks follow the same switch
  spreadMembers(on);
}

/**
 * Whether a job can go to a worker: every model's file is known (models loaded by
 * `crossexam.loadModel`) and no option is a function (only plain data crosses to a worker;
 * `signal` and `onProgress` stay here and are forwarded).
 */
export function workerCanRun(models: unknown, options: unknown): boolean {
  const list = Array.isArray(models) ? models : [models];
  if (!list.length || !list.every((m) => m && typeof m === "object" && modelSourceOf(m as Predictor))) return false;
  if (options === undefined || options === null) return true;
  if (typeof options !== "object") return false;
  return Object.entries(options).every(([k, v]) => k === "onProgress" || k === "signal" || typeof v !== "function");
}

const counts = { inWorker: 0, inThread: 0 };

/** How many explanations ran in a worker and in this thread since the page loaded. */
export function routingStats(): { inWorker: number; inThread: number } {
  return { ...counts };
}

function routed<F extends (...args: any[]) => Promise<unknown>>(kind: WorkerKind, local: F, takesFeature: boolean): F {
  return ((models: unknown, data: unknown, ...rest: unknown[]) => {
    const options = takesFeature ? rest[1] : rest[0];
    if (enabled && workerCanRun(models, options)) {
      counts.inWorker++;
      return (explainInWorker as (...a: unknown[]) => Promise<unknown>)(kind, models, data, ...rest);
    }
    counts.inThread++;
    return local(models, data, ...rest);
  }) as F;
}

export const routedExplainers = {
  modelPerformance: routed("modelPerformance", modelPerformance, false),
  residuals: routed("residuals", residuals, false),
  importance: routed("importance", importance, false),
  pdp: routed("pdp", pdp, true),
  ice: routed("ice", ice, true),
  effects: routed("effects", effects, true),
  ale: routed("ale", ale, true),
  shap: routed("shap", shap, false),
  breakdown: routed("breakdown", breakdown, false),
};
