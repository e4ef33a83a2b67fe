// The one scale every local explanation of the grid (SHAP, break-down, the observation's ICE) is
// shown in, picked by the user: a classifier's probability of the chosen class, or its log-odds;
// a regressor's response. Each explainer is handed models whose scores are in that scale, so no
// panel mixes scales silently:
//   probability  the model itself; but a tree ensemble whose trees end in a LOGISTIC/SOFTMAX
//                transform is hidden behind a plain predictor, since TreeSHAP is exact only in the
//                trees' margin: SHAP then samples (or enumerates) the probability itself
//   log-odds     the trees themselves where their margin *is* the log-odds (a LOGISTIC ensemble);
//                otherwise a predictor returning logit(p) (a softmax logit is not a class's log-odds)
// After computing, `checkSpace` refuses a result that is in another space than the label says.
import type { Batch, Predictor, PredictOptions } from "../../model/types";
import type { TreeAware } from "../../explain/shap";
import type { EngineAware } from "../../explain/trees";

export type Scale = "probability" | "log-odds" | "response";

/** Probabilities this close to 0 or 1 are held there before the logit (log-odds ±13.8), and the panel says so. */
export const LOGIT_EPSILON = 1e-6;

/** The scales the user may pick: both for classifiers, the response alone for regressors (or a mixed set). */
export function scalesFor(models: readonly Predictor[]): Scale[] {
  return models.length > 0 && models.every((m) => m.task === "classification") ? ["probability", "log-odds"] : ["response"];
}

/** What a score is, named on the axis: "P(class = bad)", "log-odds of bad", "prediction". */
export function scaleLabel(scale: Scale, positiveClass: string | number | undefined): string {
  if (scale === "response" || positiveClass === undefined) return "prediction";
  return scale === "probability" ? `P(class = ${positiveClass})` : `log-odds of ${positiveClass}`;
}

/** The axis of an attribution (SHAP, break-down): its end is the score for one model, a contribution to it for several. */
export function contributionLabel(scale: Scale, positiveClass: string | number | undefined, models: number): string {
  const score = scaleLabel(scale, positiveClass);
  return models === 1 ? score : `contribution to ${score}`;
}

/** A predictor's scores as log-odds, and how many were held off 0 and 1 (by LOGIT_EPSILON) so far. */
export interface LogOddsPredictor extends Predictor {
  readonly clamped: number;
  readonly inner: Predictor;
}

export function logOdds(model: Predictor): LogOddsPredictor {
  let clamped = 0;
  return {
    name: model.name, features: model.features, task: model.task, positiveClass: model.positiveClass, inner: model,
    get clamped() { return clamped; },
    async predict(batch: Batch, options?: PredictOptions) {
      const p = await model.predict(batch, options);
      const out = new Float64Array(p.length);
      for (let i = 0; i < p.length; i++) {
        let q = p[i];
        if (q < LOGIT_EPSILON) { q = LOGIT_EPSILON; clamped++; } else if (q > 1 - LOGIT_EPSILON) { q = 1 - LOGIT_EPSILON; clamped++; }
        out[i] = Math.log(q / (1 - q));
      }
      return out;
    },
  };
}

/**
 * The model without its trees: every explainer then treats it as a model (model-agnostic), in its
 * own score space. Its checked tree engine stays: that only scores the same model faster.
 */
export function withoutTrees(model: Predictor): Predictor {
  const { name, features, task, positiveClass } = model;
  const engine = (model as EngineAware).treeEngine;
  return {
    name, features, task, positiveClass, predict: (b, o) => model.predict(b, o),
    ...(typeof engine === "function" ? { treeEngine: () => engine.call(model) } : {}),
  } as Predictor;
}

/** The post-transform after the model's trees, when the trees stand for it; undefined for other models. */
async function treeTransform(model: Predictor): Promise<string | undefined> {
  const aware = model as TreeAware;
  if (typeof aware.treeEnsemble !== "function") return undefined;
  try {
    return (await aware.treeEnsemble())?.postTransform;
  } catch {
    return undefined;
  }
}

/** How a local explanation of `model` is computed in `scale`: which predictor the explainer gets, and why. */
export interface ScalePlan {
  model: Predictor;
  /** said under the panel when the method differs from the model's own best (e.g. no TreeSHAP) */
  note?: string;
}

/** For SHAP (`trees`: the method may read the trees) or a model-agnostic explainer (break-down, ICE). */
export async function planFor(model: Predictor, scale: Scale, trees: boolean): Promise<ScalePlan> {
  if (scale === "response") return { model };
  const transform = trees ? await treeTransform(model) : undefined;
  if (scale === "probability") {
    if (transform === undefined || transform === "NONE") return { model };
    return {
      model: withoutTrees(model),
      note: `${model.name}: TreeSHAP is exact only in the trees' margin (a ${transform} follows them); ` +
        "SHAP of the probability is computed through the model instead",
    };
  }
  // the margin of a LOGISTIC ensemble is the chosen class's log-odds (the trees are mirrored for class 0)
  if (transform === "LOGISTIC") return { model };
  const why = transform === "SOFTMAX" ? ` (a softmax margin is not a class's log-odds)` : "";
  return { model: logOdds(model), note: trees ? `${model.name}: SHAP of logit(P) computed through the model${why}` : undefined };
}

/**
 * The space a SHAP result must be in for `scale`; undefined when it is right. A logit-wrapped model
 * reports "probability" (its task), so what counts is what it was handed.
 */
export function spaceMismatch(scale: Scale, planned: Predictor, space: unknown): string | undefined {
  const wrapped = (planned as LogOddsPredictor).inner !== undefined;
  const want = scale === "log-odds" ? (wrapped ? "probability" : "margin") : scale;
  if (space === want) return undefined;
  return `${planned.name}: the values came out in ${String(space)} space, not ${scale}: ` +
    "not shown, rather than mixed with the other panels";
}

/** A line saying how many scores were held off 0 and 1 before the logit, or nothing. */
export function clampNote(planned: readonly Predictor[]): string | undefined {
  const n = planned.reduce((s, m) => s + ((m as LogOddsPredictor).clamped ?? 0), 0);
  if (!n) return undefined;
  const edge = Math.log((1 - LOGIT_EPSILON) / LOGIT_EPSILON).toFixed(1);
  return `${n.toLocaleString("en-US")} probabilit${n === 1 ? "y was" : "ies were"} 0 or 1: ` +
    `held at ${LOGIT_EPSILON} from the edge (log-odds ±${edge})`;
}
