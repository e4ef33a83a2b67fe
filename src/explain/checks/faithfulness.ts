// Faithfulness of a local attribution: deletion and insertion curves (remove — or insert — the
// observation's features in attribution order, the others taken from background rows). A faithful
// attribution drops the prediction fastest on deletion and raises it fastest on insertion; the
// areas under its curves are compared with those of random orders of the same features.
import type { Batch, Predictor } from "../../model/types";
import type { Explanation } from "../types";
import { isNumeric } from "../batch";
import { checkFinite, checkModelInputs, ExplainError } from "../errors";
import { predictChecked } from "../models";
import { permutation, rng } from "../random";
import { resolveBackground, resolveObservation, type ObservationOptions } from "../shap-inputs";
import { attributionOf } from "./attribution";
import { readsAll, treeChainScores } from "../breakdown-trees";
import { blockMeans, observationBatch } from "../shapley";
import { engineOf } from "../trees";

export interface FaithfulnessValues {
  /** features in attribution order (largest signed attribution first) */
  order: string[];
  /** mean prediction after removing the first k features (k = 0 … p) */
  deletion: number[];
  /** mean prediction after inserting the first k features into background rows (k = 0 … p) */
  insertion: number[];
  /** mean of each curve (its area over k ∈ [0, p], divided by p + 1) */
  deletionArea: number;
  insertionArea: number;
  /** the same areas for random orders */
  random: { deletionAreas: number[]; insertionAreas: number[] };
  /** share of random orders whose deletion area is larger (worse) than the attribution's */
  deletionBeatsRandom: number;
  /** share of random orders whose insertion area is smaller (worse) */
  insertionBeatsRandom: number;
  text: string;
}

export interface FaithfulnessOptions extends ObservationOptions {
  /** background rows (default 50 sampled with `seed`) */
  background?: Batch | number;
  /** random orders to compare with (default 20) */
  randomOrders?: number;
  seed?: number;
  signal?: AbortSignal;
}

/** Mean prediction of hybrid rows: the observation's values where `fromX[j]`, a background row's elsewhere, per coalition. */
async function curveMeans(model: Predictor, x: Readonly<Record<string, unknown>>, bg: Batch, coalitions: boolean[][], signal?: AbortSignal): Promise<number[]> {
  const features = model.features, b = bg.n, n = coalitions.length * b;
  const columns: Record<string, Batch["columns"][string]> = Object.create(null);
  features.forEach((f, j) => {
    const src = bg.columns[f];
    const out: any = isNumeric(src) ? new Float64Array(n) : new Array(n);
    for (let c = 0; c < coalitions.length; c++) {
      const fromX = coalitions[c][j];
      for (let r = 0; r < b; r++) out[c * b + r] = fromX ? x[f] : src[r];
    }
    columns[f] = out;
  });
  const p = await predictChecked(model, { n, columns }, { signal });
  return coalitions.map((_, c) => {
    let s = 0;
    for (let r = 0; r < b; r++) s += p[c * b + r];
    return s / b;
  });
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Deletion and insertion curves of `attribution` (a shap or breakdown result for `model`'s observation). */
export async function faithfulness(
  model: Predictor, data: Batch, attribution: Explanation, options: FaithfulnessOptions,
): Promise<Explanation<FaithfulnessValues>> {
  const started = performance.now();
  if (attribution.kind !== "shap" && attribution.kind !== "breakdown") {
    throw new ExplainError(`faithfulness checks a local attribution (shap or breakdown), not ${attribution.kind}`);
  }
  checkModelInputs(model, data);
  const { record, label } = resolveObservation(data, options);
  const seed = options.seed ?? 0;
  const bg = resolveBackground(data, options.background ?? 50, seed);
  const a = attributionOf(attribution);
  const features = model.features;
  const missing = features.filter((f) => !a.has(f));
  if (missing.length > 0) throw new ExplainError(`the attribution has no value for ${missing.join(", ")}; explain every feature the model reads (pairs of a break-down with interactions cannot be ordered)`);
  const order = [...features].sort((f, g) => a.get(g)! - a.get(f)!);
  const R = options.randomOrders ?? 20;
  const random = rng(seed + 1);
  const orders = [order, ...Array.from({ length: R }, () => Array.from(permutation(features.length, random), (j) => features[j]))];
  // deletion: first k of the order from the background; insertion: first k from the observation
  const coalitions: boolean[][] = [];
  for (const o of orders) {
    for (let k = 0; k <= features.length; k++) {
      const first = new Set(o.slice(0, k));
      coalitions.push(features.map((f) => !first.has(f)));
      coalitions.push(features.map((f) => first.has(f)));
    }
  }
  const found = await engineOf(model);
  const engine = found && readsAll(found, features) ? found : undefined;
  const means = engine ? await chainMeans() : await curveMeans(model, record, bg, coalitions, options.signal);
  // with a checked tree engine: each order's insertion curve is one chain of the trees, its deletion
  // curve another (point s fixes all but the first p − s), the same means as the model call's
  async function chainMeans(): Promise<number[]> {
    const p = features.length, P = p + 1;
    const at = orders.flatMap((o) => {
      const rank = new Map(o.map((f, r) => [f, r]));
      return [Int32Array.from(features, (f) => rank.get(f)! + 1), Int32Array.from(features, (f) => p - rank.get(f)!)];
    });
    const scores = await treeChainScores(engine!, features, observationBatch(record, features, bg), bg, at, p, { signal: options.signal });
    checkFinite(model, scores);
    const v = blockMeans(scores, at.length * P, bg.n);
    const out: number[] = [];
    orders.forEach((_, o) => { for (let k = 0; k <= p; k++) out.push(v[(2 * o + 1) * P + p - k], v[2 * o * P + k]); });
    return out;
  }
  const per = 2 * (features.length + 1);
  const curves = orders.map((_, o) => {
    const slice = means.slice(o * per, (o + 1) * per);
    return { deletion: slice.filter((_, i) => i % 2 === 0), insertion: slice.filter((_, i) => i % 2 === 1) };
  });
  const [mine, ...others] = curves;
  const deletionAreas = others.map((c) => mean(c.deletion)), insertionAreas = others.map((c) => mean(c.insertion));
  const deletionArea = mean(mine.deletion), insertionArea = mean(mine.insertion);
  const deletionBeatsRandom = R ? deletionAreas.filter((x) => x > deletionArea).length / R : NaN;
  const insertionBeatsRandom = R ? insertionAreas.filter((x) => x < insertionArea).length / R : NaN;
  const pct = (x: number) => `${Math.round(100 * x)}%`;
  return {
    kind: "check", model: model.name, observation: label,
    params: { check: "faithfulness", of: attribution.kind, method: attribution.params.method, background: bg.n, randomOrders: R, seed, replacement: "background rows" },
    values: {
      order, deletion: mine.deletion, insertion: mine.insertion, deletionArea, insertionArea,
      random: { deletionAreas, insertionAreas }, deletionBeatsRandom, insertionBeatsRandom,
      text: `deletion in attribution order beats ${pct(deletionBeatsRandom)} of ${R} random orders, insertion ${pct(insertionBeatsRandom)}`,
    },
    evaluations: coalitions.length * bg.n,
    ms: performance.now() - started,
  };
}
