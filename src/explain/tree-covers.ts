// Node covers counted from data: route every row of a table through every tree and count the rows
// each node sees. The result is a copy of the ensemble whose covers are evidence of *that table* (not of
// the training data, which the file did not describe), labelled with how many rows of what they count.
import type { Batch, TreeEnsemble } from "../model/types";
import { ExplainError } from "./errors";
import { branch, ensembleRows, modeCodes } from "./treeshap";

/**
 * The ensemble with `cover` = the number of rows of `data` (columns named like `ensemble.features`, as the
 * trees read them) reaching each node; `from` names the rows in the label ("train.csv", "the given table").
 */
export function coversFromData(ensemble: TreeEnsemble, data: Batch, from = "the given table"): TreeEnsemble {
  if (data.n === 0) throw new ExplainError(`covers cannot be counted from ${from}: it has no rows`);
  const p = ensemble.features.length;
  const x = ensembleRows(ensemble, data);
  const trees = ensemble.trees.map((t) => {
    const codes = modeCodes(t);
    const cover = new Float64Array(t.feature.length);
    for (let r = 0; r < data.n; r++) {
      const o = r * p;
      let node = 0;
      cover[0]++;
      while (t.feature[node] >= 0) {
        node = branch(t, codes, node, x[o + t.feature[node]]) ? t.left[node] : t.right[node];
        cover[node]++;
      }
    }
    // the structure is shared; only the covers are new (so caches keyed by tree start afresh)
    return { ...t, cover };
  });
  const rows = data.n;
  return {
    ...ensemble,
    trees,
    covers: {
      valid: true, source: "data", rows, from,
      reason: `covers counted from ${rows} rows of ${from} (not the training covers, which the file does not carry)`,
    },
    hasCover: true,
  };
}

/** How a result says where its path-dependent covers came from. */
export function coversLabel(ensemble: TreeEnsemble): string {
  const c = ensemble.covers;
  if (c.source === "data") return `path-dependent, covers from ${c.rows} rows of ${c.from}`;
  return "path-dependent, training covers carried by the file (nodes_hitrates that add up)";
}
