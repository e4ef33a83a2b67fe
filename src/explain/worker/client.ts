// Explanations off the main thread, with the in-thread explainers' signatures and results.
//
// Design:
// - `explainInWorker(kind, models, data, [feature,] options)` runs the explainer named `kind` in a
//   worker (a module Web Worker in the browser, worker_threads in Node) and resolves to exactly
//   what the in-thread call returns (same values for the same seed; only `ms` differs).
//   `inWorker.pdp(...)`, `inWorker.shap(...)`, … are the same, typed like `pdp`, `shap`, ….
// - `signal` aborts the job in the worker (shared flag read between chunks + a message read
//   between predict calls); the promise then rejects with an AbortError once the worker has
//   stopped, carrying `evaluated` (rows it had scored) and `progress`. `onProgress` receives
//   the worker's progress fractions, ending with 1.
// - Models must be re-creatable in a worker, and an OnnxPredictor keeps no copy of its file.
//   So models are given either as predictors loaded by this folder's `loadModel` (which keeps the
//   bytes and load options beside the predictor; `rememberModelSource` records them for a
//   predictor loaded elsewhere), or as plain specs `{name, bytes | url, card, class}`.
//   Each worker loads a model once and caches it under a key made of the bytes' SHA-256 and
//   the load options; the bytes are sent to each worker once.
// - One pool per page/process (1 worker, 2 on machines with 4+ cores); `configureWorkers`
//   sets its size and onnxruntime's threads inside the workers, `closeWorkers` stops them.
// - `workerThreads` (an option of every call, not sent to the explainer): onnxruntime-web threads
//   for this job — a number, or "auto" for the calibrated choice for the first model at this batch
//   size (see thread-calibrate.ts); the job runs in a pool worker started with that count.
//   Default: the pool's (1 unless `configureWorkers({numThreads})` says otherwise).
// Options must be plain data (no functions): they are copied to the worker.
import type { Batch } from "../../model/types";
import type { ale } from "../ale";
import type { breakdown } from "../breakdown";
import { ExplainError } from "../errors";
import type { importance } from "../importance";
import type { ice } from "../ice";
import type { effects, pdp } from "../pdp";
import type { modelPerformance } from "../performance";
import type { residuals } from "../residuals";
import type { shap } from "../shap";
import type { WorkerModel } from "./model-source";
import { WorkerPool, type PoolOptions } from "./pool";
import { FEATURE_KINDS, KINDS, type WorkerKind } from "./protocol";
import { chooseThreads } from "./thread-calibrate";

let pool: WorkerPool | undefined;
let poolOptions: PoolOptions = {};

/** The shared pool, started on first use. */
export function workerPool(): WorkerPool {
  return (pool ??= new WorkerPool(poolOptions));
}

/** Set the pool's size and session options; a running pool is closed and the next job starts a new one. */
export async function configureWorkers(options: PoolOptions): Promise<void> {
  poolOptions = { ...options };
  await closeWorkers();
}

/** Stop the workers (their cached models go with them). */
export async function closeWorkers(): Promise<void> {
  const current = pool;
  pool = undefined;
  await current?.close();
}

type Models = WorkerModel | readonly WorkerModel[];

/** Run the explainer `kind` in a worker: `explainInWorker("pdp", model, data, "age", {signal, onProgress})`. */
export function explainInWorker(kind: "pdp" | "ice" | "effects" | "ale", models: Models, data: Batch, feature: string, options?: Record<string, unknown>): Promise<any>;
export function explainInWorker(kind: "modelPerformance" | "residuals" | "importance" | "shap" | "breakdown" | "predict", models: Models, data: Batch, options?: Record<string, unknown>): Promise<any>;
export function explainInWorker(kind: WorkerKind, models: Models, data: Batch, ...rest: unknown[]): Promise<any> {
  if (!KINDS.includes(kind)) {
    return Promise.reject(new ExplainError(`unknown explanation kind \`${kind}\`; a worker runs: ${KINDS.join(", ")}`));
  }
  const takesFeature = FEATURE_KINDS.has(kind);
  const feature = takesFeature ? rest[0] : undefined;
  if (takesFeature && typeof feature !== "string") {
    return Promise.reject(new ExplainError(`\`${kind}\` needs a feature name as its third argument`));
  }
  const { workerThreads, ...options } = ((takesFeature ? rest[1] : rest[0]) ?? {}) as Record<string, unknown>;
  const many = Array.isArray(models);
  const list = (many ? models : [models]) as readonly WorkerModel[];
  if (workerThreads !== undefined && workerThreads !== "auto" && !(Number.isInteger(workerThreads) && (workerThreads as number) >= 1)) {
    return Promise.reject(new ExplainError(`workerThreads must be a whole number ≥ 1 or "auto" (got ${String(workerThreads)})`));
  }
  const run = (threads: number | undefined) =>
    workerPool().run({ kind, models: list, many, data, feature: feature as string | undefined, options, threads });
  if (workerThreads === "auto" && list.length) {
    return chooseThreads(list[0], data, { signal: options.signal as AbortSignal | undefined }).then((c) => run(c.threads));
  }
  try {
    return run(workerThreads as number | undefined);
  } catch (e) {
    return Promise.reject(e);
  }
}

/** Arguments as the in-thread explainer takes them, with models that a worker can re-create. */
type InWorker<F> = F extends {
  (models: infer _M, data: Batch, ...rest: infer R): Promise<infer One>;
  (models: infer _L, data: Batch, ...rest: infer _R2): Promise<infer Many>;
}
  ? { (models: WorkerModel, data: Batch, ...rest: R): Promise<One>; (models: readonly WorkerModel[], data: Batch, ...rest: R): Promise<Many> }
  : never;

function bound<F>(kind: WorkerKind): InWorker<F> {
  return ((models: Models, data: Batch, ...rest: unknown[]) => (explainInWorker as (...a: unknown[]) => Promise<unknown>)(kind, models, data, ...rest)) as InWorker<F>;
}

/** The explainers, each running in a worker, with the in-thread signatures: `inWorker.pdp(model, data, "age", options)`. */
export const inWorker = {
  modelPerformance: bound<typeof modelPerformance>("modelPerformance"),
  residuals: bound<typeof residuals>("residuals"),
  importance: bound<typeof importance>("importance"),
  pdp: bound<typeof pdp>("pdp"),
  ice: bound<typeof ice>("ice"),
  effects: bound<typeof effects>("effects"),
  ale: bound<typeof ale>("ale"),
  shap: bound<typeof shap>("shap"),
  breakdown: bound<typeof breakdown>("breakdown"),
};
