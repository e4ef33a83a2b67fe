// Path-dependent TreeSHAP by the recursion of Lundberg et al. 2020 (Algorithm 2): one walk per tree
// that carries the path of unique features met so far, EXTENDing it at each split and UNWINDing a
// feature met again. It works on the plain `Tree` objects at any depth; treeshap.ts uses it only
// for trees whose paths hold more than 30 distinct features (the leaf-table passes of
// treeshap-leaves.ts keep a path's features in a 31-bit mask), and tests use it as the independent check.
import type { Tree, TreeEnsemble } from "../model/types";
import { branch, coverFractions, depthOf, isLeaf, modeCodes, scaleOf } from "./tree-nodes";

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

/** Reusable path storage for `recursiveTreeShap`, sized to the ensemble's deepest tree. */
export function pathStore(ensemble: TreeEnsemble): PathStore {
  return new PathStore(ensemble.trees.reduce((m, t) => Math.max(m, depthOf(t)), 0));
}

/** Adds the TreeSHAP values of `x` (indexed like `ensemble.features`) over all trees into `phi`. */
export function recursiveTreeShap(ensemble: TreeEnsemble, x: ArrayLike<number>, phi: Float64Array, store = pathStore(ensemble)): void {
  const scale = scaleOf(ensemble);
  for (const tree of ensemble.trees) treeShapInto(tree, x, phi, scale, store);
}
