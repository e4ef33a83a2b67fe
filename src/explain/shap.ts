// SHAP values of one observation, four ways, each result labelled with how it was computed:
//   tree        exact path-dependent TreeSHAP read from the model's tree ensemble (no model calls)
//   exact       interventional Shapley values, all 2^p coalitions over a background (p ≤ 12)
//   permutation antithetic permutation sampling over the background, with standard errors
//   kernel      Kernel SHAP (constrained weighted least squares), with standard errors
// 'auto' takes the first that applies: tree, then exact (if 2^p · background ≤ 2e6 rows), then permutation.
import type { Batch, Predictor, TreeEnsemble } from "../model/types";
import type { Explanation } from "./types";
import { checkModelInputs, ExplainError } from "./errors";
import { finish, now, perModel, type RunOptions } from "./models";
import { featureValues, resolveBackground, resolveObservation, type ObservationOptions } from "./shap-inputs";
import { kernelShapley } from "./shap-kernel";
import { permutationShapley, type SampledShapley } from "./shap-permutation";
import { exactShapley, MAX_EXACT_FEATURES, observationBatch, tooManyFeatures, type ShapleyResult } from "./shapley";
import { ensembleRow, treeShap } from "./treeshap";

/** A Predictor that can hand over its trees (ONNX tree ensembles do), enabling exact TreeSHAP. */
export interface TreeAware extends Predictor {
  treeEnsemble?: () => TreeEnsemble | undefined | Promise<TreeEnsemble | undefined>;
  /** the batch as the trees read it (encoded categories, filled missing values); identity when absent */
  encodeForTrees?: (batch: Batch) => Batch;
}

export type ShapMethod = "tree" | "exact" | "permutation" | "kernel";

/** Most rows the auto method lets the exact method send (2^p × background). */
export const EXACT_ROW_BUDGET = 2e6;
/** Default samples: antithetic permutation pairs (permutation) or coalition pairs (kernel, at least 10·p). */
export const DEFAULT_PERMUTATION_PAIRS = 32;
export const DEFAULT_KERNEL_PAIRS = 512;

export interface ShapOptions extends RunOptions, ObservationOptions {
  /** rows standing for "feature unknown": a batch, or how many to sample from the data (default 100) */
  background?: Batch | number;
  method?: "auto" | ShapMethod;
  /** permutation: antithetic permutation pairs (default 32); kernel: coalition pairs (default max(512, 10·p)) */
  samples?: number;
  /** seeds the background sample and the sampled methods (default 0) */
  seed?: number;
}

/** SHAP values of one observation for one model. */
export interface ShapValues {
  /** the features, in the model's order (the ensemble's for 'tree') */
  features: string[];
  /** φ_j per feature; Σ φ = prediction − base (exactly for tree/exact/permutation, by constraint for kernel) */
  values: number[];
  /** E[f]: mean prediction over the background, or the cover-weighted expectation for 'tree' */
  base: number;
  /** f(x) in the same space as the values (margin for 'tree' on a transformed ensemble) */
  prediction: number;
  /** the observation's value of each feature (missing as null) */
  featureValues: (number | string | null)[];
}

async function ensembleOf(model: Predictor): Promise<TreeEnsemble | undefined> {
  const aware = model as TreeAware;
  return typeof aware.treeEnsemble === "function" ? await aware.treeEnsemble() : undefined;
}

/** Which method runs, given the request and what the model offers. */
export function chooseMethod(
  requested: ShapOptions["method"], ensemble: TreeEnsemble | undefined, p: number, backgroundRows: number, modelName: string,
): ShapMethod {
  const method = requested ?? "auto";
  if (method === "tree") {
    if (!ensemble) throw new ExplainError(`model \`${modelName}\` exposes no tree ensemble; use method 'exact', 'permutation' or 'kernel'`);
    return "tree";
  }
  if (method === "exact") {
    if (p > MAX_EXACT_FEATURES) throw tooManyFeatures(p);
    return "exact";
  }
  if (method === "permutation" || method === "kernel") return method;
  if (method !== "auto") throw new ExplainError(`unknown SHAP method '${String(method)}'; use 'auto', 'tree', 'exact', 'permutation' or 'kernel'`);
  if (ensemble?.hasCover) return "tree";
  if (p <= MAX_EXACT_FEATURES && 2 ** p * backgroundRows <= EXACT_ROW_BUDGET) return "exact";
  return "permutation";
}

/** The space the values live in: the trees' margin when a transform follows them, else the model's score. */
function spaceOf(model: Predictor, method: ShapMethod, ensemble?: TreeEnsemble): string {
  if (method === "tree" && ensemble && ensemble.postTransform !== "NONE") return "margin";
  return model.task === "classification" ? "probability" : "response";
}

/**
 * SHAP values of one observation (`row` or `observation`) for one model, or for each of a set.
 * The background is sampled once, so every model of a set is explained against the same rows.
 */
export async function shap(models: Predictor, data: Batch, options: ShapOptions): Promise<Explanation<ShapValues>>;
export async function shap(models: readonly Predictor[], data: Batch, options: ShapOptions): Promise<Explanation<ShapValues>[]>;
export async function shap(
  models: Predictor | readonly Predictor[],
  data: Batch,
  options: ShapOptions,
): Promise<Explanation<ShapValues> | Explanation<ShapValues>[]> {
  const seed = options.seed ?? 0;
  const obs = resolveObservation(data, options);
  const background = resolveBackground(data, options.background, seed);
  // the sampled methods draw from their own stream, not the one that picked the background rows
  const methodSeed = (seed + 0x9e3779b9) >>> 0;
  return perModel(models, options, async (model, run) => {
    const started = now();
    const ensemble = await ensembleOf(model);
    const p = model.features.length;
    const method = chooseMethod(options.method, ensemble, p, background.n, model.name);
    const params: Record<string, unknown> = { method, space: spaceOf(model, method, ensemble), seed };
    if (ensemble && !ensemble.hasCover && method !== "tree") {
      params.note = "the model's tree ensemble carries no node covers, so exact TreeSHAP was not used";
    }
    let result: ShapleyResult | SampledShapley;
    let features = [...model.features];

    if (method === "tree") {
      const e = ensemble!;
      // the trees read the model's encoded input: category codes, training-time fills for missing values
      const raw = observationBatch(obs.record, e.features, data);
      const encode = (model as TreeAware).encodeForTrees;
      const x = ensembleRow(e, encode ? encode(raw) : raw, 0);
      const r = treeShap(e, x);
      features = r.features;
      result = { values: r.values, base: r.base, prediction: r.prediction, evaluations: 0 };
      params.background = "training covers (path-dependent)";
      params.backgroundSize = null;
      params.postTransform = e.postTransform;
      run.onProgress?.(1);
    } else {
      checkModelInputs(model, background);
      const x = observationBatch(obs.record, model.features, background);
      params.background = "sample";
      params.backgroundSize = background.n;
      if (method === "exact") {
        result = await exactShapley(model, x, background, run);
      } else if (method === "permutation") {
        const pairs = options.samples ?? DEFAULT_PERMUTATION_PAIRS;
        params.samples = pairs;
        params.samplesAre = "antithetic permutation pairs";
        result = await permutationShapley(model, x, background, pairs, methodSeed, run);
      } else {
        const pairs = options.samples ?? Math.max(DEFAULT_KERNEL_PAIRS, 10 * p);
        params.samples = pairs;
        params.samplesAre = "coalition pairs (S and its complement)";
        result = await kernelShapley(model, x, background, pairs, methodSeed, run);
      }
    }
    const values: ShapValues = {
      features,
      values: result.values,
      base: result.base,
      prediction: result.prediction,
      featureValues: featureValues(obs.record, features),
    };
    return finish<ShapValues>({
      kind: "shap",
      model: model.name,
      observation: obs.label,
      params,
      values,
      se: "se" in result ? result.se : undefined,
      evaluations: result.evaluations,
    }, started);
  });
}
