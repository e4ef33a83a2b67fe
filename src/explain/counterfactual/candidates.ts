// Candidate values a counterfactual may move a feature to. For a tree ensemble only the split
// thresholds matter: between two consecutive thresholds on a feature the trees answer the same, so
// the values just past each threshold (in the model's float32 comparisons) are every distinct
// answer the model can give, and the nearest to the observation is the cheapest. Other models get
// quantiles of the data (a sampled search space, stated in the result).
import type { Predictor, TreeEnsemble } from "../../model/types";
import type { TreeAware } from "../shap";
import type { FeatureSpace, Value } from "./space";

const QUANTILES = 40;

/** The next float32 above/below `x` (thresholds are compared in float32). */
function nextFloat32(x: number, up: boolean): number {
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer);
  if (f[0] === 0) { u[0] = up ? 1 : 0x80000001; return f[0]; }
  if ((f[0] > 0) === up) u[0] += 1; else u[0] -= 1;
  return f[0];
}

/** Split thresholds on each raw numeric feature, by feature name, with the side a value ≤ t goes. */
export function splitValues(ensemble: TreeEnsemble): Map<string, number[]> {
  const out = new Map<string, Set<number>>();
  for (const tree of ensemble.trees) {
    for (let i = 0; i < tree.feature.length; i++) {
      const j = tree.feature[i];
      if (j < 0) continue;
      const name = ensemble.features[j];
      const t = Math.fround(tree.threshold[i]);
      const mode = tree.mode[i];
      let set = out.get(name);
      if (!set) out.set(name, (set = new Set()));
      // both sides of the split, as close to it as float32 allows
      if (mode === "BRANCH_LEQ" || mode === "BRANCH_GT") { set.add(t); set.add(nextFloat32(t, true)); }
      else if (mode === "BRANCH_LT" || mode === "BRANCH_GTE") { set.add(t); set.add(nextFloat32(t, false)); }
      else if (mode === "BRANCH_EQ" || mode === "BRANCH_NEQ") set.add(t);
    }
  }
  return new Map([...out.entries()].map(([k, v]) => [k, [...v].sort((a, b) => a - b)]));
}

export interface CandidateSet {
  /** per feature (in space order): values to try */
  values: Value[][];
  /** how the values were chosen, for the result's params */
  method: "split thresholds" | "data quantiles" | "split thresholds and data quantiles";
}

async function ensembleOf(model: Predictor): Promise<TreeEnsemble | undefined> {
  const aware = model as TreeAware;
  if (typeof aware.treeEnsemble !== "function") return undefined;
  try { return await aware.treeEnsemble(); } catch { return undefined; }
}

/**
 * Candidates per feature: split thresholds when every model is a tree ensemble reading the raw
 * column, data quantiles otherwise; categorical features take their observed levels.
 */
export async function candidateValues(
  models: readonly Predictor[], space: FeatureSpace, sortedColumns: (Float64Array | undefined)[],
): Promise<CandidateSet> {
  const ensembles = await Promise.all(models.map(ensembleOf));
  const splits = ensembles.every((e) => e !== undefined) ? ensembles.map((e) => splitValues(e!)) : undefined;
  let usedSplits = false, usedQuantiles = false;
  const values = space.features.map((f, j): Value[] => {
    if (!space.numeric[j]) return space.levels[j];
    if (splits) {
      // a feature no tree splits on cannot change any answer: nothing to try
      usedSplits = true;
      return [...new Set(splits.flatMap((s) => s.get(f) ?? []))].sort((a, b) => a - b);
    }
    usedQuantiles = true;
    const xs = sortedColumns[j]!;
    const qs = new Set<number>();
    for (let k = 0; k <= QUANTILES; k++) qs.add(xs[Math.round((k / QUANTILES) * (xs.length - 1))]);
    return [...qs];
  });
  return {
    values,
    method: usedSplits && usedQuantiles ? "split thresholds and data quantiles" : usedSplits ? "split thresholds" : "data quantiles",
  };
}
