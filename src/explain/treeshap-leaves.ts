// Path-dependent TreeSHAP leaf by leaf, over flat typed arrays (the hot path of treeshap.ts).
//
// For a leaf L whose root→L path tests the distinct features D (|D| = d), write z_k for the product of
// the cover fractions of the path's splits on feature k, and o_k = 1 when x takes the path's way at
// every split on k (else 0). L adds v_L·Π_{k∈S} o_k·Π_{k∈D∖S} z_k to E_cover[f | x_S], so its share of
// φ_k depends on x only through the set H = {k : o_k = 1} ⊆ D: a table c_L[H][k] of 2^d · d numbers
// (the "Fast TreeSHAP v2" idea, Yang 2021). Each entry is the Lundberg et al. EXTEND of the d elements
// (z_k, o_k) followed by one UNWOUND sum per element, exactly what the recursion (treeshap-recursive.ts)
// computes at that leaf, without the path copies and unwinds of repeated features.
//
// A row then costs one pass over each tree's nodes in preorder (parents before children), carrying H
// as a bit mask (bit k of a node: its feature's position among the distinct features above it), and d
// additions per leaf. Entries are filled on first use and kept with the layout, so many rows share
// them; without a table (a few rows, or a table past the memory budget) each leaf computes its entry
// for the row at hand, which gives the same numbers bit for bit.
import type { Tree, TreeEnsemble } from "../model/types";
import { nextFloat32Up } from "../model/tree-engine";
import { branch, coverFractions, modeCodes, scaleOf } from "./tree-nodes";

/** A path may hold at most this many distinct features (H is a 31-bit mask); deeper ensembles use the recursion. */
export const MAX_PATH_FEATURES = 30;
/** Largest leaf table kept (coefficients; 8 bytes each): 16 MB. */
export const TABLE_BUDGET = 1 << 21;

/** Every node of every tree in flat arrays; tree t's nodes are [start[t], start[t+1]) in preorder. */
export interface LeafLayout {
  readonly nTrees: number;
  readonly start: Int32Array;
  /** split feature, −1 at a leaf */
  readonly feature: Int32Array;
  /** 0: go to `yes` when x < threshold (x a float32), `no` otherwise, `miss` for NaN; 1: ask the source tree */
  readonly kind: Uint8Array;
  readonly threshold: Float64Array;
  readonly yes: Int32Array;
  readonly no: Int32Array;
  readonly miss: Int32Array;
  /** at a branch: 1 << the position of its feature among the distinct features of the path down to it */
  readonly bit: Int32Array;
  /** at a leaf: d, how many distinct features its path tests */
  readonly width: Uint8Array;
  /** at a leaf: where its path's features and zero fractions start in `pathFeature`, `pathZero` */
  readonly pathAt: Int32Array;
  readonly pathFeature: Int32Array;
  readonly pathZero: Float64Array;
  /** at a leaf: the value times the ensemble's scale (what φ adds up), and the value as stored (what f sums) */
  readonly value: Float64Array;
  readonly raw: Float64Array;
  /** at a leaf: its first table entry (2^d entries, flagged in `done`) and first coefficient (2^d · d) */
  readonly entryAt: Int32Array;
  readonly coefAt: Int32Array;
  readonly entries: number;
  readonly coefs: number;
  /** nodes of the largest tree (the pass's scratch size) */
  readonly maxNodes: number;
  /** for kind-1 nodes: the source tree and node, and that tree's mode codes */
  readonly srcTree: Int32Array;
  readonly srcNode: Int32Array;
  readonly trees: readonly Tree[];
  readonly codes: readonly Uint8Array[];
}

/** The filled part of a layout's leaf table. */
export interface LeafTable {
  readonly coef: Float64Array;
  readonly done: Uint8Array;
}

/** Lays the ensemble out for the leaf passes, or says why it cannot (a path with too many distinct features). */
export function leafLayout(e: TreeEnsemble): LeafLayout | string {
  const total = e.trees.reduce((s, t) => s + t.feature.length, 0);
  const feature = new Int32Array(total), kind = new Uint8Array(total), threshold = new Float64Array(total);
  const yes = new Int32Array(total).fill(-1), no = new Int32Array(total).fill(-1), miss = new Int32Array(total).fill(-1);
  const bit = new Int32Array(total), width = new Uint8Array(total), pathAt = new Int32Array(total);
  const value = new Float64Array(total), raw = new Float64Array(total);
  const entryAt = new Int32Array(total), coefAt = new Int32Array(total);
  const srcTree = new Int32Array(total), srcNode = new Int32Array(total);
  const start = new Int32Array(e.trees.length + 1);
  const pathFeature: number[] = [], pathZero: number[] = [];
  const scale = scaleOf(e);
  let at = 0, entries = 0, coefs = 0, maxNodes = 0, tooWide = false;
  const codes = e.trees.map((t, ti) => {
    const c = modeCodes(t), frac = coverFractions(t);
    start[ti] = at;
    maxNodes = Math.max(maxNodes, t.feature.length);
    // preorder ids: a node's id is given on entry, so every child's id is above its parent's
    const visit = (node: number, feats: number[], zeros: number[]): number => {
      const id = at++;
      srcTree[id] = ti; srcNode[id] = node;
      const f = t.feature[node];
      feature[id] = f;
      if (f < 0) {
        const d = feats.length;
        width[id] = d;
        pathAt[id] = pathFeature.length;
        pathFeature.push(...feats);
        pathZero.push(...zeros);
        value[id] = t.value[node] * scale;
        raw[id] = t.value[node];
        entryAt[id] = entries; coefAt[id] = coefs;
        entries += 2 ** d; coefs += 2 ** d * d;
        return id;
      }
      let k = feats.indexOf(f);
      const fresh = k < 0;
      if (fresh) k = feats.length;
      if (k >= MAX_PATH_FEATURES) tooWide = true;
      bit[id] = 1 << Math.min(k, MAX_PATH_FEATURES);
      const down = (child: number) => {
        const fs = fresh ? [...feats, f] : feats;
        const zs = fresh ? [...zeros, frac[child]] : zeros.map((z, j) => (j === k ? z * frac[child] : z));
        return visit(child, fs, zs);
      };
      const l = tooWide ? -1 : down(t.left[node]), r = tooWide ? -1 : down(t.right[node]);
      const m = t.mode[node], th = t.threshold[node];
      if ((m === "BRANCH_LEQ" || m === "BRANCH_LT" || m === "BRANCH_GTE" || m === "BRANCH_GT") && Number.isFinite(th) && Math.fround(th) === th) {
        // x ≤ t ⇔ x < t⁺ for float32 x (t⁺ the next float32 above t); GTE and GT are the negations: swap
        const flip = m === "BRANCH_GTE" || m === "BRANCH_GT";
        threshold[id] = m === "BRANCH_LEQ" || m === "BRANCH_GT" ? nextFloat32Up(th) : th;
        yes[id] = flip ? r : l;
        no[id] = flip ? l : r;
        miss[id] = t.missingTrue[node] ? l : r;
      } else {
        // EQ/NEQ, or a threshold that is not a float32: the source tree's own test decides
        kind[id] = 1;
        yes[id] = l; no[id] = r; miss[id] = -1;
      }
      return id;
    };
    visit(0, [], []);
    return c;
  });
  start[e.trees.length] = at;
  if (tooWide) return `a path tests more than ${MAX_PATH_FEATURES} distinct features`;
  return {
    nTrees: e.trees.length, start, feature, kind, threshold, yes, no, miss, bit, width, pathAt,
    pathFeature: Int32Array.from(pathFeature), pathZero: Float64Array.from(pathZero), value, raw,
    entryAt, coefAt, entries, coefs, maxNodes, srcTree, srcNode, trees: e.trees, codes,
  };
}

/** A table this small is kept even for one row: the next rows explained with the same ensemble share it. */
export const SMALL_TABLE = 1 << 16;

/** An empty leaf table for the layout, or undefined past the memory budget. */
export function leafTable(L: LeafLayout): LeafTable | undefined {
  if (L.coefs > TABLE_BUDGET) return undefined;
  return { coef: new Float64Array(L.coefs), done: new Uint8Array(L.entries) };
}

const weights = new Float64Array(MAX_PATH_FEATURES + 2);
// RATIO[a · STRIDE + b] = a / b: the hot loops multiply by these instead of dividing
const STRIDE = MAX_PATH_FEATURES + 2;
const RATIO = new Float64Array(STRIDE * STRIDE);
for (let a = 0; a < STRIDE; a++) for (let b = 1; b < STRIDE; b++) RATIO[a * STRIDE + b] = a / b;

/**
 * A leaf's share of φ for each of its d path features, given the set H (bit k: x takes the path's way
 * at feature k): EXTEND the elements (z_k, o_k) onto the empty path, then UNWOUND sums, as Algorithm 2.
 */
function leafShares(zero: Float64Array, at: number, d: number, h: number, v: number, out: Float64Array, o: number): void {
  const w = weights, R = RATIO, S = STRIDE;
  w[0] = 1;
  for (let depth = 1; depth <= d; depth++) {
    const z = zero[at + depth - 1], one = (h >> (depth - 1)) & 1;
    w[depth] = 0;
    for (let i = depth - 1; i >= 0; i--) {
      w[i + 1] += one * w[i] * R[(i + 1) * S + depth + 1];
      w[i] = z * w[i] * R[(depth - i) * S + depth + 1];
    }
  }
  for (let k = 0; k < d; k++) {
    const one = (h >> k) & 1, z = zero[at + k];
    let next = w[d], total = 0;
    if (one !== 0) {
      for (let i = d - 1; i >= 0; i--) {
        const tmp = next * R[(d + 1) * S + i + 1];
        total += tmp;
        next = w[i] - tmp * z * R[(d - i) * S + d + 1];
      }
    } else if (z !== 0) {
      for (let i = d - 1; i >= 0; i--) total += w[i] * R[(d + 1) * S + d - i];
      total /= z;
    }
    out[o + k] = total * (one - z) * v;
  }
}

/** The child a kind-1 node sends v to, by the source tree's own test. */
function sourceChild(L: LeafLayout, i: number, v: number): number {
  const t = L.srcTree[i];
  return branch(L.trees[t], L.codes[t], L.srcNode[i], v) ? L.yes[i] : L.no[i];
}

/**
 * Adds the TreeSHAP values of n rows (row-major n × p, every value already rounded to float32, NaN =
 * missing) into `phi` (n × p), and each row's sum of reached leaf values into `sums`.
 */
export function leafShap(
  L: LeafLayout, x: Float64Array, n: number, p: number, phi: Float64Array, sums: Float64Array, table?: LeafTable,
): void {
  const { start, feature, kind, threshold, yes, no, miss, bit, width, pathAt, pathFeature, pathZero, value, raw, entryAt, coefAt } = L;
  const H = new Int32Array(L.maxNodes);
  const scratch = new Float64Array(MAX_PATH_FEATURES);
  const coef = table?.coef, done = table?.done;
  for (let r = 0; r < n; r++) {
    const o = r * p;
    let sum = 0;
    for (let t = 0; t < L.nTrees; t++) {
      const s = start[t], e = start[t + 1];
      H[0] = -1;
      for (let i = s; i < e; i++) {
        const h = H[i - s];
        const f = feature[i];
        if (f >= 0) {
          const v = x[o + f];
          const c = kind[i] === 0 ? (v < threshold[i] ? yes[i] : v === v ? no[i] : miss[i]) : sourceChild(L, i, v);
          // the cold child loses the bit of this split's feature; the child x takes keeps H
          const cold = h & ~bit[i];
          H[yes[i] - s] = cold;
          H[no[i] - s] = cold;
          H[c - s] = h;
          continue;
        }
        const d = width[i], full = (1 << d) - 1, m = h & full;
        if (m === full) sum += raw[i];
        const pa = pathAt[i];
        if (coef !== undefined) {
          const cb = coefAt[i] + m * d;
          if (done![entryAt[i] + m] === 0) {
            leafShares(pathZero, pa, d, m, value[i], coef, cb);
            done![entryAt[i] + m] = 1;
          }
          for (let k = 0; k < d; k++) phi[o + pathFeature[pa + k]] += coef[cb + k];
        } else {
          leafShares(pathZero, pa, d, m, value[i], scratch, 0);
          for (let k = 0; k < d; k++) phi[o + pathFeature[pa + k]] += scratch[k];
        }
      }
    }
    sums[r] = sum;
  }
}
