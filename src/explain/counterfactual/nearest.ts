// The nearest counterfactual from the data (as the What-If Tool offers): the closest observed rows
// that the models place in the target region, under the same scaled distance and constraints.
import type { Batch, Predictor } from "../../model/types";
import { predictChecked } from "../models";
import { allowed, distance, rowsOf, type Constraints, type FeatureSpace, type Value } from "./space";
import { meets, type Target } from "./target";

export interface NearestRow { row: number; point: Value[]; scores: number[]; reached: number; distance: number }

/** Rows of `data` reaching the target in `required` models and allowed by the constraints, nearest first. */
export async function nearestRows(
  models: readonly Predictor[], space: FeatureSpace, data: Batch, origin: Value[], target: Target,
  options: { constraints: Constraints; required: number; k: number; signal?: AbortSignal },
): Promise<NearestRow[]> {
  const scores: Float64Array[] = [];
  for (const m of models) scores.push(await predictChecked(m, data, { signal: options.signal }));
  const rows = rowsOf(data, space.features);
  const out: NearestRow[] = [];
  rows.forEach((point, i) => {
    const reached = scores.filter((s) => meets(target, s[i])).length;
    if (reached < options.required) return;
    if (!point.every((v, j) => String(v) === String(origin[j]) || allowed(space, options.constraints, j, origin[j], v))) return;
    out.push({ row: i, point, scores: scores.map((s) => s[i]), reached, distance: distance(space, origin, point) });
  });
  return out.sort((a, b) => a.distance - b.distance).slice(0, options.k);
}
