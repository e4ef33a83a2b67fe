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

/** The features whose permuted scores come from step functions, all filled in one pass over the rows. */
interface StepJob {
  L: TreeLayout; x: Float32Array; n: number; p: number; K: number;
  /** slot[f]: feature f's place among the step features, or −1 */
  slot: Int32Array;
  /** per slot: number of steps, offset of its difference array in d, each row's step, permutations, scores */
  G: Int32Array; off: Int32Array; steps: Int32Array[]; perms: (readonly Int32Array[])[]; picked: Float64Array[];
  /** per node on a step feature: the first step whose value goes to `no` (x < t fails) */
  cut: Int32Array;
  /** filled here, row by row: the kept leaves, path masks (r·T + t) and the rows' sums (n × K) */
  base: { sums: Float64Array; leaves: Int32Array; paths: Int32Array };
  d: Float64Array; kept: Float64Array; seen: Int32Array; stack: Int32Array;
  /** the current row's kept path of tree t: nodes[t·W …], lens[t] of them */
  nodes: Int32Array; lens: Int32Array; W: number;
}

/** Row r's kept walk of every tree: its leaf, the features its path tests (a mask), its nodes; the row's sum. */
function keptRow(job: StepJob, r: number): void {
  const { L, x, p, K, nodes, lens, W } = job;
  const { sums, leaves, paths } = job.base;
  const { feature, threshold, yes, no, miss, value, roots } = L;
  const T = L.nTrees, at = r * p, row = r * T;
  for (let t = 0; t < T; t++) {
    let i = roots[t], mask = 0, len = 0;
    const o = t * W;
    for (let f = feature[i]; f >= 0; f = feature[i]) {
      mask |= 1 << (f < 31 ? f : 31);
      nodes[o + len++] = i;
      const v = x[at + f];
      i = v < threshold[i] ? yes[i] : v === v ? no[i] : miss[i];
    }
    leaves[row + t] = i;
    paths[row + t] = mask;
    lens[t] = len;
    for (let c = 0; c < K; c++) sums[r * K + c] += value[i * K + c];
  }
}

/**
 * Rows from…to−1 of every step feature's scores (the hot path: a plain function over locals, no closure).
 * One pass per row: each tree's kept path is walked once (keptRow, which also gives the leaves and
 * masks the re-walked units need), and at the first node on it that tests a step feature, that
 * feature's grid walk starts there (the nodes above test other features, so every value of this
 * one reaches that node), writing into that feature's difference array. Trees and leaves are
 * added in the same order as one feature at a time, so the sums are the same to the last bit.
 */
function stepRows(job: StepJob, from: number, to: number): void {
  const { L, x, n, p, K, slot, G, off, steps, perms, picked, cut, d, kept, seen, stack, nodes, lens, W } = job;
  const { sums, leaves } = job.base;
  const { feature, threshold, yes, no, miss, value } = L;
  const T = L.nTrees, S = G.length;
  for (let r = from; r < to; r++) {
    keptRow(job, r);
    d.fill(0);
    seen.fill(-1);
    for (let k = 0; k < S; k++) for (let c = 0; c < K; c++) kept[k * K + c] = sums[r * K + c];
    const at = r * p, row = r * T;
    for (let t = 0; t < T; t++) {
      const was = leaves[row + t], len = lens[t], on = t * W;
      for (let m = 0; m < len; m++) {
        const f = feature[nodes[on + m]], k = slot[f];
        if (k < 0 || seen[k] === t) continue;
        seen[k] = t;
        // down the kept path from its first node on f, as in stepRows1: only the branches that leave it are walked
        const o = off[k];
        let lo = 0, hi = G[k];
        for (let m2 = m; m2 < len; m2++) {
          const u = nodes[on + m2];
          if (feature[u] !== f) continue;
          const mid = cut[u], next = m2 + 1 < len ? nodes[on + m2 + 1] : was;
          let q: number, a: number, b: number;
          if (next === yes[u]) { if (mid >= hi) continue; q = no[u]; a = mid > lo ? mid : lo; b = hi; hi = a; }
          else { if (mid <= lo) continue; q = yes[u]; a = lo; b = mid < hi ? mid : hi; lo = b; }
          let sp = 0;
          stack[sp++] = q; stack[sp++] = a; stack[sp++] = b;
          while (sp > 0) {
            let h = stack[--sp], l = stack[--sp], i = stack[--sp];
            for (let g = feature[i]; g >= 0; g = feature[i]) {
              if (g === f) {
                const c = cut[i];
                if (c >= h) i = yes[i];
                else if (c <= l) i = no[i];
                else { stack[sp++] = no[i]; stack[sp++] = c; stack[sp++] = h; h = c; i = yes[i]; }
              } else {
                const v = x[at + g];
                i = v < threshold[i] ? yes[i] : v === v ? no[i] : miss[i];
              }
            }
            for (let c = 0; c < K; c++) { const w = value[i * K + c]; d[o + l * K + c] += w; d[o + h * K + c] -= w; }
          }
        }
        for (let c = 0; c < K; c++) {
          const w = value[was * K + c];
          kept[k * K + c] -= w;
          d[o + lo * K + c] += w;
          d[o + hi * K + c] -= w;
        }
      }
    }
    for (let k = 0; k < S; k++) {
      const o = off[k], g = G[k], step = steps[k], pk = picked[k], pm = perms[k], B = pm.length;
      for (let c = 0; c < K; c++) { d[o + c] += kept[k * K + c]; d[o + g * K + c] -= kept[k * K + c]; }
      // prefix sums in place: d[o + s·K + c] is the row's Σ of leaves with the feature in step s
      for (let s = K; s < g * K; s++) d[o + s] += d[o + s - K];
      for (let b = 0; b < B; b++) {
        const s = step[pm[b][r]], to = (b * n + r) * K;
        for (let c = 0; c < K; c++) pk[to + c] = d[o + s * K + c];
      }
    }
  }
}

/** stepRows with one leaf value per node (K = 1: regression, binary margins). */
function stepRows1(job: StepJob, from: number, to: number): void {
  const { L, x, n, p, slot, G, off, steps, perms, picked, cut, d, kept, seen, stack, nodes, lens, W } = job;
  const { sums, leaves } = job.base;
  const { feature, threshold, yes, no, miss, value } = L;
  const T = L.nTrees, S = G.length;
  for (let r = from; r < to; r++) {
    keptRow(job, r);
    d.fill(0);
    seen.fill(-1);
    kept.fill(sums[r]);
    const at = r * p, row = r * T;
    for (let t = 0; t < T; t++) {
      const leaf = leaves[row + t], was = value[leaf], len = lens[t], on = t * W;
      for (let m = 0; m < len; m++) {
        const f = feature[nodes[on + m]], k = slot[f];
        if (k < 0 || seen[k] === t) continue;
        seen[k] = t;
        // down the kept path from its first node on f: at each node on f the row's own branch is
        // the path's next node, and only the other branch (the steps that leave the path) is walked
        const o = off[k];
        let lo = 0, hi = G[k];
        for (let m2 = m; m2 < len; m2++) {
          const u = nodes[on + m2];
          if (feature[u] !== f) continue;
          const mid = cut[u], next = m2 + 1 < len ? nodes[on + m2 + 1] : leaf;
          let q: number, a: number, b: number;
          if (next === yes[u]) { if (mid >= hi) continue; q = no[u]; a = mid > lo ? mid : lo; b = hi; hi = a; }
          else { if (mid <= lo) continue; q = yes[u]; a = lo; b = mid < hi ? mid : hi; lo = b; }
          // the grid walk (walkGrid in effects-trees.ts) of the other branch over steps a…b−1, inlined
          let sp = 0;
          stack[sp++] = q; stack[sp++] = a; stack[sp++] = b;
          while (sp > 0) {
            let h = stack[--sp], l = stack[--sp], i = stack[--sp];
            for (let g = feature[i]; g >= 0; g = feature[i]) {
              if (g === f) {
                const c = cut[i];
                if (c >= h) i = yes[i];
                else if (c <= l) i = no[i];
                else { stack[sp++] = no[i]; stack[sp++] = c; stack[sp++] = h; h = c; i = yes[i]; }
              } else {
                const v = x[at + g];
                i = v < threshold[i] ? yes[i] : v === v ? no[i] : miss[i];
              }
            }
            const w = value[i];
            d[o + l] += w;
            d[o + h] -= w;
          }
        }
        // the kept leaf holds for the steps still on the path; outside them it is replaced
        kept[k] -= was;
        d[o + lo] += was;
        d[o + hi] -= was;
      }
    }
    for (let k = 0; k < S; k++) {
      const o = off[k], g = G[k], step = steps[k], pk = picked[k], pm = perms[k], B = pm.length;
      let acc = kept[k];
      for (let s = 0; s < g; s++) { acc += d[o + s]; d[o + s] = acc; }
      for (let b = 0; b < B; b++) pk[b * n + r] = d[o + step[pm[b][r]]];
    }
  }
}

/**
 * Whether feature j's permuted copies can come from its step functions: no missing values and few
 * enough steps for the budget. Returns the sorted thresholds, or undefined.
 */
function stepThresholds(L: TreeLayout, x: Float32Array, n: number, j: number): Float64Array | undefined {
  const p = L.features.length, K = L.K;
  const ts = thresholdsOf(L, j);
  if (n * (ts.length + 1) * K > STEP_BUDGET) return undefined;
  for (let r = 0; r < n; r++) if (x[r * p + j] !== x[r * p + j]) return undefined;
  return ts;
}

/**
 * Scores of every permuted copy of the step features (feature `features[k]`, permutations
 * `perms[k]`, first copy `first[k]`). One pass per row: the grid walks fill each feature's
 * difference array over its steps, a prefix sum turns it into the row's step function, and each
 * repeat reads the step its permuted value falls in — no rows × steps matrix is kept.
 */
async function stepScores(
  L: TreeLayout, x: Float32Array, n: number, features: number[], tss: Float64Array[], perms: (readonly Int32Array[])[],
  first: number[], out: Float64Array, base: { sums: Float64Array; leaves: Int32Array; paths: Int32Array },
  run: RunOptions,
): Promise<void> {
  const p = L.features.length, K = L.K, S = features.length;
  const slot = new Int32Array(p).fill(-1);
  const G = new Int32Array(S), off = new Int32Array(S);
  const cut = new Int32Array(L.feature.length);
  let size = 0;
  const steps = features.map((j, k) => {
    slot[j] = k;
    const ts = tss[k];
    G[k] = ts.length + 1;
    off[k] = size;
    size += (G[k] + 1) * K;
    // one value per step: −∞ below the first threshold, then each threshold itself (x < t fails at t)
    const gv = new Float64Array(G[k]);
    gv[0] = -Infinity;
    gv.set(ts, 1);
    const c = cutsOf(L, j, gv);
    for (let i = 0; i < c.length; i++) if (L.feature[i] === j) cut[i] = c[i];
    const step = new Int32Array(n);
    for (let r = 0; r < n; r++) step[r] = stepOf(ts, x[r * p + j]);
    return step;
  });
  // with one margin per row the scores are written straight into their copies of `out` (b·n + r is the layout of both)
  const picked = perms.map((ps, k) =>
    K === 1 ? out.subarray(first[k] * n, (first[k] + ps.length) * n) : new Float64Array(ps.length * n * K));
  const job: StepJob = {
    L, x, n, p, K, slot, G, off, steps, perms, picked, cut, base,
    d: new Float64Array(size), kept: new Float64Array(S * K), seen: new Int32Array(S),
    stack: new Int32Array(3 * (maxDepthOf(L) + 2)),
    nodes: new Int32Array(L.nTrees * (maxDepthOf(L) + 2)), lens: new Int32Array(L.nTrees), W: maxDepthOf(L) + 2,
  };
  const rows = K === 1 ? stepRows1 : stepRows;
  await inSlices(n, { signal: run.signal }, (from, to) => rows(job, from, to));
  for (let k = 0; k < S; k++) {
    for (let b = 0; b < perms[k].length; b++) {
      const margins = finishMargins(L, picked[k].subarray(b * n * K, (b + 1) * n * K), n);
      if (K > 1 || L.transform !== "NONE") out.set(transformMargins(L, margins, n), (first[k] + b) * n);
    }
  }
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
  const put = (copy: number, s: Float64Array) => {
    out.set(transformMargins(L, finishMargins(L, s, n), n), copy * n);
  };
  // the work list: (unit, repeat) → copy index
  const jobs: { moved: Uint8Array; mask: number; trees: Int32Array; perm: Int32Array; copy: number }[] = [];
  let copy = 1;
  const stepFeatures: number[] = [], stepTs: Float64Array[] = [];
  const stepPerms: (readonly Int32Array[])[] = [], stepFirst: number[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const features = u.columns.map((c) => engine.index.get(c)).filter((j): j is number => j !== undefined);
    // a grid walk costs about as much as ten plain walks of the same (tree, row) pairs: with few
    // repeats, re-walking is cheaper than building the step function
    const one = features.length === 1 && perms[i].length >= STEP_REPEATS && L.treesUsing[features[0]].length > 0;
    const ts = one && !stepFeatures.includes(features[0])
      ? stepThresholds(L, x, n, features[0]) : undefined;
    if (ts) {
      stepFeatures.push(features[0]); stepTs.push(ts); stepPerms.push(perms[i]); stepFirst.push(copy);
      copy += perms[i].length;
      continue;
    }
    const trees = Int32Array.from(new Set(features.flatMap((j) => Array.from(L.treesUsing[j])))).sort();
    const moved = new Uint8Array(p);
    let mask = 0;
    for (const j of features) { moved[j] = 1; mask |= bit(j); }
    for (const perm of perms[i]) jobs.push({ moved, mask, trees, perm, copy: copy++ });
  }
  // the step pass walks every tree for every row anyway: it keeps the leaves as it goes
  const kept = stepFeatures.length > 0
    ? { leaves: new Int32Array(T * n), paths: new Int32Array(T * n), sums: new Float64Array(n * K) }
    : keptLeaves(L, x, n);
  if (stepFeatures.length > 0) await stepScores(L, x, n, stepFeatures, stepTs, stepPerms, stepFirst, out, kept, run);
  const { leaves, paths, sums } = kept;
  put(0, sums.slice());
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
