// Path-dependent TreeSHAP on the real exporters' trees with the training covers the files do not carry (taken
// from the fixture JSON, as a file with valid covers would hold them): it equals the Python brute force and,
// for xgboost, pred_contribs. The covers pass the evidence check once they are the real ones.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { treeShap, treeShapBatch } from "../../src/explain/treeshap";
import { leafLayout, leafShap, type LeafLayout } from "../../src/explain/treeshap-leaves";
import { recursiveTreeShap } from "../../src/explain/treeshap-recursive";
import { coverEvidence } from "../../src/model/tree-covers";
import { readTreeEnsemble } from "../../src/model/tree-ensemble";
import type { Tree, TreeEnsemble } from "../../src/model/types";
import { classesOf, exporterFixtures, featuresOption, onnxPath, outputFor, relativeError } from "./exporters";

/**
 * For each node position of a read tree, its node id in the Python model (the covers' index). skl2onnx keeps
 * sklearn's ids (our positions are those ids); onnxmltools renumbers xgboost's trees depth-first, while xgboost
 * numbers nodes breadth-first (children "yes" before "no": ONNX's true branch, our left).
 */
function pythonOrder(t: Tree, exporter: string): Int32Array {
  const ids = Int32Array.from({ length: t.feature.length }, (_, i) => i);
  if (!exporter.startsWith("onnxmltools")) return ids;
  const queue = [0];
  for (let next = 0, head = 0; head < queue.length; head++) {
    const node = queue[head];
    ids[node] = next++;
    if (t.feature[node] >= 0) queue.push(t.left[node], t.right[node]);
  }
  return ids;
}

const withTraining = exporterFixtures().filter((f) => f.shap.path_dependent_training_covers && f.trees?.training_covers);

describe.each(withTraining.map((f) => [f.name, f] as const))("path-dependent TreeSHAP on %s with its training covers", (_n, f) => {
  const covers = f.trees!.training_covers!;
  const rows = Object.values(f.rows)[0] as number[][]; // tree files have one [N, p] input
  const cls = classesOf(f).at(-1);
  const read = (): TreeEnsemble => {
    const classIndex = f.classes ? f.classes.indexOf(cls!) : undefined;
    const e = readTreeEnsemble(new Uint8Array(readFileSync(onnxPath(f))), { classIndex, features: featuresOption(f) ?? f.features });
    e.trees.forEach((t, k) => { t.cover = Float64Array.from(pythonOrder(t, f.exporter), (id) => covers[k][id]); });
    e.covers = coverEvidence(e.trees, true);
    return e;
  };

  it("the training covers add up, so they count as evidence", () => {
    expect(read().covers.valid).toBe(true);
  });

  it("equals the Python brute-force path-dependent values (1e-6 relative) and xgboost's pred_contribs where given", () => {
    const e = read();
    const ref = f.shap.path_dependent_training_covers;
    const k = outputFor(ref, cls);
    rows.forEach((x, r) => {
      const got = treeShap(e, x);
      expect(relativeError(got.values, ref.values[k][r])).toBeLessThan(1e-6);
      const xgb = f.xgb_pred_contribs;
      if (xgb) expect(relativeError(got.values, xgb.values[outputFor(xgb, cls)][r])).toBeLessThan(1e-5);
    });
    expect(Math.abs(treeShap(e, rows[0]).base - ref.base_values[k])).toBeLessThan(1e-6 * Math.max(1, Math.abs(ref.base_values[k])));
  });

  it("the leaf tables (all rows at once) give the recursion's values to 1e-9 relative, and no table gives the same bits", () => {
    const e = read();
    const p = e.features.length;
    const columns = Object.fromEntries(e.features.map((name, j) => [name, Float64Array.from(rows, (x) => x[j])]));
    const batch = treeShapBatch(e, { n: rows.length, columns });
    const L = leafLayout(e) as LeafLayout;
    expect(typeof L).toBe("object");
    const x32 = Float64Array.from(rows.flat(), Math.fround);
    const untabled = new Float64Array(rows.length * p);
    leafShap(L, x32, rows.length, p, untabled, new Float64Array(rows.length));
    rows.forEach((x, r) => {
      const slow = new Float64Array(p);
      recursiveTreeShap(e, x, slow);
      const fast = batch.values.subarray(r * p, (r + 1) * p);
      expect(relativeError(fast, Array.from(slow))).toBeLessThan(1e-9);
      expect(Array.from(untabled.subarray(r * p, (r + 1) * p))).toEqual(Array.from(fast));
    });
  });
});
