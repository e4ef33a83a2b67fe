// `check`: one hypothesis evaluated on every model given — one, a list, or a Rashomon set's members —
// and the count of models in which it holds.
import type { Batch, Predictor } from "../model/types";
import { ExplainError } from "../explain/errors";
import { evaluate, validate, type CheckOptions } from "./evaluate";
import type { Hypothesis, HypothesisResult, ModelVerdict } from "./types";

/** Anything holding models: a Predictor, an array of them, or a set with `members`. */
export type Models = Predictor | readonly Predictor[] | { members: readonly Predictor[] };

export function modelList(models: Models): readonly Predictor[] {
  const list = Array.isArray(models) ? models : "members" in (models as object) ? (models as { members: readonly Predictor[] }).members : [models as Predictor];
  if (list.length === 0) throw new ExplainError("no models to check; pass a Predictor, an array of them, or a Rashomon set");
  return list;
}

export async function check(hypothesis: Hypothesis, models: Models, data: Batch, options: CheckOptions = {}): Promise<HypothesisResult> {
  const list = modelList(models);
  validate(hypothesis, data, options);
  const perModel: ModelVerdict[] = [];
  for (const model of list) {
    const v = await evaluate(hypothesis, model, data, options);
    perModel.push({ model: model.name, holds: v.holds, evidence: v.evidence });
  }
  options.onProgress?.(1);
  const holds = perModel.filter((v) => v.holds).length, of = perModel.length;
  return {
    hypothesis, holds, of,
    verdict: holds === of ? "holds" : holds === 0 ? "fails" : "mixed",
    perModel, failing: perModel.filter((v) => !v.holds).map((v) => v.model),
  };
}

/** Several hypotheses on the same models, in order. */
export async function checkAll(hypotheses: readonly Hypothesis[], models: Models, data: Batch, options: CheckOptions = {}): Promise<HypothesisResult[]> {
  const out: HypothesisResult[] = [];
  for (const h of hypotheses) out.push(await check(h, models, data, { ...options, onProgress: undefined }));
  options.onProgress?.(1);
  return out;
}
