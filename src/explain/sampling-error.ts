// Monte-Carlo standard errors of explanations computed on a sample of n rows drawn without
// replacement from a table of N rows, relative to the same explanation on the whole table.
// Every estimate here is a mean over rows, or linearised into one (the delta method): a per-row
// value zᵢ whose mean moves as the estimate does, so SE = sd(z)/√n · √(1 − n/N) (the finite-
// population correction: a sample of the whole table has no sampling error).
//   PD at a grid point: zᵢ = the row's ICE value there.
//   a loss or metric:   zᵢ = its influence function (exact for means of per-row losses, first order
//                       for RMSE, R² and AUC; AUC's is DeLong's placement values).
//   importance:         zᵢ = the row's influence on the permuted loss (averaged over the repeats)
//                       minus its influence on the unpermuted loss.
//   ALE:                each bin's mean local difference has SE s_k/√n_k · √(1 − n/N); bins hold
//                       disjoint rows, so the accumulated effect's variance is the sum over the bins
//                       up to it (bin edges and the centring constant are treated as fixed).
import { ExplainError } from "./errors";

/** The sampled explanation's `params.sample`. */
export interface SampleInfo { rows: number; of: number }

/** Checks `population` against the sample's row count and returns the sample's description. */
export function checkPopulation(population: number, rows: number): SampleInfo {
  if (!(Number.isInteger(population) && population >= rows)) {
    throw new ExplainError(`population must be a whole number ≥ the ${rows} rows of the sample; got ${population}`);
  }
  return { rows, of: population };
}

/** √(1 − n/N), 0 when the sample is the whole table. */
export function finitePopulation(n: number, population: number): number {
  return Math.sqrt(Math.max(0, 1 - n / population));
}

/** SE of the mean of `z` (n values, n − 1 in the variance) as an estimate of the population mean; NaN below 2 rows. */
export function meanSe(z: ArrayLike<number>, population: number): number {
  const n = z.length;
  if (n < 2) return NaN;
  let m = 0;
  for (let i = 0; i < n; i++) m += z[i];
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (z[i] - m) ** 2;
  return Math.sqrt(ss / (n - 1) / n) * finitePopulation(n, population);
}

/** The losses and metrics whose influence functions are known here (importance's loss names and performance's metrics). */
export type MetricName = "rmse" | "mse" | "mae" | "1-r2" | "r2" | "logloss" | "1-auc" | "auc" | "error-rate" | "accuracy" | "brier";

/** Midranks (1-based, ties share their mean rank) of `p` at the positions `at`. */
function midranks(p: ArrayLike<number>, at: readonly number[]): Float64Array {
  const order = at.slice().sort((a, b) => p[a] - p[b]);
  const out = new Float64Array(p.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && p[order[j + 1]] === p[order[i]]) j++;
    for (let k = i; k <= j; k++) out[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/**
 * AUC's influence function per row (DeLong's placement values): a positive row's share of negatives
 * scored below it (ties ½), minus AUC, over the share of positives; the mirror for a negative row.
 */
function aucInfluence(y: ArrayLike<number>, p: ArrayLike<number>): Float64Array {
  const n = y.length, all: number[] = [], pos: number[] = [], neg: number[] = [];
  for (let i = 0; i < n; i++) { all.push(i); (y[i] === 1 ? pos : neg).push(i); }
  const n1 = pos.length, n0 = neg.length, z = new Float64Array(n);
  if (n1 === 0 || n0 === 0) return z.fill(NaN);
  const r = midranks(p, all), rp = midranks(p, pos), rn = midranks(p, neg);
  let a = 0;
  const v = new Float64Array(n);
  for (const i of pos) { v[i] = (r[i] - rp[i]) / n0; a += v[i]; }
  a /= n1;
  for (const i of neg) v[i] = (n1 - (r[i] - rn[i])) / n1;
  for (const i of pos) z[i] = (v[i] - a) / (n1 / n);
  for (const i of neg) z[i] = (v[i] - a) / (n0 / n);
  return z;
}

/**
 * Per-row values whose mean moves as the metric does, to first order (the metric's influence
 * function, up to a constant): SE = meanSe(influence). Probabilities for logloss are clipped as
 * logLoss clips them; accuracy and error rate use score ≥ threshold as positive.
 */
export function influence(metric: MetricName, y: ArrayLike<number>, p: ArrayLike<number>, threshold = 0.5): Float64Array {
  const n = y.length, z = new Float64Array(n);
  const sq = (i: number) => (y[i] - p[i]) ** 2;
  switch (metric) {
    case "mse": case "brier": for (let i = 0; i < n; i++) z[i] = sq(i); return z;
    case "mae": for (let i = 0; i < n; i++) z[i] = Math.abs(y[i] - p[i]); return z;
    case "rmse": {
      let m = 0;
      for (let i = 0; i < n; i++) m += sq(i);
      m /= n;
      for (let i = 0; i < n; i++) z[i] = m > 0 ? (sq(i) - m) / (2 * Math.sqrt(m)) : 0;
      return z;
    }
    case "1-r2": case "r2": {
      // 1 − R² = M/V (mean squared error over the target's variance)
      let my = 0, m = 0, v = 0;
      for (let i = 0; i < n; i++) { my += y[i]; m += sq(i); }
      my /= n; m /= n;
      for (let i = 0; i < n; i++) v += (y[i] - my) ** 2;
      v /= n;
      const sign = metric === "r2" ? -1 : 1;
      for (let i = 0; i < n; i++) z[i] = v > 0 ? sign * ((sq(i) - m) / v - (m * ((y[i] - my) ** 2 - v)) / (v * v)) : NaN;
      return z;
    }
    case "logloss": {
      const eps = 1e-15;
      for (let i = 0; i < n; i++) { const q = Math.min(1 - eps, Math.max(eps, p[i])); z[i] = y[i] === 1 ? -Math.log(q) : -Math.log(1 - q); }
      return z;
    }
    case "error-rate": case "accuracy": {
      const right = metric === "accuracy" ? 1 : 0;
      for (let i = 0; i < n; i++) z[i] = ((p[i] >= threshold) === (y[i] === 1)) ? right : 1 - right;
      return z;
    }
    case "auc": return aucInfluence(y, p);
    case "1-auc": { const a = aucInfluence(y, p); for (let i = 0; i < n; i++) z[i] = -a[i]; return z; }
  }
}

/** SE of a metric computed on a sample, relative to the whole table (delta method). */
export function metricSe(metric: MetricName, y: ArrayLike<number>, p: ArrayLike<number>, population: number, threshold = 0.5): number {
  return meanSe(influence(metric, y, p, threshold), population);
}

/**
 * SE of a permutation importance (mean permuted loss − unpermuted loss) on a sample: per row, the
 * influence on each repeat's permuted loss, averaged over the repeats, minus that on the base loss.
 */
export function dropoutSe(
  metric: MetricName, y: ArrayLike<number>, base: ArrayLike<number>, permuted: readonly ArrayLike<number>[], population: number,
): number {
  const n = y.length, z = new Float64Array(n);
  for (const p of permuted) {
    const zp = influence(metric, y, p);
    for (let i = 0; i < n; i++) z[i] += zp[i] / permuted.length;
  }
  const z0 = influence(metric, y, base);
  for (let i = 0; i < n; i++) z[i] -= z0[i];
  return meanSe(z, population);
}

/**
 * SE of each accumulated effect (relative to the first edge) from the bins' local differences:
 * bin k has `counts[k]` differences with sum `sums[k]` and sum of squares `squares[k]`. A bin of
 * one row borrows the pooled within-bin variance of the others.
 */
export function accumulatedSe(counts: ArrayLike<number>, sums: ArrayLike<number>, squares: ArrayLike<number>, sampleRows: number, population: number): number[] {
  const K = counts.length, variance = new Float64Array(K);
  let pooledSs = 0, pooledDf = 0;
  for (let k = 0; k < K; k++) {
    const c = counts[k];
    if (c < 2) continue;
    const ss = Math.max(0, squares[k] - (sums[k] * sums[k]) / c);
    variance[k] = ss / (c - 1);
    pooledSs += ss; pooledDf += c - 1;
  }
  const pooled = pooledDf > 0 ? pooledSs / pooledDf : 0;
  const fpc2 = Math.max(0, 1 - sampleRows / population);
  const out = [0];
  let acc = 0;
  for (let k = 0; k < K; k++) {
    const c = counts[k];
    if (c > 0) acc += (fpc2 * (c < 2 ? pooled : variance[k])) / c;
    out.push(Math.sqrt(acc));
  }
  return out;
}
