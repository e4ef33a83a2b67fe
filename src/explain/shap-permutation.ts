// Permutation-sampling Shapley values (Štrumbelj & Kononenko 2014) with antithetic permutations
// (Mitchell et al. 2022): each permutation π is paired with its reverse, and every coalition along
// both walks is valued over the whole background, so each pair's estimate sums exactly to
// f(x) − E[f]. The standard error is the spread of the pair estimates.
import type { Batch, Predictor } from "../model/types";
import { ExplainError } from "./errors";
import type { RunOptions } from "./models";
import { permutation, rng } from "./random";
import { blockMeans, coalitionValues } from "./shapley";
import { readsAll, treeChainScores } from "./breakdown-trees";
import { checkFinite } from "./errors";
import { engineName, engineOf } from "./trees";

export interface SampledShapley {
  values: number[];
  /** standard error of each value */
  se: number[];
  base: number;
  prediction: number;
  evaluations: number;
  /** what scored the coalitions: the trees (one chain walk per permutation) or the model */
  engine?: string;
}

/**
 * `pairs` antithetic pairs of permutations; coalitions sent to the model: ∅, all, and the p − 1
 * proper prefixes of each of the 2·pairs permutations (each × background rows), in one batch.
 */
export async function permutationShapley(
  model: Predictor,
  x: Batch,
  background: Batch,
  pairs: number,
  seed: number,
  options: RunOptions = {},
): Promise<SampledShapley> {
  const p = model.features.length;
  if (!(Number.isInteger(pairs) && pairs >= 2)) {
    throw new ExplainError(`samples must be an integer ≥ 2 (antithetic permutation pairs) for a standard error; got ${pairs}`);
  }
  const random = rng(seed);
  const perms: Int32Array[] = [];
  for (let s = 0; s < pairs; s++) {
    const pi = permutation(p, random);
    perms.push(pi, pi.slice().reverse());
  }
  // coalition 0 = ∅, 1 = all, then the prefixes of size 1..p−1 of each permutation
  const inner = Math.max(0, p - 1);
  const k = 2 + perms.length * inner;
  const coalitions = new Uint8Array(k * p);
  coalitions.fill(1, p, 2 * p);
  perms.forEach((pi, m) => {
    for (let size = 1; size <= inner; size++) {
      const c = 2 + m * inner + (size - 1);
      for (let t = 0; t < size; t++) coalitions[c * p + pi[t]] = 1;
    }
  });
  // a checked tree engine scores each permutation's prefixes in one chain walk (the same scores)
  const found = await engineOf(model);
  const engine = found && readsAll(found, model.features) ? found : undefined;
  const v = engine ? await chainValues() : await coalitionValues(model, x, background, coalitions, k, options);
  async function chainValues(): Promise<Float64Array> {
    const at = perms.map((pi) => { const a = new Int32Array(p); pi.forEach((j, t) => { a[j] = t + 1; }); return a; });
    const scores = await treeChainScores(engine!, model.features, x, background, at, p, options);
    checkFinite(model, scores);
    const chain = blockMeans(scores, perms.length * (p + 1), background.n);
    const out = new Float64Array(k);
    out[0] = chain[0];
    out[1] = chain[p];
    perms.forEach((_, m) => { for (let size = 1; size <= inner; size++) out[2 + m * inner + size - 1] = chain[m * (p + 1) + size]; });
    return out;
  }
  // value of the prefix of size `size` of permutation m
  const prefix = (m: number, size: number) => (size === 0 ? v[0] : size === p ? v[1] : v[2 + m * inner + size - 1]);

  // Welford's running mean and sum of squares: a feature every pair values alike (additive, or only in
  // pairwise interactions, which antithetic pairs settle exactly) gets an SE of 0, not rounding noise
  const mean = new Float64Array(p), m2 = new Float64Array(p);
  const pair = new Float64Array(p);
  for (let s = 0; s < pairs; s++) {
    pair.fill(0);
    for (const m of [2 * s, 2 * s + 1]) {
      const pi = perms[m];
      for (let t = 0; t < p; t++) pair[pi[t]] += (prefix(m, t + 1) - prefix(m, t)) / 2;
    }
    for (let j = 0; j < p; j++) {
      const d = pair[j] - mean[j];
      mean[j] += d / (s + 1);
      m2[j] += d * (pair[j] - mean[j]);
    }
  }
  const values: number[] = [], se: number[] = [];
  for (let j = 0; j < p; j++) {
    values.push(mean[j]);
    se.push(Math.sqrt(Math.max(0, m2[j] / (pairs - 1)) / pairs));
  }
  return { values, se, base: v[0], prediction: v[1], evaluations: k * background.n, engine: engineName(model, engine) };
}
