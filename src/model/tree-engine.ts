// The tree engine: a tree ensemble (as read by tree-ensemble.ts) laid out as flat typed arrays over
// all trees, and the plain typed-array walk that scores rows with it. Explainers that can use the
// trees (PD/ICE, permutation importance, ALE, …) read these arrays directly; tree-engine-check.ts
// verifies an engine against onnxruntime before anything uses it.
//
// Every split is rewritten to one test, `x < threshold ? yes : no`, on float32 inputs:
//   x ≤ t  ⇔  x < t⁺ (t⁺ the next float32 above t), so LEQ becomes LT on t⁺;
//   x ≥ t and x > t are the negations of x < t and x < t⁺: the children swap.
// Missing values (NaN) fail every comparison; `miss` holds the child the file sends them to.
// This is exact only because the inputs are float32 (what the ONNX operator compares), which is
// why the engine refuses other input types.
import { bitvectorSums, finishSums, type BitvectorLayout } from "./tree-bitvector";
import { bitvectorScorer, layoutScorer } from "./tree-bitvector-wasm";
import type { TreeEnsemble } from "./types";

export type EngineTransform = "NONE" | "LOGISTIC" | "SOFTMAX" | "SOFTMAX_ZERO";

/** Flat arrays of every node of every tree; node ids are global (tree t's root is `roots[t]`). */
export interface TreeLayout {
  /** the ensemble's input features, by index as used in `feature` */
  readonly features: readonly string[];
  readonly nTrees: number;
  /** leaf-value columns: 1, or the number of classes under a softmax */
  readonly K: number;
  /** which of the K columns is the score */
  readonly column: number;
  readonly roots: Int32Array;
  /** split feature, −1 at a leaf */
  readonly feature: Int32Array;
  /** go to `yes` when x < threshold (a float32 value) */
  readonly threshold: Float64Array;
  readonly yes: Int32Array;
  readonly no: Int32Array;
  /** where NaN goes */
  readonly miss: Int32Array;
  /** leaf values, K per node (node·K + c); 0 at branches */
  readonly value: Float64Array;
  /** per column: margin = base[c] + scale · Σ_trees value */
  readonly base: Float64Array;
  /** 1 for SUM, 1/nTrees for AVERAGE */
  readonly scale: number;
  readonly transform: EngineTransform;
  /** for each feature, the trees that split on it (ascending) */
  readonly treesUsing: readonly Int32Array[];
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The next float32 above a finite float32 t. */
export function nextFloat32Up(t: number): number {
  if (t === 0) return 1.401298464324817e-45; // the smallest positive subnormal, for +0 and −0 alike
  f32[0] = t;
  u32[0] += t > 0 ? 1 : -1;
  return f32[0];
}

/** Why an ensemble cannot be laid out (the explainers then call the model), or undefined. */
function unsupported(e: TreeEnsemble): string | undefined {
  if (!["NONE", "LOGISTIC", "SOFTMAX", "SOFTMAX_ZERO"].includes(e.postTransform)) return `post_transform ${e.postTransform} is not evaluated by the tree engine`;
  for (const t of e.trees) {
    for (let i = 0; i < t.feature.length; i++) {
      if (t.feature[i] < 0) continue;
      const m = t.mode[i];
      if (m !== "BRANCH_LEQ" && m !== "BRANCH_LT" && m !== "BRANCH_GTE" && m !== "BRANCH_GT") return `split mode ${m} is not evaluated by the tree engine`;
      const th = t.threshold[i];
      if (!Number.isFinite(th) || Math.fround(th) !== th) return `threshold ${th} is not a finite float32`;
    }
  }
  return undefined;
}

/**
 * Lays out one ensemble per leaf-value column (one, or every class of a softmax: same trees, other
 * leaf values) as flat arrays. Returns a reason string when it cannot.
 */
export function layoutTrees(columns: readonly TreeEnsemble[], column: number): TreeLayout | string {
  const e = columns[0];
  const why = unsupported(e);
  if (why) return why;
  const K = columns.length;
  if (columns.some((c) => c.trees.length !== e.trees.length)) return "the classes' tree ensembles differ in shape";
  const nTrees = e.trees.length;
  let total = 0;
  for (const t of e.trees) total += t.feature.length;
  const roots = new Int32Array(nTrees), feature = new Int32Array(total), threshold = new Float64Array(total);
  const yes = new Int32Array(total), no = new Int32Array(total), miss = new Int32Array(total);
  const value = new Float64Array(total * K);
  const using = new Map<number, Set<number>>();
  let offset = 0;
  e.trees.forEach((t, ti) => {
    roots[ti] = offset;
    for (let i = 0; i < t.feature.length; i++) {
      const g = offset + i;
      const f = t.feature[i];
      feature[g] = f;
      for (let c = 0; c < K; c++) value[g * K + c] = columns[c].trees[ti].value[i];
      if (f < 0) { yes[g] = no[g] = miss[g] = -1; continue; }
      if (!using.has(f)) using.set(f, new Set());
      using.get(f)!.add(ti);
      const tTrue = offset + t.left[i], tFalse = offset + t.right[i], m = t.mode[i], th = t.threshold[i];
      // x < threshold ⇒ yes: the true branch for LT/LEQ, the false branch for GTE/GT
      const flip = m === "BRANCH_GTE" || m === "BRANCH_GT";
      threshold[g] = m === "BRANCH_LEQ" || m === "BRANCH_GT" ? nextFloat32Up(th) : th;
      yes[g] = flip ? tFalse : tTrue;
      no[g] = flip ? tTrue : tFalse;
      miss[g] = t.missingTrue[i] ? tTrue : tFalse;
    }
    offset += t.feature.length;
  });
  const treesUsing = e.features.map((_, j) => Int32Array.from([...(using.get(j) ?? [])].sort((a, b) => a - b)));
  return {
    features: e.features, nTrees, K, column, roots, feature, threshold, yes, no, miss, value,
    base: Float64Array.from(columns, (c) => c.base),
    scale: e.aggregate === "AVERAGE" ? 1 / nTrees : 1,
    transform: e.postTransform as EngineTransform,
    treesUsing,
  };
}

/** The leaf row `x` (p values starting at x[at]) reaches in tree `t`. Hot path: kept small to inline. */
export function leafOf(L: TreeLayout, t: number, x: ArrayLike<number>, at: number): number {
  const { feature, threshold, yes, no, miss } = L;
  let i = L.roots[t];
  for (let f = feature[i]; f >= 0; f = feature[i]) {
    const v = x[at + f];
    i = v < threshold[i] ? yes[i] : v === v ? no[i] : miss[i];
  }
  return i;
}

/**
 * Margins (n × K, before the post-transform) of the n rows of a row-major matrix x with p columns. One score
 * column of a float32 matrix goes through the WebAssembly bitvector kernel (the same float64 sums, tree by tree,
 * 4–6× quicker than the walk); anything else is walked.
 */
export function margins(L: TreeLayout, x: ArrayLike<number>, n: number, p: number): Float64Array {
  if (L.K === 1 && x instanceof Float32Array && p === L.features.length) {
    const scorer = layoutScorer(L);
    if (typeof scorer !== "string") {
      const sums = new Float64Array(n);
      scorer.sums64(x, n, sums);
      return finishMargins(L, sums, n);
    }
  }
  return walkedMargins(L, x, n, p);
}

/** margins() by walking every tree for every row. */
export function walkedMargins(L: TreeLayout, x: ArrayLike<number>, n: number, p: number): Float64Array {
  const { K, value, nTrees } = L;
  const sums = new Float64Array(n * K);
  for (let r = 0; r < n; r++) {
    const at = r * p, o = r * K;
    for (let t = 0; t < nTrees; t++) {
      const leaf = leafOf(L, t, x, at);
      if (K === 1) sums[o] += value[leaf];
      else for (let c = 0; c < K; c++) sums[o + c] += value[leaf * K + c];
    }
  }
  return finishMargins(L, sums, n);
}

/** Σ-of-leaves → margins in place: base + scale · Σ. */
export function finishMargins(L: TreeLayout, sums: Float64Array, n: number): Float64Array {
  const { K, base, scale } = L;
  for (let r = 0; r < n; r++) for (let c = 0; c < K; c++) sums[r * K + c] = base[c] + scale * sums[r * K + c];
  return sums;
}

/** The score of each of n evaluations from their margins (n × K): the post-transform at `column`. */
export function scoresOf(L: TreeLayout, m: Float64Array, n: number): Float64Array {
  const { K, column, transform } = L;
  const out = new Float64Array(n);
  if (transform === "NONE") for (let r = 0; r < n; r++) out[r] = m[r * K + column];
  else if (transform === "LOGISTIC") for (let r = 0; r < n; r++) out[r] = 1 / (1 + Math.exp(-m[r * K + column]));
  else {
    // softmax, shifted by the largest margin for stability; SOFTMAX_ZERO leaves zero margins at 0
    const zero = transform === "SOFTMAX_ZERO";
    for (let r = 0; r < n; r++) {
      const o = r * K;
      let hi = -Infinity;
      for (let c = 0; c < K; c++) if (m[o + c] > hi) hi = m[o + c];
      let s = 0, mine = 0;
      for (let c = 0; c < K; c++) {
        const e = zero && m[o + c] === 0 ? 0 : Math.exp(m[o + c] - hi);
        s += e;
        if (c === column) mine = e;
      }
      out[r] = mine / s;
    }
  }
  return out;
}

/** Scores of the n rows of a row-major float32 matrix x (p columns). */
export function scoreRows(L: TreeLayout, x: ArrayLike<number>, n: number, p: number): Float64Array {
  return scoresOf(L, margins(L, x, n, p), n);
}

/**
 * onnxruntime's own scores of a sum ensemble without post-transform (TreeEnsembleRegressor, float32 input):
 * leaf values added in float32, tree by tree in file order, then the base value; written to out[at…].
 * With `B` (the same trees as bitvectors) the leaves are found without walking (by the WebAssembly kernel for a
 * Float32Array, else the JavaScript one: the same sums); else tree-major walks over
 * the n rows (the tree's nodes stay in cache), which keep every row's order of additions.
 */
export function exactSumScores(L: TreeLayout, x: ArrayLike<number>, n: number, p: number, out: Float64Array, at: number, B?: BitvectorLayout): void {
  const sums = new Float32Array(n);
  const wasm = B && x instanceof Float32Array ? bitvectorScorer(B) : undefined;
  if (wasm && typeof wasm !== "string") wasm.sums(x as Float32Array, n, sums);
  else if (B) bitvectorSums(B, x, n, sums);
  else {
    const { feature, threshold, yes, no, miss, value, roots, nTrees } = L;
    for (let t = 0; t < nTrees; t++) {
      const root = roots[t];
      for (let r = 0, o = 0; r < n; r++, o += p) {
        let i = root;
        for (let f = feature[i]; f >= 0; f = feature[i]) {
          const v = x[o + f];
          i = v < threshold[i] ? yes[i] : v === v ? no[i] : miss[i];
        }
        sums[r] += value[i]; // a Float32Array store rounds the float32 sum, as onnxruntime's float accumulator does
      }
    }
  }
  finishSums(sums, n, L.base[0], L.scale, L.nTrees, out, at);
}
