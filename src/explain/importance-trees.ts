// Permutation importance by walking the trees: each tree's leaf for every unpermuted row is kept,
// with the set of features its path tests (a bit mask); a permuted feature (or group) re-walks only
// the trees whose path for that row tests it — no other tree's leaf can change — and a row's
// score moves by the leaf values that changed.
// A single feature without missing values goes faster still: as a function of that feature's
// value, a row's score is a step function whose steps are the trees' thresholds on it, so the
// grid walk (effects-trees.ts) scores every row at one value per step once, and each permuted
// row is then one look-up: the step its new value falls in. The scores come out in the layout of the model-call version
// ([original; unit 0 repeat 0; unit 0 repeat 1; …], n each), so the losses are computed by the same code.
import type { TreeEngine } from "../model/tree-engine-check";
import { finishMargins, scoresOf as transformMargins } from "../model/tree-engine";
import type { Batch } from "../model/types";
import type { RunOptions } from "./models";
import { inSlices } from "./trees";
import { gridMargins, STEP_BUDGET, stepOf, thresholdsOf } from "./effects-trees";
import type { TreeLayout } from "../model/tree-engine";

/**
 * Scores of every permuted copy of one feature j from its step functions, or false when the
 * feature has missing values or too many steps for the budget.
 */
async function stepScores(
  L: TreeLayout, x: Float32Array, n: number, j: number, perms: readonly Int32Array[], put: (r: number, v: Float64Array) => void, first: number,
  base: { sums: Float64Array; leaves: Int32Array; paths: Int32Array }, run: RunOptions,
): Promise<boolean> {
  const p = L.features.length;
  const ts = thresholdsOf(L, j);
  const G = ts.length + 1;
  if (n * G * L.K > STEP_BUDGET) return false;
  for (let r = 0; r < n; r++) if (x[r * p + j] !== x[r * p + j]) return false;
  // one value per step: −∞ below the first threshold, then each threshold itself (x < t fails at t)
  const gv = new Float64Array(G);
  gv[0] = -Infinity;
  gv.set(ts, 1);
  // only trees whose path for the row tests j are walked; the others' (kept) leaves are a constant per row
  const trees = L.treesUsing[j], K = L.K, mask = bit(j);
  const constant = base.sums.slice();
  for (const t of trees) {
    for (let r = 0; r < n; r++) {
      if ((base.paths[r * L.nTrees + t] & mask) === 0) continue;
      for (let c = 0; c < K; c++) constant[r * K + c] -= L.value[base.leaves[r * L.nTrees + t] * K + c];
    }
  }
  const only = { paths: base.paths, mask, T: L.nTrees };
  const margins = await gridMargins(L, x, n, j, gv, run, trees, constant, only);
  const step = Int32Array.from({ length: n }, (_, r) => stepOf(ts, x[r * p + j]));
  // look up the margins, then transform only those (not all n × G of them)
  perms.forEach((perm, b) => {
    const picked = new Float64Array(n * K);
    for (let r = 0; r < n; r++) for (let c = 0; c < K; c++) picked[r * K + c] = margins[(r * G + step[perm[r]]) * K + c];
    put(first + b, transformMargins(L, picked, n));
  });
  return true;
}

/** Fewest repeats for which a feature's step functions beat re-walking its trees. */
export const STEP_REPEATS = 8;

/** A feature's bit in a path mask; features from 31 on share bit 31 (a mask that errs toward re-walking). */
function bit(f: number): number {
  return 1 << Math.min(f, 31);
}

export async function treePermutedScores(
  engine: TreeEngine, base: Batch, units: readonly { columns: string[] }[], perms: readonly Int32Array[][], run: RunOptions,
): Promise<Float64Array> {
  const L = engine.layout, n = base.n, p = L.features.length, K = L.K, T = L.nTrees, { value } = L;
  const x = engine.encode(base);
  const copies = 1 + perms.reduce((s, u) => s + u.length, 0);
  const out = new Float64Array(n * copies);
  const { feature, threshold, yes, no, miss, roots } = L;
  // each tree's leaf for each unpermuted row, the features its path tests, and the rows' sums of leaf
  // values; row-major (r·T + t), so the re-walks below, row by row, read them in order
  const leaves = new Int32Array(T * n), paths = new Int32Array(T * n);
  const sums = new Float64Array(n * K);
  for (let r = 0; r < n; r++) {
    const at = r * p;
    for (let t = 0; t < T; t++) {
      let i = roots[t], mask = 0;
      for (let f = feature[i]; f >= 0; f = feature[i]) {
        mask |= bit(f);
        const v = x[at + f];
        i = v < threshold[i] ? yes[i] : v === v ? no[i] : miss[i];
      }
      leaves[r * T + t] = i;
      paths[r * T + t] = mask;
      for (let c = 0; c < K; c++) sums[r * K + c] += value[i * K + c];
    }
  }
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
    if (features.length === 1 && perms[i].length >= STEP_REPEATS && L.treesUsing[features[0]].length > 0 && await stepScores(L, x, n, features[0], perms[i], putScores, copy, { sums, leaves, paths }, {})) {
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
        const at = r * p, from = perm[r] * p, at0 = r * T;
        for (let a = 0; a < nt; a++) {
          const t = trees[a];
          if ((paths[at0 + t] & mask) === 0) continue; // the path tests none of the permuted features
          const was = leaves[at0 + t];
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
