// Exact interventional TreeSHAP (Lundberg et al. 2020, "From local explanations to global understanding
// with explainable AI for trees", the algorithm behind shap's TreeExplainer(feature_perturbation=
// "interventional")): the Shapley values of v(S) = mean over background rows z of f(x_S, z_S̄), read
// from the trees alone — no covers, no model calls.
//
// For one pair (x, z) a tree's hybrid h_S(x, z) reaches a leaf L iff every split on the way that x and z
// take differently is decided the way the path goes: "x's way" needs the split feature in S, "z's way"
// needs it out of S. So L is reached iff A ⊆ S and B ∩ S = ∅ for the two disjoint feature sets A (x's
// way) and B (z's way) met on its path; a path that needs a feature both in and out is never taken.
// The Shapley values of that indicator game are, with n = |A| + |B|,
//   φ_j = +(|A|−1)! |B|! / n!  for j ∈ A,     φ_j = −|A|! (|B|−1)! / n!  for j ∈ B,
// so one walk per (x, z, tree) that follows x and z where they agree and forks where they do not
// gives the exact values, in time O(trees × leaves × depth) per pair at worst, and O(depth) where x and
// z agree. The values are averaged over the background; Σφ = f(x) − mean f(z) exactly.
//
// Hot path (deliberately inlined, typed arrays only, nothing allocated per node or pair): the ensemble
// is flattened once; each row's branch directions are computed once per row (not per pair); background
// rows that go the same way at every node of a tree are walked once for that tree, weighted by their count.
import type { TreeEnsemble } from "../model/types";
import { ExplainError } from "./errors";
import { branch, depthOf, modeCodes, scaleOf } from "./treeshap";

/** Interventional TreeSHAP of n rows against one background. */
export interface InterventionalShap {
  features: string[];
  /** n × p, row-major: φ of row r, feature j at r·p + j (margin space) */
  values: Float64Array;
  /** mean over the background of f(z), margin space */
  base: number;
  /** f(x) per row, margin space */
  predictions: Float64Array;
  n: number;
  backgroundSize: number;
}

export interface InterventionalOptions {
  /** called after each explained row with the fraction done */
  onProgress?: (fraction: number) => void;
  /** checked between rows: an aborted signal stops the work with an AbortError */
  signal?: AbortSignal;
}

/** The ensemble as flat typed arrays over all trees (node ids made global), with leaf values scaled. */
interface Flat {
  feature: Int32Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  roots: Int32Array;
  nodes: number;
  maxDepth: number;
}

function flatten(e: TreeEnsemble): Flat {
  const nodes = e.trees.reduce((s, t) => s + t.feature.length, 0);
  const feature = new Int32Array(nodes), left = new Int32Array(nodes), right = new Int32Array(nodes);
  const value = new Float64Array(nodes), roots = new Int32Array(e.trees.length);
  const scale = scaleOf(e);
  let at = 0, maxDepth = 0;
  e.trees.forEach((t, k) => {
    modeCodes(t); // fails early on an unsupported mode
    roots[k] = at;
    for (let i = 0; i < t.feature.length; i++) {
      feature[at + i] = t.feature[i];
      left[at + i] = t.left[i] < 0 ? -1 : at + t.left[i];
      right[at + i] = t.right[i] < 0 ? -1 : at + t.right[i];
      value[at + i] = t.value[i] * scale;
    }
    at += t.feature.length;
    maxDepth = Math.max(maxDepth, depthOf(t));
  });
  return { feature, left, right, value, roots, nodes, maxDepth };
}

/** For one row (p values at `x[o…o+p)`): 1 at each branch node where the row goes left (true), else 0. */
function directions(e: TreeEnsemble, x: Float64Array, o: number, out: Uint8Array, at: number): void {
  for (const t of e.trees) {
    const codes = modeCodes(t);
    for (let i = 0; i < t.feature.length; i++) {
      out[at + i] = t.feature[i] < 0 ? 0 : branch(t, codes, i, x[o + t.feature[i]]) ? 1 : 0;
    }
    at += t.feature.length;
  }
}

/**
 * Weights of a leaf reached with |A| = a, |B| = b: table[a·(D+1) + b] = (a−1)! b! / (a+b)! for A's
 * members (the B members' weight is the same table read at (b, a)). Computed as 1 / (n · C(n−1, a−1)),
 * which stays finite for deep trees where the factorials would not.
 */
function weightTable(D: number): Float64Array {
  const binom: number[][] = [[1]];
  for (let n = 1; n <= 2 * D; n++) {
    binom.push([1]);
    for (let k = 1; k < n; k++) binom[n].push(binom[n - 1][k - 1] + binom[n - 1][k]);
    binom[n].push(1);
  }
  const w = new Float64Array((D + 1) * (D + 1));
  for (let a = 1; a <= D; a++) for (let b = 0; a + b <= D; b++) {
    const n = a + b;
    w[a * (D + 1) + b] = 1 / (n * binom[n - 1][a - 1]);
  }
  return w;
}

/** Directions `from…to` as a string key (in pieces: a spread of a large tree's nodes would overflow the call stack). */
function patternText(dir: Uint8Array, from: number, to: number): string {
  let text = "";
  for (let i = from; i < to; i += 4096) text += String.fromCharCode(...dir.subarray(i, Math.min(to, i + 4096)));
  return text;
}

/**
 * Per tree k, the distinct direction patterns of the background rows over its nodes: patterns
 * starts[k] … starts[k+1]−1, each with a representative row (`reps`) and its share of the rows (`weights`).
 */
function distinctPatterns(roots: Int32Array, nodes: number, zDir: Uint8Array, m: number, dedupe: boolean) {
  const starts = new Int32Array(roots.length + 1);
  const reps: number[] = [], weights: number[] = [];
  if (!dedupe) {
    // every row its own pattern: grouping costs about one row's walks, not worth it for a row or two
    for (let k = 0; k <= roots.length; k++) starts[k] = k * m;
    const all = Int32Array.from({ length: roots.length * m }, (_, i) => i % m);
    return { starts, reps: all, weights: new Float64Array(all.length).fill(1 / m) };
  }
  for (let k = 0; k < roots.length; k++) {
    starts[k] = reps.length;
    const from = roots[k], to = k + 1 < roots.length ? roots[k + 1] : nodes;
    const seen = new Map<number | string, number>();
    const small = to - from <= 52; // the pattern fits exactly in a double's mantissa
    for (let j = 0; j < m; j++) {
      const o = j * nodes;
      let key: number | string;
      if (small) {
        let bits = 0;
        for (let i = from; i < to; i++) bits = bits * 2 + zDir[o + i];
        key = bits;
      } else {
        key = patternText(zDir, o + from, o + to);
      }
      const at = seen.get(key);
      if (at === undefined) { seen.set(key, reps.length); reps.push(j); weights.push(1); } else weights[at]++;
    }
  }
  starts[roots.length] = reps.length;
  return { starts, reps: Int32Array.from(reps), weights: Float64Array.from(weights, (c) => c / m) };
}

/**
 * Interventional TreeSHAP of the rows `x` (n × p, row-major, indexed like `ensemble.features`) against the
 * background rows `background` (m × p). Margin space (before any post-transform).
 */
export function interventionalTreeShap(
  ensemble: TreeEnsemble, x: Float64Array, background: Float64Array, options: InterventionalOptions = {},
): InterventionalShap {
  const p = ensemble.features.length;
  if (p === 0) throw new ExplainError("the tree ensemble reads no features");
  if (x.length % p !== 0 || background.length % p !== 0) {
    throw new ExplainError(`rows must hold ${p} values each (the ensemble's features); got ${x.length} and ${background.length} values`);
  }
  const n = x.length / p, m = background.length / p;
  if (m === 0) throw new ExplainError("interventional TreeSHAP needs at least one background row");
  const flat = flatten(ensemble);
  const { feature, left, right, value, roots, nodes } = flat;
  // a path meets at most min(depth, p) distinct features
  const D = Math.max(1, Math.min(flat.maxDepth, p));
  const W = weightTable(D);
  const stride = D + 1;

  // branch directions of every background row, computed once
  const zDir = new Uint8Array(m * nodes);
  for (let j = 0; j < m; j++) directions(ensemble, background, j * p, zDir, j * nodes);
  const xDir = new Uint8Array(nodes);

  // f(z) per background row, and the mean: the base value
  let base = ensemble.base;
  for (let j = 0; j < m; j++) {
    const zo = j * nodes;
    let s = 0;
    for (let k = 0; k < roots.length; k++) {
      let node = roots[k];
      while (feature[node] >= 0) node = zDir[zo + node] === 1 ? left[node] : right[node];
      s += value[node];
    }
    base += s / m;
  }

  // background rows that go the same way at every node of a tree give that tree the same values: walk each
  // distinct pattern once, weighted by how many rows share it (a shallow tree has few patterns)
  const { starts, reps, weights } = distinctPatterns(roots, nodes, zDir, m, n >= 4);

  const values = new Float64Array(n * p);
  const predictions = new Float64Array(n);
  // per-walk state: which side each feature is on (0 none, 1 A = x's way, 2 B = z's way), and the path's features
  const side = new Uint8Array(p);
  const pathFeature = new Int32Array(D + 1);
  let po = 0; // the current row's φ lives at values[po + j]
  let zo = 0;
  let wz = 0; // the share of the background taking the current pattern

  // one tree, one (x, z) pair; a = |A|, b = |B|, pathFeature[0 … a+b) lists A ∪ B
  const walk = (node: number, a: number, b: number): void => {
    for (;;) {
      const f = feature[node];
      if (f < 0) {
        const n = a + b;
        if (n === 0) return; // x and z reach the same leaf: no feature matters
        const v = value[node] * wz;
        const wA = a > 0 ? v * W[a * stride + b] : 0;
        const wB = b > 0 ? -v * W[b * stride + a] : 0;
        for (let k = 0; k < n; k++) {
          const g = pathFeature[k];
          values[po + g] += side[g] === 1 ? wA : wB;
        }
        return;
      }
      const dx = xDir[node], dz = zDir[zo + node];
      if (dx === dz) { node = dx === 1 ? left[node] : right[node]; continue; }
      const xNext = dx === 1 ? left[node] : right[node];
      const zNext = dz === 1 ? left[node] : right[node];
      const s = side[f];
      if (s === 1) { node = xNext; continue; }
      if (s === 2) { node = zNext; continue; }
      // a new feature where x and z part: fork, once with it in A (x's way), once in B (z's way)
      const k = a + b;
      pathFeature[k] = f;
      side[f] = 1;
      walk(xNext, a + 1, b);
      side[f] = 2;
      walk(zNext, a, b + 1);
      side[f] = 0;
      return;
    }
  };

  for (let r = 0; r < n; r++) {
    if (options.signal?.aborted) throw new DOMException("interventional TreeSHAP aborted", "AbortError");
    directions(ensemble, x, r * p, xDir, 0);
    let fx = ensemble.base;
    for (let k = 0; k < roots.length; k++) {
      let node = roots[k];
      while (feature[node] >= 0) node = xDir[node] === 1 ? left[node] : right[node];
      fx += value[node];
    }
    predictions[r] = fx;
    po = r * p;
    for (let k = 0; k < roots.length; k++) {
      const root = roots[k];
      for (let u = starts[k]; u < starts[k + 1]; u++) {
        zo = reps[u] * nodes;
        wz = weights[u];
        walk(root, 0, 0);
      }
    }
    options.onProgress?.((r + 1) / n);
  }
  return { features: [...ensemble.features], values, base, predictions, n, backgroundSize: m };
}
