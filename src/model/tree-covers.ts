// Deciding whether a file's `nodes_hitrates` are node covers. skl2onnx (and onnxmltools' lightgbm
// converter) write 1.0 on every node; our own exporter writes training covers. Only numbers that
// behave like covers — positive at every branch, each branch the sum of its two children — are
// trusted; anything else means "no covers", with the reason, so nothing downstream guesses.
import type { CoverEvidence, Tree } from "./types";

/** Relative tolerance on "a branch equals the sum of its children" (covers are stored as float32). */
export const COVER_TOLERANCE = 1e-4;

/** What the hitrates read into `trees[*].cover` are worth; `present` is false when the file has none. */
export function coverEvidence(trees: readonly Tree[], present: boolean): CoverEvidence {
  if (!present) return { valid: false, reason: "the file carries no nodes_hitrates" };
  let branches = 0;
  for (let t = 0; t < trees.length; t++) {
    const tree = trees[t];
    for (let i = 0; i < tree.feature.length; i++) {
      const c = tree.cover[i];
      if (!(c >= 0) || !Number.isFinite(c)) {
        return { valid: false, reason: `nodes_hitrates are not covers: tree ${t} node ${i} has ${c}` };
      }
      if (tree.feature[i] < 0) continue;
      branches++;
      const sum = tree.cover[tree.left[i]] + tree.cover[tree.right[i]];
      if (!(c > 0) || Math.abs(c - sum) > COVER_TOLERANCE * Math.max(c, sum)) {
        const constant = trees.every((u) => u.cover.every((v) => v === c));
        return {
          valid: false,
          reason: constant
            ? `nodes_hitrates are ${c} on every node (as skl2onnx writes them), not covers`
            : `nodes_hitrates are not covers: tree ${t} node ${i} has ${c}, its children ${tree.cover[tree.left[i]]} + ` +
              `${tree.cover[tree.right[i]]} = ${sum}`,
        };
      }
    }
  }
  return {
    valid: true, source: "file",
    reason: `nodes_hitrates add up (each of ${branches} branches equals the sum of its children): training covers`,
  };
}

/** Depth of the deepest leaf below `node` (a lone leaf has depth 0). */
export function treeDepth(tree: Tree, node = 0): number {
  if (tree.feature[node] < 0) return 0;
  return 1 + Math.max(treeDepth(tree, tree.left[node]), treeDepth(tree, tree.right[node]));
}
