// Permutation importance by walking the trees: each tree's leaf for every unpermuted row is kept,
// and a permuted feature (or group) re-walks only the trees that split on it; a row's score moves
// by the leaf values that changed. The scores come out in the layout of the model-call version
// ([original; unit 0 repeat 0; unit 0 repeat 1; …], n each), so the losses are computed by the same code.
import type { TreeEngine } from "../model/tree-engine-check";
import { finishMargins, leafOf, scoresOf as transformMargins } from "../model/tree-engine";
import type { Batch } from "../model/types";
import type { RunOptions } from "./models";
import { inSlices } from "./trees";

export async function treePermutedScores(
  engine: TreeEngine, base: Batch, units: readonly { columns: string[] }[], perms: readonly Int32Array[][], run: RunOptions,
): Promise<Float64Array> {
  const L = engine.layout, n = base.n, p = L.features.length, K = L.K, T = L.nTrees, { value } = L;
  const x = engine.encode(base);
  const copies = 1 + perms.reduce((s, u) => s + u.length, 0);
  const out = new Float64Array(n * copies);
  // each tree's leaf for each unpermuted row, and the rows' sums of leaf values
  const leaves = new Int32Array(T * n);
  const sums = new Float64Array(n * K);
  for (let r = 0; r < n; r++) {
    for (let t = 0; t < T; t++) {
      const leaf = leafOf(L, t, x, r * p);
      leaves[t * n + r] = leaf;
      for (let c = 0; c < K; c++) sums[r * K + c] += value[leaf * K + c];
    }
  }
  const put = (copy: number, s: Float64Array) => {
    out.set(transformMargins(L, finishMargins(L, s, n), n), copy * n);
  };
  put(0, sums.slice());
  // the work list: (unit, repeat) → copy index
  const jobs: { features: Int32Array; trees: Int32Array; perm: Int32Array; copy: number }[] = [];
  let copy = 1;
  units.forEach((u, i) => {
    const features = Int32Array.from(u.columns.map((c) => engine.index.get(c)).filter((j): j is number => j !== undefined));
    const trees = Int32Array.from(new Set(Array.from(features).flatMap((j) => Array.from(L.treesUsing[j])))).sort();
    for (const perm of perms[i]) jobs.push({ features, trees, perm, copy: copy++ });
  });
  const row = new Float64Array(p);
  const { feature, threshold, yes, no, miss, roots } = L;
  await inSlices(jobs.length, run, (from, to) => {
    for (let q = from; q < to; q++) {
      const { features, trees, perm, copy } = jobs[q];
      const s = sums.slice();
      const nf = features.length, nt = trees.length;
      if (nt > 0) {
        for (let r = 0; r < n; r++) {
          // row r with the unit's features taken from row perm[r]
          for (let j = 0; j < p; j++) row[j] = x[r * p + j];
          for (let b = 0; b < nf; b++) row[features[b]] = x[perm[r] * p + features[b]];
          for (let a = 0; a < nt; a++) {
            const t = trees[a], was = leaves[t * n + r];
            // the plain walk (leafOf), inlined: this loop is the whole cost
            let i = roots[t];
            for (let f = feature[i]; f >= 0; f = feature[i]) {
              const v = row[f];
              i = v < threshold[i] ? yes[i] : v === v ? no[i] : miss[i];
            }
            if (i !== was) for (let c = 0; c < K; c++) s[r * K + c] += value[i * K + c] - value[was * K + c];
          }
        }
      }
      put(copy, s);
    }
  }, 20);
  return out;
}
