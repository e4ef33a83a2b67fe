// Walking an ONNX tree ensemble for one row exactly as the operator's spec describes it: the tests'
// reference, written independently of the TreeSHAP code (src/explain/treeshap.ts).
import type { TreeEnsemble } from "../../src/model/index";

/** The ensemble's score for row `x` in margin space (before any post-transform). */
export function walkMargin(e: TreeEnsemble, x: number[]): number {
  let s = 0;
  for (const t of e.trees) {
    let i = 0;
    while (t.feature[i] !== -1) {
      const v = x[t.feature[i]], th = t.threshold[i];
      const goTrue = Number.isNaN(v) ? t.missingTrue[i] === 1
        : ({ BRANCH_LEQ: v <= th, BRANCH_LT: v < th, BRANCH_GTE: v >= th, BRANCH_GT: v > th, BRANCH_EQ: v === th, BRANCH_NEQ: v !== th } as Record<string, boolean>)[t.mode[i]];
      i = goTrue ? t.left[i] : t.right[i];
    }
    s += t.value[i];
  }
  return e.base + (e.aggregate === "AVERAGE" ? s / e.trees.length : s);
}
