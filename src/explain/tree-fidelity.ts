// Before TreeSHAP explains a model by its trees, the trees must be the model: the trees' margin, through
// the ensemble's own post-transform, has to reproduce the model's score on the background rows. A graph
// that changes the scores after the trees (a Normalizer, a Cast to a different column, an extra Add)
// would otherwise get values that add up to something the model never says. One model call checks it.
import type { Batch, Predictor, TreeEnsemble } from "../model/types";
import { checkFinite } from "./errors";
import type { RunOptions } from "./models";
import { ensembleRows, marginPrediction } from "./treeshap";

export interface TreeFidelity {
  ok: boolean;
  /** why not, naming the row (counted from 1) and both numbers */
  reason: string;
  /** the largest |trees − model| seen; NaN when the transform cannot be checked column by column */
  maxDifference: number;
}

/** Tolerance relative to max(1, |score|): the runtime walks in float32. */
export const FIDELITY_TOLERANCE = 1e-4;

/** The trees' margin → the model's score, for the post-transforms that act on one column alone. */
function transformOf(postTransform: string): ((m: number) => number) | undefined {
  if (postTransform === "NONE") return (m) => m;
  if (postTransform === "LOGISTIC") return (m) => 1 / (1 + Math.exp(-m));
  return undefined; // SOFTMAX needs every class's margin; PROBIT is onnxruntime's own mapping
}

/** Does the ensemble (reading `encoded`, the trees' view of `background`) reproduce `model` on `background`? */
export async function treeFidelity(
  model: Predictor, ensemble: TreeEnsemble, encoded: Batch, background: Batch, run: RunOptions = {},
): Promise<TreeFidelity> {
  const transform = transformOf(ensemble.postTransform);
  if (!transform) return { ok: true, reason: `not checked (a ${ensemble.postTransform} post-transform mixes classes)`, maxDifference: NaN };
  const scores = await model.predict(background, { signal: run.signal });
  checkFinite(model, scores);
  const p = ensemble.features.length;
  const rows = ensembleRows(ensemble, encoded);
  let worst = 0;
  for (let r = 0; r < background.n; r++) {
    const t = transform(marginPrediction(ensemble, rows.subarray(r * p, (r + 1) * p)));
    const d = Math.abs(t - scores[r]);
    if (!(d <= FIDELITY_TOLERANCE * Math.max(1, Math.abs(scores[r])))) {
      return {
        ok: false, maxDifference: d,
        reason: `the trees read out of \`${model.name}\` do not reproduce its scores (background row ${r + 1}: ` +
          `the trees give ${t}, the model ${scores[r]}): TreeSHAP would explain something else`,
      };
    }
    worst = Math.max(worst, d);
  }
  return { ok: true, reason: `the trees reproduce the model's scores on ${background.n} background rows`, maxDifference: worst };
}

/** What the tree methods' values add up to: the model's own score when nothing follows the trees, else the margin. */
export function treeSpace(model: Predictor, ensemble: TreeEnsemble): string {
  if (ensemble.postTransform === "NONE") return model.task === "classification" ? "probability" : "response";
  return "margin";
}
