// The leaf-table passes of path-dependent TreeSHAP (src/explain/treeshap-leaves.ts) on the split kinds the
// flat layout rewrites or leaves to the source tree, against the brute-force definition and the recursion.
import { describe, expect, it } from "vitest";
import { treeShap, treeShapBatch } from "../../src/explain/treeshap";
import { leafLayout, MAX_PATH_FEATURES } from "../../src/explain/treeshap-leaves";
import { recursiveTreeShap } from "../../src/explain/treeshap-recursive";
import { rng } from "../../src/explain/random";
import { bruteTreeShap, ensemble, randomSpec, type Spec } from "./treeshap-brute";

// x0 = 1 (EQ), a threshold no float32 equals (0.1 as a double), x1 tested twice, a node no row reached (cover 0)
const mixed: Spec = {
  f: 0, t: 1, mode: "BRANCH_EQ",
  l: { f: 1, t: 0.1, mode: "BRANCH_LEQ", l: { leaf: 4, cover: 6 }, r: { f: 1, t: 2, mode: "BRANCH_NEQ", l: { leaf: -2, cover: 0 }, r: { leaf: 1, cover: 0 }, cover: 0 } },
  r: { f: 2, t: 0.5, mode: "BRANCH_GT", missingLeft: true, l: { leaf: 3, cover: 5 }, r: { f: 1, t: 1.5, l: { leaf: -1, cover: 2 }, r: { leaf: 7, cover: 9 } } },
};

describe("leaf-table TreeSHAP", () => {
  it("equals the recursion where the source tree decides (EQ, NEQ, a threshold that is not a float32) and under a cover-0 node", () => {
    const e = ensemble([mixed], ["x0", "x1", "x2"]);
    expect(typeof leafLayout(e)).toBe("object");
    const xs = [[1, 0.1, 0], [1, Math.fround(0.1), 1], [1, 2, NaN], [1, 3, 0.5], [0, 1, NaN], [0, 1.5, 0.7], [NaN, 0, 0]];
    for (const x of xs) {
      const slow = new Float64Array(3);
      recursiveTreeShap(e, x, slow);
      treeShap(e, x).values.forEach((v, j) => expect(v).toBeCloseTo(slow[j], 12));
    }
  });

  it("equals the brute-force definition on a threshold that is not a float32 and a node no row reached", () => {
    // the brute force reads the four ordered modes only
    const spec: Spec = { f: 0, t: 0.1, l: { f: 1, t: 2, mode: "BRANCH_GTE", l: { leaf: -2, cover: 0 }, r: { leaf: 1, cover: 0 }, cover: 0 }, r: { leaf: 3, cover: 4 } };
    const e = ensemble([spec, mixed.r as Spec], ["x0", "x1", "x2"]);
    for (const x of [[0.1, 2, 0], [Math.fround(0.1), 1, 1], [0, 3, NaN], [1, 1.5, 0.5]]) {
      const want = bruteTreeShap(e, x);
      treeShap(e, x).values.forEach((v, j) => expect(v).toBeCloseTo(want[j], 12));
    }
  });

  it("gives a batch of random deep trees (repeated features, missing values) the recursion's values to 1e-12", () => {
    const random = rng(11);
    const e = ensemble(Array.from({ length: 6 }, () => randomSpec(5, 7, random)), ["a", "b", "c", "d", "e"], 0.5, "AVERAGE");
    const n = 40;
    const cols = Object.fromEntries(e.features.map((f) => [f, Float64Array.from({ length: n }, () => (random() < 0.1 ? NaN : random() * 2))]));
    const batch = treeShapBatch(e, { n, columns: cols });
    for (let r = 0; r < n; r++) {
      const x = e.features.map((f) => cols[f][r]);
      const slow = new Float64Array(5);
      recursiveTreeShap(e, x, slow);
      for (let j = 0; j < 5; j++) expect(Math.abs(batch.values[r * 5 + j] - slow[j])).toBeLessThan(1e-12);
    }
  });

  it(`leaves paths with more than ${MAX_PATH_FEATURES} distinct features to the recursion, with the same values`, () => {
    // a chain x0 ≤ 0.5 → x1 ≤ 0.5 → … over 32 features: the deepest leaf's path tests all 32
    const chain = (j: number): Spec => (j === 32 ? { leaf: 1, cover: 1 } : { f: j, t: 0.5, l: chain(j + 1), r: { leaf: -j, cover: 1 } });
    const features = Array.from({ length: 32 }, (_, j) => `x${j}`);
    const e = ensemble([chain(0)], features);
    expect(leafLayout(e)).toMatch(/more than 30 distinct features/);
    const x = features.map((_, j) => (j === 20 ? 1 : 0));
    const slow = new Float64Array(32);
    recursiveTreeShap(e, x, slow);
    expect(treeShap(e, x).values).toEqual(Array.from(slow));
    expect(treeShap(e, x).prediction).toBe(-20);
  });
});
