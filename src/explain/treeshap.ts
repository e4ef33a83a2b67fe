// Exact path-dependent TreeSHAP (Lundberg et al. 2020, "From local explanations to global
// understanding with explainable AI for trees", Algorithm 2) over a plain `TreeEnsemble`.
// No model calls: the trees, their node covers and the observation are all it needs.
// Values are in the margin space (before any LOGISTIC/SOFTMAX post-transform).
// It runs only on covers that are evidence (`ensemble.covers.valid`: the file's, when they add up,
// or counted from data by tree-covers.ts). A node no counted row reached sends half its (zero)
// weight each way, so E_cover[f | x_S] stays defined; the brute-force oracle uses the same rule.
import type { Batch, Tree, TreeEnsemble } from "../model/types";
import { ExplainError } from "./errors";

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

const MODE_CODES: Record<string, number> = { LEAF: 0, BRANCH_LEQ: 1, BRANCH_LT: 2, BRANCH_GTE: 3, BRANCH_GT: 4, BRANCH_EQ: 5, BRANCH_NEQ: 6 };
const modeCache = new WeakMap<Tree, Uint8Array>();

/** The node modes as small integers (cached per tree), so the hot loop compares numbers, not strings. */
export function modeCodes(tree: Tree): Uint8Array {
  let codes = modeCache.get(tree);
  if (!codes) {
    codes = new Uint8Array(tree.mode.length);
    tree.mode.forEach((m, i) => {
      const c = MODE_CODES[m];
      if (c === undefined) throw new ExplainError(`tree node ${i} has unsupported mode \`${m}\``);
      codes![i] = c;
    });
    modeCache.set(tree, codes);
  }
  return codes;
}

/** Whether a sample with value `v` takes the node's true (left) branch. */
export function goesLeft(tree: Tree, node: number, v: number): boolean {
  return branch(tree, modeCodes(tree), node, v);
}

export function branch(tree: Tree, codes: Uint8Array, node: number, v: number): boolean {
  if (Number.isNaN(v)) return tree.missingTrue[node] === 1;
  // the ONNX runtime reads float32 inputs and compares them with float32 thresholds
  const x = Math.fround(v);
  const t = tree.threshold[node];
  switch (codes[node]) {
    case 1: return x <= t;
    case 2: return x < t;
    case 3: return x >= t;
    case 4: return x > t;
    case 5: return x === t;
    case 6: return x !== t;
    default: throw new ExplainError(`tree node ${node} is a leaf or has mode \`${tree.mode[node]}\`; it cannot split`);
  }
}

function isLeaf(tree: Tree, node: number): boolean {
  return tree.feature[node] < 0;
}

/** The leaf value reached by `x` (values indexed like `ensemble.features`). */
export function treeValue(tree: Tree, x: ArrayLike<number>): number {
  const codes = modeCodes(tree);
  let node = 0;
  while (!isLeaf(tree, node)) node = branch(tree, codes, node, x[tree.feature[node]]) ? tree.left[node] : tree.right[node];
  return tree.value[node];
}

const fractionCache = new WeakMap<Tree, Float64Array>();

/** Share of its parent's cover each node gets (1 at the root; ½ each below a node with zero cover). */
export function coverFractions(tree: Tree): Float64Array {
  let f = fractionCache.get(tree);
  if (!f) {
    f = new Float64Array(tree.feature.length);
    f[0] = 1;
    for (let i = 0; i < tree.feature.length; i++) {
      if (isLeaf(tree, i)) continue;
      const l = tree.left[i], r = tree.right[i], w = tree.cover[i];
      f[l] = w > 0 ? tree.cover[l] / w : 0.5;
      f[r] = w > 0 ? tree.cover[r] / w : 0.5;
    }
    fractionCache.set(tree, f);
  }
  return f;
}

/** Cover-weighted expectation of a subtree: E(node) = Σ_child fraction(child) · E(child). */
function treeExpectation(tree: Tree, frac: Float64Array, node: number): number {
  if (isLeaf(tree, node)) return tree.value[node];
  const l = tree.left[node], r = tree.right[node];
  return frac[l] * treeExpectation(tree, frac, l) + frac[r] * treeExpectation(tree, frac, r);
}

function checkCovers(ensemble: TreeEnsemble): void {
  if (!(ensemble.covers ? ensemble.covers.valid : ensemble.hasCover)) throw noCoverError(ensemble);
  ensemble.trees.forEach((tree, t) => {
    for (let i = 0; i < tree.cover.length; i++) {
      if (!(tree.cover[i] >= 0)) throw new ExplainError(`tree ${t}, node ${i}: cover is ${tree.cover[i]}; TreeSHAP needs covers ≥ 0`);
    }
  });
}

/** Leaf-value scale: 1 for SUM, 1/#trees for AVERAGE. */
export function scaleOf(ensemble: TreeEnsemble): number {
  return ensemble.aggregate === "AVERAGE" ? 1 / Math.max(1, ensemble.trees.length) : 1;
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

export function depthOf(tree: Tree, node = 0): number {
  if (isLeaf(tree, node)) return 0;
  return 1 + Math.max(depthOf(tree, tree.left[node]), depthOf(tree, tree.right[node]));
}

/**
 * The path of unique features met so far, as parallel arrays. Each recursion level owns a
 * segment (starting at `offset`) holding a copy of its parent's path, as in the reference code.
 */
class PathStore {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
  constructor(maxDepth: number) {
    const size = ((maxDepth + 2) * (maxDepth + 3)) / 2 + maxDepth + 4;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }
  // plain loops: the segments are a few elements long, where copyWithin's call overhead dominates
  copy(from: number, to: number, length: number): void {
    const { feature, zero, one, weight } = this;
    for (let i = 0; i < length; i++) {
      feature[to + i] = feature[from + i];
      zero[to + i] = zero[from + i];
      one[to + i] = one[from + i];
      weight[to + i] = weight[from + i];
    }
  }
}

// EXTEND: add a feature with its zero/one fractions, updating the permutation weights.
function extend(p: PathStore, o: number, depth: number, zero: number, one: number, feature: number): void {
  p.feature[o + depth] = feature;
  p.zero[o + depth] = zero;
  p.one[o + depth] = one;
  p.weight[o + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    p.weight[o + i + 1] += (one * p.weight[o + i] * (i + 1)) / (depth + 1);
    p.weight[o + i] = (zero * p.weight[o + i] * (depth - i)) / (depth + 1);
  }
}

// UNWIND: remove element `index` (a feature met again deeper down), undoing its EXTEND.
function unwind(p: PathStore, o: number, depth: number, index: number): void {
  const one = p.one[o + index], zero = p.zero[o + index];
  let next = p.weight[o + depth];
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = p.weight[o + i];
      p.weight[o + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (p.weight[o + i] * zero * (depth - i)) / (depth + 1);
    } else {
      p.weight[o + i] = (p.weight[o + i] * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    p.feature[o + i] = p.feature[o + i + 1];
    p.zero[o + i] = p.zero[o + i + 1];
    p.one[o + i] = p.one[o + i + 1];
  }
}

// The total permutation weight if element `index` were unwound (without modifying the path).
function unwoundSum(p: PathStore, o: number, depth: number, index: number): number {
  const one = p.one[o + index], zero = p.zero[o + index];
  let next = p.weight[o + depth];
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      next = p.weight[o + i] - (tmp * zero * (depth - i)) / (depth + 1);
    } else if (zero !== 0) {
      total += (p.weight[o + i] * (depth + 1)) / (zero * (depth - i));
    }
  }
  return total;
}

/** Adds one tree's TreeSHAP values for `x`, times `scale`, into `phi`. */
function treeShapInto(tree: Tree, x: ArrayLike<number>, phi: Float64Array, scale: number, p: PathStore): void {
  const codes = modeCodes(tree);
  const frac = coverFractions(tree);
  const recurse = (node: number, o: number, depth: number, zero: number, one: number, feature: number): void => {
    // each level works on its own copy of the parent's path
    const own = o + depth + 1;
    if (depth > 0) p.copy(o, own, depth);
    extend(p, own, depth, zero, one, feature);
    if (isLeaf(tree, node)) {
      const v = tree.value[node] * scale;
      for (let i = 1; i <= depth; i++) {
        const w = unwoundSum(p, own, depth, i);
        phi[p.feature[own + i]] += w * (p.one[own + i] - p.zero[own + i]) * v;
      }
      return;
    }
    const split = tree.feature[node];
    const hot = branch(tree, codes, node, x[split]) ? tree.left[node] : tree.right[node];
    const cold = hot === tree.left[node] ? tree.right[node] : tree.left[node];
    let inZero = 1, inOne = 1;
    // a feature already on the path: undo its earlier split so this one can be redone jointly
    let k = 1;
    while (k <= depth && p.feature[own + k] !== split) k++;
    let d = depth;
    if (k <= depth) {
      inZero = p.zero[own + k];
      inOne = p.one[own + k];
      unwind(p, own, d, k);
      d -= 1;
    }
    // a branch with both fractions 0 (a subtree no counted row reached, off x's path) adds nothing: skip
    // it, as UNWIND cannot undo an element whose fractions are both 0
    const hotZero = frac[hot] * inZero, coldZero = frac[cold] * inZero;
    if (hotZero !== 0 || inOne !== 0) recurse(hot, own, d + 1, hotZero, inOne, split);
    if (coldZero !== 0) recurse(cold, own, d + 1, coldZero, 0, split);
  };
  // the root enters with a placeholder element (feature −1) at path position 0
  recurse(0, -1, 0, 1, 1, -1);
}

/** Reads the model's input features of row `r` of `data` as numbers (NaN = missing). */
export function rowReader(ensemble: TreeEnsemble, data: Batch): (r: number, out: Float64Array) => void {
  const cols = ensemble.features.map((f) => {
    const col = data.columns[f];
    if (col === undefined) {
      throw new ExplainError(`the tree ensemble reads \`${f}\`, missing from the data; the data has: ${Object.keys(data.columns).join(", ")}`);
    }
    return col;
  });
  return (r, out) => {
    cols.forEach((col, j) => {
      const v = col[r];
      if (v === null || v === undefined) out[j] = NaN;
      else if (typeof v === "number") out[j] = v;
      else if (typeof v === "boolean") out[j] = v ? 1 : 0;
      else throw new ExplainError(`column \`${ensemble.features[j]}\` holds the string "${v}" in row ${r + 1} (rows counted from 1); a tree ensemble reads numbers`);
    });
  };
}

/** Shared set-up: checks, expectation, path storage sized to the deepest tree. */
function prepare(ensemble: TreeEnsemble) {
  const base = expectedValue(ensemble);
  const maxDepth = ensemble.trees.reduce((m, t) => Math.max(m, depthOf(t)), 0);
  return { base, store: new PathStore(maxDepth), scale: scaleOf(ensemble) };
}

/** TreeSHAP of one observation given as numbers indexed like `ensemble.features`. */
export function treeShap(ensemble: TreeEnsemble, x: ArrayLike<number>): TreeShapValues {
  const p = ensemble.features.length;
  if (x.length !== p) throw new ExplainError(`the observation has ${x.length} values; the ensemble reads ${p} features`);
  const { base, store, scale } = prepare(ensemble);
  const phi = new Float64Array(p);
  for (const tree of ensemble.trees) treeShapInto(tree, x, phi, scale, store);
  return { features: [...ensemble.features], values: Array.from(phi), base, prediction: marginPrediction(ensemble, x) };
}

/** TreeSHAP of every row of `data` (columns named like `ensemble.features`), or of `rows` only. */
export function treeShapBatch(ensemble: TreeEnsemble, data: Batch, rows?: ArrayLike<number>): TreeShapBatch {
  const p = ensemble.features.length;
  const read = rowReader(ensemble, data);
  const { base, store, scale } = prepare(ensemble);
  const n = rows ? rows.length : data.n;
  const values = new Float64Array(n * p);
  const predictions = new Float64Array(n);
  const x = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    read(rows ? rows[i] : i, x);
    const phi = values.subarray(i * p, (i + 1) * p);
    for (const tree of ensemble.trees) treeShapInto(tree, x, phi, scale, store);
    predictions[i] = marginPrediction(ensemble, x);
  }
  return { features: [...ensemble.features], values, base, predictions, n };
}

/** Rows of `data` (all, or `rows`) as one row-major n × p matrix indexed like `ensemble.features`. */
export function ensembleRows(ensemble: TreeEnsemble, data: Batch, rows?: ArrayLike<number>): Float64Array {
  const p = ensemble.features.length;
  const read = rowReader(ensemble, data);
  const n = rows ? rows.length : data.n;
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) read(rows ? rows[i] : i, out.subarray(i * p, (i + 1) * p));
  return out;
}

/** The row `r` of `data` as the numeric vector `treeShap` expects. */
export function ensembleRow(ensemble: TreeEnsemble, data: Batch, r: number): Float64Array {
  const x = new Float64Array(ensemble.features.length);
  rowReader(ensemble, data)(r, x);
  return x;
}
