// Errors an explainer raises, with messages a user can act on, and the checks that raise them.
import type { Batch, Predictor } from "../model/types";

/** Bad input to an explainer: unknown feature, empty data, non-finite predictions, … */
export class ExplainError extends Error {
  override name = "ExplainError";
}

/** The error every explainer throws when its `signal` is aborted. */
export function abortError(): DOMException {
  return new DOMException("aborted", "AbortError");
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError();
}

/** Up to `max` names joined with commas, with "…" when there are more. */
function listed(names: readonly string[], max = 12): string {
  return names.slice(0, max).join(", ") + (names.length > max ? ", …" : "");
}

export function checkNotEmpty(data: Batch, what = "data"): void {
  if (data.n === 0) throw new ExplainError(`the ${what} has no rows; an explanation needs at least one`);
}

/** Throws unless `feature` is a column of `data`. */
export function checkFeature(data: Batch, feature: string): void {
  if (!(feature in data.columns)) {
    throw new ExplainError(`unknown feature \`${feature}\`; the data has: ${listed(Object.keys(data.columns))}`);
  }
}

/** Throws unless every feature the model reads is a column of `data`. */
export function checkModelInputs(model: Predictor, data: Batch): void {
  const missing = model.features.filter((f) => !(f in data.columns));
  if (missing.length > 0) {
    throw new ExplainError(
      `model \`${model.name}\` reads ${missing.map((f) => `\`${f}\``).join(", ")}, missing from the data; the data has: ${listed(Object.keys(data.columns))}`,
    );
  }
}

/** Throws when a model returned NaN or ±Infinity, naming how many rows and the first one. */
export function checkFinite(model: Predictor, scores: Float64Array): void {
  let bad = 0, first = -1, example = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) {
      if (bad++ === 0) { first = i; example = scores[i]; }
    }
  }
  if (bad > 0) {
    throw new ExplainError(
      `model \`${model.name}\` returned ${example} for ${bad} of ${scores.length} rows (first: row ${first + 1}, rows counted from 1)`,
    );
  }
}
