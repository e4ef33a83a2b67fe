// Permutation importance by walking the trees: each tree's leaf for every unpermuted row is kept,
// with the set of features its path tests (a bit mask); a permuted feature (or group) re-walks only
// the trees whose path for that row tests it — no other tree's leaf can change — and a row's
// score moves by the leaf values that changed.
// A single feature without missing values goes faster still: as a function of that feature's
// value, a row's score is a step function whose steps are the trees' thresholds on it, so one
// grid walk per row (as in effects-trees.ts) gives the row's whole step function, and each
// permuted row is then one look-up: the step its new value falls in. The scores come out in the layout of the model-call version
// ([original; unit 0 repeat 0; unit 0 repeat 1; …], n each), so the losses are computed by the same code.
import type { TreeEngine } from "../model/tree-engine-check";
import { finishMargins, scoresOf as transformMargins } from "../model/tree-engine";
import type { Batch } from "../model/types";
import type { RunOptions } from "./models";
import { inSlices } from "./trees";
import { cutsOf, maxDepthOf, STEP_BUDGET, stepOf, thresholdsOf } from "./effects-trees";
import type { TreeLayout } from "../model/tree-engine";

interface StepJob {
  L: TreeLayout; x: Float32Array; n: number; p: number; j: number; G: number; cut: Int32Array; step: Int32Array;
  perms: readonly Int32Array[]; picked: Float64Array; base: { sums: Float64Array; leaves: Int32Array; paths: Int32Array };
  d: Float64Array; kept: Float64Array; stack: Int32Array;
}

/** Rows from…to−1 of one feature's step scores (the hot path: a plain function over locals, no closure). */
function stepRows(job: StepJob, from: number, to: number): void {
  const { L, x, n, p, j, G, cut, step, perms, picked, d, kept, stack } = job;
  const { sums, leaves, paths } = job.base;
  const { feature, threshold, yes, no, miss, value, roots, K } = L;
  const T = L.nTrees, B = perms.length;
  const trees = L.treesUsing[j], nt = trees.length, mask = bit(j);
  for (let r = from; r < to; r++) {
    d.fill(0);
    // the row's leaves in trees whose path does not test j stay: their sum is the same at every step
    for (let c = 0; c < K; c++) kept[c] = sums[r * K + c];
    const at = r * p;
    for (let a = 0; a < nt; a++) {
      const t = trees[a];
      if ((paths[r * T + t] & mask) === 0) continue;
      const was = leaves[r * T + t];
      for (let c = 0; c < K; c++) kept[c] -= value[was * K + c];
      // the grid walk (walkGrid in effects-trees.ts) of one tree, inlined
      let sp = 0;
      stack[sp++] = roots[t]; stack[sp++] = 0; stack[sp++] = G;
      while (sp > 0) {
        let hi = stack[--sp], lo = stack[--sp], i = stack[--sp];
        for (let f = feature[i]; f >= 0; f = feature[i]) {
          if (f === j) {
            const mid = cut[i];
            if (mid >= hi) i = yes[i];
            else if (mid <= lo) i = no[i];
            else { stack[sp++] = no[i]; stack[sp++] = mid; stack[sp++] = hi; hi = mid; i = yes[i]; }
          } else {
            const v = x[at + f];
            i = v < threshold[i] ? yes[i] : v === v ? no[i] : miss[i];
          }
        }
        if (K === 1) { const w = value[i]; d[lo] += w; d[hi] -= w; }
        else for (let c = 0; c < K; c++) { const w = value[i * K + c]; d[lo * K + c] += w; d[hi * K + c] -= w; }
      }
    }
    for (let c = 0; c < K; c++) { d[c] += kept[c]; d[G * K + c] -= kept[c]; }
    // prefix sums in place: d[s·K + c] is the row's Σ of leaves with j in step s
    for (let s = K; s < G * K; s++) d[s] += d[s - K];
    for (let b = 0; b < B; b++) {
      const s = step[perms[b][r]], o = (b * n + r) * K;
      for (let c = 0; c < K; c++) picked[o + c] = d[s * K + c];
    }
  }
}

/** Rows from…to−1 of one feature's step scores with one leaf value per node (K = 1: regression, binary margins). */
function stepRows1(job: StepJob, from: number, to: number): void {
  const { L, x, n, p, j, G, cut, step, perms, picked, d, stack } = job;
  const { sums, leaves, paths } = job.base;
  const { feature, threshold, yes, no, miss, value, roots } = L;
  const T = L.nTrees, B = perms.length;
  const trees = L.treesUsing[j], nt = trees.length, mask = bit(j);
  for (let r = from; r < to; r++) {
    d.fill(0);
    let kept = sums[r];
    const at = r * p, row = r * T;
    for (let a = 0; a < nt; a++) {
      const t = trees[a];
      if ((paths[row + t] & mask) === 0) continue;
      kept -= value[leaves[row + t]];
      let sp = 0;
      stack[sp++] = roots[t]; stack[sp++] = 0; stack[sp++] = G;
      while (sp > 0) {
        let hi = stack[--sp], lo = stack[--sp], i = stack[--sp];
        for (let f = feature[i]; f >= 0; f = feature[i]) {
          if (f === j) {
            const mid = cut[i];
            if (mid >= hi) i = yes[i];
            else if (mid <= lo) i = no[i];
            else { stack[sp++] = no[i]; stack[sp++] = mid; stack[sp++] = hi; hi = mid; i = yes[i]; }
          } else {
            const v = x[at + f];
            i = v < threshold[i] ? yes[i] : v === v ? no[i] : miss[i];
          }
        }
        const w = value[i];
        d[lo] += w;
        d[hi] -= w;
      }
    }
    let acc = kept;
    for (let s = 0; s < G; s++) { acc += d[s]; d[s] = acc; }
    for (let b = 0; b < B; b++) picked[b * n + r] = d[step[perms[b][r]]];
  }
}

/**
 * Scores of every permuted copy of one feature j from its step functions, or false when the
 * feature has missing values or too many steps for the budget. One pass per row: the grid walk of
 * the trees whose path for the row tests j fills the row's difference array over the steps, a
 * prefix sum turns it into the row's step function, and each repeat reads the step its permuted
 * value falls in — no rows × steps matrix is kept.
 */
async function stepScores(
  L: TreeLayout, x: Float32Array, n: number, j: number, perms: readonly Int32Array[], put: (r: number, v: Float64Array) => void, first: number,
  base: { sums: Float64Array; leaves: Int32Array; paths: Int32Array }, run: RunOptions,
): Promise<boolean> {
  const p = L.features.length, K = L.K;
  const ts = thresholdsOf(L, j);
  const G = ts.length + 1;
  if (n * G * K > STEP_BUDGET) return false;
  for (let r = 0; r < n; r++) if (x[r * p + j] !== x[r * p + j]) return false;
  // one value per step: −∞ below the first threshold, then each threshold itself (x < t fails at t)
  const gv = new Float64Array(G);
  gv[0] = -Infinity;
  gv.set(ts, 1);
  const cut = cutsOf(L, j, gv);
  const step = new Int32Array(n);
  for (let r = 0; r < n; r++) step[r] = stepOf(ts, x[r * p + j]);
  const B = perms.length;
  const picked = new Float64Array(B * n * K);
  const d = new Float64Array((G + 1) * K), kept = new Float64Array(K);
  const stack = new Int32Array(3 * (maxDepthOf(L) + 2));
  const job: StepJob = { L, x, n, p, j, G, cut, step, perms, picked, base, d, kept, stack };
  await inSlices(n, { signal: run.signal }, K === 1 ? (from, to) => stepRows1(job, from, to) : (from, to) => stepRows(job, from, to));
  for (let b = 0; b < B; b++) put(first + b, transformMargins(L, finishMargins(L, picked.subarray(b * n * K, (b + 1) * n * K), n), n));
  return true;
}

/** Fewest repeats for which a feature's step functions beat re-walking its trees. */
export const STEP_REPEATS = 8;

/** A feature's bit in a path mask; features from 31 on share bit 31 (a mask that errs toward re-walking). */
function bit(f: number): number {
  return 1 << Math.min(f, 31);
}

/**
 * Each tree's leaf for each unpermuted row, the features its path tests (row-major: r·T + t), and
 * the rows' sums of leaf values (n × K).
 */
function keptLeaves(L: TreeLayout, x: Float32Array, n: number): { leaves: Int32Array; paths: Int32Array; sums: Float64Array } {
  const p = L.features.length, K = L.K, T = L.nTrees;
  const { feature, threshold, yes, no, miss, roots, value } = L;
  const leaves = new Int32Array(T * n), paths = new Int32Array(T * n);
  const sums = new Float64Array(n * K);
  for (let r = 0; r < n; r++) {
    const at = r * p;
    for (let t = 0; t < T; t++) {
      let i = roots[t], mask = 0;
      for (let f = feature[i]; f >= 0; f = feature[i]) {
        mask |= 1 << (f < 31 ? f : 31);
        const v = x[at + f];
        i = v < threshold[i] ? yes[i] : v === v ? no[i] : miss[i];
      }
      leaves[r * T + t] = i;
      paths[r * T + t] = mask;
      for (let c = 0; c < K; c++) sums[r * K + c] += value[i * K + c];
    }
  }
  return { leaves, paths, sums };
}

export async function treePermutedScores(
  engine: TreeEngine, base: Batch, units: readonly { columns: string[] }[], perms: readonly Int32Array[][], run: RunOptions,
): Promise<Float64Array> {
  const L = engine.layout, n = base.n, p = L.features.length, K = L.K, T = L.nTrees, { value } = L;
  const x = engine.encode(base);
  const copies = 1 + perms.reduce((s, u) => s + u.length, 0);
  const out = new Float64Array(n * copies);
  const { feature, threshold, yes, no, miss, roots } = L;
  const { leaves, paths, sums } = keptLeaves(L, x, n);
  const put = (copy: number, s: Float64Array) => {
    out.set(transformMargins(L, finishMargins(L, s, n), n), copy * n);
  };
  const putScores = (copy: number, scores: Float64Array) => out.set(scores, copy * n);
  put(0, sums.slice());
  // the work list: (unit, repeat) → copy index
  const jobs: { moved: Uint8Array; mask: number; trees: Int32Array; perm: Int32Array; copy: number }[] = [];
  let copy = 1;
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const features = u.columns.map((c) => engine.index.get(c)).filter((j): j is number => j !== undefined);
    // a grid walk costs about as much as ten plain walks of the same (tree, row) pairs: with few
    // repeats, re-walking is cheaper than building the step function
    if (features.length === 1 && perms[i].length >= STEP_REPEATS && L.treesUsing[features[0]].length > 0 && await stepScores(L, x, n, features[0], perms[i], putScores, copy, { sums, leaves, paths }, run)) {
      copy += perms[i].length;
      continue;
    }
    const trees = Int32Array.from(new Set(features.flatMap((j) => Array.from(L.treesUsing[j])))).sort();
    const moved = new Uint8Array(p);
    let mask = 0;
    for (const j of features) { moved[j] = 1; mask |= bit(j); }
    for (const perm of perms[i]) jobs.push({ moved, mask, trees, perm, copy: copy++ });
  }
  await inSlices(jobs.length, run, (from, to) => {
    for (let q = from; q < to; q++) {
      const { moved, mask, trees, perm, copy } = jobs[q];
      const s = sums.slice();
      const nt = trees.length;
      for (let r = 0; r < n; r++) {
        const at = r * p, from = perm[r] * p;
        for (let a = 0; a < nt; a++) {
          const t = trees[a];
          if ((paths[r * T + t] & mask) === 0) continue; // the path tests none of the permuted features
          const was = leaves[r * T + t];
          // the plain walk (leafOf) on row r with the unit's features taken from row perm[r], inlined
          let i = roots[t];
          for (let f = feature[i]; f >= 0; f = feature[i]) {
            const v = moved[f] ? x[from + f] : x[at + f];
            i = v < threshold[i] ? yes[i] : v === v ? no[i] : miss[i];
          }
          if (i !== was) for (let c = 0; c < K; c++) s[r * K + c] += value[i * K + c] - value[was * K + c];
        }
      }
      put(copy, s);
    }
  }, 20);
  return out;
}
