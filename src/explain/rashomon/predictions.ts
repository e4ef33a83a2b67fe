// Predictions of a model on a batch, computed once: a Rashomon set recomputed with another ε,
// metric or slice reuses them. Keyed weakly by (model, batch object), so a new batch (an edited
// table) is a new key and nothing is kept alive by the cache.
import type { Batch, Predictor } from "../../model/types";
import { checkModelInputs, checkNotEmpty } from "../errors";
import { modelColumns, predictChecked, type RunOptions } from "../models";

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

/** Scores of every model on `data`, in order. */
export async function predictAll(models: readonly Predictor[], data: Batch, run: RunOptions = {}): Promise<Float64Array[]> {
  const out: Float64Array[] = [];
  for (const m of models) out.push(await cachedPredict(m, data, { signal: run.signal }));
  run.onProgress?.(1);
  return out;
}
