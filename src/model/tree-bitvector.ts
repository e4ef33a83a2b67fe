// Scoring many rows through a tree layout without walking the trees (QuickScorer, Lucchese et al. 2015):
// a split node that sends a row to its `no` side rules out every leaf under its `yes` side, so each tree
// keeps a bit per leaf (leaves numbered yes-side first), each node a mask clearing its yes-side leaves, and
// a row's leaf in a tree is the lowest bit left after the masks of its `no` nodes are applied. Per feature
// the nodes are sorted by threshold, so a row's `no` nodes (x ≥ threshold) are a prefix: a tight loop of
// ANDs with one unpredictable branch per feature, where a walk has one per level of every tree.
// The comparisons are the layout's (x < t on float32 values, NaN to `miss`), so the leaves are the walk's.
import type { TreeLayout } from "./tree-engine";

export interface BitvectorLayout {
  readonly nTrees: number;
  readonly p: number;
  /** per feature f, nodes [start[f], start[f+1]) sorted by threshold */
  readonly start: Int32Array;
  readonly threshold: Float64Array;
  readonly tree: Int32Array;
  readonly mask: Int32Array;
  /** per feature f, nodes [nanStart[f], nanStart[f+1]) that send NaN to `no` */
  readonly nanStart: Int32Array;
  readonly nanTree: Int32Array;
  readonly nanMask: Int32Array;
  /** leaf value of leaf bit b of tree t at t·32 + b */
  readonly leafValue: Float64Array;
}

/** The bitvector form of a one-column layout, or a reason when a tree has more than 32 leaves. */
export function bitvectorLayout(L: TreeLayout): BitvectorLayout | string {
  if (L.K !== 1) return "bitvector scoring reads one leaf value per leaf";
  const p = L.features.length;
  const leafValue = new Float64Array(L.nTrees * 32);
  const nodes: Array<{ f: number; t: number; th: number; mask: number; nanNo: boolean }> = [];
  for (let t = 0; t < L.nTrees; t++) {
    if (countLeaves(L, L.roots[t], 0) > 32) return `tree ${t + 1} has more than 32 leaves`;
    let leaves = 0;
    // depth first, yes before no: returns the bits of the leaves under node i
    const visit = (i: number): number => {
      if (L.feature[i] < 0) {
        leafValue[t * 32 + leaves] = L.value[i];
        return 1 << leaves++;
      }
      const yesBits = visit(L.yes[i]);
      const noBits = visit(L.no[i]);
      nodes.push({ f: L.feature[i], t, th: L.threshold[i], mask: ~yesBits, nanNo: L.miss[i] === L.no[i] });
      return yesBits | noBits;
    };
    visit(L.roots[t]);
  }
  nodes.sort((a, b) => a.f - b.f || a.th - b.th);
  const start = new Int32Array(p + 1), nanStart = new Int32Array(p + 1);
  const threshold = new Float64Array(nodes.length), tree = new Int32Array(nodes.length), mask = new Int32Array(nodes.length);
  const nan = nodes.filter((d) => d.nanNo);
  const nanTree = Int32Array.from(nan, (d) => d.t), nanMask = Int32Array.from(nan, (d) => d.mask);
  nodes.forEach((d, k) => { threshold[k] = d.th; tree[k] = d.t; mask[k] = d.mask; start[d.f + 1]++; });
  nan.forEach((d) => { nanStart[d.f + 1]++; });
  for (let f = 0; f < p; f++) { start[f + 1] += start[f]; nanStart[f + 1] += nanStart[f]; }
  return { nTrees: L.nTrees, p, start, threshold, tree, mask, nanStart, nanTree, nanMask, leafValue };
}

const layouts = new WeakMap<TreeLayout, BitvectorLayout | string>();

/** bitvectorLayout(L), made once per layout (its WebAssembly scorer is kept per bitvector layout). */
export function bitvectorOf(L: TreeLayout): BitvectorLayout | string {
  let B = layouts.get(L);
  if (B === undefined) layouts.set(L, (B = bitvectorLayout(L)));
  return B;
}

/** Leaves under node i, stopping early past 32 (a tree that deep is not for bitvectors anyway). */
function countLeaves(L: TreeLayout, i: number, depth: number): number {
  if (L.feature[i] < 0) return 1;
  if (depth > 32) return Infinity;
  const yes = countLeaves(L, L.yes[i], depth + 1);
  return yes > 32 ? yes : yes + countLeaves(L, L.no[i], depth + 1);
}

/**
 * Float32 leaf sums (tree by tree in file order, as onnxruntime adds them) of the n rows of a row-major
 * float32 matrix x with p columns, into sums[0…n).
 */
export function bitvectorSums(B: BitvectorLayout, x: ArrayLike<number>, n: number, sums: Float32Array): void {
  const { nTrees, p, start, threshold, tree, mask, nanStart, nanTree, nanMask, leafValue } = B;
  const bits = new Int32Array(nTrees);
  for (let r = 0, o = 0; r < n; r++, o += p) {
    bits.fill(-1);
    for (let f = 0; f < p; f++) {
      const v = x[o + f];
      if (v === v) {
        // the nodes on f with threshold ≤ v send the row to `no`
        for (let k = start[f], end = start[f + 1]; k < end && threshold[k] <= v; k++) bits[tree[k]] &= mask[k];
      } else {
        for (let k = nanStart[f], end = nanStart[f + 1]; k < end; k++) bits[nanTree[k]] &= nanMask[k];
      }
    }
    let s = 0;
    for (let t = 0; t < nTrees; t++) {
      const m = bits[t];
      s = Math.fround(s + leafValue[t * 32 + 31 - Math.clz32(m & -m)]);
    }
    sums[r] = s;
  }
}

/**
 * Scores from float32 leaf sums, as onnxruntime finishes a sum ensemble: the base added in float32 (after
 * dividing by the number of trees for an average). Self-contained, like bitvectorSums: the scoring helper
 * thread runs both from their source.
 */
export function finishSums(sums: Float32Array, n: number, base: number, scale: number, nTrees: number, out: Float64Array, at: number): void {
  const fround = Math.fround, b = fround(base);
  if (scale === 1) for (let r = 0; r < n; r++) out[at + r] = fround(sums[r] + b);
  else for (let r = 0; r < n; r++) out[at + r] = fround(fround(sums[r] / nTrees) + b);
}
