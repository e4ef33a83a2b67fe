// Accumulated local effects (Apley & Zhu 2020), following their reference implementation ALEPlot:
// numeric features over quantile bins, categorical features over levels put in a 1-D order of
// similarity. One batch of perturbed rows and one predict call per model.
import type { Batch, Column, Predictor } from "../model/types";
import type { Explanation } from "./types";
import { concat, isNumeric, takeRows, withColumns } from "./batch";
import { checkFinite, ExplainError } from "./errors";
import { scoresAt } from "./effects-trees";
import { engineName, engineOf } from "./trees";
import { levelsByFrequency, sortedFinite } from "./grid";
import { checkEffectInput } from "./ice";
import { finish, modelColumns, now, perModel, predictChecked, type RunOptions } from "./models";
import { accumulatedSe, checkPopulation } from "./sampling-error";

export interface NumericAleValues {
  kind: "numeric";
  /** bin edges z₀ < z₁ < … < z_K (quantiles of the feature; fewer when values repeat) */
  edges: number[];
  /** the centered ALE at each edge */
  ale: number[];
  /** rows in each bin (zₖ₋₁, zₖ] (the first bin also holds z₀); length edges − 1 */
  counts: number[];
}

export interface CategoricalAleValues {
  kind: "categorical";
  /** levels in the similarity order the effects were accumulated along */
  levels: string[];
  /** the centered ALE of each level */
  ale: number[];
  /** rows at each level */
  counts: number[];
}

export type AleValues = NumericAleValues | CategoricalAleValues;

export interface AleOptions extends RunOptions {
  /** bins for a numeric feature (default 20) */
  bins?: number;
  /**
   * rows of the table `data` was sampled from (without replacement): the result then carries the
   * standard error of each accumulated effect relative to its first edge (`se`, aligned with `ale`)
   */
  population?: number;
}

/** Quantile type 1 (the inverse empirical CDF, as ALEPlot): edges are observed values, so no bin is empty. */
function quantile1(sorted: Float64Array, p: number): number {
  return sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)];
}

/** Index k ≥ 1 of the bin (z[k−1], z[k]] holding x; z[0] goes to bin 1. */
function binOf(edges: number[], x: number): number {
  let lo = 1, hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= edges[mid]) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** `values` as a numeric column of the same array type as `like` (float32 stays float32). */
function numericColumn(like: Float64Array | Float32Array, values: number[]): Float64Array | Float32Array {
  return like instanceof Float32Array ? Float32Array.from(values) : Float64Array.from(values);
}

/** Each step's local differences: how many, their sum and sum of squares (for the standard error). */
interface LocalDifferences { counts: ArrayLike<number>; sums: ArrayLike<number>; squares: ArrayLike<number> }
const NO_LOCAL: LocalDifferences = { counts: [], sums: [], squares: [] };

async function numericAle(model: Predictor, data: Batch, feature: string, bins: number, run: RunOptions) {
  const col = data.columns[feature] as Float64Array | Float32Array;
  const sorted = sortedFinite(col);
  if (sorted.length === 0) throw new ExplainError(`feature \`${feature}\` has only missing values`);
  const edges: number[] = [];
  for (let k = 0; k <= bins; k++) {
    const z = quantile1(sorted, k / bins);
    if (edges.length === 0 || z > edges[edges.length - 1]) edges.push(z);
  }
  // a constant feature: one point, no model calls
  if (edges.length === 1) return { values: { kind: "numeric" as const, edges, ale: [0], counts: [] }, evaluations: 0, missing: data.n - sorted.length, engine: "none", local: NO_LOCAL };
  const rows: number[] = [], bin: number[] = [];
  for (let i = 0; i < data.n; i++) if (Number.isFinite(col[i])) { rows.push(i); bin.push(binOf(edges, col[i])); }
  const m = rows.length;
  const base = takeRows(modelColumns(model, data), rows);
  // rows [0, m): each row at its bin's lower edge; rows [m, 2m): at its upper edge
  const lower = withColumns(base, { [feature]: numericColumn(col, bin.map((k) => edges[k - 1])) });
  const upper = withColumns(base, { [feature]: numericColumn(col, bin.map((k) => edges[k])) });
  const batch = model.features.includes(feature) ? concat([lower, upper]) : concat([base, base]);
  // by the trees: every row's score at both its edges, read from its step function
  const rowOf = Int32Array.from({ length: 2 * m }, (_, e) => e % m);
  const valueOf = Array.from(rowOf, (r, e) => edges[bin[r] - (e < m ? 1 : 0)]);
  const { scores, engine } = await evaluations(model, base, feature, rowOf, valueOf, batch, run);
  const K = edges.length - 1;
  const sum = new Float64Array(K + 1), squares = new Float64Array(K), counts = new Array(K).fill(0);
  for (let r = 0; r < m; r++) {
    const d = scores[m + r] - scores[r];
    sum[bin[r]] += d; squares[bin[r] - 1] += d * d; counts[bin[r] - 1]++;
  }
  const ale = [0];
  for (let k = 1; k <= K; k++) ale.push(ale[k - 1] + (counts[k - 1] ? sum[k] / counts[k - 1] : 0));
  // center: subtract the count-weighted mean of each bin's mid value (ALEPlot's constant)
  let c = 0;
  for (let k = 1; k <= K; k++) c += (counts[k - 1] * (ale[k - 1] + ale[k])) / 2;
  c /= m;
  const local = { counts, sums: sum.subarray(1), squares };
  return { values: { kind: "numeric" as const, edges, ale: ale.map((a) => a - c), counts }, evaluations: batch.n, missing: data.n - m, engine, local };
}

/**
 * The scores of the evaluations "row rowOf[e] of `base` with `feature` = valueOf[e]": from the
 * trees' step functions when the model has a checked engine, else one call on `batch` (the same
 * evaluations as rows).
 */
async function evaluations(
  model: Predictor, base: Batch, feature: string, rowOf: Int32Array, valueOf: (number | string)[], batch: Batch, run: RunOptions,
): Promise<{ scores: Float64Array; engine: string }> {
  const engine = model.features.includes(feature) ? await engineOf(model) : undefined;
  const scores = engine && engine.index.has(feature) ? await scoresAt(engine, base, feature, rowOf, valueOf, run) : undefined;
  if (scores) {
    checkFinite(model, scores);
    return { scores, engine: "trees" };
  }
  return { scores: await predictChecked(model, batch, run), engine: engineName(model, undefined) };
}

// ---------- ordering categorical levels ----------

/** Kolmogorov–Smirnov distance between two samples (sup of the ECDF difference, exact). */
export function ksDistance(a: Float64Array, b: Float64Array): number {
  let i = 0, j = 0, d = 0;
  while (i < a.length && j < b.length) {
    const x = Math.min(a[i], b[j]);
    while (i < a.length && a[i] <= x) i++;
    while (j < b.length && b[j] <= x) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

/**
 * Distance between levels of `feature`, summed over the other columns as in ALEPlot: KS distance of
 * a numeric column's distribution within each level; total variation of a categorical one's.
 */
export function levelDistances(data: Batch, feature: string, levels: string[], others: readonly string[]): number[][] {
  const K = levels.length, index = new Map(levels.map((l, k) => [l, k]));
  const col = data.columns[feature];
  const D = Array.from({ length: K }, () => new Array(K).fill(0));
  for (const o of others) {
    const other = data.columns[o];
    if (isNumeric(other)) {
      const groups: number[][] = levels.map(() => []);
      for (let i = 0; i < data.n; i++) {
        const k = index.get(String(col[i])); if (k !== undefined && Number.isFinite(other[i])) groups[k].push(other[i]);
      }
      const s = groups.map((g) => Float64Array.from(g).sort());
      for (let a = 0; a < K; a++) for (let b = a + 1; b < K; b++) {
        const d = s[a].length && s[b].length ? ksDistance(s[a], s[b]) : 1;
        D[a][b] += d; D[b][a] += d;
      }
    } else {
      const freq = levels.map(() => new Map<string, number>()), tot = new Array(K).fill(0);
      for (let i = 0; i < data.n; i++) {
        const k = index.get(String(col[i])); if (k === undefined) continue;
        const v = String(other[i]); freq[k].set(v, (freq[k].get(v) ?? 0) + 1); tot[k]++;
      }
      for (let a = 0; a < K; a++) for (let b = a + 1; b < K; b++) {
        const keys = new Set([...freq[a].keys(), ...freq[b].keys()]);
        let d = 0;
        for (const v of keys) d += Math.abs((freq[a].get(v) ?? 0) / tot[a] - (freq[b].get(v) ?? 0) / tot[b]);
        D[a][b] += d / 2; D[b][a] += d / 2;
      }
    }
  }
  return D;
}

/**
 * A 1-D order of the levels: classical multidimensional scaling to one dimension (ALEPlot's
 * cmdscale(D, k = 1)), via power iteration on the double-centred matrix. Ties and a zero matrix
 * keep the given (frequency) order. The orientation does not change the centred ALE values.
 */
export function mdsOrder(D: number[][]): number[] {
  const K = D.length;
  const identity = Array.from({ length: K }, (_, k) => k);
  if (K < 3) return identity;
  // B = −½ J D² J
  const sq = D.map((r) => r.map((d) => d * d));
  const rowMean = sq.map((r) => r.reduce((s, x) => s + x, 0) / K);
  const all = rowMean.reduce((s, x) => s + x, 0) / K;
  const B = sq.map((r, a) => r.map((x, b) => -0.5 * (x - rowMean[a] - rowMean[b] + all)));
  // shift by a Gershgorin bound so the largest (not largest-magnitude) eigenvalue dominates
  const shift = Math.max(...B.map((r) => r.reduce((s, x) => s + Math.abs(x), 0)));
  if (shift === 0) return identity;
  let v = identity.map((k) => 1 + k / K);
  for (let it = 0; it < 2000; it++) {
    const w = B.map((r, a) => r.reduce((s, x, b) => s + x * v[b], 0) + shift * v[a]);
    const norm = Math.hypot(...w);
    const next = w.map((x) => x / norm);
    const change = Math.max(...next.map((x, a) => Math.abs(x - v[a])));
    v = next;
    if (change < 1e-12) break;
  }
  return identity.sort((a, b) => v[a] - v[b] || a - b);
}

async function categoricalAle(model: Predictor, data: Batch, feature: string, run: RunOptions) {
  const col = data.columns[feature];
  const { levels: byFreq } = levelsByFrequency(col);
  if (byFreq.length === 0) throw new ExplainError(`feature \`${feature}\` has only missing values`);
  const others = model.features.filter((f) => f !== feature);
  const order = mdsOrder(levelDistances(data, feature, byFreq, others));
  const levels = order.map((k) => byFreq[k]);
  const K = levels.length, index = new Map(levels.map((l, k) => [l, k]));
  const counts = new Array(K).fill(0);
  if (K === 1) return { values: { kind: "categorical" as const, levels, ale: [0], counts: [data.n] }, evaluations: 0, missing: 0, engine: "none", local: NO_LOCAL };
  // rows that can move up one level, and rows that can move down one level
  const rows: number[] = [], up: number[] = [], down: number[] = [];
  for (let i = 0; i < data.n; i++) {
    const k = index.get(String(col[i]));
    if (k === undefined || col[i] === null) continue;
    rows.push(i); counts[k]++;
    if (k < K - 1) up.push(i);
    if (k > 0) down.push(i);
  }
  const base = modelColumns(model, data);
  const moved = (which: number[], step: number): Batch => {
    const b = takeRows(base, which);
    if (!model.features.includes(feature)) return b;
    return withColumns(b, { [feature]: which.map((i) => levels[index.get(String(col[i]))! + step]) as Column });
  };
  const batch = concat([takeRows(base, up), moved(up, 1), takeRows(base, down), moved(down, -1)]);
  // by the trees: [up at its level, up one level higher, down at its level, down one lower]
  const rowOf = Int32Array.from([...up, ...up, ...down, ...down]);
  const shift = (e: number) => (e < up.length ? 0 : e < 2 * up.length ? 1 : e < 2 * up.length + down.length ? 0 : -1);
  const valueOf = Array.from(rowOf, (i, e) => levels[index.get(String(col[i]))! + shift(e)]);
  const { scores, engine } = await evaluations(model, base, feature, rowOf, valueOf, batch, run);
  // transition k → k+1: rows at k moved up, and rows at k+1 moved down (ALEPlot's Delta.plus / Delta.neg)
  const sum = new Float64Array(K - 1), n = new Float64Array(K - 1), squares = new Float64Array(K - 1);
  const u = up.length, d = down.length;
  const add = (k: number, diff: number) => { sum[k] += diff; squares[k] += diff * diff; n[k]++; };
  up.forEach((i, r) => add(index.get(String(col[i]))!, scores[u + r] - scores[r]));
  down.forEach((i, r) => add(index.get(String(col[i]))! - 1, scores[2 * u + r] - scores[2 * u + d + r]));
  const ale = [0];
  for (let k = 0; k < K - 1; k++) ale.push(ale[k] + (n[k] ? sum[k] / n[k] : 0));
  const total = rows.length;
  const c = ale.reduce((s, a, k) => s + (a * counts[k]) / total, 0);
  return { values: { kind: "categorical" as const, levels, ale: ale.map((a) => a - c), counts }, evaluations: batch.n, missing: data.n - total, engine, local: { counts: n, sums: sum, squares } };
}

export function ale(models: Predictor, data: Batch, feature: string, options?: AleOptions): Promise<Explanation<AleValues>>;
export function ale(models: readonly Predictor[], data: Batch, feature: string, options?: AleOptions): Promise<Explanation<AleValues>[]>;
/** Accumulated local effects of `feature` on each model's score. */
export function ale(models: Predictor | readonly Predictor[], data: Batch, feature: string, options: AleOptions = {}): Promise<any> {
  return perModel(models, options, async (model, run) => {
    const started = now();
    checkEffectInput(model, data, feature);
    const bins = options.bins ?? 20;
    if (!(Number.isInteger(bins) && bins >= 1)) throw new ExplainError(`bins must be a whole number ≥ 1 (got ${bins})`);
    const numeric = isNumeric(data.columns[feature]);
    const sample = options.population === undefined ? undefined : checkPopulation(options.population, data.n);
    const r = numeric ? await numericAle(model, data, feature, bins, run) : await categoricalAle(model, data, feature, run);
    run.onProgress?.(1);
    const se = sample ? accumulatedSe(r.local.counts, r.local.sums, r.local.squares, data.n, sample.of) : undefined;
    const sampled = sample ? { sample, se: "per-step SE of the mean local difference, summed in variance along the accumulation; edges and centring fixed" } : {};
    return finish<AleValues>(
      {
        kind: "ale", model: model.name, feature,
        params: numeric
          ? { method: "ale", bins, edges: "quantile type 1", centering: "count-weighted bin midpoints", missingRows: r.missing, engine: r.engine, ...sampled }
          : { method: "ale", order: "MDS(1-D) of summed KS / total-variation distances over the other features", centering: "count-weighted", missingRows: r.missing, engine: r.engine, ...sampled },
        values: r.values,
        ...(se ? { se } : {}),
        evaluations: r.evaluations,
      },
      started,
    );
  });
}
