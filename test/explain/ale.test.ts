import { describe, expect, test } from "vitest";
import { ale, ksDistance, mdsOrder } from "../../src/explain/index";
import type { CategoricalAleValues, NumericAleValues } from "../../src/explain/index";
import { rng } from "../../src/explain/random";
import { closedForm } from "./closed-form";

// correlated x1, x2 (ALE must still isolate x1's own effect) and an interaction-free f
const random = rng(9);
const n = 400;
const x1 = Float64Array.from({ length: n }, () => random() * 4 - 2);
const x2 = Float64Array.from(x1, (v) => v + random());
const data = { n, columns: { x1, x2 } };

/** The count-weighted mean of bin midpoints, which centered ALE sets to zero. */
function centeringConstant(v: NumericAleValues): number {
  let c = 0;
  v.counts.forEach((m, k) => (c += (m * (v.ale[k] + v.ale[k + 1])) / 2));
  return c / v.counts.reduce((s, m) => s + m, 0);
}

describe("ale(models, data, feature, options) for a numeric feature", () => {
  test("ALE of linear g1 in an additive f rises by g1's differences between edges (to 1e-9)", async () => {
    const m = closedForm("lin", ["x1", "x2"], (r) => 3 * (r.x1 as number) + Math.exp(r.x2 as number));
    const e = await ale(m, data, "x1", { bins: 10 });
    const v = e.values as NumericAleValues;
    expect(v.edges).toHaveLength(11);
    v.edges.forEach((z, k) => expect(v.ale[k] - v.ale[0]).toBeCloseTo(3 * (z - v.edges[0]), 9));
  });
  test("ALE of a nonlinear g1 equals g1(z_k) − g1(z_0) at the edges, whatever x2 does", async () => {
    const g1 = (x: number) => Math.sin(3 * x) + x * x;
    const m = closedForm("nl", ["x1", "x2"], (r) => g1(r.x1 as number) + 5 * (r.x2 as number) ** 3);
    const v = (await ale(m, data, "x1")).values as NumericAleValues;
    v.edges.forEach((z, k) => expect(v.ale[k] - v.ale[0]).toBeCloseTo(g1(z) - g1(v.edges[0]), 9));
  });
  test("edges are observed quantiles; counts cover every row; the centered curve has weighted mean 0", async () => {
    const m = closedForm("nl", ["x1", "x2"], (r) => (r.x1 as number) ** 2);
    const e = await ale(m, data, "x1", { bins: 20 });
    const v = e.values as NumericAleValues;
    for (const z of v.edges) expect(Array.from(x1)).toContain(z);
    expect(v.edges[0]).toBe(Math.min(...x1));
    expect(v.edges.at(-1)).toBe(Math.max(...x1));
    expect(v.counts.reduce((s, c) => s + c, 0)).toBe(n);
    expect(centeringConstant(v)).toBeCloseTo(0, 12);
    expect(e.evaluations).toBe(2 * n);
    expect(m.calls).toBe(1);
  });
  test("a constant feature gives a single point and no model calls", async () => {
    const m = closedForm("k", ["k", "x1"], (r) => (r.k as number) + (r.x1 as number));
    const e = await ale(m, { n: 3, columns: { k: Float64Array.of(2, 2, 2), x1: Float64Array.of(1, 2, 3) } }, "k");
    expect((e.values as NumericAleValues).edges).toEqual([2]);
    expect(e.values.ale).toEqual([0]);
    expect(m.evaluated).toBe(0);
  });
});

describe("ale(models, data, feature, options) for a categorical feature", () => {
  // the level shifts x1's distribution: a low, b middle, c high, so the similarity order is a–b–c
  const levels = ["c", "a", "b"];
  const g = Array.from({ length: 300 }, (_, i) => levels[i % 3]);
  const shift: Record<string, number> = { a: 0, b: 1, c: 2 };
  const xs = Float64Array.from(g, (l) => shift[l] + random());
  const d = { n: 300, columns: { g, x1: xs } };
  const h: Record<string, number> = { a: 1, b: 4, c: -2 };
  const m = closedForm("h", ["g", "x1"], (r) => h[r.g as string] + 2 * (r.x1 as number));

  test("levels are ordered by similarity of the other features (a–b–c, either direction)", async () => {
    const v = (await ale(m, d, "g")).values as CategoricalAleValues;
    expect(["a,b,c", "c,b,a"]).toContain(v.levels.join(","));
  });
  test("ALE of an additive f is the level's effect minus its count-weighted mean", async () => {
    const v = (await ale(m, d, "g")).values as CategoricalAleValues;
    const mean = v.levels.reduce((s, l, k) => s + (h[l] * v.counts[k]) / 300, 0);
    v.levels.forEach((l, k) => expect(v.ale[k]).toBeCloseTo(h[l] - mean, 12));
  });
  test("ksDistance is the largest gap between the two empirical CDFs", () => {
    expect(ksDistance(Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 3))).toBe(0);
    expect(ksDistance(Float64Array.of(1, 2), Float64Array.of(3, 4))).toBe(1);
    expect(ksDistance(Float64Array.of(1, 2, 3, 4), Float64Array.of(2.5, 5))).toBeCloseTo(0.5, 15);
  });
  test("mdsOrder recovers points on a line from their distances", () => {
    const pos = [0.3, 5, 1, 9, 2.2];
    const D = pos.map((a) => pos.map((b) => Math.abs(a - b)));
    const order = mdsOrder(D).map((k) => pos[k]);
    const sorted = [...pos].sort((a, b) => a - b);
    expect([sorted.join(), [...sorted].reverse().join()]).toContain(order.join());
  });
});
