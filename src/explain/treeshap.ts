// Exact path-dependent TreeSHAP (Lundberg et al. 2020, "From local explanations to global
// understanding with explainable AI for trees") over a plain `TreeEnsemble`.
// No model calls: the trees, their node covers and the observation are all it needs.
// Values are in the margin space (before any LOGISTIC/SOFTMAX post-transform).
// It runs only on covers that are evidence (`ensemble.covers.valid`: the file's, when they add up,
// or counted from data by tree-covers.ts). A node no counted row reached sends half its (zero)
// weight each way, so E_cover[f | x_S] stays defined; the brute-force oracle uses the same rule.
// The work is done leaf by leaf over flat arrays (treeshap-leaves.ts), laid out once per ensemble;
// ensembles whose paths test more than 30 distinct features take the recursion (treeshap-recursive.ts).
import type { Batch, Tree, TreeEnsemble } from "../model/types";
import { ExplainError } from "./errors";
import { coverFractions, isLeaf, scaleOf, treeValue } from "./tree-nodes";
import { leafLayout, leafShap, leafTable, SMALL_TABLE, type LeafLayout, type LeafTable } from "./treeshap-leaves";
import { pathStore, recursiveTreeShap } from "./treeshap-recursive";

export { branch, coverFractions, depthOf, goesLeft, modeCodes, scaleOf, treeValue } from "./tree-nodes";

/** TreeSHAP for one observation. */
export interface TreeShapValues {
  /** the ensemble's input features, in its own order */
  features: string[];
  /** φ_j, one per feature; Σ φ = prediction − base */
  values: number[];
  /** E[f] under the training covers: ensemble base + Σ cover-weighted tree expectations */
  base: number;
  /** f(x) in the margin space */
  prediction: number;
}

/** TreeSHAP for many rows at once (used for SHAP summaries and clustering). */
export interface TreeShapBatch {
  features: string[];
  /** n × p, row-major: φ of row r, feature j at r·p + j */
  values: Float64Array;
  base: number;
  /** f(x) in the margin space, one per row */
  predictions: Float64Array;
  n: number;
}

export const NO_COVER_MESSAGE =
  "path-dependent TreeSHAP needs node covers, and this tree ensemble carries none that add up; use method " +
  "'tree-interventional' (exact against a background), or count covers from data (`covers: table`, `--covers-from FILE`)";

/** The refusal for an ensemble whose covers are not evidence, with the reason. */
export function noCoverError(ensemble: TreeEnsemble): ExplainError {
  return new ExplainError(`${NO_COVER_MESSAGE} (${ensemble.covers?.reason ?? "no covers"})`);
}

function checkCovers(ensemble: TreeEnsemble): void {
  if (!(ensemble.covers ? ensemble.covers.valid : ensemble.hasCover)) throw noCoverError(ensemble);
  ensemble.trees.forEach((tree, t) => {
    for (let i = 0; i < tree.cover.length; i++) {
      if (!(tree.cover[i] >= 0)) throw new ExplainError(`tree ${t}, node ${i}: cover is ${tree.cover[i]}; TreeSHAP needs covers ≥ 0`);
    }
  });
}

/** Cover-weighted expectation of a subtree: E(node) = Σ_child fraction(child) · E(child). */
function treeExpectation(tree: Tree, frac: Float64Array, node: number): number {
  if (isLeaf(tree, node)) return tree.value[node];
  const l = tree.left[node], r = tree.right[node];
  return frac[l] * treeExpectation(tree, frac, l) + frac[r] * treeExpectation(tree, frac, r);
}

/** E[f] in the margin space: base + scale · Σ cover-weighted tree expectations. */
export function expectedValue(ensemble: TreeEnsemble): number {
  checkCovers(ensemble);
  let s = 0;
  for (const tree of ensemble.trees) s += treeExpectation(tree, coverFractions(tree), 0);
  return ensemble.base + scaleOf(ensemble) * s;
}

/** f(x) in the margin space. */
export function marginPrediction(ensemble: TreeEnsemble, x: ArrayLike<number>): number {
  let s = 0;
  for (const tree of ensemble.trees) s += treeValue(tree, x);
  return ensemble.base + scaleOf(ensemble) * s;
}

/** The model's input columns of `data`, in the ensemble's feature order. */
function inputColumns(ensemble: TreeEnsemble, data: Batch) {
  return ensemble.features.map((f) => {
    const col = data.columns[f];
    if (col === undefined) {
      throw new ExplainError(`the tree ensemble reads \`${f}\`, missing from the data; the data has: ${Object.keys(data.columns).join(", ")}`);
    }
    return col;
  });
}

function cellValue(ensemble: TreeEnsemble, j: number, v: unknown, r: number): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  throw new ExplainError(`column \`${ensemble.features[j]}\` holds the string "${v}" in row ${r + 1} (rows counted from 1); a tree ensemble reads numbers`);
}

/** Reads the model's input features of row `r` of `data` as numbers (NaN = missing). */
export function rowReader(ensemble: TreeEnsemble, data: Batch): (r: number, out: Float64Array) => void {
  const cols = inputColumns(ensemble, data);
  return (r, out) => {
    for (let j = 0; j < cols.length; j++) out[j] = cellValue(ensemble, j, cols[j][r], r);
  };
}

/** What a TreeSHAP call needs from its ensemble, kept while the ensemble's trees and covers stay the same objects. */
interface Prepared {
  trees: Tree[];
  covers: Float64Array[];
  values: Float64Array[];
  base: number;
  layout: LeafLayout | undefined;
  table?: LeafTable;
}
const prepared = new WeakMap<TreeEnsemble, Prepared>();

/** A larger table pays for its allocation once rows start to share leaf entries. */
const TABLE_ROWS = 8;

function prepare(ensemble: TreeEnsemble, rows: number): Prepared {
  let p = prepared.get(ensemble);
  const same = p !== undefined && p.trees.length === ensemble.trees.length &&
    ensemble.trees.every((t, k) => t === p!.trees[k] && t.cover === p!.covers[k] && t.value === p!.values[k]);
  if (!same) {
    const base = expectedValue(ensemble);
    const layout = leafLayout(ensemble);
    p = {
      trees: [...ensemble.trees], covers: ensemble.trees.map((t) => t.cover), values: ensemble.trees.map((t) => t.value), base,
      layout: typeof layout === "string" ? undefined : layout,
    };
    prepared.set(ensemble, p);
  } else if (!(ensemble.covers ? ensemble.covers.valid : ensemble.hasCover)) throw noCoverError(ensemble);
  if (p!.layout && !p!.table && (rows >= TABLE_ROWS || p!.layout.coefs <= SMALL_TABLE)) p!.table = leafTable(p!.layout);
  return p!;
}

/** φ (n × p) and margins of n rows given row-major (n × p) in the ensemble's feature order. */
function shapOfRows(ensemble: TreeEnsemble, x: Float64Array, n: number): { values: Float64Array; predictions: Float64Array; base: number } {
  const p = ensemble.features.length;
  const prep = prepare(ensemble, n);
  const values = new Float64Array(n * p);
  const predictions = new Float64Array(n);
  const scale = scaleOf(ensemble);
  if (prep.layout) {
    // the trees compare float32 inputs: round once here, not at every split
    const x32 = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) x32[i] = Math.fround(x[i]);
    leafShap(prep.layout, x32, n, p, values, predictions, prep.table);
    for (let r = 0; r < n; r++) predictions[r] = ensemble.base + scale * predictions[r];
  } else {
    const store = pathStore(ensemble);
    for (let r = 0; r < n; r++) {
      const row = x.subarray(r * p, (r + 1) * p);
      recursiveTreeShap(ensemble, row, values.subarray(r * p, (r + 1) * p), store);
      predictions[r] = marginPrediction(ensemble, row);
    }
  }
  return { values, predictions, base: prep.base };
}

/** TreeSHAP of one observation given as numbers indexed like `ensemble.features`. */
export function treeShap(ensemble: TreeEnsemble, x: ArrayLike<number>): TreeShapValues {
  const p = ensemble.features.length;
  if (x.length !== p) throw new ExplainError(`the observation has ${x.length} values; the ensemble reads ${p} features`);
  const r = shapOfRows(ensemble, Float64Array.from(x), 1);
  return { features: [...ensemble.features], values: Array.from(r.values), base: r.base, prediction: r.predictions[0] };
}

/** TreeSHAP of every row of `data` (columns named like `ensemble.features`), or of `rows` only. */
export function treeShapBatch(ensemble: TreeEnsemble, data: Batch, rows?: ArrayLike<number>): TreeShapBatch {
  const n = rows ? rows.length : data.n;
  const r = shapOfRows(ensemble, ensembleRows(ensemble, data, rows), n);
  return { features: [...ensemble.features], values: r.values, base: r.base, predictions: r.predictions, n };
}

/** Rows of `data` (all, or `rows`) as one row-major n × p matrix indexed like `ensemble.features`. */
export function ensembleRows(ensemble: TreeEnsemble, data: Batch, rows?: ArrayLike<number>): Float64Array {
  const p = ensemble.features.length;
  const cols = inputColumns(ensemble, data);
  const n = rows ? rows.length : data.n;
  const out = new Float64Array(n * p);
  // column by column: a typed column is copied without looking at each value's type
  cols.forEach((col, j) => {
    if (col instanceof Float64Array || col instanceof Float32Array) {
      for (let i = 0; i < n; i++) out[i * p + j] = col[rows ? rows[i] : i];
    } else {
      for (let i = 0; i < n; i++) { const r = rows ? rows[i] : i; out[i * p + j] = cellValue(ensemble, j, col[r], r); }
    }
  });
  return out;
}

/** The row `r` of `data` as the numeric vector `treeShap` expects. */
export function ensembleRow(ensemble: TreeEnsemble, data: Batch, r: number): Float64Array {
  const x = new Float64Array(ensemble.features.length);
  rowReader(ensemble, data)(r, x);
  return x;
}
