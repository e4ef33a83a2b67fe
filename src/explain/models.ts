// Running an explainer over one model or a set of models, and the one checked predict call each makes.
import type { Batch, PredictOptions, Predictor } from "../model/types";
import type { Explanation } from "./types";
import { checkFinite, ExplainError, throwIfAborted } from "./errors";

/** Options every explainer accepts. */
export interface RunOptions {
  /** stop work when the requesting cell is invalidated; the explainer then throws an AbortError */
  signal?: AbortSignal;
  /** fraction done in [0, 1]; reaches 1 when the explanation is complete */
  onProgress?: (fraction: number) => void;
}

/** Milliseconds since an arbitrary origin (for `Explanation.ms`). */
export function now(): number {
  return globalThis.performance.now();
}

/**
 * Runs `explain` for each model in turn: one Explanation for one model, an array for many.
 * Progress of model i of k is mapped into [i/k, (i+1)/k] so a set reports one rising fraction.
 */
export async function perModel<E>(
  models: Predictor | readonly Predictor[],
  options: RunOptions,
  explain: (model: Predictor, options: RunOptions) => Promise<E>,
): Promise<E | E[]> {
  const list = Array.isArray(models) ? (models as readonly Predictor[]) : [models as Predictor];
  if (list.length === 0) throw new ExplainError("no models given; pass a Predictor or a non-empty array of them");
  const names = new Set<string>();
  for (const m of list) {
    if (names.has(m.name)) throw new ExplainError(`two models are named \`${m.name}\`; names must be unique within a set`);
    names.add(m.name);
  }
  const results: E[] = [];
  const k = list.length;
  for (let i = 0; i < k; i++) {
    throwIfAborted(options.signal);
    const report = options.onProgress;
    const onProgress = report ? (f: number) => report((i + Math.min(1, Math.max(0, f))) / k) : undefined;
    results.push(await explain(list[i], { signal: options.signal, onProgress }));
  }
  options.onProgress?.(1);
  return Array.isArray(models) ? results : results[0];
}

/** One predict call, with abort forwarded and non-finite scores rejected. */
export async function predictChecked(model: Predictor, batch: Batch, options: PredictOptions): Promise<Float64Array> {
  throwIfAborted(options.signal);
  const scores = await model.predict(batch, { signal: options.signal, onProgress: options.onProgress });
  throwIfAborted(options.signal);
  if (scores.length !== batch.n) {
    throw new ExplainError(`model \`${model.name}\` returned ${scores.length} scores for ${batch.n} rows`);
  }
  checkFinite(model, scores);
  return scores;
}

/** Only the columns the model reads (so perturbed batches copy no more than needed). */
export function modelColumns(model: Predictor, data: Batch): Batch {
  const columns: Batch["columns"] = {};
  for (const f of model.features) (columns as Record<string, unknown>)[f] = data.columns[f];
  return { n: data.n, columns };
}

/** An Explanation's common fields, filled from a start time. */
export function finish<V>(
  fields: Omit<Explanation<V>, "ms">,
  started: number,
): Explanation<V> {
  return { ...fields, ms: now() - started };
}
