// Per-node reading of a plain `Tree` (as read from ONNX), shared by the TreeSHAP variants and the
// cover counting: the split test exactly as onnxruntime takes it, cover fractions, depths.
import type { Tree, TreeEnsemble } from "../model/types";
import { ExplainError } from "./errors";

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

export function isLeaf(tree: Tree, node: number): boolean {
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

/** Leaf-value scale: 1 for SUM, 1/#trees for AVERAGE. */
export function scaleOf(ensemble: TreeEnsemble): number {
  return ensemble.aggregate === "AVERAGE" ? 1 / Math.max(1, ensemble.trees.length) : 1;
}

export function depthOf(tree: Tree, node = 0): number {
  if (isLeaf(tree, node)) return 0;
  return 1 + Math.max(depthOf(tree, tree.left[node]), depthOf(tree, tree.right[node]));
}
