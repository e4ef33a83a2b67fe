// Counterfactuals: what would have to change for the decision to flip? For one model or a set
// (robust recourse: a change that flips every model of a Rashomon set, or k of m, reported), the
// nearest observed rows with the other outcome and a few optimized, sparse, diverse changes of the
// observation, each with its changes (old → new), every model's new score, distance and plausibility.
import type { Batch, Predictor } from "../../model/types";
import type { Explanation } from "../types";
import { checkModelInputs, checkNotEmpty, ExplainError } from "../errors";
import { finish, now, predictChecked, type RunOptions } from "../models";
import { resolveObservation, type ObservationOptions } from "../shap-inputs";
import { candidateValues } from "./candidates";
import { nearestRows } from "./nearest";
import { diverse, searchCounterfactuals } from "./search";
import {
  checkConstraints, distance, featureSpace, plausibility, plausibilityReference, pointsBatch,
  type Constraints, type Plausibility, type Value,
} from "./space";
import { meets, resolveTarget, type TargetOptions } from "./target";

export type { Constraints, Direction } from "./space";
export type { TargetOptions } from "./target";

export interface CounterfactualOptions extends RunOptions, ObservationOptions, TargetOptions, Constraints {
  /** how many optimized counterfactuals (and nearest rows) to return (default 3) */
  k?: number;
  /** most features one counterfactual may change (default 3) */
  maxChanges?: number;
  /** models of the set that must reach the target (default: all of them) */
  required?: number;
  /** keep only counterfactuals near observed rows (within twice the typical nearest-row distance) */
  nearData?: boolean;
}

export interface Change { feature: string; from: Value; to: Value }

export interface Counterfactual {
  changes: Change[];
  /** the changed observation (every feature the models read) */
  record: Record<string, Value>;
  /** each model's score for it, and whether it reaches the target */
  predictions: { model: string; score: number; meets: boolean }[];
  /** how many models reach the target */
  reached: number;
  /** scaled L1 distance from the observation (numeric steps in spreads, 1 per changed category) */
  distance: number;
  plausibility: Plausibility;
  /** for counterfactuals taken from the data: the row (from 0) */
  row?: number;
}

export interface CounterfactualValues {
  features: string[];
  observation: Record<string, Value>;
  predictions: { model: string; score: number }[];
  target: string;
  required: number;
  models: number;
  /** optimized changes of the observation, smallest first */
  counterfactuals: Counterfactual[];
  /** the nearest rows of the data reaching the target */
  nearest: Counterfactual[];
  /** why nothing was found, when nothing was */
  note?: string;
}

const METHOD_TEXT: Record<string, string> = {
  "split thresholds": "beam search over the trees' split thresholds (every distinct answer of the trees is reachable; the search is heuristic, not proven minimal)",
  "data quantiles": "beam search over 41 quantiles of the data per feature (model-agnostic; the search is heuristic)",
  "split thresholds and data quantiles": "beam search over split thresholds and data quantiles (heuristic)",
};

/** Counterfactuals of one observation, for one model or a set (one Explanation for all of them). */
export async function counterfactuals(
  models: Predictor | readonly Predictor[], data: Batch, options: CounterfactualOptions,
): Promise<Explanation<CounterfactualValues>> {
  const started = now();
  let evaluations = 0;
  // every model call is counted, for the result's cost; the rest of each model (its trees) is kept
  const list = (Array.isArray(models) ? (models as readonly Predictor[]) : [models as Predictor]).map((m) => {
    const counted = Object.create(m) as Predictor & { predict: Predictor["predict"] };
    counted.predict = (batch, opts) => { evaluations += batch.n; return m.predict(batch, opts); };
    return counted;
  });
  if (list.length === 0) throw new ExplainError("no models given; pass a Predictor or a non-empty array of them");
  checkNotEmpty(data);
  for (const m of list) checkModelInputs(m, data);
  const required = options.required ?? list.length;
  if (!(Number.isInteger(required) && required >= 1 && required <= list.length)) {
    throw new ExplainError(`required must be a whole number from 1 to ${list.length} (the models given); got ${required}`);
  }
  const k = options.k ?? 3, maxChanges = options.maxChanges ?? 3;
  const features = [...new Set(list.flatMap((m) => m.features))];
  const space = featureSpace(data, features);
  const constraints: Constraints = {
    fixed: options.fixed, ranges: options.ranges, directions: options.directions, withinData: options.withinData ?? true,
  };
  checkConstraints(space, constraints);
  const { record, label } = resolveObservation(data, options);
  const origin: Value[] = features.map((f) => (record[f] === undefined ? null : (record[f] as Value)));
  const originBatch = pointsBatch(space, [origin]);
  const current: number[] = [];
  for (const m of list) current.push((await predictChecked(m, originBatch, { signal: options.signal }))[0]);
  const target = resolveTarget(list, current, options);

  const sorted = features.map((f, j) => (space.numeric[j] ? Float64Array.from(data.columns[f] as ArrayLike<number>).filter((v) => !Number.isNaN(v)).sort() : undefined));
  const candidates = await candidateValues(list, space, sorted);
  const found = await searchCounterfactuals(list, space, candidates.values, origin, target, {
    constraints, maxChanges, beam: 6, required, signal: options.signal,
    onProgress: options.onProgress ? (f) => options.onProgress!(0.9 * f) : undefined,
  });
  const near = await nearestRows(list, space, data, origin, target, { constraints, required, k, signal: options.signal });

  const ref = plausibilityReference(space, data);
  const describe = async (points: Value[][], rows?: number[]): Promise<Counterfactual[]> => {
    if (points.length === 0) return [];
    const batch = pointsBatch(space, points);
    const scores: Float64Array[] = [];
    for (const m of list) scores.push(await predictChecked(m, batch, { signal: options.signal }));
    return points.map((point, i) => {
      const predictions = list.map((m, mi) => ({ model: m.name, score: scores[mi][i], meets: meets(target, scores[mi][i]) }));
      const changes = features.flatMap((f, j) => (String(point[j]) === String(origin[j]) ? [] : [{ feature: f, from: origin[j], to: point[j] }]));
      return {
        changes, record: Object.fromEntries(features.map((f, j) => [f, point[j]])), predictions,
        reached: predictions.filter((p) => p.meets).length,
        distance: distance(space, origin, point),
        plausibility: plausibility(space, ref, point),
        ...(rows ? { row: rows[i] } : {}),
      };
    });
  };
  let chosen = diverse(found, origin, options.nearData ? found.length : k);
  let optimized = await describe(chosen.map((f) => f.point));
  if (options.nearData) optimized = optimized.filter((c) => c.plausibility.nearData).slice(0, k);
  const nearest = await describe(near.map((r) => r.point), near.map((r) => r.row));
  options.onProgress?.(1);

  const of = `${required === list.length ? (list.length === 1 ? "the model" : `all ${list.length} models`) : `${required} of ${list.length} models`}`;
  const note = optimized.length > 0 ? undefined
    : `no change of at most ${maxChanges} feature${maxChanges === 1 ? "" : "s"} within the constraints brings ${of} to ${target.text}`;
  return finish<CounterfactualValues>({
    kind: "counterfactual", model: list.map((m) => m.name).join(", "), observation: label,
    params: {
      method: METHOD_TEXT[candidates.method], candidates: candidates.method, target: target.text, required, models: list.map((m) => m.name),
      k, maxChanges, distance: "L1, numeric steps divided by the median absolute deviation (else the SD), 1 per changed category",
      constraints: { fixed: constraints.fixed ?? [], ranges: constraints.ranges ?? {}, directions: constraints.directions ?? {}, withinData: constraints.withinData },
      ...(options.nearData ? { nearData: true } : {}),
    },
    values: {
      features, observation: Object.fromEntries(features.map((f, j) => [f, origin[j]])),
      predictions: list.map((m, i) => ({ model: m.name, score: current[i] })),
      target: target.text, required, models: list.length, counterfactuals: optimized, nearest,
      ...(note ? { note } : {}),
    },
    evaluations,
  }, started);
}
