// How the benchmark times things: warm up once, then the best (least) wall time over repeated
// calls, as data/scripts/bench_reference.py does on the Python side, so the ratios compare like with like.

export interface TimingOptions {
  /** at least this many timed calls (default 3) */
  minRuns?: number;
  /** at most this many (default 10,000) */
  maxRuns?: number;
  /** keep calling until this much time was spent, within minRuns…maxRuns (default 500 ms) */
  budgetMs?: number;
}

/** Least milliseconds one call of `fn` took, after one warm-up call. */
export async function bestOf(fn: () => Promise<unknown> | unknown, options: TimingOptions = {}): Promise<number> {
  const { minRuns = 3, maxRuns = 10_000, budgetMs = 500 } = options;
  await fn();
  let best = Infinity, spent = 0, calls = 0;
  while (calls < minRuns || (spent < budgetMs && calls < maxRuns)) {
    const t0 = performance.now();
    await fn();
    const dt = performance.now() - t0;
    best = Math.min(best, dt);
    spent += dt;
    calls++;
  }
  return best;
}

/** Rows per second from a batch size and the best milliseconds per call. */
export function rowsPerSecond(rows: number, ms: number): number {
  return (rows / ms) * 1000;
}
