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
//   Default: the pool's (1 unless `configureWorkers({numThreads})` says otherwise) — except in a
//   browser page that can run threads (cross-origin isolated, ≥ 2 cores), where a job uses the
//   decision already made for its (model, bucket) and otherwise runs at once with the default while
//   that decision is calibrated in the background when the workers are idle
//   (background-calibration.ts; `configureWorkers({calibrate})` switches it on or off, also in Node,
//   where it is off unless asked). `threadDecisions()` lists the decisions, as plain data.
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
import { BackgroundCalibration, type BackgroundCalibrationSettings, type BackgroundEntry } from "./background-calibration";
import { holdForeground, WorkerPool, type PoolOptions } from "./pool";
import { FEATURE_KINDS, KINDS, type WorkerKind } from "./protocol";
import { chooseThreads, threadChoices } from "./thread-calibrate";
import { isNode } from "./worker-host";

export interface WorkerOptions extends PoolOptions {
  /**
   * calibrate threads in the background for jobs that do not say `workerThreads` (default: in a
   * browser page that can run threads — cross-origin isolated, ≥ 2 cores —, never in Node)
   */
  calibrate?: boolean;
  /** ms without a job before a background calibration starts (default 1,500) */
  calibrateIdle?: number;
  /** background calibrations started per (model, bucket) before giving up (default 4) */
  calibrateAttempts?: number;
  /** how the background calibration times (thread count tried, rounds, rows timed; as `calibrateThreads`) */
  calibration?: BackgroundCalibrationSettings;
}

let pool: WorkerPool | undefined;
let background: BackgroundCalibration | undefined;
let workerOptions: WorkerOptions = {};

function poolOptionsOf(options: WorkerOptions): PoolOptions {
  const { calibrate: _c, calibrateIdle: _i, calibrateAttempts: _a, calibration: _s, ...poolOptions } = options;
  return poolOptions;
}

/** The shared pool, started on first use. */
export function workerPool(): WorkerPool {
  return (pool ??= new WorkerPool(poolOptionsOf(workerOptions)));
}

/** Whether this is a browser page whose workers can run onnxruntime-web threads at all. */
export function pageCanCalibrate(): boolean {
  const g = globalThis as {
    document?: unknown; crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number };
  };
  const cores = g.navigator?.hardwareConcurrency ?? 1;
  return !isNode && typeof g.document === "object" && g.crossOriginIsolated === true && cores >= 2;
}

/** The shared pool's background calibration, when it is on here. */
function backgroundCalibration(): BackgroundCalibration | undefined {
  if (!(workerOptions.calibrate ?? pageCanCalibrate())) return undefined;
  return (background ??= new BackgroundCalibration({
    pool: workerPool(), choices: threadChoices, idleDelay: workerOptions.calibrateIdle,
    maxAttempts: workerOptions.calibrateAttempts, calibration: workerOptions.calibration,
    onEvent: (e) => { if (e.type === "decided" || e.type === "failed" || e.type === "gave-up") decisionsChanged(); },
  }));
}

const decisionListeners = new Set<(decisions: ThreadDecisions) => void>();

/** Call `listener` with `threadDecisions()` whenever a decision is made or a calibration fails (the page's status line). */
export function onThreadDecisions(listener: (decisions: ThreadDecisions) => void): () => void {
  decisionListeners.add(listener);
  return () => { decisionListeners.delete(listener); };
}

function decisionsChanged(): void {
  if (!decisionListeners.size) return;
  const decisions = threadDecisions();
  for (const listener of [...decisionListeners]) listener(decisions);
}

const sameOptions = (a: PoolOptions, b: PoolOptions) => {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])] as (keyof PoolOptions)[];
  return keys.every((k) => a[k] === b[k]);
};

/**
 * Set the pool's size, session options and background calibration. When the size or session
 * options change, a running pool is closed and the next job starts a new one; a change of the
 * calibration settings alone keeps the workers (and the models they hold) and restarts only the
 * background calibration. Decisions already made stay either way.
 */
export async function configureWorkers(options: WorkerOptions): Promise<void> {
  const keep = pool !== undefined && sameOptions(poolOptionsOf(options), poolOptionsOf(workerOptions));
  workerOptions = { ...options };
  if (!keep) return closeWorkers();
  const calibration = background;
  background = undefined;
  await calibration?.stop();
}

/** Stop the workers (their cached models go with them) and the background calibration. */
export async function closeWorkers(): Promise<void> {
  const current = pool;
  const calibration = background;
  pool = undefined;
  background = undefined;
  await calibration?.stop();
  await current?.close();
}

/** The thread decisions of this session and the background calibrations still to make, as plain data. */
export interface ThreadDecisions {
  /** whether jobs without `workerThreads` are calibrated in the background here */
  background: boolean;
  /** decisions made (in the background or by "auto"), one per (model, bucket) */
  decisions: {
    model: string; bucket: number; threads: number; worker: boolean; decided: string; reason: string; rows: number;
  }[];
  /** background calibrations not decided: waiting for idle time, running, failed or given up */
  pending: BackgroundEntry[];
}

/** What was decided about threads so far (for status lines and tests). */
export function threadDecisions(): ThreadDecisions {
  return {
    background: workerOptions.calibrate ?? pageCanCalibrate(),
    decisions: threadChoices.decisions().map(({ model, choice }) => ({
      model, bucket: choice.bucket, threads: choice.threads, worker: choice.worker, decided: choice.decided,
      reason: choice.reason, rows: choice.rows,
    })),
    pending: (background?.status() ?? []).filter((e) => e.state !== "decided"),
  };
}

/** Resolves once the background calibration has nothing waiting or running (tests, benches). */
export function backgroundCalibrationSettled(): Promise<void> {
  return background?.settled() ?? Promise.resolve();
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
    return chooseThreads(list[0], data, { signal: options.signal as AbortSignal | undefined })
      .then((c) => { decisionsChanged(); return run(c.threads); });
  }
  const calibration = workerThreads === undefined && list.length ? backgroundCalibration() : undefined;
  if (calibration) {
    // counted as a job from now: a background calibration running stops before the lookup ends
    const release = holdForeground();
    return calibration.threadsFor(list[0], data)
      .catch(() => undefined) // (the job itself reports a model a worker cannot take)
      .then((threads) => { try { return run(threads); } finally { release(); } });
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
