// How well each model fits: classification (AUC, log-loss, accuracy, Brier, confusion, ROC, PR)
// and regression (RMSE, MAE, R²). The metric functions are pure and also serve importance.ts.
import type { Batch, Column, Predictor } from "../model/types";
import type { Explanation } from "./types";
import { checkModelInputs, checkNotEmpty, ExplainError } from "./errors";
import { finish, modelColumns, now, perModel, type RunOptions } from "./models";
// by the trees when the model has a checked engine (several times faster than onnxruntime's walk)
import { engineOf, scoresOf } from "./trees";
import { checkPopulation, metricSe } from "./sampling-error";

// ---------- labels ----------

/**
 * The target as 0/1 numbers. A numeric target must hold only 0 and 1 unless `positiveClass` is
 * given (then 1 where it equals it); a string/boolean target needs `positiveClass`.
 */
export function binaryLabels(data: Batch, target: string, positiveClass?: string | number): Float64Array {
  const col = data.columns[target];
  if (col === undefined) throw new ExplainError(`unknown target column \`${target}\`; the data has: ${Object.keys(data.columns).join(", ")}`);
  const y = new Float64Array(data.n);
  const bad: number[] = [];
  for (let i = 0; i < data.n; i++) {
    const v = col[i];
    if (positiveClass !== undefined) {
      if (v === null || (typeof v === "number" && Number.isNaN(v))) bad.push(i);
      else y[i] = String(v) === String(positiveClass) ? 1 : 0;
    } else if (v === 0 || v === 1) y[i] = v;
    else bad.push(i);
  }
  if (bad.length > 0) {
    const rows = bad.slice(0, 5).join(", ") + (bad.length > 5 ? ", …" : "");
    throw new ExplainError(
      positiveClass === undefined
        ? `target \`${target}\` must hold 0/1 (or pass positiveClass); rows ${rows} hold ${String(col[bad[0]])}`
        : `target \`${target}\` is missing in ${bad.length} rows (${rows})`,
    );
  }
  return y;
}

/** The target as numbers (regression); missing or non-numeric values are an error naming the rows. */
export function numericTarget(data: Batch, target: string): Float64Array {
  const col: Column | undefined = data.columns[target];
  if (col === undefined) throw new ExplainError(`unknown target column \`${target}\`; the data has: ${Object.keys(data.columns).join(", ")}`);
  const y = new Float64Array(data.n);
  const bad: number[] = [];
  for (let i = 0; i < data.n; i++) {
    const v = col[i];
    if (typeof v === "number" && Number.isFinite(v)) y[i] = v;
    else bad.push(i);
  }
  if (bad.length > 0) {
    throw new ExplainError(`target \`${target}\` must hold finite numbers; rows ${bad.slice(0, 5).join(", ")}${bad.length > 5 ? ", …" : ""} do not`);
  }
  return y;
}

// ---------- regression metrics ----------

export function mse(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - p[i]) ** 2;
  return s / y.length;
}
export function rmse(y: ArrayLike<number>, p: ArrayLike<number>): number {
  return Math.sqrt(mse(y, p));
}
export function mae(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(y[i] - p[i]);
  return s / y.length;
}
/** 1 − SS_res/SS_tot (NaN when the target is constant). */
export function r2(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  let res = 0, tot = 0;
  for (let i = 0; i < y.length; i++) { res += (y[i] - p[i]) ** 2; tot += (y[i] - mean) ** 2; }
  return tot === 0 ? NaN : 1 - res / tot;
}

// ---------- classification metrics (y in {0,1}, p = score of class 1) ----------

/**
 * Area under the ROC curve as the Mann–Whitney statistic, ties counted ½: the positives' and the
 * negatives' scores each sorted natively (typed arrays, no comparator: importance calls this once
 * per permuted copy), then merged, counting for each positive the negatives below and tied.
 */
export function auc(y: ArrayLike<number>, p: ArrayLike<number>): number {
  const n = y.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) if (y[i] === 1) nPos++;
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  const pos = new Float64Array(nPos), neg = new Float64Array(nNeg);
  for (let i = 0, a = 0, b = 0; i < n; i++) if (y[i] === 1) pos[a++] = p[i]; else neg[b++] = p[i];
  pos.sort(); neg.sort();
  // Σ over positives of (negatives below + ½ negatives tied): whole and half numbers, exact in doubles
  let wins = 0;
  for (let i = 0, below = 0, upTo = 0; i < nPos; i++) {
    const s = pos[i];
    while (below < nNeg && neg[below] < s) below++;
    if (upTo < below) upTo = below;
    while (upTo < nNeg && neg[upTo] <= s) upTo++;
    wins += below + (upTo - below) / 2;
  }
  return wins / (nPos * nNeg);
}

/** Mean negative log-likelihood, probabilities clipped to [eps, 1 − eps] (eps = 1e-15, as scikit-learn 1.2). */
export function logLoss(y: ArrayLike<number>, p: ArrayLike<number>, eps = 1e-15): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - eps, Math.max(eps, p[i]));
    s -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return s / y.length;
}
export function brier(y: ArrayLike<number>, p: ArrayLike<number>): number {
  return mse(y, p);
}

export interface Confusion { threshold: number; tp: number; fp: number; tn: number; fn: number }

/** Predicted positive when score ≥ threshold. */
export function confusion(y: ArrayLike<number>, p: ArrayLike<number>, threshold = 0.5): Confusion {
  const c = { threshold, tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < y.length; i++) {
    const pos = p[i] >= threshold;
    if (pos) y[i] === 1 ? c.tp++ : c.fp++;
    else y[i] === 1 ? c.fn++ : c.tn++;
  }
  return c;
}
export function accuracy(y: ArrayLike<number>, p: ArrayLike<number>, threshold = 0.5): number {
  const c = confusion(y, p, threshold);
  return (c.tp + c.tn) / y.length;
}

/** One point per distinct score, from the highest threshold down; ROC starts at (0, 0). */
export interface Curves {
  roc: { threshold: number[]; fpr: number[]; tpr: number[] };
  pr: { threshold: number[]; recall: number[]; precision: number[] };
  /** average precision: Σ (Rₖ − Rₖ₋₁)·Pₖ over the PR points (scikit-learn's definition) */
  averagePrecision: number;
}

export function curves(y: ArrayLike<number>, p: ArrayLike<number>): Curves {
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b] - p[a]);
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += y[i] === 1 ? 1 : 0;
  const nNeg = n - nPos;
  const roc = { threshold: [Infinity], fpr: [0], tpr: [0] };
  const pr = { threshold: [] as number[], recall: [] as number[], precision: [] as number[] };
  let tp = 0, fp = 0, ap = 0, lastRecall = 0;
  for (let i = 0; i < n; ) {
    const t = p[order[i]];
    while (i < n && p[order[i]] === t) { y[order[i]] === 1 ? tp++ : fp++; i++; }
    const recall = nPos ? tp / nPos : NaN, precision = tp / (tp + fp);
    roc.threshold.push(t); roc.fpr.push(nNeg ? fp / nNeg : NaN); roc.tpr.push(recall);
    pr.threshold.push(t); pr.recall.push(recall); pr.precision.push(precision);
    ap += (recall - lastRecall) * precision;
    lastRecall = recall;
  }
  return { roc, pr, averagePrecision: nPos ? ap : NaN };
}

// ---------- the explainer ----------

export interface RegressionPerformance {
  task: "regression";
  n: number;
  rmse: number; mse: number; mae: number; r2: number;
}
export interface ClassificationPerformance extends Curves {
  task: "classification";
  n: number;
  /** share of positives */
  prevalence: number;
  auc: number; logLoss: number; brier: number;
  /** at `confusion.threshold` (default 0.5, score ≥ threshold is positive) */
  accuracy: number;
  confusion: Confusion;
}
export type PerformanceValues = RegressionPerformance | ClassificationPerformance;

export interface PerformanceOptions extends RunOptions {
  /** the column holding the observed outcome */
  target: string;
  /** for classification: the target value counted as 1 (default: the model's positiveClass; 0/1 targets need none) */
  positiveClass?: string | number;
  /** classification threshold for accuracy and confusion (default 0.5) */
  threshold?: number;
  /**
   * rows of the table `data` was sampled from (without replacement): the result then carries each
   * metric's standard error relative to that table (`se`, by the delta method: sampling-error.ts)
   */
  population?: number;
}

export function modelPerformance(models: Predictor, data: Batch, options: PerformanceOptions): Promise<Explanation<PerformanceValues>>;
export function modelPerformance(models: readonly Predictor[], data: Batch, options: PerformanceOptions): Promise<Explanation<PerformanceValues>[]>;
/** Goodness of fit of each model on `data` (one Explanation per model). */
export function modelPerformance(models: Predictor | readonly Predictor[], data: Batch, options: PerformanceOptions): Promise<any> {
  return perModel(models, options, async (model, run) => {
    const started = now();
    checkNotEmpty(data);
    checkModelInputs(model, data);
    const sample = options.population === undefined ? undefined : checkPopulation(options.population, data.n);
    const p = await scoresOf(model, modelColumns(model, data), run, await engineOf(model));
    const values = scorePerformance(model, data, p, options);
    run.onProgress?.(1);
    const se = sample ? performanceSe(model, data, p, options, sample.of) : undefined;
    return finish<PerformanceValues>(
      {
        kind: "performance", model: model.name,
        params: { target: options.target, task: model.task, threshold: options.threshold ?? 0.5, ...(sample ? { sample, se: "delta method (influence functions; DeLong for AUC), finite-population corrected" } : {}) },
        values, ...(se ? { se } : {}), evaluations: data.n,
      },
      started,
    );
  });
}

/** Standard errors of the scalar metrics on a sample of a table of `population` rows. */
export function performanceSe(model: Predictor, data: Batch, p: Float64Array, options: PerformanceOptions, population: number): Record<string, number> {
  if (model.task === "regression") {
    const y = numericTarget(data, options.target);
    return { rmse: metricSe("rmse", y, p, population), mse: metricSe("mse", y, p, population), mae: metricSe("mae", y, p, population), r2: metricSe("r2", y, p, population) };
  }
  const y = binaryLabels(data, options.target, options.positiveClass ?? model.positiveClass);
  const t = options.threshold ?? 0.5;
  return {
    auc: metricSe("auc", y, p, population), logLoss: metricSe("logloss", y, p, population),
    brier: metricSe("brier", y, p, population), accuracy: metricSe("accuracy", y, p, population, t),
  };
}

/** Performance values from scores already computed. */
export function scorePerformance(model: Predictor, data: Batch, p: Float64Array, options: PerformanceOptions): PerformanceValues {
  if (model.task === "regression") {
    const y = numericTarget(data, options.target);
    return { task: "regression", n: data.n, rmse: rmse(y, p), mse: mse(y, p), mae: mae(y, p), r2: r2(y, p) };
  }
  const y = binaryLabels(data, options.target, options.positiveClass ?? model.positiveClass);
  const threshold = options.threshold ?? 0.5;
  const c = confusion(y, p, threshold);
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i];
  return {
    task: "classification", n: data.n, prevalence: pos / data.n,
    auc: auc(y, p), logLoss: logLoss(y, p), brier: brier(y, p),
    accuracy: (c.tp + c.tn) / data.n, confusion: c, ...curves(y, p),
  };
}
