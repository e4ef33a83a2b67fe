// Interventional Shapley values over a background sample: the value of a coalition S is
// v(S) = mean over background rows b of f(x_S, b_~S). This file holds the coalition batches
// every sampled SHAP method shares, and the exact method that enumerates all 2^p coalitions.
import type { Batch, Column, Predictor } from "../model/types";
import { isNumeric } from "./batch";
import { ExplainError } from "./errors";
import { predictChecked, type RunOptions } from "./models";

/** Most features the exact method enumerates (2^12 = 4096 coalitions). */
export const MAX_EXACT_FEATURES = 12;

/** Shapley values of one observation for one model. */
export interface ShapleyResult {
  /** φ_j, one per feature (in the order asked for) */
  values: number[];
  /** v(∅) = mean prediction over the background */
  base: number;
  /** v(all) = f(x) */
  prediction: number;
  /** rows sent to the model */
  evaluations: number;
}

/**
 * One row holding the observation's values for `features`. Numbers go in typed arrays so they
 * mix with the background's numeric columns; categories stay plain values.
 */
export function observationBatch(
  observation: Readonly<Record<string, unknown>>,
  features: readonly string[],
  like: Batch,
): Batch {
  const columns: Record<string, Column> = Object.create(null);
  for (const f of features) {
    if (!(f in observation)) {
      throw new ExplainError(`the observation has no value for \`${f}\`; it has: ${Object.keys(observation).join(", ")}`);
    }
    const v = observation[f];
    if (isNumeric(like.columns[f])) {
      const n = v === null || v === undefined ? NaN : Number(v);
      if (typeof v === "string" && Number.isNaN(n)) {
        throw new ExplainError(`the observation's \`${f}\` is "${v}", but the data's \`${f}\` holds numbers`);
      }
      columns[f] = new Float64Array([n]);
    } else {
      columns[f] = [v as string | number | boolean | null];
    }
  }
  return { n: 1, columns };
}

/**
 * The batch of k coalitions × nbg background rows, block c holding coalition c: feature j takes the
 * observation's value where `coalitions[c·p + j]` is 1, the background row's value otherwise.
 * Hot path: filled column by column, block by block, with typed-array copies where possible.
 */
export function coalitionBatch(
  x: Batch,
  background: Batch,
  features: readonly string[],
  coalitions: Uint8Array,
  k: number,
): Batch {
  const p = features.length, nbg = background.n;
  const columns: Record<string, Column> = Object.create(null);
  features.forEach((f, j) => {
    const bg = background.columns[f];
    const xv = x.columns[f][0];
    if (isNumeric(bg)) {
      const out = new Float64Array(k * nbg);
      for (let c = 0; c < k; c++) {
        if (coalitions[c * p + j]) out.fill(xv as number, c * nbg, (c + 1) * nbg);
        else out.set(bg, c * nbg);
      }
      columns[f] = out;
    } else {
      const out = new Array(k * nbg);
      for (let c = 0; c < k; c++) {
        const fromX = coalitions[c * p + j] === 1;
        for (let r = 0; r < nbg; r++) out[c * nbg + r] = fromX ? xv : bg[r];
      }
      columns[f] = out;
    }
  });
  return { n: k * nbg, columns };
}

/** v(S) for each of k coalitions: the mean score of its block of nbg rows. */
export function blockMeans(scores: Float64Array, k: number, nbg: number): Float64Array {
  const v = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let r = c * nbg; r < (c + 1) * nbg; r++) s += scores[r];
    v[c] = s / nbg;
  }
  return v;
}

/** Predicts the coalitions and returns v(S) for each. */
export async function coalitionValues(
  model: Predictor,
  x: Batch,
  background: Batch,
  coalitions: Uint8Array,
  k: number,
  options: RunOptions,
): Promise<Float64Array> {
  const batch = coalitionBatch(x, background, model.features, coalitions, k);
  const scores = await predictChecked(model, batch, options);
  return blockMeans(scores, k, background.n);
}

/** w[s] = s!(p−s−1)!/p!, the Shapley weight of a coalition of size s not holding the feature. */
export function shapleyWeights(p: number): Float64Array {
  const w = new Float64Array(p);
  // computed as 1 / (p · C(p−1, s)) to stay exact for moderate p
  let binom = 1;
  for (let s = 0; s < p; s++) {
    w[s] = 1 / (p * binom);
    binom = (binom * (p - 1 - s)) / (s + 1);
  }
  return w;
}

/** Shapley values from v over all 2^p coalitions (v indexed by bitmask: bit j set = feature j in S). */
export function shapleyFromValues(v: ArrayLike<number>, p: number): Float64Array {
  const w = shapleyWeights(p);
  const phi = new Float64Array(p);
  const full = 1 << p;
  for (let m = 0; m < full; m++) {
    let size = 0;
    for (let j = 0; j < p; j++) size += (m >> j) & 1;
    if (size === p) continue;
    for (let j = 0; j < p; j++) {
      if ((m >> j) & 1) continue;
      phi[j] += w[size] * (v[m | (1 << j)] - v[m]);
    }
  }
  return phi;
}

/** The refusal for too many features, naming the sampled alternatives. */
export function tooManyFeatures(p: number): ExplainError {
  return new ExplainError(
    `exact Shapley values enumerate all 2^p coalitions; this model reads ${p} features (at most ${MAX_EXACT_FEATURES}): use method 'permutation' or 'kernel'`,
  );
}

/**
 * Exact interventional Shapley values: one batch of 2^p × background rows, one predict call.
 * `x` is a one-row batch holding the observation's values for `model.features`.
 */
export async function exactShapley(
  model: Predictor,
  x: Batch,
  background: Batch,
  options: RunOptions = {},
): Promise<ShapleyResult> {
  const p = model.features.length;
  if (p > MAX_EXACT_FEATURES) throw tooManyFeatures(p);
  const k = 1 << p;
  const coalitions = new Uint8Array(k * p);
  for (let m = 0; m < k; m++) for (let j = 0; j < p; j++) coalitions[m * p + j] = (m >> j) & 1;
  const v = await coalitionValues(model, x, background, coalitions, k, options);
  return { values: Array.from(shapleyFromValues(v, p)), base: v[0], prediction: v[k - 1], evaluations: k * background.n };
}
