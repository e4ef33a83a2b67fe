import { describe, expect, it } from "vitest";
import { interventionalTreeShap } from "../../src/explain/treeshap-interventional";
import { rng } from "../../src/explain/random";
import { bruteInterventional } from "./interventional-brute";
import { ensemble, randomSpec, type Spec } from "./treeshap-brute";

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);
/** |a − b| relative to the largest value of the reference (1e-9 relative, the bar). */
const worstRelative = (got: ArrayLike<number>, want: number[]) => {
  const scale = Math.max(1e-12, ...want.map(Math.abs));
  return Math.max(...want.map((w, j) => Math.abs(got[j] - w) / scale));
};
const grid = (random: () => number, missing = 0.1) => (random() < missing ? NaN : Math.floor(random() * 20) / 8 - 0.25);

//        x0 ≤ 0.5
//       /        \
//   x1 ≤ 1       x1 < 1
//   /   \        /    \
//  1     2      3      4
const twoLevel: Spec = {
  f: 0, t: 0.5, l: { f: 1, t: 1, l: { leaf: 1, cover: 1 }, r: { leaf: 2, cover: 1 } },
  r: { f: 1, t: 1, mode: "BRANCH_LT", l: { leaf: 3, cover: 1 }, r: { leaf: 4, cover: 1 } },
};

describe("interventionalTreeShap(ensemble, x, background) — exact interventional TreeSHAP", () => {
  it("on one tree and one background row gives the hand-computed values: f(x) − f(z) split by the two splits", () => {
    // x = (0, 0) → leaf 1, z = (1, 2) → leaf 4; h({x0}) = (0, 2) → 2, h({x1}) = (1, 0) → 3
    // φ0 = ½[(2 − 4) + (1 − 3)] = −2, φ1 = ½[(3 − 4) + (1 − 2)] = −1
    const e = ensemble([twoLevel], ["x0", "x1"]);
    const r = interventionalTreeShap(e, Float64Array.of(0, 0), Float64Array.of(1, 2));
    expect(Array.from(r.values)).toEqual([-2, -1]);
    expect(r.base).toBe(4);
    expect(r.predictions[0]).toBe(1);
  });

  it("ignores covers entirely: the same values whatever nodes_hitrates say", () => {
    const a = ensemble([twoLevel], ["x0", "x1"]);
    const b = ensemble([twoLevel], ["x0", "x1"]);
    b.trees[0].cover.fill(NaN);
    b.covers = { valid: false, reason: "none" };
    const x = Float64Array.of(0.25, 3), bg = Float64Array.of(1, 0, 0, 0, 2, 2);
    expect(interventionalTreeShap(b, x, bg).values).toEqual(interventionalTreeShap(a, x, bg).values);
  });

  it("equals the brute-force enumeration of all 2^p coalitions over the same background, to 1e-9 relative " +
    "(60 random ensembles of 4 trees, depth ≤ 6, p = 5, repeated features, missing values, SUM and AVERAGE)", () => {
    const random = rng(2020);
    const p = 5;
    let worst = 0;
    for (let k = 0; k < 60; k++) {
      const e = ensemble([0, 1, 2, 3].map(() => randomSpec(p, 6, random)), ["a", "b", "c", "d", "e"], random() - 0.5, k % 2 ? "SUM" : "AVERAGE");
      const m = 1 + (k % 7);
      const bg = Array.from({ length: m }, () => Array.from({ length: p }, () => grid(random)));
      const x = Array.from({ length: p }, () => grid(random));
      const r = interventionalTreeShap(e, Float64Array.from(x), Float64Array.from(bg.flat()));
      const brute = bruteInterventional(e, x, bg);
      worst = Math.max(worst, worstRelative(r.values, brute.values));
      expect(Math.abs(r.base - brute.base)).toBeLessThan(1e-12 * Math.max(1, Math.abs(brute.base)));
      expect(Math.abs(r.predictions[0] - brute.prediction)).toBeLessThan(1e-12 * Math.max(1, Math.abs(brute.prediction)));
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it("matches brute force on deep trees over few features (a feature met many times on one path), rows in a batch", () => {
    // more than 52 nodes per tree: background rows are grouped by a text key, not a number
    const random = rng(11);
    for (let k = 0; k < 6; k++) {
      const e = ensemble([0, 1].map(() => randomSpec(3, 10, random)), ["a", "b", "c"]);
      expect(e.trees.some((t) => t.feature.length > 52)).toBe(true);
      const bg = Array.from({ length: 12 }, () => [0, 1, 2].map(() => Math.floor(random() * 4) / 2));
      const xs = Array.from({ length: 5 }, () => [0, 1, 2].map(() => grid(random, 0)));
      const r = interventionalTreeShap(e, Float64Array.from(xs.flat()), Float64Array.from(bg.flat()));
      xs.forEach((x, i) => {
        expect(worstRelative(r.values.subarray(i * 3, i * 3 + 3), bruteInterventional(e, x, bg).values)).toBeLessThan(1e-9);
      });
    }
  });

  it("groups background rows that go the same way (repeated rows): the same values as the rows listed once each, weighted", () => {
    const random = rng(8);
    const e = ensemble([0, 1, 2].map(() => randomSpec(3, 4, random)), ["a", "b", "c"]);
    const rows = Array.from({ length: 3 }, () => [0, 1, 2].map(() => grid(random, 0)));
    // row 0 three times, row 1 once, row 2 twice
    const bg = [rows[0], rows[0], rows[1], rows[2], rows[0], rows[2]];
    const xs = Array.from({ length: 4 }, () => [0, 1, 2].map(() => grid(random, 0)));
    const r = interventionalTreeShap(e, Float64Array.from(xs.flat()), Float64Array.from(bg.flat()));
    xs.forEach((x, i) => expect(worstRelative(r.values.subarray(i * 3, i * 3 + 3), bruteInterventional(e, x, bg).values)).toBeLessThan(1e-9));
  });

  it("is efficient for every row of a batch: Σφ = f(x) − mean f(z), and each row as if explained alone", () => {
    const random = rng(5);
    const p = 4, n = 12, m = 20;
    const e = ensemble([0, 1, 2, 3, 4].map(() => randomSpec(p, 5, random)), ["a", "b", "c", "d"], 0.7);
    const xs = Float64Array.from({ length: n * p }, () => grid(random));
    const bg = Float64Array.from({ length: m * p }, () => grid(random));
    const all = interventionalTreeShap(e, xs, bg);
    for (let r = 0; r < n; r++) {
      const phi = all.values.subarray(r * p, (r + 1) * p);
      expect(Math.abs(sum(phi) - (all.predictions[r] - all.base))).toBeLessThan(1e-9);
      // alone, the background is not grouped by pattern: the same sums in another order
      const one = interventionalTreeShap(e, xs.slice(r * p, (r + 1) * p), bg);
      expect(worstRelative(one.values, Array.from(phi))).toBeLessThan(1e-12);
    }
  });

  it("reports progress per row and stops on an aborted signal", () => {
    const e = ensemble([twoLevel], ["x0", "x1"]);
    const seen: number[] = [];
    interventionalTreeShap(e, Float64Array.of(0, 0, 1, 1), Float64Array.of(1, 2), { onProgress: (f) => seen.push(f) });
    expect(seen).toEqual([0.5, 1]);
    const c = new AbortController();
    c.abort();
    expect(() => interventionalTreeShap(e, Float64Array.of(0, 0), Float64Array.of(1, 2), { signal: c.signal })).toThrow(/aborted/);
  });

  it("refuses an empty background and rows of the wrong width", () => {
    const e = ensemble([twoLevel], ["x0", "x1"]);
    expect(() => interventionalTreeShap(e, Float64Array.of(0, 0), new Float64Array(0))).toThrow(/at least one background row/);
    expect(() => interventionalTreeShap(e, Float64Array.of(0, 0, 1), Float64Array.of(1, 2))).toThrow(/2 values each/);
  });
});
