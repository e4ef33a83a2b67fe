// Break-down attributions for one observation (Staniak & Biecek 2018; iBreakDown, Gosiewska &
// Biecek 2019): starting from the mean prediction over a background, fix the observation's
// features one step at a time and record how the mean prediction moves. The order is greedy by
// the size of each feature's effect alone; the interaction-aware variant also considers pairs and
// makes a pair one step ("x2:x3") when its joint effect differs from the sum of its singles.
// Two predict calls per model: one for all the single (and pair) effects, one for the path. A tree
// ensemble with a checked engine gets the same scores by walking its trees (breakdown-trees.ts).
import type { Batch, Predictor } from "../model/types";
import type { Explanation } from "./types";
import { checkFinite, checkModelInputs, ExplainError } from "./errors";
import { finish, now, perModel, predictChecked, type RunOptions } from "./models";
import { featureValues, resolveBackground, resolveObservation, type ObservationOptions } from "./shap-inputs";
import { blockMeans, coalitionBatch, observationBatch } from "./shapley";
import type { TreeEngine } from "../model/tree-engine-check";
import { readsAll, treeChainScores, treeCoalitionScores } from "./breakdown-trees";
import { engineName, engineStatusOf } from "./trees";

export interface BreakdownOptions extends RunOptions, ObservationOptions {
  /** rows standing for "feature unknown": a batch, or how many to sample from the data (default 100) */
  background?: Batch | number;
  /** a fixed order of steps instead of the greedy one: every model feature once, a pair written "a:b" */
  order?: readonly string[];
  /** consider pairs of features (iBreakDown's interaction-aware variant); default false */
  interactions?: boolean;
  /** a pair becomes one step when |joint effect − sum of its single effects| exceeds this (default: 5% of the sd of the predictions over the background) */
  tolerance?: number;
  /** seeds the background sample (default 0) */
  seed?: number;
}

/** One step of the path: some features fixed at the observation's values. */
export interface BreakdownStep {
  /** the feature, or "a:b" for a pair fixed together */
  label: string;
  features: string[];
  /** the observation's value of each of `features` (missing as null) */
  value: (number | string | null)[];
  /** change of the mean prediction when these features are fixed, given the earlier steps */
  contribution: number;
  /** mean prediction after this step (the last one is the prediction) */
  cumulative: number;
}

export interface BreakdownValues {
  /** mean prediction over the background (nothing fixed) */
  base: number;
  /** f(x); base + Σ contributions */
  prediction: number;
  steps: BreakdownStep[];
  /** the step labels in the order used */
  ordering: string[];
}

/** One candidate step with its score for the greedy ordering. */
interface Candidate { features: number[]; score: number }

/** Coalition flags (k × p) from lists of feature indices. */
function flags(sets: number[][], p: number): Uint8Array {
  const z = new Uint8Array(sets.length * p);
  sets.forEach((set, c) => { for (const j of set) z[c * p + j] = 1; });
  return z;
}

function sd(a: Float64Array, from: number, to: number): number {
  const n = to - from;
  if (n < 2) return 0;
  let m = 0;
  for (let i = from; i < to; i++) m += a[i];
  m /= n;
  let s = 0;
  for (let i = from; i < to; i++) s += (a[i] - m) ** 2;
  return Math.sqrt(s / (n - 1));
}

/** The fixed order as steps of feature indices; every model feature exactly once. */
function parseOrder(order: readonly string[], features: readonly string[], model: string): number[][] {
  const index = new Map(features.map((f, j) => [f, j]));
  const seen = new Set<number>();
  const steps = order.map((label) =>
    label.split(":").map((f) => {
      const j = index.get(f);
      if (j === undefined) throw new ExplainError(`order names \`${f}\`, which model \`${model}\` does not read; it reads: ${features.join(", ")}`);
      if (seen.has(j)) throw new ExplainError(`order names \`${f}\` twice`);
      seen.add(j);
      return j;
    }),
  );
  const left = features.filter((_, j) => !seen.has(j));
  if (left.length > 0) throw new ExplainError(`order leaves out ${left.map((f) => `\`${f}\``).join(", ")}; list every feature of model \`${model}\` once`);
  return steps;
}

/** The greedy order: candidates by decreasing score, each taken if none of its features is taken yet. */
function greedyOrder(candidates: Candidate[], p: number): number[][] {
  const sorted = candidates.slice().sort((a, b) => b.score - a.score);
  const used = new Uint8Array(p);
  const steps: number[][] = [];
  for (const c of sorted) {
    if (c.features.some((j) => used[j])) continue;
    for (const j of c.features) used[j] = 1;
    steps.push(c.features);
  }
  return steps;
}

/** The steps (as feature indices) and the mean prediction after each prefix of them (v[0] = ∅). */
interface PathResult {
  base: number;
  prediction: number;
  steps: number[][];
  v: Float64Array;
  evaluations: number;
  tolerance?: number;
}

/** Scores (k × nbg, block per coalition) of the coalitions: by the trees when there is an engine, else one model call. */
async function coalitionScores(
  model: Predictor, engine: TreeEngine | undefined, x: Batch, background: Batch, z: Uint8Array, k: number, run: RunOptions,
): Promise<Float64Array> {
  if (!engine) return predictChecked(model, coalitionBatch(x, background, model.features, z, k), run);
  const scores = await treeCoalitionScores(engine, model.features, x, background, z, k, run);
  checkFinite(model, scores);
  return scores;
}

async function breakdownOne(
  model: Predictor,
  engine: TreeEngine | undefined,
  x: Batch,
  background: Batch,
  options: BreakdownOptions,
  run: RunOptions,
): Promise<PathResult> {
  const p = model.features.length, nbg = background.n;
  let evaluations = 0;
  let steps: number[][];
  let base: number | undefined;
  let tolerance: number | undefined;
  const half = (f: number) => (run.onProgress ? (g: number) => run.onProgress!(f + g / 2) : undefined);

  if (options.order) {
    steps = parseOrder(options.order, model.features, model.name);
  } else {
    // stage 1: ∅, every single feature, and (interactions) every pair, in one batch
    const sets: number[][] = [[]];
    for (let j = 0; j < p; j++) sets.push([j]);
    if (options.interactions) for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) sets.push([j, k]);
    const scores = await coalitionScores(model, engine, x, background, flags(sets, p), sets.length, { signal: run.signal, onProgress: half(0) });
    evaluations += scores.length;
    const v = blockMeans(scores, sets.length, nbg);
    base = v[0];
    const single = (j: number) => v[1 + j] - v[0];
    const candidates: Candidate[] = [];
    for (let j = 0; j < p; j++) candidates.push({ features: [j], score: Math.abs(single(j)) });
    if (options.interactions) {
      // the spread of the predictions over the background (block ∅) sets the default tolerance
      tolerance = options.tolerance ?? 0.05 * sd(scores, 0, nbg);
      for (let c = 1 + p; c < sets.length; c++) {
        const [j, k] = sets[c];
        const joint = v[c] - v[0];
        if (Math.abs(joint - single(j) - single(k)) > tolerance) candidates.push({ features: [j, k], score: Math.abs(joint) });
      }
    }
    steps = greedyOrder(candidates, p);
  }

  // stage 2: the path ∅ → first step → … → all features, in one batch
  const path: number[][] = [[]];
  for (const s of steps) path.push([...path[path.length - 1], ...s]);
  const stage2 = { signal: run.signal, onProgress: half(options.order ? 1 : 0.5) };
  let scores: Float64Array;
  if (engine) {
    // the path is one chain: feature j is fixed from the point after its step
    const at = new Int32Array(p);
    steps.forEach((set, s) => { for (const j of set) at[j] = s + 1; });
    scores = await treeChainScores(engine, model.features, x, background, [at], steps.length, stage2);
    checkFinite(model, scores);
  } else scores = await predictChecked(model, coalitionBatch(x, background, model.features, flags(path, p), path.length), stage2);
  evaluations += scores.length;
  const v = blockMeans(scores, path.length, nbg);
  return { base: base ?? v[0], prediction: v[path.length - 1], steps, v, evaluations, tolerance };
}

/**
 * Break-down of one observation (`row` or `observation`) for one model, or for each of a set
 * (against the same background rows).
 */
export async function breakdown(models: Predictor, data: Batch, options: BreakdownOptions): Promise<Explanation<BreakdownValues>>;
export async function breakdown(models: readonly Predictor[], data: Batch, options: BreakdownOptions): Promise<Explanation<BreakdownValues>[]>;
export async function breakdown(
  models: Predictor | readonly Predictor[],
  data: Batch,
  options: BreakdownOptions,
): Promise<Explanation<BreakdownValues> | Explanation<BreakdownValues>[]> {
  const seed = options.seed ?? 0;
  const obs = resolveObservation(data, options);
  const background = resolveBackground(data, options.background, seed);
  if (options.tolerance !== undefined && !(options.tolerance >= 0)) {
    throw new ExplainError(`tolerance must be a number ≥ 0; got ${options.tolerance}`);
  }
  return perModel(models, options, async (model, run) => {
    const started = now();
    checkModelInputs(model, background);
    const x = observationBatch(obs.record, model.features, background);
    const status = await engineStatusOf(model);
    // an engine that does not read every feature cannot fix them: call the model, and say why
    const engine = status.engine && readsAll(status.engine, model.features) ? status.engine : undefined;
    const engineReason = status.engine && !engine ? "the tree engine does not read every model feature" : status.reason;
    const r = await breakdownOne(model, engine, x, background, options, run);
    const { v, steps: order } = r;
    // the path starts from the mean prediction over the background, and v[0] is that mean
    const steps: BreakdownStep[] = order.map((set, s) => {
      const features = set.map((j) => model.features[j]);
      return {
        label: features.join(":"),
        features,
        value: featureValues(obs.record, features),
        contribution: v[s + 1] - v[s],
        cumulative: v[s + 1],
      };
    });
    const params: Record<string, unknown> = {
      method: options.interactions ? "break-down with interactions" : "break-down",
      ordering: options.order ? "fixed" : "greedy by |single effect|",
      space: model.task === "classification" ? "probability" : "response",
      backgroundSize: background.n,
      seed,
      engine: engineName(model, engine),
    };
    if (engineReason !== undefined) params.engineReason = engineReason;
    if (r.tolerance !== undefined) params.tolerance = r.tolerance;
    return finish<BreakdownValues>({
      kind: "breakdown",
      model: model.name,
      observation: obs.label,
      params,
      values: { base: r.base, prediction: r.prediction, steps, ordering: steps.map((s) => s.label) },
      evaluations: r.evaluations,
    }, started);
  });
}
