// The effect matrix by walking the trees: the score of every row with one feature set to every
// grid value, in one walk per row and tree. At a split on the chosen feature the sorted grid is
// cut in two — the points below the threshold go one way, the rest the other — and both branches
// are followed with their part; at every other split the row's own value decides. Each (row, grid
// point) pair collects exactly the leaves the plain walk of that perturbed row would reach. A leaf
// reached by grid points lo…hi−1 is added once, to a difference array (+w at lo, −w at hi), and a
// prefix sum per row gives every point's total: the cost is one walk per row and tree, whatever
// the grid size. (The sums differ from scoring the rows × grid batch only by rounding, ~1e-15 of
// the score's size.)
import type { TreeEngine } from "../model/tree-engine-check";
import { finishMargins, scoresOf as transformMargins, type TreeLayout } from "../model/tree-engine";
import type { Batch } from "../model/types";
import { takeRows, withColumns, isNumeric } from "./batch";
import type { Grid } from "./grid";
import type { RunOptions } from "./models";
import { inSlices } from "./trees";

/** The grid values as the trees read them (category codes, fills), via the model's own encoding. */
export function encodeGrid(engine: TreeEngine, base: Batch, feature: string, values: readonly (number | string)[]): Float64Array {
  const j = engine.index.get(feature)!;
  const like = base.columns[feature];
  const column = isNumeric(like)
    ? (like instanceof Float32Array ? Float32Array.from(values as number[]) : Float64Array.from(values as number[]))
    : [...values];
  // G copies of the first row with the feature set to each value, encoded as the trees read them
  const rows = takeRows(base, new Int32Array(values.length));
  const x = engine.encode(withColumns(rows, { [feature]: column }));
  const p = engine.layout.features.length;
  return Float64Array.from(values, (_, k) => x[k * p + j]);
}

/**
 * Σ of leaf values (n × G × K) of rows x[from..to) with feature j at each sorted grid value gv.
 * Hot path: an explicit stack, typed arrays only.
 */
/** For each node splitting on j, the first position of the ascending grid gv not below its threshold. */
export function cutsOf(L: TreeLayout, j: number, gv: Float64Array): Int32Array {
  const cut = new Int32Array(L.feature.length);
  for (let i = 0; i < cut.length; i++) {
    if (L.feature[i] !== j) continue;
    const th = L.threshold[i];
    let a = 0, b = gv.length;
    while (a < b) { const m = (a + b) >> 1; if (gv[m] < th) a = m + 1; else b = m; }
    cut[i] = a;
  }
  return cut;
}

/** Walk tree t for row r only when its unperturbed path tests the feature (paths[r·T + t] & mask). */
export interface PathFilter { paths: Int32Array; mask: number; T: number }

export function walkGrid(
  L: TreeLayout, x: Float32Array, p: number, j: number, gv: Float64Array, sums: Float64Array, from: number, to: number, stack: Int32Array,
  trees?: Int32Array, constant?: Float64Array, only?: PathFilter, cut: Int32Array = cutsOf(L, j, gv),
): void {
  const { feature, threshold, yes, no, miss, value, roots, K } = L;
  const nTrees = trees ? trees.length : L.nTrees;
  const G = gv.length;
  // d[k·K + c]: the difference array of one row (G + 1 points, the last a sink)
  const d = new Float64Array((G + 1) * K);
  for (let r = from; r < to; r++) {
    const at = r * p, out = r * G * K;
    d.fill(0);
    // the leaves of trees left out of the walk, the same at every grid point
    if (constant) for (let c = 0; c < K; c++) { d[c] = constant[r * K + c]; d[G * K + c] = -constant[r * K + c]; }
    for (let q = 0; q < nTrees; q++) {
      const t = trees ? trees[q] : q;
      if (only && (only.paths[r * only.T + t] & only.mask) === 0) continue;
      let sp = 0;
      stack[sp++] = roots[t]; stack[sp++] = 0; stack[sp++] = G;
      while (sp > 0) {
        let hi = stack[--sp], lo = stack[--sp], i = stack[--sp];
        for (let f = feature[i]; f >= 0; f = feature[i]) {
          const th = threshold[i];
          if (f === j) {
            // the first grid point not below the threshold, found once per node (cutsOf)
            const mid = cut[i];
            if (mid >= hi) i = yes[i];
            else if (mid <= lo) i = no[i];
            else { stack[sp++] = no[i]; stack[sp++] = mid; stack[sp++] = hi; hi = mid; i = yes[i]; }
          } else {
            const v = x[at + f];
            i = v < th ? yes[i] : v === v ? no[i] : miss[i];
          }
        }
        if (K === 1) { const w = value[i]; d[lo] += w; d[hi] -= w; }
        else for (let c = 0; c < K; c++) { const w = value[i * K + c]; d[lo * K + c] += w; d[hi * K + c] -= w; }
      }
    }
    // prefix sums: the total at each grid point
    if (K === 1) {
      let acc = 0;
      for (let k = 0; k < G; k++) { acc += d[k]; sums[out + k] = acc; }
    } else {
      for (let c = 0; c < K; c++) {
        let acc = 0;
        for (let k = 0; k < G; k++) { acc += d[k * K + c]; sums[out + k * K + c] = acc; }
      }
    }
  }
}

/** Deepest tree, for the walk's stack (each level holds at most one pending branch). */
function maxDepth(L: TreeLayout): number {
  const depth = new Int32Array(L.feature.length);
  let deepest = 0;
  for (let t = 0; t < L.nTrees; t++) {
    const stack = [L.roots[t]];
    while (stack.length) {
      const i = stack.pop()!;
      deepest = Math.max(deepest, depth[i]);
      if (L.feature[i] >= 0) for (const c of [L.yes[i], L.no[i], L.miss[i]]) { depth[c] = depth[i] + 1; stack.push(c); }
    }
  }
  return deepest;
}

const depths = new WeakMap<TreeLayout, number>();

/** The deepest tree's depth (cached per layout). */
export function maxDepthOf(L: TreeLayout): number {
  if (!depths.has(L)) depths.set(L, maxDepth(L));
  return depths.get(L)!;
}

/**
 * Margins (n × G × K, grid in the sorted order of `gv`) of the n rows of x with feature j at each
 * of the ascending values gv, walked in slices (progress, abort). With `trees`, only those are
 * walked and `constant` (n × K) stands for the leaves of all the others; with `only`, also those
 * whose path for the row does not test feature j (changing j cannot move such a row's leaf).
 */
export async function gridMargins(
  L: TreeLayout, x: Float32Array, n: number, j: number, gv: Float64Array, run: RunOptions,
  trees?: Int32Array, constant?: Float64Array, only?: PathFilter,
): Promise<Float64Array> {
  const p = L.features.length;
  if (!depths.has(L)) depths.set(L, maxDepth(L));
  const stack = new Int32Array(3 * (depths.get(L)! + 2));
  const sums = new Float64Array(n * gv.length * L.K);
  const cut = cutsOf(L, j, gv);
  await inSlices(n, run, (from, to) => walkGrid(L, x, p, j, gv, sums, from, to, stack, trees, constant, only, cut));
  return finishMargins(L, sums, n * gv.length);
}

/**
 * scores[r][k]: the score of row `rows[r]` of `base` (the model's columns) with `feature` = grid[k],
 * from the trees. Rows are walked in slices so progress and abort get through.
 */
export async function treeEffectMatrix(
  engine: TreeEngine, base: Batch, feature: string, grid: Grid, run: RunOptions,
): Promise<Float64Array> {
  const L = engine.layout, n = base.n, G = grid.values.length, K = L.K, p = L.features.length;
  const j = engine.index.get(feature)!;
  const encoded = encodeGrid(engine, base, feature, grid.values);
  // the walk cuts a sorted grid; `order[s]` is the grid position of the s-th smallest value
  const order = Array.from(encoded.keys()).sort((a, b) => encoded[a] - encoded[b] || a - b);
  const gv = Float64Array.from(order, (k) => encoded[k]);
  const x = engine.encode(base);
  const scores = transformMargins(L, await gridMargins(L, x, n, j, gv, run), n * G);
  // back to the grid's own order: out[r·G + k]
  const out = new Float64Array(n * G);
  for (let r = 0; r < n; r++) for (let s = 0; s < G; s++) out[r * G + order[s]] = scores[r * G + s];
  return out;
}

/** Most n × steps × K values a step matrix may hold (beyond it, explainers call the model). */
export const STEP_BUDGET = 8e6;

/** The ascending distinct thresholds (x < t form) of feature j. */
export function thresholdsOf(L: TreeLayout, j: number): Float64Array {
  const ts: number[] = [];
  for (let i = 0; i < L.feature.length; i++) if (L.feature[i] === j) ts.push(L.threshold[i]);
  const sorted = Float64Array.from(ts).sort();
  return sorted.filter((t, k) => k === 0 || t !== sorted[k - 1]);
}

/** Number of thresholds ≤ v: the step v falls in (step 0 lies below every threshold). */
export function stepOf(ts: Float64Array, v: number): number {
  let lo = 0, hi = ts.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (ts[mid] <= v) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Every row's score as a step function of one feature: `at(r, v)` is row r's score with the feature at v. */
export interface StepMatrix {
  /** the value each step is scored at (−∞, then each threshold): a grid in the trees' input space */
  values: Float64Array;
  /** n × steps scores */
  scores: Float64Array;
  at(r: number, v: number): number;
}

/**
 * The step matrix of `feature` over the rows of `base` (one grid walk per row and tree), or
 * undefined when it would exceed the budget. `v` in `at` is a value as the trees read it (encoded).
 */
export async function stepMatrix(engine: TreeEngine, base: Batch, feature: string, run: RunOptions): Promise<StepMatrix | undefined> {
  const L = engine.layout, n = base.n, j = engine.index.get(feature)!;
  const ts = thresholdsOf(L, j), G = ts.length + 1;
  if (n * G * L.K > STEP_BUDGET) return undefined;
  const values = new Float64Array(G);
  values[0] = -Infinity;
  values.set(ts, 1);
  const scores = transformMargins(L, await gridMargins(L, engine.encode(base), n, j, values, run), n * G);
  return { values, scores, at: (r, v) => scores[r * G + stepOf(ts, v)] };
}

/**
 * Scores of evaluations "row rowOf[e] of `base` with `feature` set to valueOf[e]", read from the
 * rows' step functions (one grid walk per row and tree, however many evaluations); undefined when
 * the step matrix would exceed its budget (the caller then calls the model).
 */
export async function scoresAt(
  engine: TreeEngine, base: Batch, feature: string, rowOf: ArrayLike<number>, valueOf: readonly (number | string)[], run: RunOptions,
): Promise<Float64Array | undefined> {
  const distinct = [...new Set(valueOf)];
  const encoded = encodeGrid(engine, base, feature, distinct);
  if (encoded.some((v) => v !== v)) return undefined; // a missing value has no step: call the model
  const code = new Map(distinct.map((v, k) => [v, encoded[k]]));
  const sm = await stepMatrix(engine, base, feature, run);
  if (!sm) return undefined;
  return Float64Array.from(valueOf, (v, e) => sm.at(rowOf[e], code.get(v)!));
}
