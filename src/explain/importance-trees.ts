// Permutation importance by walking the trees: each tree's leaf for every unpermuted row is kept,
// with the set of features its path tests (a bit mask); a permuted feature (or group) re-walks only
// the trees whose path for that row tests it — no other tree's leaf can change — and a row's
// score moves by the leaf values that changed. The scores come out in the layout of the model-call version
// ([original; unit 0 repeat 0; unit 0 repeat 1; …], n each), so the losses are computed by the same code.
import type { TreeEngine } from "../model/tree-engine-check";
import { finishMargins, scoresOf as transformMargins } from "../model/tree-engine";
import type { Batch } from "../model/types";
import type { RunOptions } from "./models";
import { inSlices } from "./trees";

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
  // each tree's leaf for each unpermuted row, the features its path tests, and the rows' sums of leaf values
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
      leaves[t * n + r] = i;
      paths[t * n + r] = mask;
      for (let c = 0; c < K; c++) sums[r * K + c] += value[i * K + c];
    }
  }
  const put = (copy: number, s: Float64Array) => {
    out.set(transformMargins(L, finishMargins(L, s, n), n), copy * n);
  };
  put(0, sums.slice());
  // the work list: (unit, repeat) → copy index
  const jobs: { moved: Uint8Array; mask: number; trees: Int32Array; perm: Int32Array; copy: number }[] = [];
  let copy = 1;
  units.forEach((u, i) => {
    const features = u.columns.map((c) => engine.index.get(c)).filter((j): j is number => j !== undefined);
    const trees = Int32Array.from(new Set(features.flatMap((j) => Array.from(L.treesUsing[j])))).sort();
    const moved = new Uint8Array(p);
    let mask = 0;
    for (const j of features) { moved[j] = 1; mask |= bit(j); }
    for (const perm of perms[i]) jobs.push({ moved, mask, trees, perm, copy: copy++ });
  });
  await inSlices(jobs.length, run, (from, to) => {
    for (let q = from; q < to; q++) {
      const { moved, mask, trees, perm, copy } = jobs[q];
      const s = sums.slice();
      const nt = trees.length;
      for (let r = 0; r < n; r++) {
        const at = r * p, from = perm[r] * p;
        for (let a = 0; a < nt; a++) {
          const t = trees[a];
          if ((paths[t * n + r] & mask) === 0) continue; // the path tests none of the permuted features
          const was = leaves[t * n + r];
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
