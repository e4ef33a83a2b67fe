// How many onnxruntime-web threads a model should run with at a given batch size, decided from
// timings of the same real batch in each candidate instance (pure: the timing itself, in workers,
// is src/explain/worker/thread-calibrate.ts). More threads must earn their place: a candidate
// replaces the default (1 thread) only when it is faster by a margin in the median of paired
// rounds, because on a loaded 2-core machine 2 threads were 1.7–2.1× slower than 1, and single
// rows are slower with 2 threads everywhere.

/** The timings of one candidate: the same batch, one figure per alternating round. */
export interface ThreadTimings {
  threads: number;
  /** whether this candidate ran in a worker (false: the caller's own onnxruntime instance) */
  worker: boolean;
  /** wall-clock ms of each round, for the whole batch */
  ms: readonly number[];
}

export interface ThreadCandidate {
  threads: number;
  worker: boolean;
  /** median ms per row over the rounds */
  msPerRow: number;
}

/** A decision the caller can show: what was chosen, from which measurements, and why. */
export interface ThreadChoice {
  threads: number;
  /** whether the chosen instance is a worker */
  worker: boolean;
  candidates: ThreadCandidate[];
  /** rows of the batch the decision was made for (the calibration may time only its first rows) */
  rows: number;
  /** the batch-size bucket this decision stands for (a power of 10) */
  bucket: number;
  decided: "calibrated" | "default";
  reason: string;
}

export interface ThreadDecisionOptions {
  /** how much faster (median paired ratio − 1) a candidate must be to replace the default (default 0.1) */
  margin?: number;
  /** batches with fewer rows never use more than one thread and are not timed (default 1,000) */
  minRows?: number;
}

export const DEFAULT_MARGIN = 0.1;
export const MIN_CALIBRATED_ROWS = 1000;

/** The power of 10 at or below `rows` (1 for 0 or 1 row): decisions are cached per bucket. */
export function batchBucket(rows: number): number {
  if (!(rows >= 10)) return 1;
  let b = 1;
  while (b * 10 <= rows) b *= 10;
  return b;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The default choice (1 thread, no timing needed), with the reason it was not calibrated. */
export function defaultChoice(
  rows: number, reason: string, worker = false, candidates: ThreadCandidate[] = [],
): ThreadChoice {
  return { threads: 1, worker, candidates, rows, bucket: batchBucket(rows), decided: "default", reason };
}

/**
 * The choice for a batch of `rows` rows from the timings of each candidate. The first candidate is
 * the default (1 thread); another wins only when the median over rounds of (default ms ÷ its ms)
 * is at least 1 + margin, and the fastest such candidate is taken.
 */
export function decideThreads(
  rows: number, timings: readonly ThreadTimings[], options: ThreadDecisionOptions = {},
): ThreadChoice {
  const margin = options.margin ?? DEFAULT_MARGIN;
  const minRows = options.minRows ?? MIN_CALIBRATED_ROWS;
  const base = timings[0];
  if (rows < minRows) {
    const why = `batches under ${minRows} rows run on 1 thread (a row costs less than starting threads)`;
    return defaultChoice(rows, why, base?.worker ?? false);
  }
  if (!base) return defaultChoice(rows, "nothing was timed");
  const usable = timings.every((t) =>
    t.ms.length > 0 && t.ms.length === base.ms.length && t.ms.every((x) => Number.isFinite(x) && x > 0));
  const candidates = timings.map((t): ThreadCandidate => ({
    threads: t.threads, worker: t.worker, msPerRow: t.ms.length ? median(t.ms) / rows : NaN,
  }));
  if (!usable) {
    return defaultChoice(rows, "the timings are incomplete (a round failed or took no measurable time)", base.worker, candidates);
  }
  if (timings.length === 1) return defaultChoice(rows, "only the default was timed", base.worker, candidates);

  let best = 0, bestRatio = 1;
  for (let c = 1; c < timings.length; c++) {
    // paired by round: the rounds alternate, so each pair saw about the same load
    const ratio = median(base.ms.map((b, r) => b / timings[c].ms[r]));
    if (ratio >= 1 + margin && ratio > bestRatio) { best = c; bestRatio = ratio; }
  }
  const chosen = timings[best];
  const where = (t: ThreadTimings) =>
    `${t.threads} thread${t.threads > 1 ? "s" : ""}${t.worker ? " in a worker" : " in this thread"}`;
  const reason = best === 0
    ? `no candidate beat ${where(base)} by ${Math.round(margin * 100)} % or more (median of ${base.ms.length} paired rounds)`
    : `${where(chosen)} was ${bestRatio.toFixed(2)}× faster than ${where(base)} (median of ${base.ms.length} paired rounds)`;
  const bucket = batchBucket(rows);
  return { threads: chosen.threads, worker: chosen.worker, candidates, rows, bucket, decided: "calibrated", reason };
}

/** A decision kept in the cache, with the model it was made for (plain data for status lines). */
export interface KeptChoice {
  /** the model's name as its caller gave it ("" when unknown) */
  model: string;
  key: string;
  choice: ThreadChoice;
}

/**
 * Decisions for this session, one per (model key, batch bucket); a decision in progress is shared.
 * A settled decision can also be read synchronously (`peek`) or stored as made elsewhere (`put`,
 * the background calibration), so a job never has to wait for one.
 */
export class ThreadChoices {
  private readonly choices = new Map<string, Promise<ThreadChoice>>();
  private readonly settled = new Map<string, KeptChoice>();

  private static id(key: string, rows: number): string {
    return `${batchBucket(rows)}|${key}`;
  }

  /** The cached decision for `key` at `rows`, or the one `calibrate` makes (not kept when it fails). */
  get(key: string, rows: number, calibrate: () => Promise<ThreadChoice>, model = ""): Promise<ThreadChoice> {
    const id = ThreadChoices.id(key, rows);
    let choice = this.choices.get(id);
    if (!choice) {
      const made = calibrate();
      choice = made;
      this.choices.set(id, made);
      made.then(
        (c) => { if (this.choices.get(id) === made) this.settled.set(id, { model, key, choice: c }); },
        () => { if (this.choices.get(id) === made) this.choices.delete(id); },
      );
    }
    return choice;
  }

  /** The settled decision for `key` at `rows`, if there is one (never starts a calibration). */
  peek(key: string, rows: number): ThreadChoice | undefined {
    return this.settled.get(ThreadChoices.id(key, rows))?.choice;
  }

  /** Whether a decision for `key` at `rows` is made or in progress. */
  has(key: string, rows: number): boolean {
    return this.choices.has(ThreadChoices.id(key, rows));
  }

  /** Keep a decision made elsewhere (replaces nothing: a decision already made or in progress wins). */
  put(key: string, rows: number, choice: ThreadChoice, model = ""): void {
    const id = ThreadChoices.id(key, rows);
    if (this.choices.has(id)) return;
    this.choices.set(id, Promise.resolve(choice));
    this.settled.set(id, { model, key, choice });
  }

  /** Every settled decision, in the order they were made. */
  decisions(): KeptChoice[] {
    return [...this.settled.values()];
  }

  /** Forget every decision (e.g. when the machine's load changed a lot). */
  clear(): void {
    this.choices.clear();
    this.settled.clear();
  }

  get size(): number {
    return this.choices.size;
  }
}
