import { describe, expect, test } from "vitest";
import { importance, oneHotGroups } from "../../src/explain/index";
import { closedForm, uniformData } from "./closed-form";

const data = uniformData(200, ["x1", "x2", "x3"], 5);
const f = (r: Record<string, number | string>) => 3 * (r.x1 as number) + (r.x2 as number) ** 2;
// target = f + a fixed wiggle, so the base loss is not zero
const y = Float64Array.from({ length: data.n }, (_, i) => 3 * (data.columns.x1[i] as number) + (data.columns.x2[i] as number) ** 2 + Math.sin(i));
const withTarget = { n: data.n, columns: { ...data.columns, y } };

describe("importance(models, data, options)", () => {
  test("a feature the model ignores has importance exactly 0", async () => {
    const m = closedForm("f", ["x1", "x2", "x3"], f);
    const e = await importance(m, withTarget, { target: "y", repeats: 5 });
    const x3 = e.values.features.find((v) => v.feature === "x3")!;
    expect(x3.dropout).toBe(0);
    expect(x3.losses).toEqual(new Array(5).fill(x3.baseLoss));
    expect(x3.ratio).toBe(1);
  });

  test("with given permutations it equals a hand computation of the permuted RMSE", async () => {
    const small = { n: 5, columns: { a: Float64Array.of(1, 2, 3, 4, 5), b: Float64Array.of(0, 1, 0, 1, 2), y: Float64Array.of(1, 5, 2, 9, 9) } };
    const g = (a: number, b: number) => a + 2 * b;
    const m = closedForm("g", ["a", "b"], (r) => g(r.a as number, r.b as number));
    const perms = [[Int32Array.of(4, 3, 2, 1, 0), Int32Array.of(1, 0, 3, 2, 4)], [Int32Array.of(2, 0, 1, 4, 3), Int32Array.of(0, 0, 0, 0, 0)]];
    const e = await importance(m, small, { target: "y", loss: "rmse", permutations: perms });
    const A = small.columns.a, B = small.columns.b, Y = small.columns.y;
    const rmseOf = (pred: (i: number) => number) => Math.sqrt([0, 1, 2, 3, 4].reduce((s, i) => s + (Y[i] - pred(i)) ** 2, 0) / 5);
    const base = rmseOf((i) => g(A[i], B[i]));
    const lossA = perms[0].map((p) => rmseOf((i) => g(A[p[i]], B[i])));
    const lossB = perms[1].map((p) => rmseOf((i) => g(A[i], B[p[i]])));
    const byName = Object.fromEntries(e.values.features.map((v) => [v.feature, v]));
    expect(e.values.baseLoss).toBeCloseTo(base, 14);
    expect(byName.a.losses[0]).toBeCloseTo(lossA[0], 14);
    expect(byName.a.losses[1]).toBeCloseTo(lossA[1], 14);
    expect(byName.b.losses[0]).toBeCloseTo(lossB[0], 14);
    expect(byName.b.losses[1]).toBeCloseTo(lossB[1], 14);
    expect(byName.a.dropout).toBeCloseTo((lossA[0] + lossA[1]) / 2 - base, 14);
    expect(byName.b.ratio).toBeCloseTo((lossB[0] + lossB[1]) / 2 / base, 14);
    expect(byName.a.sd).toBeCloseTo(Math.abs(lossA[0] - lossA[1]) / Math.SQRT2, 14);
  });

  test("the sklearn scorer name r2 gives the drop in R² as dropout", async () => {
    const m = closedForm("f", ["x1", "x2", "x3"], f);
    const perms = [0, 1, 2].map((j) => [Int32Array.from({ length: data.n }, (_, i) => (i + 7 * (j + 1)) % data.n)]);
    const e = await importance(m, withTarget, { target: "y", loss: "r2", permutations: perms });
    const r2 = (pred: (i: number) => number) => {
      const mean = y.reduce((s, v) => s + v, 0) / y.length;
      let res = 0, tot = 0;
      for (let i = 0; i < y.length; i++) { res += (y[i] - pred(i)) ** 2; tot += (y[i] - mean) ** 2; }
      return 1 - res / tot;
    };
    const X1 = data.columns.x1 as Float64Array, X2 = data.columns.x2 as Float64Array;
    const drop = r2((i) => 3 * X1[i] + X2[i] ** 2) - r2((i) => 3 * X1[perms[0][0][i]] + X2[i] ** 2);
    expect(e.values.loss).toBe("1-r2");
    expect(e.values.features.find((v) => v.feature === "x1")!.dropout).toBeCloseTo(drop, 12);
  });

  test("sorts by dropout, largest first, and makes one predict call of n·(1 + features·repeats) rows", async () => {
    const m = closedForm("f", ["x1", "x2", "x3"], f);
    const e = await importance(m, withTarget, { target: "y", repeats: 4 });
    const drops = e.values.features.map((v) => v.dropout);
    expect(drops).toEqual([...drops].sort((a, b) => b - a));
    expect(e.values.features.at(-1)!.feature).toBe("x3");
    expect(m.calls).toBe(1);
    expect(m.evaluated).toBe(data.n * (1 + 3 * 4));
    expect(e.evaluations).toBe(data.n * (1 + 3 * 4));
    for (const v of e.values.features) expect(v.lower).toBeLessThanOrEqual(v.upper);
  });

  test("the same seed reproduces the result; another seed changes it", async () => {
    const m = closedForm("f", ["x1", "x2", "x3"], f);
    const a = await importance(m, withTarget, { target: "y", seed: 3 });
    const b = await importance(m, withTarget, { target: "y", seed: 3 });
    const c = await importance(m, withTarget, { target: "y", seed: 4 });
    expect(a.values).toEqual(b.values);
    expect(a.values.features[0].losses).not.toEqual(c.values.features[0].losses);
    expect(a.params.seed).toBe(3);
  });

  test("a group of columns is permuted together, with one shared permutation", async () => {
    // h depends only on x1 − x2: permuting both with the same rows keeps each row's difference... of another row
    const m = closedForm("h", ["x1", "x2", "x3"], (r) => (r.x1 as number) - (r.x2 as number));
    const perm = Int32Array.from({ length: data.n }, (_, i) => data.n - 1 - i);
    const e = await importance(m, withTarget, { target: "y", groups: { pair: ["x1", "x2"] }, permutations: [[perm], [perm]] });
    expect(e.values.features.map((v) => v.feature).sort()).toEqual(["pair", "x3"]);
    const X1 = data.columns.x1 as Float64Array, X2 = data.columns.x2 as Float64Array;
    const expected = Math.sqrt(y.reduce((s, v, i) => s + (v - (X1[perm[i]] - X2[perm[i]])) ** 2, 0) / data.n);
    expect(e.values.features.find((v) => v.feature === "pair")!.losses[0]).toBeCloseTo(expected, 12);
  });

  test("oneHotGroups finds blocks of 0/1 columns sharing a prefix", () => {
    const d = { n: 3, columns: { c_a: Float64Array.of(1, 0, 0), c_b: Float64Array.of(0, 1, 0), c_c: Float64Array.of(0, 0, 1), x_1: Float64Array.of(0.5, 1, 0) } };
    expect(oneHotGroups(d, ["c_a", "c_b", "c_c", "x_1"])).toEqual({ c: ["c_a", "c_b", "c_c"] });
  });

  test('groups: "one-hot" permutes each one-hot block as one unit', async () => {
    const rows = 60;
    const c = Array.from({ length: rows }, (_, i) => i % 3);
    const d = {
      n: rows,
      columns: {
        c_a: Float64Array.from(c, (v) => +(v === 0)), c_b: Float64Array.from(c, (v) => +(v === 1)), c_c: Float64Array.from(c, (v) => +(v === 2)),
        x: Float64Array.from({ length: rows }, (_, i) => i / rows), y: Float64Array.from(c, (v, i) => 2 * v + i / rows),
      },
    };
    const m = closedForm("m", ["c_a", "c_b", "c_c", "x"], (r) => 2 * (r.c_b as number) + 4 * (r.c_c as number) + (r.x as number));
    const e = await importance(m, d, { target: "y", groups: "one-hot", repeats: 3 });
    expect(e.values.features.map((v) => v.feature).sort()).toEqual(["c", "x"]);
    expect(e.values.features.find((v) => v.feature === "c")!.columns).toEqual(["c_a", "c_b", "c_c"]);
    expect(m.evaluated).toBe(rows * (1 + 2 * 3));
  });

  test("a constant feature has importance 0 with a note", async () => {
    const d = { n: 4, columns: { a: Float64Array.of(1, 2, 3, 4), k: Float64Array.of(7, 7, 7, 7), y: Float64Array.of(1, 2, 2, 5) } };
    const m = closedForm("m", ["a", "k"], (r) => (r.a as number) * (r.k as number));
    const e = await importance(m, d, { target: "y", repeats: 3 });
    const k = e.values.features.find((v) => v.feature === "k")!;
    expect(k.dropout).toBe(0);
    expect(k.note).toMatch(/constant/);
  });

  test("a loss that does not fit the task is refused", async () => {
    const m = closedForm("f", ["x1", "x2", "x3"], f);
    await expect(importance(m, withTarget, { target: "y", loss: "logloss" })).rejects.toThrow(/does not apply to a regression model/);
    await expect(importance(m, withTarget, { target: "y", loss: "rsme" })).rejects.toThrow(/unknown loss `rsme`/);
  });
});
