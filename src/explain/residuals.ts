// Residuals (actual − predicted) per row, alongside the prediction and each feature, for residual plots.
import type { Batch, Predictor } from "../model/types";
import type { Explanation } from "./types";
import { checkFeature, checkModelInputs, checkNotEmpty } from "./errors";
import { finish, modelColumns, now, perModel, type RunOptions } from "./models";
// by the trees when the model has a checked engine (several times faster than onnxruntime's walk)
import { engineOf, scoresOf } from "./trees";
import { binaryLabels, numericTarget } from "./performance";

export interface ResidualValues {
  /** observed outcome per row (0/1 for classification) */
  actual: number[];
  /** the model's score per row */
  predicted: number[];
  /** actual − predicted per row */
  residual: number[];
  /** each feature's value per row, aligned with `residual` (NaN/null = missing) */
  features: Record<string, (number | string | boolean | null)[]>;
}

export interface ResidualOptions extends RunOptions {
  target: string;
  positiveClass?: string | number;
  /** which columns to return alongside (default: the model's features) */
  features?: string[];
}

export function residuals(models: Predictor, data: Batch, options: ResidualOptions): Promise<Explanation<ResidualValues>>;
export function residuals(models: readonly Predictor[], data: Batch, options: ResidualOptions): Promise<Explanation<ResidualValues>[]>;
export function residuals(models: Predictor | readonly Predictor[], data: Batch, options: ResidualOptions): Promise<any> {
  return perModel(models, options, async (model, run) => {
    const started = now();
    checkNotEmpty(data);
    checkModelInputs(model, data);
    const features = options.features ?? [...model.features];
    for (const f of features) checkFeature(data, f);
    const y = model.task === "regression"
      ? numericTarget(data, options.target)
      : binaryLabels(data, options.target, options.positiveClass ?? model.positiveClass);
    const p = await scoresOf(model, modelColumns(model, data), run, await engineOf(model));
    const residual = Array.from(y, (v, i) => v - p[i]);
    const byFeature: ResidualValues["features"] = {};
    for (const f of features) byFeature[f] = Array.from(data.columns[f] as ArrayLike<number | string | boolean | null>);
    run.onProgress?.(1);
    return finish<ResidualValues>(
      {
        kind: "residuals", model: model.name,
        params: { target: options.target, features },
        values: { actual: Array.from(y), predicted: Array.from(p), residual, features: byFeature },
        evaluations: data.n,
      },
      started,
    );
  });
}
