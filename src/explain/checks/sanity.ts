// Sanity check (Adebayo et al. 2018, model randomisation): break the model's dependence on a
// feature — its values are permuted in every batch given to the model — or swap in another model
// of the set, and explain again. An explanation that does not change is not explaining the model.
import type { Batch, Predictor } from "../../model/types";
import type { Explanation } from "../types";
import { ExplainError } from "../errors";
import { permutation, rng } from "../random";
import { aligned, attributionOf, spearman } from "./attribution";

export interface SanityValues {
  /** the feature whose dependence was randomised, or the model swapped in */
  randomised: { feature: string } | { model: string };
  original: Record<string, number>;
  after: Record<string, number>;
  /** Spearman correlation of the two |attributions| (1 = the ranking by size did not change) */
  rankCorrelation: number;
  /** for a randomised feature: |attribution after| / |attribution before| */
  ratio?: number;
  /** the explanation changed: the randomised feature lost at least half its attribution, or the ranks moved (ρ < 0.9) */
  passed: boolean;
  text: string;
}

/**
 * The model with feature `feature`'s values permuted in every batch it predicts (seeded), so it no
 * longer depends on them. Its trees are hidden, so tree-reading explainers must call it.
 */
export function randomiseDependence(model: Predictor, feature: string, seed = 0): Predictor {
  if (!model.features.includes(feature)) throw new ExplainError(`model \`${model.name}\` does not read \`${feature}\`; it reads: ${model.features.join(", ")}`);
  const random = rng(seed);
  return {
    name: `${model.name} (${feature} randomised)`, features: model.features, task: model.task, positiveClass: model.positiveClass,
    predict(batch: Batch, options) {
      const col = batch.columns[feature];
      const perm = permutation(batch.n, random);
      const shuffled: any = ArrayBuffer.isView(col) ? new (col.constructor as Float64ArrayConstructor)(batch.n) : new Array(batch.n);
      for (let i = 0; i < batch.n; i++) shuffled[i] = col[perm[i]];
      return model.predict({ n: batch.n, columns: { ...batch.columns, [feature]: shuffled } }, options);
    },
  };
}

function record(a: Map<string, number>): Record<string, number> {
  return Object.fromEntries(a);
}

/**
 * Explains `model` and then a randomised version of it (`feature` randomised, or `swap` — another
 * model), with the same `explain`, and reports whether the explanation changed.
 */
export async function sanityCheck(
  model: Predictor, explain: (m: Predictor) => Promise<Explanation>, options: { feature?: string; swap?: Predictor; seed?: number },
): Promise<Explanation<SanityValues>> {
  const started = performance.now();
  if ((options.feature === undefined) === (options.swap === undefined)) {
    throw new ExplainError("say what to randomise: `feature` (its dependence is broken) or `swap` (another model)");
  }
  const before = await explain(model);
  const other = options.feature !== undefined ? randomiseDependence(model, options.feature, options.seed ?? 0) : options.swap!;
  const after = await explain(other);
  const a = attributionOf(before), b = attributionOf(after);
  const { a: va, b: vb } = aligned(a, b);
  const rankCorrelation = spearman(va.map(Math.abs), vb.map(Math.abs));
  let ratio: number | undefined;
  let passed = !(rankCorrelation >= 0.9);
  if (options.feature !== undefined) {
    const x = Math.abs(a.get(options.feature) ?? NaN), y = Math.abs(b.get(options.feature) ?? NaN);
    ratio = x === 0 ? NaN : y / x;
    passed = passed || ratio < 0.5;
  }
  const what = options.feature !== undefined ? `${options.feature} randomised` : `swapped for ${options.swap!.name}`;
  const text = passed
    ? `sanity check passed: with ${what} the explanation changes (rank correlation ${rankCorrelation.toFixed(2)}${ratio !== undefined ? `, ${options.feature} keeps ${Math.round(100 * ratio)}% of its attribution` : ""})`
    : `sanity check FAILED: with ${what} the explanation hardly changes (rank correlation ${rankCorrelation.toFixed(2)})`;
  return {
    kind: "check", model: model.name, ...(before.observation !== undefined ? { observation: before.observation } : {}),
    params: { check: "sanity", of: before.kind, method: before.params.method, ...(options.feature !== undefined ? { feature: options.feature } : { swap: options.swap!.name }), seed: options.seed ?? 0 },
    values: {
      randomised: options.feature !== undefined ? { feature: options.feature } : { model: options.swap!.name },
      original: record(a), after: record(b), rankCorrelation, ...(ratio !== undefined ? { ratio } : {}), passed, text,
    },
    evaluations: before.evaluations + after.evaluations,
    ms: performance.now() - started,
  };
}
