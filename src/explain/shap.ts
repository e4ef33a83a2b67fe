// SHAP values of one observation, each result labelled with what it computed:
//   tree-path           exact path-dependent TreeSHAP (no model calls): Shapley values of E_cover[f | x_S],
//                       on covers that are evidence — the file's (when they add up) or counted from a table
//   tree-interventional exact interventional TreeSHAP (no model calls): Shapley values of mean_z f(x_S, z_S̄)
//                       over the background, read from the trees
//   exact               the same interventional values through the model, all 2^p coalitions (p ≤ 12)
//   permutation         antithetic permutation sampling over the background, with standard errors
//   kernel              Kernel SHAP (constrained weighted least squares), with standard errors
// 'tree' is tree-path when there are valid covers (or a `covers` table), else tree-interventional.
// 'auto' is 'tree' for a tree ensemble whose trees reproduce the model's scores; otherwise exact
// (if 2^p · background ≤ 2e6 rows), then permutation. Tree methods explain the trees' margin, which is
// the model's score when no post-transform follows the trees (random forests: probabilities).
import type { Batch, Predictor, TreeEnsemble } from "../model/types";
import type { Explanation } from "./types";
import { checkModelInputs, ExplainError } from "./errors";
import { finish, now, perModel, type RunOptions } from "./models";
import { featureValues, resolveBackground, resolveObservation, type ObservationOptions } from "./shap-inputs";
import { kernelShapley } from "./shap-kernel";
import { permutationShapley, type SampledShapley } from "./shap-permutation";
import { exactShapley, MAX_EXACT_FEATURES, observationBatch, tooManyFeatures, type ShapleyResult } from "./shapley";
import { coversFromData, coversLabel } from "./tree-covers";
import { ensembleRow, ensembleRows, noCoverError, treeShap } from "./treeshap";
import { interventionalTreeShap } from "./treeshap-interventional";
import { treeFidelity, treeSpace } from "./tree-fidelity";

/** A Predictor that can hand over its trees (ONNX tree ensembles do), enabling exact TreeSHAP. */
export interface TreeAware extends Predictor {
  treeEnsemble?: () => TreeEnsemble | undefined | Promise<TreeEnsemble | undefined>;
  /** the batch as the trees read it (encoded categories, filled missing values); identity when absent */
  encodeForTrees?: (batch: Batch) => Batch;
}

export type ShapMethod = "tree-path" | "tree-interventional" | "exact" | "permutation" | "kernel";
export const SHAP_METHODS = ["auto", "tree", "tree-path", "tree-interventional", "exact", "permutation", "kernel"] as const;
export type ShapRequest = (typeof SHAP_METHODS)[number];

/** Most rows the auto method lets the exact method send (2^p × background). */
export const EXACT_ROW_BUDGET = 2e6;
/** Default samples: antithetic permutation pairs (permutation) or coalition pairs (kernel, at least 10·p). */
export const DEFAULT_PERMUTATION_PAIRS = 32;
export const DEFAULT_KERNEL_PAIRS = 512;

export interface ShapOptions extends RunOptions, ObservationOptions {
  /** rows standing for "feature unknown": a batch, or how many to sample from the data (default 100) */
  background?: Batch | number;
  method?: ShapRequest;
  /** permutation: antithetic permutation pairs (default 32); kernel: coalition pairs (default max(512, 10·p)) */
  samples?: number;
  /** seeds the background sample and the sampled methods (default 0) */
  seed?: number;
  /** rows to count node covers from, for path-dependent TreeSHAP on a file without valid covers */
  covers?: Batch;
  /** what the `covers` rows are, for the label (a file name); default "the given table" */
  coversFrom?: string;
}

/** SHAP values of one observation for one model. */
export interface ShapValues {
  /** the features, in the model's order (the ensemble's for the tree methods) */
  features: string[];
  /** φ_j per feature; Σ φ = prediction − base (exactly for tree/exact/permutation, by constraint for kernel) */
  values: number[];
  /** E[f]: mean prediction over the background, or the cover-weighted expectation for 'tree-path' */
  base: number;
  /** f(x) in the same space as the values (margin for the tree methods on a transformed ensemble) */
  prediction: number;
  /** the observation's value of each feature (missing as null) */
  featureValues: (number | string | null)[];
}

async function ensembleOf(model: Predictor): Promise<TreeEnsemble | undefined> {
  const aware = model as TreeAware;
  return typeof aware.treeEnsemble === "function" ? await aware.treeEnsemble() : undefined;
}

const TREE_ALTERNATIVES = "use method 'exact', 'permutation' or 'kernel'";

/** Which method runs, given the request and what the model offers (`ensemble` with its covers as they will be used). */
export function chooseMethod(
  requested: ShapOptions["method"], ensemble: TreeEnsemble | undefined, p: number, backgroundRows: number, modelName: string,
): ShapMethod {
  const method = requested ?? "auto";
  if (!(SHAP_METHODS as readonly string[]).includes(method)) {
    throw new ExplainError(`unknown SHAP method '${String(method)}'; use ${SHAP_METHODS.map((m) => `'${m}'`).join(", ")}`);
  }
  const covered = !!ensemble?.covers?.valid;
  if (method === "tree" || method === "tree-path" || method === "tree-interventional") {
    if (!ensemble) throw new ExplainError(`model \`${modelName}\` exposes no tree ensemble; ${TREE_ALTERNATIVES}`);
    if (method === "tree-path" && !covered) throw noCoverError(ensemble);
    return method === "tree" ? (covered ? "tree-path" : "tree-interventional") : method;
  }
  if (method === "exact") {
    if (p > MAX_EXACT_FEATURES) throw tooManyFeatures(p);
    return "exact";
  }
  if (method === "permutation" || method === "kernel") return method;
  if (ensemble) return covered ? "tree-path" : "tree-interventional";
  if (p <= MAX_EXACT_FEATURES && 2 ** p * backgroundRows <= EXACT_ROW_BUDGET) return "exact";
  return "permutation";
}

/** The space the values live in: the trees' margin when a transform follows them, else the model's score. */
function spaceOf(model: Predictor, method: ShapMethod, ensemble?: TreeEnsemble): string {
  if (ensemble && method.startsWith("tree")) return treeSpace(model, ensemble);
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
    let ensemble = await ensembleOf(model);
    const encode = (model as TreeAware).encodeForTrees ?? ((b: Batch) => b);
    const p = model.features.length;
    const params: Record<string, unknown> = { seed };
    if (options.method && options.method !== "auto") params.requested = options.method;
    const wanted = options.method ?? "auto";
    const treesWanted = wanted === "auto" || wanted.startsWith("tree");
    if (options.covers && !(wanted === "auto" || wanted === "tree" || wanted === "tree-path")) {
      throw new ExplainError(`\`covers\` are for path-dependent TreeSHAP; method '${wanted}' does not use them`);
    }
    if (options.covers && !ensemble) {
      throw new ExplainError(`\`covers\` were given, but model \`${model.name}\` exposes no tree ensemble to count them on`);
    }
    // an explicitly model-agnostic method does not look at the trees at all
    if (!treesWanted) ensemble = undefined;
    let treeCalls = 0;
    if (ensemble) {
      // the trees stand for the model only if they reproduce its scores (nothing after them in the graph)
      checkModelInputs(model, background);
      const fidelity = await treeFidelity(model, ensemble, encode(background), background, run);
      treeCalls = background.n;
      if (!fidelity.ok) {
        if (wanted.startsWith("tree")) throw new ExplainError(`${fidelity.reason}; ${TREE_ALTERNATIVES}`);
        params.note = `${fidelity.reason}; it was not used${options.covers ? ", nor the covers" : ""}`;
        ensemble = undefined;
      }
    }
    if (ensemble && options.covers) {
      checkModelInputs(model, options.covers);
      ensemble = coversFromData(ensemble, encode(options.covers), options.coversFrom);
    }
    const method = chooseMethod(options.method, ensemble, p, background.n, model.name);
    params.method = method;
    params.space = spaceOf(model, method, ensemble);
    if (ensemble && !ensemble.covers.valid && method === "tree-interventional") {
      params.note = `no path-dependent TreeSHAP: ${ensemble.covers.reason}`;
    }
    let result: ShapleyResult | SampledShapley;
    let features = [...model.features];

    if (method === "tree-path" || method === "tree-interventional") {
      const e = ensemble!;
      // the trees read the model's encoded input: category codes, training-time fills for missing values
      const x = ensembleRow(e, encode(observationBatch(obs.record, e.features, data)), 0);
      params.postTransform = e.postTransform;
      features = [...e.features];
      if (method === "tree-path") {
        const r = treeShap(e, x);
        result = { values: r.values, base: r.base, prediction: r.prediction, evaluations: treeCalls };
        params.background = coversLabel(e);
        params.backgroundSize = null;
        params.covers = { source: e.covers.source, rows: e.covers.rows ?? null, from: e.covers.from ?? null };
      } else {
        const r = interventionalTreeShap(e, x, ensembleRows(e, encode(background)), { signal: run.signal });
        result = { values: Array.from(r.values), base: r.base, prediction: r.predictions[0], evaluations: treeCalls };
        params.background = "sample";
        params.backgroundSize = background.n;
      }
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
        params.engine = (result as SampledShapley).engine;
      } else {
        const pairs = options.samples ?? Math.max(DEFAULT_KERNEL_PAIRS, 10 * p);
        params.samples = pairs;
        params.samplesAre = "coalition pairs (S and its complement)";
        result = await kernelShapley(model, x, background, pairs, methodSeed, run);
      }
      result = { ...result, evaluations: result.evaluations + treeCalls };
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
