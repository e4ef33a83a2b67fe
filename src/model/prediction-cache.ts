// Remembering one model's predictions per batch: keyed by the Batch object itself (a WeakMap, so a
// batch nobody holds is forgotten with its scores) and an optional data `version` for callers
// that mutate columns in place. Callers get copies, so editing a result cannot corrupt the cache.
import type { Batch } from "./types";

export class PredictionCache {
  private byBatch = new WeakMap<Batch, Map<string, Promise<Float64Array>>>();

  /** The cached scores for (batch, version), computing them with `compute` on a miss. */
  async get(batch: Batch, version: string | number | undefined, compute: () => Promise<Float64Array>): Promise<Float64Array> {
    let entries = this.byBatch.get(batch);
    if (!entries) this.byBatch.set(batch, (entries = new Map()));
    const key = version === undefined ? "" : `v:${version}`;
    let pending = entries.get(key);
    if (!pending) {
      pending = compute();
      entries.set(key, pending);
      // a failed or aborted computation must not be remembered
      pending.catch(() => { if (entries!.get(key) === pending) entries!.delete(key); });
    }
    return (await pending).slice();
  }

  clear(): void {
    this.byBatch = new WeakMap();
  }
}
