// The timing half of thread calibration: the same real batch is scored in a 1-thread instance and
// in a worker started with N threads, in a few alternating rounds, and the pure rule of
// src/model/thread-calibration.ts decides. onnxruntime-web fixes its threads once per wasm instance,
// so each candidate count is its own worker (pool slots of that count); the 1-thread candidate is
// this thread's own instance in Node when it runs 1 thread (which also answers "is a worker worth
// it at all"), else a 1-thread worker. Decisions are cached per (model, batch bucket) for the session.
import {
  batchBucket, decideThreads, defaultChoice, instanceThreads, MIN_CALIBRATED_ROWS, ThreadChoices,
  type Batch, type Predictor, type ThreadChoice, type ThreadDecisionOptions, type ThreadTimings,
} from "../../model/index";
import { checkModelInputs, throwIfAborted } from "../errors";
import { modelColumns } from "../models";
import { workerPool } from "./client";
import { modelKey, type WorkerModel } from "./model-source";
import type { WorkerPool } from "./pool";
import { isNode } from "./worker-host";

export interface CalibrateOptions extends ThreadDecisionOptions {
  /** the pool whose workers are timed (default: the shared pool) */
  pool?: WorkerPool;
  /** the thread count to try against 1 (default: the cores, at most 4) */
  threads?: number;
  /**
   * rows timed (default 10,000: the first rows of the batch). Predictions run in chunks of 10,000
   * rows, so the cost per row of a larger batch is that of these rows; a 100,000-row calibration
   * then costs a tenth.
   */
  maxRows?: number;
  /** timed rounds per candidate after one untimed warm-up (default 3) */
  rounds?: number;
  /** time this thread's own instance as the 1-thread candidate (default: in Node, when it runs 1 thread) */
  inThread?: boolean;
  /** mark the timed jobs as background work (they then never count as a caller's job; see pool.ts) */
  background?: boolean;
  /** stops the calibration between runs and the worker job in flight between its chunks */
  signal?: AbortSignal;
}

/** Rows timed by default (the prediction chunk size; see `CalibrateOptions.maxRows`). */
export const TIMED_ROWS = 10_000;

async function cores(): Promise<number> {
  if (isNode) {
    const os = "node:os";
    const { availableParallelism, cpus } = (await import(/* @vite-ignore */ os)) as typeof import("node:os");
    return typeof availableParallelism === "function" ? availableParallelism() : cpus().length;
  }
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
}

function isPredictor(m: WorkerModel): m is Predictor {
  return typeof (m as Predictor).predict === "function";
}

/** Time `model` on `data` with 1 thread and with N threads; the decision, with every figure behind it. */
export async function calibrateThreads(
  model: WorkerModel, data: Batch, options: CalibrateOptions = {},
): Promise<ThreadChoice> {
  const rows = data.n;
  const minRows = options.minRows ?? MIN_CALIBRATED_ROWS;
  if (rows < minRows) return decideThreads(rows, [], { minRows });
  const available = await cores();
  if (available < 2) return defaultChoice(rows, "this machine has one core");
  const isolated = isNode || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  if (!isolated) return defaultChoice(rows, "threads need cross-origin isolation (COOP/COEP headers), which this page lacks");
  const n = Math.max(2, Math.floor(options.threads ?? Math.min(4, available)));
  const pool = options.pool ?? workerPool();
  const inThread = options.inThread ?? (isNode && isPredictor(model) && (await instanceThreads()) === 1);

  // a fresh Batch object per call: a predictor's cache answers a batch it has seen
  const timed = Math.min(rows, Math.max(minRows, Math.floor(options.maxRows ?? TIMED_ROWS)));
  // a batch the model cannot read is refused here, with the columns it lacks (not in the worker)
  if (isPredictor(model)) checkModelInputs(model, data);
  const all = isPredictor(model) ? modelColumns(model, data).columns : data.columns;
  const columns = timed === rows
    ? all
    : Object.fromEntries(Object.entries(all).map(([k, c]) => [k, c.slice(0, timed)])) as Batch["columns"];
  const fresh = (): Batch => ({ n: timed, columns });
  const inWorker = (threads: number) => async () => {
    const outcome = await pool.runJob({
      kind: "predict", models: [model], many: false, data: fresh(), options: { signal: options.signal }, threads,
      background: options.background,
    });
    return { ms: outcome.ms, threads: outcome.threads };
  };
  const local = async () => {
    const started = performance.now();
    await (model as Predictor).predict(fresh(), { signal: options.signal });
    return { ms: performance.now() - started, threads: 1 };
  };
  const candidates = [
    { threads: 1, worker: !inThread, run: inThread ? local : inWorker(1) },
    { threads: n, worker: true, run: inWorker(n) },
  ];

  // warm-up: starts the workers and loads the model there; not timed
  for (const c of candidates) {
    throwIfAborted(options.signal);
    const { threads } = await c.run();
    if (c.worker && threads !== undefined && threads !== c.threads) {
      return defaultChoice(rows, `a worker asked for ${c.threads} threads runs ${threads} (onnxruntime-web fell back)`, false);
    }
  }
  const ms: number[][] = candidates.map(() => []);
  const rounds = Math.max(1, options.rounds ?? 3);
  for (let r = 0; r < rounds; r++) {
    // alternate the order (ABBA…), so that a drift in load falls on both
    const order = r % 2 ? [...candidates.keys()].reverse() : [...candidates.keys()];
    for (const c of order) {
      throwIfAborted(options.signal);
      ms[c].push((await candidates[c].run()).ms);
    }
  }
  const timings: ThreadTimings[] = candidates.map((c, i) => ({ threads: c.threads, worker: c.worker, ms: ms[i] }));
  const choice = decideThreads(timed, timings, { margin: options.margin, minRows });
  // the decision stands for the whole batch's bucket; msPerRow is per row either way
  return { ...choice, rows, bucket: batchBucket(rows) };
}

/** The session's decisions, shared by "auto" and the background calibration (background-calibration.ts). */
export const threadChoices = new ThreadChoices();
const choices = threadChoices;

/** The cache key of a decision: the model's worker key and the thread count tried against 1. */
export function choiceKey(modelKey: string, threads?: number): string {
  return `${modelKey}|${threads ?? ""}`;
}

/**
 * The thread choice for `model` at the batch size of `data`: calibrated once per (model, power-of-10
 * bucket of rows) in this session, then read from the cache. Batches under 1,000 rows get 1 thread untimed.
 */
export async function chooseThreads(
  model: WorkerModel, data: Batch, options: CalibrateOptions = {},
): Promise<ThreadChoice> {
  const key = choiceKey(await modelKey(model), options.threads);
  return choices.get(key, data.n, () => calibrateThreads(model, data, options), model.name);
}

/** Forget the session's thread decisions (the next `chooseThreads` calibrates again). */
export function clearThreadChoices(): void {
  choices.clear();
}
