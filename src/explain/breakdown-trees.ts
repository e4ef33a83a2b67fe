// Break-down's coalition scores by walking the trees: the score of every background row b with the
// observation's values on coalition S_c (and b's own elsewhere), for k coalitions at once, in one
// walk per background row and tree. The walk carries the coalitions still together as a segment of
// an index array; at a split where x and b go the same way they all follow; where they part, the
// segment is partitioned in place — coalitions fixing the split feature follow x, the others b — and
// both branches are walked with their part. Each (coalition, row) pair collects exactly the leaves
// the plain walk of its perturbed row reaches, added tree by tree in the same order as the engine's
// own `margins`, so the scores equal the engine's scores of the perturbed batch bit for bit.
import type { TreeEngine } from "../model/tree-engine-check";
import { finishMargins, scoresOf as transformMargins, type TreeLayout } from "../model/tree-engine";
import type { Batch } from "../model/types";
import { maxDepthOf } from "./effects-trees";
import type { RunOptions } from "./models";
import { inSlices } from "./trees";

/** For every node, the child the encoded observation `x` (p values) goes to; −1 at leaves. */
function directionsOf(L: TreeLayout, x: Float32Array): Int32Array {
  const { feature, threshold, yes, no, miss } = L;
  const dir = new Int32Array(feature.length);
  for (let i = 0; i < dir.length; i++) {
    const f = feature[i];
    if (f < 0) { dir[i] = -1; continue; }
    const v = x[f];
    dir[i] = v < threshold[i] ? yes[i] : v === v ? no[i] : miss[i];
  }
  return dir;
}

/**
 * Margins ((c·nbg + b)·K + col) of background rows bg[from..to) with coalition c's features (z, k × p
 * flags) at x's values. Hot path: explicit stack of (node, segment), typed arrays only.
 */
function walkCoalitions(
  L: TreeLayout, dirX: Int32Array, bg: Float32Array, nbg: number, z: Uint8Array, k: number,
  out: Float64Array, from: number, to: number, perm: Int32Array, stack: Int32Array,
): void {
  const { feature, threshold, yes, no, miss, value, roots, nTrees, K } = L;
  const p = L.features.length;
  for (let b = from; b < to; b++) {
    const at = b * p;
    for (let t = 0; t < nTrees; t++) {
      let sp = 0;
      stack[sp++] = roots[t]; stack[sp++] = 0; stack[sp++] = k;
      while (sp > 0) {
        let hi = stack[--sp], lo = stack[--sp], i = stack[--sp];
        for (let f = feature[i]; f >= 0; f = feature[i]) {
          const v = bg[at + f];
          const db = v < threshold[i] ? yes[i] : v === v ? no[i] : miss[i];
          const dx = dirX[i];
          if (db === dx) { i = db; continue; }
          // partition the segment: coalitions leaving f to b first, those fixing f (x's way) after
          let m = lo;
          for (let s = lo; s < hi; s++) {
            const c = perm[s];
            if (z[c * p + f] === 0) { perm[s] = perm[m]; perm[m] = c; m++; }
          }
          if (m === hi) i = db;
          else if (m === lo) i = dx;
          else { stack[sp++] = dx; stack[sp++] = m; stack[sp++] = hi; hi = m; i = db; }
        }
        if (K === 1) {
          const w = value[i];
          for (let s = lo; s < hi; s++) out[perm[s] * nbg + b] += w;
        } else {
          for (let s = lo; s < hi; s++) {
            const o = (perm[s] * nbg + b) * K;
            for (let c = 0; c < K; c++) out[o + c] += value[i * K + c];
          }
        }
      }
    }
  }
}

/** Whether the engine reads every one of `features` (else break-down calls the model). */
export function readsAll(engine: TreeEngine, features: readonly string[]): boolean {
  return features.every((f) => engine.index.has(f));
}

/**
 * Scores (k × nbg, block c holding coalition c, as `coalitionBatch` lays them out) of the background
 * rows with the observation `x` (one row) fixed on each coalition, from the trees. `coalitions`
 * flags (k × features.length) are in the order of `features`, which the engine must all read.
 */
export async function treeCoalitionScores(
  engine: TreeEngine, features: readonly string[], x: Batch, background: Batch, coalitions: Uint8Array, k: number,
  run: RunOptions,
): Promise<Float64Array> {
  const L = engine.layout, nbg = background.n, p = L.features.length;
  // the flags in the trees' feature order
  const z = new Uint8Array(k * p);
  features.forEach((f, j) => {
    const tj = engine.index.get(f)!;
    for (let c = 0; c < k; c++) z[c * p + tj] = coalitions[c * features.length + j];
  });
  const dirX = directionsOf(L, engine.encode(x));
  const bg = engine.encode(background);
  const sums = new Float64Array(k * nbg * L.K);
  const perm = Int32Array.from({ length: k }, (_, c) => c);
  // each level of a tree holds at most one pending branch of three ints
  const stack = new Int32Array(3 * (maxDepthOf(L) + 2));
  await inSlices(nbg, run, (from, to) => walkCoalitions(L, dirX, bg, nbg, z, k, sums, from, to, perm, stack));
  return transformMargins(L, finishMargins(L, sums, k * nbg), k * nbg);
}

/**
 * Nested coalitions ("chains"): chain c fixes feature f from point `at[c][f]` on (1…m; m + 1 or more:
 * never), so point s holds the features with at ≤ s — point 0 none, point m all a chain fixes.
 * Break-down's path is one chain; permutation SHAP's prefixes are one chain per permutation.
 * Per background row, chain and tree one walk with an interval of points, cut at a split on f at
 * at[f] (points before it go b's way, the rest x's), each leaf added once to a difference array;
 * a tree where x and b go the same way all along b's path is walked once for all chains.
 * Margins ((c·(m+1) + s)·nbg + b)·K + col; hot path.
 */
function walkChains(
  L: TreeLayout, dirX: Int32Array, bg: Float32Array, nbg: number, at: Int32Array, chains: number, m: number,
  out: Float64Array, from: number, to: number, stack: Int32Array,
): void {
  const { feature, threshold, yes, no, miss, value, roots, nTrees, K } = L;
  const p = L.features.length, P = m + 1, D = (P + 1) * K;
  // d[c·D + s·K + col]: the difference arrays of every chain for one background row
  const d = new Float64Array(chains * D);
  const same = new Float64Array(K);
  // per tree: its reachable leaves (at most its node count) and their conditions (at most its depth each)
  const deep = stack.length / 3;
  let most = 1;
  for (let t = 0; t < nTrees; t++) most = Math.max(most, (t + 1 < nTrees ? roots[t + 1] : feature.length) - roots[t]);
  const leafNode = new Int32Array(most), leafStart = new Int32Array(most), leafEnd = new Int32Array(most);
  const copiedFeature = new Int32Array(most * deep), copiedX = new Uint8Array(most * deep);
  const condFeature = new Int32Array(deep), condX = new Uint8Array(deep);
  for (let b = from; b < to; b++) {
    const row = b * p;
    d.fill(0);
    same.fill(0);
    for (let t = 0; t < nTrees; t++) {
      // b's own path: where x goes the same way at every split on it, every point of every chain reaches its leaf
      let i = roots[t], parts = false;
      for (let f = feature[i]; f >= 0; f = feature[i]) {
        const v = bg[row + f];
        const db = v < threshold[i] ? yes[i] : v === v ? no[i] : miss[i];
        if (db !== dirX[i]) { parts = true; break; }
        i = db;
      }
      if (!parts) {
        for (let k = 0; k < K; k++) same[k] += value[i * K + k];
        continue;
      }
      // the leaves that mixes of x and b reach, each with the parting splits on its path: the x side
      // is taken from the point the split's feature is fixed on, the b side only before it. A
      // depth-first walk; a pending x side (node, depth, feature) keeps the conditions above it,
      // which only deeper entries overwrite.
      let nLeaves = 0, nCopied = 0, sp = 0, depth = 0;
      stack[sp++] = roots[t]; stack[sp++] = 0; stack[sp++] = -1;
      while (sp > 0) {
        const pf = stack[--sp];
        depth = stack[--sp];
        let j = stack[--sp];
        if (pf >= 0) { condFeature[depth] = pf; condX[depth] = 1; depth++; }
        for (let f = feature[j]; f >= 0; f = feature[j]) {
          const v = bg[row + f];
          const db = v < threshold[j] ? yes[j] : v === v ? no[j] : miss[j];
          const dx = dirX[j];
          if (db === dx) { j = db; continue; }
          stack[sp++] = dx; stack[sp++] = depth; stack[sp++] = f;
          condFeature[depth] = f; condX[depth] = 0; depth++;
          j = db;
        }
        leafNode[nLeaves] = j; leafStart[nLeaves] = nCopied;
        for (let q = 0; q < depth; q++) { copiedFeature[nCopied] = condFeature[q]; copiedX[nCopied] = condX[q]; nCopied++; }
        leafEnd[nLeaves] = nCopied;
        nLeaves++;
      }
      for (let c = 0; c < chains; c++) {
        const cat = c * p, o = c * D;
        for (let h = 0; h < nLeaves; h++) {
          let lo = 0, hi = P;
          for (let q = leafStart[h], end = leafEnd[h]; q < end; q++) {
            const cut = at[cat + copiedFeature[q]];
            if (copiedX[q] === 1) { if (cut > lo) lo = cut; } else if (cut < hi) hi = cut;
          }
          if (lo >= hi) continue;
          const i = leafNode[h];
          if (K === 1) { const w = value[i]; d[o + lo] += w; d[o + hi] -= w; }
          else for (let k = 0; k < K; k++) { const w = value[i * K + k]; d[o + lo * K + k] += w; d[o + hi * K + k] -= w; }
        }
      }
    }
    for (let c = 0; c < chains; c++) {
      const o = c * D;
      for (let k = 0; k < K; k++) {
        let acc = 0;
        for (let s = 0; s < P; s++) { acc += d[o + s * K + k]; out[((c * P + s) * nbg + b) * K + k] = same[k] + acc; }
      }
    }
  }
}

/**
 * Scores of the background rows with the observation `x` fixed on each point of each chain:
 * (c·(m+1) + s)·nbg + b, i.e. blocks of nbg rows as `coalitionBatch` lays out coalitions. `at[c]`
 * gives, per feature of `features` (all read by the engine), the point it is fixed from.
 */
export async function treeChainScores(
  engine: TreeEngine, features: readonly string[], x: Batch, background: Batch, at: readonly ArrayLike<number>[], m: number,
  run: RunOptions,
): Promise<Float64Array> {
  const L = engine.layout, nbg = background.n, p = L.features.length, chains = at.length;
  // per chain, the point each of the trees' features is fixed from (features the model does not name: never)
  const cuts = new Int32Array(chains * p).fill(m + 1);
  features.forEach((f, j) => {
    const tj = engine.index.get(f)!;
    for (let c = 0; c < chains; c++) cuts[c * p + tj] = at[c][j];
  });
  const dirX = directionsOf(L, engine.encode(x));
  const bg = engine.encode(background);
  const n = chains * (m + 1) * nbg;
  const sums = new Float64Array(n * L.K);
  const stack = new Int32Array(3 * (maxDepthOf(L) + 2));
  await inSlices(nbg, run, (from, to) => walkChains(L, dirX, bg, nbg, cuts, chains, m, sums, from, to, stack));
  return transformMargins(L, finishMargins(L, sums, n), n);
}
