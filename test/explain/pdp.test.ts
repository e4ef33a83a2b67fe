import { describe, expect, test } from "vitest";
import { effects, featureGrid, ice, pdp } from "../../src/explain/index";
import { closedForm, uniformData } from "./closed-form";

const data = uniformData(150, ["x1", "x2"], 2);
const X2 = data.columns.x2 as Float64Array;
const meanX2sq = X2.reduce((s, v) => s + v * v, 0) / data.n;
const f = closedForm("f", ["x1", "x2"], (r) => 2 * (r.x1 as number) + (r.x2 as number) ** 2);

describe("pdp(models, data, feature, options)", () => {
  test("PD of f = 2·x1 + x2² equals 2·g + mean(x2²) at each grid point g", async () => {
    const e = await pdp(f, data, "x1", { grid: { size: 11 } });
    expect(e.values.grid).toHaveLength(11);
    e.values.grid.forEach((g, k) => expect(e.values.average[k]).toBeCloseTo(2 * (g as number) + meanX2sq, 12));
  });
  test("a grid outside the data range is allowed and flagged as extrapolated", async () => {
    const e = await pdp(f, data, "x1", { grid: [-10, 0, 10] });
    expect(e.params.extrapolated).toBe(true);
    expect(e.values.average[2]).toBeCloseTo(20 + meanX2sq, 12);
    const inside = await pdp(f, data, "x1", { grid: [0, 1] });
    expect(inside.params.extrapolated).toBe(false);
  });
  test("PD of a categorical feature is the level's effect plus the mean of the rest", async () => {
    const levels = ["a", "b", "c"];
    const d = { n: 90, columns: { g: Array.from({ length: 90 }, (_, i) => levels[i % 7 % 3]), x1: data.columns.x1.slice(0, 90) as Float64Array } };
    const h: Record<string, number> = { a: 1, b: -2, c: 5 };
    const m = closedForm("h", ["g", "x1"], (r) => h[r.g as string] + (r.x1 as number));
    const e = await pdp(m, d, "g");
    const meanX1 = d.columns.x1.reduce((s, v) => s + v, 0) / 90;
    e.values.grid.forEach((l, k) => expect(e.values.average[k]).toBeCloseTo(h[l as string] + meanX1, 12));
  });
  test("a constant feature gives a single PD point", async () => {
    const d = { n: 3, columns: { x1: Float64Array.of(1, 1, 1), x2: Float64Array.of(0, 1, 2) } };
    const e = await pdp(f, d, "x1");
    expect(e.values.grid).toEqual([1]);
    expect(e.values.average[0]).toBeCloseTo(2 + 5 / 3, 12);
  });
  test("one model or a set: an array of results, one per model, in order", async () => {
    const g = closedForm("g", ["x1", "x2"], (r) => -(r.x1 as number));
    const [a, b] = await pdp([f, g], data, "x1", { grid: [0, 1] });
    expect([a.model, b.model]).toEqual(["f", "g"]);
    expect(b.values.average[1] - b.values.average[0]).toBeCloseTo(-1, 12);
  });
});

describe("ice(models, data, feature, options)", () => {
  test("ICE curves of an additive f are parallel", async () => {
    const e = await ice(f, data, "x2", { grid: { size: 9 } });
    const shape = e.values.curves[0].map((v) => v - e.values.curves[0][0]);
    for (const c of e.values.curves) c.forEach((v, k) => expect(v - c[0]).toBeCloseTo(shape[k], 12));
  });
  test("ICE of row r at grid value g is the prediction for row r with the feature set to g", async () => {
    const e = await ice(f, data, "x1", { rows: [3, 40], grid: [0.5, 1.5] });
    expect(e.values.rows).toEqual([3, 40]);
    expect(e.values.curves[1][1]).toBeCloseTo(2 * 1.5 + X2[40] ** 2, 12);
  });
  test("centered ICE curves start at 0", async () => {
    const e = await ice(f, data, "x1", { centered: true, grid: { size: 5 } });
    expect(e.values.centered).toBe(true);
    for (const c of e.values.curves) expect(c[0]).toBe(0);
  });
});

describe("effects(models, data, feature, options)", () => {
  test("returns PD over all rows and ICE for the chosen rows from one predict call of rows × grid", async () => {
    const m = closedForm("f", ["x1", "x2"], (r) => 2 * (r.x1 as number) + (r.x2 as number) ** 2);
    const { pdp: p, ice: i } = await effects(m, data, "x1", { grid: { size: 7 }, rows: [0, 1] });
    expect(m.calls).toBe(1);
    expect(m.evaluated).toBe(data.n * 7);
    expect(p.evaluations).toBe(data.n * 7);
    expect(i.values.curves).toHaveLength(2);
    p.values.grid.forEach((g, k) => expect(p.values.average[k]).toBeCloseTo(2 * (g as number) + meanX2sq, 12));
  });
});

describe("featureGrid(feature, column, options)", () => {
  const col = Float64Array.from({ length: 101 }, (_, i) => i);
  test("a quantile grid of n points holds the min, the max and the median", () => {
    const g = featureGrid("x", col, { size: 5 });
    expect(g.values).toEqual([0, 25, 50, 75, 100]);
  });
  test("a uniform grid is evenly spaced between min and max", () => {
    const skewed = Float64Array.from({ length: 100 }, (_, i) => i * i);
    expect(featureGrid("x", skewed, { method: "uniform", size: 3 }).values).toEqual([0, 99 * 99 / 2, 99 * 99]);
  });
  test("few distinct values, or a constant feature, give the values themselves", () => {
    expect(featureGrid("x", Float64Array.of(2, 1, 2, 1, NaN), { size: 51 }).values).toEqual([1, 2]);
    expect(featureGrid("x", Float64Array.of(3, 3, 3)).values).toEqual([3]);
  });
  test("categorical levels come most frequent first, missing left out", () => {
    expect(featureGrid("c", ["b", "a", "b", null, "c", "b", "a"]).values).toEqual(["b", "a", "c"]);
  });
});

describe("ice(…, {onCurves}) streams curves as they finish", () => {
  test("blocks of rows arrive in order before the result, and together they are the result's curves", async () => {
    const blocks: { rows: number[]; curves: number[][] }[] = [];
    let resolved = false;
    const promise = ice(f, data, "x1", { grid: { size: 5 }, blockRows: 40, onCurves: (b) => { expect(resolved).toBe(false); blocks.push(b); } });
    const result = await promise;
    resolved = true;
    expect(blocks.map((b) => b.rows.length)).toEqual([40, 40, 40, 30]);
    expect(blocks.flatMap((b) => b.rows)).toEqual(result.values.rows);
    expect(blocks.flatMap((b) => b.curves)).toEqual(result.values.curves);
    const whole = await ice(f, data, "x1", { grid: { size: 5 } });
    expect(result.values.curves).toEqual(whole.values.curves);
    expect(result.evaluations).toBe(whole.evaluations);
  });
  test("progress rises through the blocks to 1; centred curves stream centred; a bad block size is refused", async () => {
    const progress: number[] = [];
    const firsts: number[] = [];
    await ice(f, data, "x1", { grid: { size: 4 }, rows: [0, 1, 2, 3, 4], blockRows: 2, centered: true, onProgress: (p) => progress.push(p), onCurves: (b) => firsts.push(...b.curves.map((c) => c[0])) });
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1])).toBe(true);
    expect(firsts).toEqual([0, 0, 0, 0, 0]);
    await expect(ice(f, data, "x1", { blockRows: 0, onCurves: () => {} })).rejects.toThrow(/blockRows must be a whole number ≥ 1/);
  });
});
