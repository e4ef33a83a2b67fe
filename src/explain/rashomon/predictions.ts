// Predictions of a model on a batch, computed once: a Rashomon set recomputed with another ε,
// metric or slice reuses them. Keyed weakly by (model, batch object), so a new batch (an edited
// table) is a new key and nothing is kept alive by the cache.
import type { Batch, Predictor } from "../../model/types";
import { checkModelInputs, checkNotEmpty } from "../errors";
import { modelColumns, predictChecked, type RunOptions } from "../models";
import { inMemberChunks, spreadCount, type SpreadOptions } from "./spread";

const cache = new WeakMap<Predictor, WeakMap<Batch, Promise<Float64Array>>>();

/** The model's scores on every row of `data` (one predict call the first time, none after). */
export function cachedPredict(model: Predictor, data: Batch, run: RunOptions = {}): Promise<Float64Array> {
  let byBatch = cache.get(model);
  if (!byBatch) cache.set(model, (byBatch = new WeakMap()));
  const hit = byBatch.get(data);
  if (hit) return hit;
  checkNotEmpty(data);
  checkModelInputs(model, data);
  const pending = predictChecked(model, modelColumns(model, data), run);
  byBatch.set(data, pending);
  // a failed or aborted run is not remembered: the next caller tries again
  pending.catch(() => { if (byBatch!.get(data) === pending) byBatch!.delete(data); });
  return pending;
}

/** Scores of every model on `data`, in order (the models not yet cached may be scored in workers). */
export async function predictAll(models: readonly Predictor[], data: Batch, run: RunOptions & SpreadOptions = {}): Promise<Float64Array[]> {
  const missing = models.filter((m) => !cache.get(m)?.has(data));
  const workers = await spreadCount(missing, { workers: run.workers }, missing.length * data.n);
  if (workers) {
    checkNotEmpty(data);
    for (const m of missing) checkModelInputs(m, data);
    const scored = inMemberChunks<Float64Array>("predict", missing, data, undefined, { signal: run.signal }, workers);
    missing.forEach((m, k) => {
      let byBatch = cache.get(m);
      if (!byBatch) cache.set(m, (byBatch = new WeakMap()));
      const pending = scored.then((all) => all[k]);
      byBatch.set(data, pending);
      pending.catch(() => { if (byBatch!.get(data) === pending) byBatch!.delete(data); });
    });
  }
  const out: Float64Array[] = [];
  for (const m of models) out.push(await cachedPredict(m, data, { signal: run.signal }));
  run.onProgress?.(1);
  return out;
}
