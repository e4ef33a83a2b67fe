// A small pool of explain workers (1–2 per thread count). Each worker caches the models it has been
// sent, so a model's bytes cross once per worker; a job goes to the least busy worker of its thread
// count, preferring one that already holds its models. onnxruntime-web fixes its thread count once
// per wasm instance, so a job asking for another count than the pool's default runs in a worker
// started with that count (its slot's SessionSettings travel with each job). Abort is forwarded
// twice: a shared flag the worker reads between chunks (when SharedArrayBuffer is available) and a
// message it reads between predict calls.
import type { Batch } from "../../model/types";
import { modelKey, specOf, type WorkerModel } from "./model-source";
import {
  errorFrom, packBatch, sendableOptions,
  type FromWorker, type JobMessage, type ModelMessage, type SessionSettings, type WorkerKind,
} from "./protocol";
import { isNode, startWorker, type WorkerPort } from "./worker-host";

export interface PoolOptions extends SessionSettings {
  /** workers per thread count (default: 1 in Node and on machines with fewer than 4 cores, else 2) */
  size?: number;
  /** ms to wait for a worker to acknowledge an abort before it is replaced (default 5,000) */
  abortTimeout?: number;
}

/** An AbortError from a worker job, with how far the job had got when it stopped. */
export interface WorkerAbortError extends Error {
  /** rows the worker had sent to its models */
  evaluated?: number;
  /** the last progress fraction */
  progress?: number;
  /** whether the worker acknowledged (false: it did not answer in time and was replaced) */
  acknowledged?: boolean;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (fraction: number) => void;
  keys: string[];
  slot: Slot;
  started: number;
  background: boolean;
}

/** A job's result with what the worker reported about how it ran. */
export interface JobOutcome {
  result: unknown;
  /** the worker's onnxruntime-web thread count (its own figure, after initialising) */
  threads?: number;
  /** ms the explainer took inside the worker */
  workerMs?: number;
  /** ms from sending the job to receiving its result, in this thread */
  ms: number;
}

interface Slot {
  port: Promise<WorkerPort>;
  /** model keys this worker has been sent */
  known: Set<string>;
  active: number;
  /** of which background calibration jobs (a caller's job does not avoid a worker busy only with those) */
  background: number;
  closed: boolean;
  /** a worker of the background calibration's own: callers' jobs never go to it */
  reserved: boolean;
  /** how this worker's onnxruntime-web was (or will be) initialised */
  session: SessionSettings;
}

export interface JobRequest {
  kind: WorkerKind;
  models: readonly WorkerModel[];
  many: boolean;
  data: Batch;
  feature?: string;
  options: Record<string, unknown>;
  /** onnxruntime-web threads for this job (default: the pool's); it runs in a worker started with that count */
  threads?: number;
  /** a job of the background thread calibration: not counted as a caller's job (see `foregroundJobs`) */
  background?: boolean;
}

// Callers' jobs in flight over every pool (a Rashomon set may have a pool of its own), counted from
// the moment a job is asked for: the background calibration runs only while this is 0 and is
// aborted the moment it rises, so that it never delays a caller's job.
let foreground = 0;
const listeners = new Set<(jobs: number) => void>();

function changeForeground(by: number): void {
  foreground += by;
  for (const listener of [...listeners]) listener(foreground);
}

/** Callers' worker jobs sent and not yet settled, over every pool (background calibration excepted). */
export function foregroundJobs(): number {
  return foreground;
}

/** Count a caller's job that is about to be asked for (e.g. while its thread count is looked up); returns the release. */
export function holdForeground(): () => void {
  changeForeground(1);
  let held = true;
  return () => { if (held) { held = false; changeForeground(-1); } };
}

/** Call `listener` (synchronously) whenever `foregroundJobs()` changes; returns the unsubscribe. */
export function onForegroundChange(listener: (jobs: number) => void): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

function abortErrorFor(fields: Partial<WorkerAbortError>): WorkerAbortError {
  return Object.assign(new DOMException("explanation aborted", "AbortError") as unknown as WorkerAbortError, fields);
}

function defaultSize(): number {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return isNode || cores < 4 ? 1 : 2;
}

function threadsOf(session: SessionSettings): number {
  return Math.max(1, Math.floor(session.numThreads ?? 1));
}

const now = () => globalThis.performance.now();

function sharedFlag(): Int32Array | undefined {
  const isolated = isNode || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  return isolated && typeof SharedArrayBuffer === "function" ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly jobCounts = new Map<number, number>();
  private readonly size: number;
  private readonly abortTimeout: number;
  private readonly session: SessionSettings;

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, Math.min(2, options.size ?? defaultSize()));
    this.abortTimeout = options.abortTimeout ?? 5_000;
    this.session = { numThreads: options.numThreads, wasmPaths: options.wasmPaths };
  }

  /** Workers started so far. */
  get workers(): number {
    return this.slots.length;
  }

  /** Jobs sent and not yet settled, over every worker. */
  get busy(): number {
    return this.slots.reduce((n, s) => n + s.active, 0);
  }

  /** Workers allowed per thread count (jobs beyond it queue in the workers' own event loops). */
  get capacity(): number {
    return this.size;
  }

  /** Each worker's thread count, whether it is the calibration's own, and its unsettled jobs (of which background). */
  workerLoad(): { threads: number; reserved: boolean; jobs: number; background: number }[] {
    return this.slots.map((s) =>
      ({ threads: threadsOf(s.session), reserved: s.reserved, jobs: s.active, background: s.background }));
  }

  /** Callers' jobs sent so far, per onnxruntime-web thread count of the worker they went to (status lines, tests). */
  jobsPerThreads(): Record<number, number> {
    return Object.fromEntries(this.jobCounts);
  }

  /** The thread count of the pool's default workers. */
  get defaultThreads(): number {
    return threadsOf(this.session);
  }

  /** Run one explanation in a worker; resolves to what the in-thread explainer returns. */
  async run(request: JobRequest): Promise<unknown> {
    return (await this.runJob(request)).result;
  }

  /** Run one job; resolves to its result with the worker's thread count and timings (for calibration). */
  async runJob(request: JobRequest): Promise<JobOutcome> {
    if (request.background) return this.dispatch(request);
    // counted before anything is awaited: a calibration running now is aborted before this job is sent
    changeForeground(1);
    try {
      return await this.dispatch(request);
    } finally {
      changeForeground(-1);
    }
  }

  private async dispatch(request: JobRequest): Promise<JobOutcome> {
    const { signal, onProgress } = request.options as { signal?: AbortSignal; onProgress?: (f: number) => void };
    if (signal?.aborted) throw abortErrorFor({ evaluated: 0, progress: 0, acknowledged: true });
    const options = sendableOptions(request.options);
    const specs = request.models.map(specOf);
    const keys = await Promise.all(request.models.map(modelKey));
    if (signal?.aborted) throw abortErrorFor({ evaluated: 0, progress: 0, acknowledged: true });
    const threads = request.threads ?? this.defaultThreads;
    const slot = this.choose(keys, threads, request.background === true);
    // reserved at once: jobs started together (a set's member chunks) then start a worker each
    const background = request.background === true;
    slot.active++;
    if (background) slot.background++;
    else this.jobCounts.set(threads, (this.jobCounts.get(threads) ?? 0) + 1);
    const release = () => { slot.active--; if (background) slot.background--; };
    let port: WorkerPort;
    try {
      port = await slot.port;
    } catch (e) {
      release();
      throw e;
    }
    // aborted while the worker was starting: nothing was sent
    if (signal?.aborted) {
      release();
      throw abortErrorFor({ evaluated: 0, progress: 0, acknowledged: true });
    }

    const transfer: ArrayBuffer[] = [];
    const models: ModelMessage[] = specs.map((spec, i) => {
      const { bytes, ...rest } = spec;
      const message: ModelMessage = { ...rest, key: keys[i] };
      if (slot.known.has(keys[i])) return { key: keys[i], name: spec.name };
      if (bytes) {
        // a copy: the caller's bytes stay usable (they are sent to each worker once)
        const copy = bytes.slice().buffer as ArrayBuffer;
        message.bytes = copy;
        transfer.push(copy);
      }
      slot.known.add(keys[i]);
      return message;
    });
    const packed = packBatch(request.data);
    transfer.push(...packed.transfer);
    const id = this.nextId++;
    const abortFlag = sharedFlag();
    const job: JobMessage = {
      id, kind: request.kind, models, many: request.many, data: packed.data, feature: request.feature,
      options, session: slot.session, abortFlag,
    };

    return new Promise<JobOutcome>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => {
        if (abortFlag) Atomics.store(abortFlag, 0, 1);
        port.post({ id, abort: true });
        // a worker that does not answer is stuck in one long computation: replace it
        timer = setTimeout(() => {
          if (!this.pending.has(id)) return;
          this.settle(id);
          reject(abortErrorFor({ acknowledged: false }));
          void this.retire(slot, new Error("the explanation worker did not stop when asked and was replaced"));
        }, this.abortTimeout);
      };
      const cleanup = () => { signal?.removeEventListener("abort", onAbort); if (timer) clearTimeout(timer); };
      this.pending.set(id, {
        resolve: (v) => { cleanup(); resolve(v as JobOutcome); },
        reject: (e) => { cleanup(); reject(e); },
        onProgress, keys, slot, started: now(), background,
      });
      signal?.addEventListener("abort", onAbort, { once: true });
      port.keepAlive(true);
      try {
        port.post(job, transfer);
      } catch (e) {
        this.settle(id);
        for (const k of keys) slot.known.delete(k);
        reject(e as Error);
      }
    });
  }

  /** Stop every worker; jobs still running reject. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => this.retire(s, new Error("the explanation workers were closed"))));
  }

  private choose(keys: string[], threads: number, background = false): Slot {
    // the calibration times the default thread count in a worker of its own, so that a caller's job
    // never queues behind a timed run in the worker it would use (onnxruntime cannot stop inside one)
    if (background && threads === this.defaultThreads) {
      const own = this.slots.find((s) => !s.closed && s.reserved && threadsOf(s.session) === threads);
      return own ?? this.start(threads, true);
    }
    const live = this.slots.filter((s) => !s.closed && !s.reserved && threadsOf(s.session) === threads);
    // background jobs are being aborted when a caller's job arrives: they do not make a worker busy
    const load = (s: Slot) => s.active - s.background;
    if (live.length < this.size && live.every((s) => load(s) > 0)) return this.start(threads);
    // least busy first, then the one holding most of the job's models
    return live.reduce((best, s) => {
      const held = (x: Slot) => keys.filter((k) => x.known.has(k)).length;
      if (load(s) !== load(best)) return load(s) < load(best) ? s : best;
      return held(s) > held(best) ? s : best;
    });
  }

  private start(threads: number, reserved = false): Slot {
    const session: SessionSettings = { ...this.session, numThreads: threads };
    const slot: Slot = { port: startWorker(), known: new Set(), active: 0, background: 0, closed: false, reserved, session };
    this.slots.push(slot);
    slot.port.then((port) => {
      port.onMessage((m) => this.receive(m));
      port.onFailure((e) => void this.retire(slot, e));
    }, (e) => void this.retire(slot, e));
    return slot;
  }

  private receive(message: FromWorker): void {
    const job = this.pending.get(message.id);
    if (!job) return; // a job already given up on (abort timeout)
    if ("progress" in message && !("error" in message)) {
      job.onProgress?.(message.progress);
      return;
    }
    this.settle(message.id);
    if ("result" in message) {
      job.resolve({ result: message.result, threads: message.threads, workerMs: message.ms, ms: now() - job.started });
    } else if (message.error.name === "AbortError") {
      job.reject(abortErrorFor({ evaluated: message.evaluated, progress: message.progress, acknowledged: true }));
    } else {
      // the worker may not hold these models (e.g. loading failed): send their files again next time
      for (const k of job.keys) job.slot.known.delete(k);
      job.reject(errorFrom(message.error));
    }
  }

  private settle(id: number): void {
    const job = this.pending.get(id);
    if (!job) return;
    this.pending.delete(id);
    job.slot.active--;
    if (job.background) job.slot.background--;
    if (job.slot.active === 0 && !job.slot.closed) void job.slot.port.then((p) => p.keepAlive(false));
  }

  private async retire(slot: Slot, error: Error): Promise<void> {
    if (slot.closed) return;
    slot.closed = true;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    for (const [id, job] of [...this.pending]) {
      if (job.slot !== slot) continue;
      this.settle(id);
      job.reject(error);
    }
    await slot.port.then((p) => p.terminate(), () => undefined);
  }
}
