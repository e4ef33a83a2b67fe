// Thread calibration that no job waits for. A job whose (model, batch bucket) has no decision yet
// runs at once with the pool's default (1 thread), and a calibration for that pair is queued here.
// It starts only after the pools have had no caller's job for `idleDelay` ms, one at a time, and is
// aborted the moment a caller's job is asked for (pool.ts counts them synchronously, before the job
// is sent); an aborted calibration is re-run at the next idle time, up to `maxAttempts` starts.
// The decision then goes into the session's ThreadChoices, where later jobs at that bucket (and
// explicit "auto") read it. Starting a 2-thread worker costs seconds on 2 cores, which is why a
// caller must never wait for this. Onnxruntime cannot be interrupted inside one run, so a job that
// arrives during a timed round shares the cores with the rest of that round (at most one run of
// the timed rows); a round in the pool's 1-thread worker finishes before the job starts there.
import { batchBucket, MIN_CALIBRATED_ROWS, type Batch, type ThreadChoice, type ThreadChoices } from "../../model/index";
import { modelKey, type WorkerModel } from "./model-source";
import { foregroundJobs, onForegroundChange, type WorkerPool } from "./pool";
import { calibrateThreads, choiceKey, TIMED_ROWS, type CalibrateOptions } from "./thread-calibrate";

export type BackgroundState = "waiting" | "running" | "decided" | "failed" | "gave-up";

/** One (model, bucket) the background calibration knows about, as plain data. */
export interface BackgroundEntry {
  model: string;
  bucket: number;
  /** rows of the job that asked for it */
  rows: number;
  state: BackgroundState;
  /** calibrations started so far (aborted and failed ones included) */
  attempts: number;
  /** why the last attempt failed (a failed calibration is not kept) */
  error?: string;
  choice?: ThreadChoice;
}

export interface BackgroundEvent {
  type: "scheduled" | "start" | "abort" | "decided" | "failed" | "gave-up";
  model: string;
  bucket: number;
  attempt: number;
  /** performance.now() when it happened */
  at: number;
}

export type BackgroundCalibrationSettings = Pick<CalibrateOptions, "threads" | "rounds" | "maxRows" | "margin" | "minRows">;

export interface BackgroundOptions {
  /** the pool whose workers are timed */
  pool: WorkerPool;
  /** where decisions are read and kept (the session's, shared with "auto") */
  choices: ThreadChoices;
  /** ms without a caller's job before a calibration starts (default 1,500: cells run in bursts) */
  idleDelay?: number;
  /** calibrations started per (model, bucket) before giving up for this session (default 4) */
  maxAttempts?: number;
  calibration?: BackgroundCalibrationSettings;
  /** told of every step (tests, status lines) */
  onEvent?: (event: BackgroundEvent) => void;
}

interface Entry extends BackgroundEntry {
  key: string;
  source?: WorkerModel;
  /** the first rows of the job's batch (the calibration times no more), dropped once decided */
  data?: Batch;
}

const now = () => globalThis.performance.now();

/** The first `rows` rows of a batch, copied (the job's own batch may be large and is not kept). */
function head(data: Batch, rows: number): Batch {
  if (rows >= data.n) return data;
  const columns = Object.fromEntries(Object.entries(data.columns).map(([k, c]) => [k, c.slice(0, rows)]));
  return { n: rows, columns: columns as Batch["columns"] };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class BackgroundCalibration {
  private readonly entries = new Map<string, Entry>();
  private running?: { entry: Entry; controller: AbortController; done: Promise<void> };
  private timer?: ReturnType<typeof setTimeout>;
  private stopped = false;
  private readonly unsubscribe: () => void;
  private waiters: (() => void)[] = [];
  private readonly idleDelay: number;
  private readonly maxAttempts: number;
  private readonly settings: BackgroundCalibrationSettings;

  constructor(private readonly options: BackgroundOptions) {
    this.idleDelay = Math.max(0, options.idleDelay ?? 1_500);
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 4));
    this.settings = options.calibration ?? {};
    this.unsubscribe = onForegroundChange((jobs) => (jobs > 0 ? this.yieldToJobs() : this.arm()));
  }

  /**
   * The thread count for a job of `model` on `data`: the decision for its (model, bucket) when one
   * was made, else undefined (the pool's default) after queueing a calibration. Never waits for one.
   */
  async threadsFor(model: WorkerModel, data: Batch): Promise<number | undefined> {
    if (this.stopped || data.n < (this.settings.minRows ?? MIN_CALIBRATED_ROWS)) return undefined;
    const key = choiceKey(await modelKey(model), this.settings.threads);
    const decided = this.options.choices.peek(key, data.n);
    if (decided) return decided.threads;
    this.schedule(key, model, data);
    return undefined;
  }

  /** Every (model, bucket) queued so far and where it stands. */
  status(): BackgroundEntry[] {
    return [...this.entries.values()].map(({ model, bucket, rows, state, attempts, error, choice }) =>
      ({ model, bucket, rows, state, attempts, ...(error !== undefined && { error }), ...(choice && { choice }) }));
  }

  /** Resolves once nothing is waiting or running (a waiting calibration waits for idle time first). */
  settled(): Promise<void> {
    if (this.isSettled()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stop for good: the running calibration is aborted, nothing else starts. Resolves once it has stopped. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const running = this.running;
    running?.controller.abort();
    await running?.done;
    this.wake();
  }

  private schedule(key: string, model: WorkerModel, data: Batch): void {
    const bucket = batchBucket(data.n);
    const id = `${bucket}|${key}`;
    const known = this.entries.get(id);
    if (known) {
      // the session's decisions were cleared: calibrate again from scratch
      if (known.state === "decided" && !this.options.choices.has(key, data.n)) known.attempts = 0;
      // a failed calibration is not kept: a later job at that bucket queues it again, within the bound
      else if (known.state !== "failed" || known.attempts >= this.maxAttempts) return;
      Object.assign(known, { state: "waiting", rows: data.n, source: model, data: head(data, this.timedRows()) });
    } else {
      // a decision in progress elsewhere ("auto" on request) is read when it is made
      if (this.options.choices.has(key, data.n)) return;
      const entry: Entry = {
        key, model: model.name, bucket, rows: data.n, state: "waiting", attempts: 0, source: model,
        data: head(data, this.timedRows()),
      };
      this.entries.set(id, entry);
    }
    this.emit("scheduled", this.entries.get(id)!);
    this.arm();
  }

  private timedRows(): number {
    return Math.max(this.settings.minRows ?? MIN_CALIBRATED_ROWS, Math.floor(this.settings.maxRows ?? TIMED_ROWS));
  }

  private emit(type: BackgroundEvent["type"], entry: Entry): void {
    this.options.onEvent?.({ type, model: entry.model, bucket: entry.bucket, attempt: entry.attempts, at: now() });
  }

  private waiting(): Entry[] {
    return [...this.entries.values()].filter((e) => e.state === "waiting");
  }

  private isSettled(): boolean {
    return !this.running && (this.stopped || this.waiting().length === 0);
  }

  private wake(): void {
    if (!this.isSettled()) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Start the idle timer when the pools are idle and something waits. */
  private arm(): void {
    if (this.stopped || this.running || this.timer || foregroundJobs() > 0 || !this.waiting().length) return;
    this.timer = setTimeout(() => { this.timer = undefined; this.startNext(); }, this.idleDelay);
    // a queued calibration never keeps a Node process alive
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** A caller's job was asked for: no calibration may start, and the running one stops. */
  private yieldToJobs(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running && !this.running.controller.signal.aborted) {
      this.running.controller.abort();
      this.emit("abort", this.running.entry);
    }
  }

  private startNext(): void {
    if (this.stopped || this.running || foregroundJobs() > 0) return;
    const { choices } = this.options;
    for (const entry of this.waiting()) {
      const made = choices.peek(entry.key, entry.rows);
      if (made) {
        Object.assign(entry, { state: "decided", choice: made, data: undefined, source: undefined });
        continue;
      }
      if (choices.has(entry.key, entry.rows)) continue;
      this.run(entry);
      return;
    }
    this.wake();
  }

  private run(entry: Entry): void {
    entry.attempts++;
    entry.state = "running";
    this.emit("start", entry);
    const controller = new AbortController();
    const { pool, choices } = this.options;
    const done = calibrateThreads(entry.source!, entry.data!, {
      ...this.settings, pool, signal: controller.signal, inThread: false, background: true,
    }).then(
      (choice) => {
        // a calibration that finished after its abort may have timed a round beside the job: not kept
        if (controller.signal.aborted) return this.interrupted(entry);
        const full: ThreadChoice = { ...choice, rows: entry.rows, bucket: entry.bucket };
        choices.put(entry.key, entry.rows, full, entry.model);
        const kept = choices.peek(entry.key, entry.rows) ?? full;
        Object.assign(entry, { state: "decided", choice: kept, data: undefined, source: undefined });
        delete entry.error;
        this.emit("decided", entry);
      },
      (e) => {
        if (controller.signal.aborted) return this.interrupted(entry);
        entry.error = message(e);
        this.end(entry, "failed");
      },
    ).finally(() => {
      this.running = undefined;
      this.arm();
      this.wake();
    });
    this.running = { entry, controller, done };
  }

  private interrupted(entry: Entry): void {
    if (this.stopped) entry.state = "waiting";
    else if (entry.attempts >= this.maxAttempts) this.end(entry, "gave-up");
    else entry.state = "waiting";
  }

  private end(entry: Entry, state: "failed" | "gave-up"): void {
    // a failed entry keeps no rows: the job that queues it again brings its own
    const final = state === "failed" && entry.attempts >= this.maxAttempts ? "gave-up" : state;
    Object.assign(entry, { state: final, data: undefined, source: undefined });
    this.emit(final, entry);
  }
}
