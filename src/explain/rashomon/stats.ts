// Small pure statistics the set-level explanations share: summaries of a list of numbers,
// per-row losses and the scalar loss of a model's scores.
import type { Batch, Predictor } from "../../model/types";
import { quantile } from "../grid";
import { resolveLoss, type LossName } from "../importance";
import { accuracy, auc, binaryLabels, brier, logLoss, mae, mse, numericTarget, r2, rmse } from "../performance";

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return xs.length ? s / xs.length : NaN;
}

/** Sample standard deviation (n − 1); 0 for fewer than two values. */
export function sd(xs: ArrayLike<number>): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

/** min, quartiles, median, max and mean of a list (type 7 quantiles). */
export interface Summary { min: number; q25: number; median: number; q75: number; max: number; mean: number }

export function summary(xs: readonly number[]): Summary {
  const s = Float64Array.from(xs).sort();
  return { min: s[0], q25: quantile(s, 0.25), median: quantile(s, 0.5), q75: quantile(s, 0.75), max: s[s.length - 1], mean: mean(s) };
}

const lossFunctions: Record<LossName, (y: ArrayLike<number>, p: ArrayLike<number>) => number> = {
  rmse, mse, mae, "1-r2": (y, p) => 1 - r2(y, p), logloss: (y, p) => logLoss(y, p),
  "1-auc": (y, p) => 1 - auc(y, p), "error-rate": (y, p) => 1 - accuracy(y, p), brier,
};

/** The loss (lower is better) of scores `p` against outcomes `y`. */
export function lossOf(loss: LossName, y: ArrayLike<number>, p: ArrayLike<number>): number {
  return lossFunctions[loss](y, p);
}

/** The outcome as numbers for the model's task: the value (regression) or 0/1 (classification). */
export function outcome(model: Predictor, data: Batch, target: string, positiveClass?: string | number): Float64Array {
  return model.task === "regression" ? numericTarget(data, target) : binaryLabels(data, target, positiveClass ?? model.positiveClass);
}

/** Per-row error: absolute error (regression) or log-loss (classification), so slice means are comparable losses. */
export function rowErrors(task: Predictor["task"], y: ArrayLike<number>, p: ArrayLike<number>): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    if (task === "regression") out[i] = Math.abs(y[i] - p[i]);
    else {
      const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
      out[i] = -(y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q));
    }
  }
  return out;
}

export { resolveLoss, type LossName };
