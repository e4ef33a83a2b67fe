import { describe, expect, it } from "vitest";
import { coversFromData, coversLabel } from "../../src/explain/tree-covers";
import { treeShap } from "../../src/explain/treeshap";
import { rng } from "../../src/explain/random";
import { bruteTreeShap, ensemble, randomSpec, type Spec } from "./treeshap-brute";

//        x0 ≤ 0.5
//       /        \
//   x1 ≤ 1        4
//   /   \
//  1     2
const spec: Spec = { f: 0, t: 0.5, l: { f: 1, t: 1, l: { leaf: 1, cover: 9 }, r: { leaf: 2, cover: 9 } }, r: { leaf: 4, cover: 9 } };

describe("coversFromData(ensemble, data, from)", () => {
  it("counts the rows reaching each node (missing values down their branch), and labels where they came from", () => {
    const e = ensemble([spec], ["x0", "x1"]);
    const data = { n: 4, columns: { x0: Float64Array.of(0, 0, 0, 1), x1: Float64Array.of(0, 5, NaN, 0) } };
    const c = coversFromData(e, data, "train.csv");
    // node order: root, x1 split, leaf 1, leaf 2, leaf 4; NaN in x1 goes right (missingTrue 0)
    expect(Array.from(c.trees[0].cover)).toEqual([4, 3, 1, 2, 1]);
    expect(c.covers).toMatchObject({ valid: true, source: "data", rows: 4, from: "train.csv" });
    expect(coversLabel(c)).toBe("path-dependent, covers from 4 rows of train.csv");
    expect(Array.from(e.trees[0].cover)).toEqual([27, 18, 9, 9, 9]); // the original is untouched
  });

  it("gives path-dependent TreeSHAP whose base is the table's mean margin, equal to brute force even where no row went", () => {
    const random = rng(77);
    for (let k = 0; k < 30; k++) {
      const e = ensemble([0, 1, 2].map(() => randomSpec(4, 5, random)), ["a", "b", "c", "d"]);
      const n = 3 + (k % 5); // few rows: many nodes get no row at all
      const cols = Object.fromEntries(["a", "b", "c", "d"].map((f) => [f, Float64Array.from({ length: n }, () => Math.floor(random() * 16) / 8)]));
      const c = coversFromData(e, { n, columns: cols });
      const x = [0, 1, 2, 3].map(() => Math.floor(random() * 18) / 8 - 0.125);
      const r = treeShap(c, x);
      const brute = bruteTreeShap(c, x);
      r.values.forEach((v, j) => expect(Math.abs(v - brute[j])).toBeLessThan(1e-9));
      let mean = 0;
      for (let i = 0; i < n; i++) mean += treeShap(c, ["a", "b", "c", "d"].map((f) => cols[f][i])).prediction / n;
      expect(r.base).toBeCloseTo(mean, 10);
    }
  });

  it("refuses an empty table", () => {
    expect(() => coversFromData(ensemble([spec], ["x0", "x1"]), { n: 0, columns: { x0: new Float64Array(0), x1: new Float64Array(0) } }, "empty.csv"))
      .toThrow(/covers cannot be counted from empty.csv: it has no rows/);
  });
});
