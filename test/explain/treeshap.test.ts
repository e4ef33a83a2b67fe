import { describe, expect, it } from "vitest";
import { expectedValue, marginPrediction, treeShap, treeShapBatch } from "../../src/explain/treeshap";
import { ExplainError } from "../../src/explain/errors";
import { rng } from "../../src/explain/random";
import { bruteTreeShap, bruteValue, ensemble, randomSpec, type Spec } from "./treeshap-brute";

const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);

//        x0 ≤ 0.5
//       /        \
//   x1 ≤ 1       x1 < 1
//   /   \        /    \
//  1     2      3      4
const twoLevel: Spec = {
  f: 0, t: 0.5, l: { f: 1, t: 1, l: { leaf: 1, cover: 10 }, r: { leaf: 2, cover: 30 } },
  r: { f: 1, t: 1, mode: "BRANCH_LT", l: { leaf: 3, cover: 20 }, r: { leaf: 4, cover: 40 } },
};

// x0 is split twice on one path, so UNWIND has to undo the first split
//      x0 ≤ 1
//     /      \
//  x1 > 0    x0 ≤ 2
//  / \       /     \
// -1  2   x2 ≥ 0.5  5
//          /  \
//         0    3
const repeated: Spec = {
  f: 0, t: 1, l: { f: 1, t: 0, mode: "BRANCH_GT", l: { leaf: -1, cover: 7 }, r: { leaf: 2, cover: 13 } },
  r: { f: 0, t: 2, l: { f: 2, t: 0.5, mode: "BRANCH_GTE", l: { leaf: 0, cover: 5 }, r: { leaf: 3, cover: 15 } }, r: { leaf: 5, cover: 9 } },
};

describe("treeShap(ensemble, x) — exact path-dependent TreeSHAP", () => {
  it("equals the brute-force Shapley values of E_cover[f | x_S] on a two-level tree, at every leaf", () => {
    const e = ensemble([twoLevel], ["x0", "x1"]);
    for (const x of [[0, 0], [0, 2], [1, 0], [1, 2], [0.5, 1]]) {
      const r = treeShap(e, x);
      const brute = bruteTreeShap(e, x);
      r.values.forEach((v, j) => expect(v).toBeCloseTo(brute[j], 12));
    }
  });

  it("handles a feature split twice on one path (UNWIND), matching brute force", () => {
    const e = ensemble([repeated], ["x0", "x1", "x2"]);
    for (const x of [[0, 1, 0], [1.5, -1, 1], [3, 0, 0], [1.5, 0, 0.2], [0.2, -2, 9]]) {
      const r = treeShap(e, x);
      const brute = bruteTreeShap(e, x);
      r.values.forEach((v, j) => expect(v).toBeCloseTo(brute[j], 12));
    }
  });

  it("sends missing values (NaN) down the missing branch and matches brute force", () => {
    const spec: Spec = { f: 0, t: 0, missingLeft: true, l: { leaf: 1, cover: 1 }, r: { f: 1, t: 0, missingLeft: false, l: { leaf: 2, cover: 2 }, r: { leaf: 6, cover: 3 } } };
    const e = ensemble([spec], ["a", "b"]);
    const r = treeShap(e, [NaN, NaN]);
    expect(r.prediction).toBe(1);
    const r2 = treeShap(e, [1, NaN]);
    expect(r2.prediction).toBe(6);
    const brute = bruteTreeShap(e, [1, NaN]);
    r2.values.forEach((v, j) => expect(v).toBeCloseTo(brute[j], 12));
  });

  it("matches brute force on 40 random ensembles of 3 trees over 5 features, depth ≤ 5, all modes", () => {
    const random = rng(42);
    for (let k = 0; k < 40; k++) {
      const e = ensemble([0, 1, 2].map(() => randomSpec(5, 5, random)), ["a", "b", "c", "d", "e"], random() * 2 - 1, k % 2 ? "SUM" : "AVERAGE");
      const x = [0, 1, 2, 3, 4].map(() => (random() < 0.1 ? NaN : Math.floor(random() * 18) / 8 - 0.125));
      const r = treeShap(e, x);
      const brute = bruteTreeShap(e, x);
      r.values.forEach((v, j) => expect(v).toBeCloseTo(brute[j], 10));
    }
  });

  it("is efficient: Σφ = f(x) − E[f] to 1e-9, with base = v(∅) and prediction = v(all)", () => {
    const random = rng(7);
    for (let k = 0; k < 20; k++) {
      const e = ensemble([0, 1, 2, 3].map(() => randomSpec(4, 6, random)), ["a", "b", "c", "d"], 0.3);
      const x = [0, 1, 2, 3].map(() => Math.floor(random() * 16) / 8);
      const r = treeShap(e, x);
      expect(Math.abs(sum(r.values) - (r.prediction - r.base))).toBeLessThan(1e-9);
      expect(r.base).toBeCloseTo(bruteValue(e, x, 0), 12);
      expect(r.prediction).toBeCloseTo(bruteValue(e, x, 0b1111), 12);
    }
  });

  it("adds the ensemble base to E[f] and divides by the number of trees under AVERAGE", () => {
    const sumE = ensemble([twoLevel, twoLevel], ["x0", "x1"], 10, "SUM");
    const avgE = ensemble([twoLevel, twoLevel], ["x0", "x1"], 10, "AVERAGE");
    const treeMean = (1 * 10 + 2 * 30 + 3 * 20 + 4 * 40) / 100;
    expect(expectedValue(sumE)).toBeCloseTo(10 + 2 * treeMean, 12);
    expect(expectedValue(avgE)).toBeCloseTo(10 + treeMean, 12);
    expect(marginPrediction(avgE, [1, 2])).toBe(14);
    const a = treeShap(sumE, [1, 2]).values, b = treeShap(avgE, [1, 2]).values;
    a.forEach((v, j) => expect(b[j]).toBeCloseTo(v / 2, 12));
  });

  it("compares inputs as float32, like the ONNX runtime (0.1 rounds above the float32 threshold 0.1)", () => {
    const spec: Spec = { f: 0, t: Math.fround(0.1), mode: "BRANCH_LT", l: { leaf: 1, cover: 1 }, r: { leaf: 2, cover: 1 } };
    expect(treeShap(ensemble([spec], ["a"]), [0.1]).prediction).toBe(2);
    expect(treeShap(ensemble([spec], ["a"]), [0.09999]).prediction).toBe(1);
  });

  it("refuses an ensemble whose covers are not evidence, saying why and naming the alternatives", () => {
    const e = ensemble([twoLevel], ["x0", "x1"]);
    e.trees[0].cover.fill(1);
    e.covers = { valid: false, reason: "nodes_hitrates are 1 on every node (as skl2onnx writes them), not covers" };
    e.hasCover = false;
    expect(() => treeShap(e, [0, 0])).toThrow(ExplainError);
    expect(() => treeShap(e, [0, 0])).toThrow(/needs node covers.*'tree-interventional'.*--covers-from FILE.*1 on every node/);
  });

  it("splits a node no counted row reached evenly, as the brute-force definition does", () => {
    // covers counted from data: the right subtree was never reached
    const spec: Spec = { f: 0, t: 0.5, l: { leaf: 1, cover: 4 }, r: { f: 1, t: 0, l: { leaf: 2, cover: 0 }, r: { leaf: 6, cover: 0 } } };
    const e = ensemble([spec], ["a", "b"]);
    for (const x of [[1, -1], [1, 1], [0, 0]]) {
      const r = treeShap(e, x);
      expect(r.base).toBe(1);
      r.values.forEach((v, j) => expect(v).toBeCloseTo(bruteTreeShap(e, x)[j], 12));
      expect(sum(r.values)).toBeCloseTo(r.prediction - r.base, 12);
    }
  });
});

describe("treeShapBatch(ensemble, data, rows?)", () => {
  it("gives every row the values treeShap gives it alone", () => {
    const random = rng(3);
    const e = ensemble([0, 1, 2].map(() => randomSpec(3, 4, random)), ["a", "b", "c"]);
    const n = 50;
    const cols = { a: new Float64Array(n), b: new Float64Array(n), c: new Float64Array(n) };
    for (let i = 0; i < n; i++) { cols.a[i] = random() * 2; cols.b[i] = random() * 2; cols.c[i] = random() < 0.1 ? NaN : random() * 2; }
    const batch = treeShapBatch(e, { n, columns: cols });
    expect(batch.n).toBe(n);
    for (let i = 0; i < n; i++) {
      const one = treeShap(e, [cols.a[i], cols.b[i], cols.c[i]]);
      expect(batch.predictions[i]).toBe(one.prediction);
      one.values.forEach((v, j) => expect(batch.values[i * 3 + j]).toBeCloseTo(v, 14));
    }
    const some = treeShapBatch(e, { n, columns: cols }, [4, 2]);
    expect(some.predictions[0]).toBe(batch.predictions[4]);
    expect(some.predictions[1]).toBe(batch.predictions[2]);
  });

  it("names a string column a tree cannot read, with its row", () => {
    const e = ensemble([twoLevel], ["x0", "x1"]);
    const data = { n: 2, columns: { x0: new Float64Array([1, 2]), x1: [0, "high"] } };
    expect(() => treeShapBatch(e, data)).toThrow(/column `x1` holds the string "high" in row 2 \(rows counted from 1\)/);
  });
});
