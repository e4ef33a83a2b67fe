// SHAP values of every row of a table (or a seeded sample of it) as one result: the matrix a
// summary (beeswarm) plot, a dependence plot and the clustering of local explanations read.
import type { Batch, Predictor } from "../model/types";
import type { Explanation } from "./types";
import { ExplainError, throwIfAborted } from "./errors";
import { finish, now, perModel, type RunOptions } from "./models";
import { rng, sampleIndices } from "./random";
import { shap, type ShapOptions, type ShapValues } from "./shap";

export interface ShapRowsValues {
  features: string[];
  /** the explained rows of the data (from 0) */
  rows: number[];
  /** φ[r][j]: SHAP value of feature j for explained row r */
  values: number[][];
  base: number;
  /** f(x) of each explained row, in the values' space */
  predictions: number[];
  /** the rows' feature values (missing as null) */
  featureValues: (number | string | null)[][];
  /** mean |φ| per feature, the summary plot's order */
  meanAbs: number[];
}

export interface ShapRowsOptions extends RunOptions, Omit<ShapOptions, "row" | "observation" | "signal" | "onProgress"> {
  /** explain a seeded sample of this many rows (default: every row) */
  rows?: number;
}

export function shapRows(models: Predictor, data: Batch, options?: ShapRowsOptions): Promise<Explanation<ShapRowsValues>>;
export function shapRows(models: readonly Predictor[], data: Batch, options?: ShapRowsOptions): Promise<Explanation<ShapRowsValues>[]>;
/** SHAP values of every row (or a sample), one Explanation per model; the method is chosen once, as `shap` does. */
export function shapRows(models: Predictor | readonly Predictor[], data: Batch, options: ShapRowsOptions = {}): Promise<any> {
  return perModel(models, options, async (model, run) => {
    const started = now();
    const seed = options.seed ?? 0;
    if (options.rows !== undefined && !(Number.isInteger(options.rows) && options.rows >= 1)) {
      throw new ExplainError(`rows must be a whole number ≥ 1; got ${options.rows}`);
    }
    const rows = options.rows !== undefined && options.rows < data.n
      ? Array.from(sampleIndices(data.n, options.rows, rng(seed + 7919)))
      : Array.from({ length: data.n }, (_, i) => i);
    const out: ShapValues[] = [];
    let evaluations = 0, params: Record<string, unknown> = {};
    for (let k = 0; k < rows.length; k++) {
      throwIfAborted(run.signal);
      // the same background and seed for every row, so the rows are comparable
      const e = await shap(model, data, { ...options, row: rows[k], seed, signal: run.signal });
      out.push(e.values);
      evaluations += e.evaluations;
      params = e.params;
      if (k % 16 === 15) run.onProgress?.((k + 1) / rows.length);
    }
    const features = out[0]?.features ?? model.features.slice();
    const values = out.map((v) => v.values);
    const meanAbs = features.map((_, j) => values.reduce((s, v) => s + Math.abs(v[j]), 0) / Math.max(1, values.length));
    return finish<ShapRowsValues>({
      kind: "shap", model: model.name,
      params: { ...params, rows: rows.length, ...(options.rows !== undefined && options.rows < data.n ? { sample: `${rows.length} of ${data.n} rows, seed ${seed}` } : {}) },
      values: {
        features, rows, values, base: out[0]?.base ?? NaN, predictions: out.map((v) => v.prediction),
        featureValues: out.map((v) => v.featureValues), meanAbs,
      },
      evaluations,
    }, started);
  });
}

/**
 * The feature that interacts most with `feature` in a SHAP matrix (shap's heuristic): within
 * bins of `feature`'s value, how strongly another feature's value tracks `feature`'s SHAP value.
 */
export function strongestInteraction(v: ShapRowsValues, feature: string, bins = 10): string | undefined {
  const j = v.features.indexOf(feature);
  if (j < 0) throw new ExplainError(`unknown feature \`${feature}\`; the result has: ${v.features.join(", ")}`);
  const n = v.rows.length;
  const order = Array.from({ length: n }, (_, r) => r).sort((a, b) => num(v.featureValues[a][j]) - num(v.featureValues[b][j]));
  const size = Math.max(2, Math.ceil(n / bins));
  let best: string | undefined, bestScore = -1;
  v.features.forEach((other, k) => {
    if (k === j) return;
    let score = 0;
    for (let s = 0; s < n; s += size) {
      const bin = order.slice(s, s + size);
      if (bin.length < 3) continue;
      const xs = bin.map((r) => num(v.featureValues[r][k])), ys = bin.map((r) => v.values[r][j]);
      const c = correlation(xs, ys);
      if (!Number.isNaN(c)) score += Math.abs(c) * bin.length;
    }
    if (score > bestScore) { bestScore = score; best = other; }
  });
  return best;
}

/** Numbers for sorting and correlating: categories by their code of first appearance would mislead, so NaN. */
function num(x: number | string | null): number {
  return typeof x === "number" ? x : NaN;
}

function correlation(xs: number[], ys: number[]): number {
  const pairs = xs.map((x, i) => [x, ys[i]]).filter(([x]) => !Number.isNaN(x));
  const n = pairs.length;
  if (n < 3) return NaN;
  const mx = pairs.reduce((s, p) => s + p[0], 0) / n, my = pairs.reduce((s, p) => s + p[1], 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (const [x, y] of pairs) { sxy += (x - mx) * (y - my); sxx += (x - mx) ** 2; syy += (y - my) ** 2; }
  return sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
}

