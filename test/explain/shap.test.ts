import { describe, expect, it } from "vitest";
import { shap, type TreeAware } from "../../src/explain/shap";
import { exactShapley, observationBatch } from "../../src/explain/shapley";
import { treeShap } from "../../src/explain/treeshap";
import { ExplainError } from "../../src/explain/errors";
import { closedForm, uniformData, type Row } from "./closed-form";
import { ensemble, randomSpec } from "./treeshap-brute";
import { rng } from "../../src/explain/random";
import { coversFromData } from "../../src/explain/tree-covers";
import type { TreeEnsemble } from "../../src/model/types";
import { walkMargin } from "../model/tree-walk";

const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
const six = ["a", "b", "c", "d", "e", "g"];
// interactions, a kink and a product of three, so no method is exact by accident
const f6 = (r: Row) => {
  const [a, b, c, d, e, g] = six.map((k) => r[k] as number);
  return a * b + Math.max(0, c - 1) * 2 + d * e * g / 3 + Math.sin(a + g) - e;
};
const data6 = uniformData(200, six, 11);

/** A model that is its trees: it scores by walking them (then the logistic link, if the ensemble has one). */
function treeModel(name: string, e: TreeEnsemble, options: { task?: "regression" | "classification" } = {}) {
  const link = e.postTransform === "LOGISTIC" ? (m: number) => 1 / (1 + Math.exp(-m)) : (m: number) => m;
  const base = closedForm(name, e.features, (r) => link(walkMargin(e, e.features.map((f) => r[f] as number))), options);
  const aware: TreeAware = { ...base, predict: base.predict, treeEnsemble: () => e };
  return Object.defineProperty(aware, "calls", { get: () => base.calls }) as TreeAware & { readonly calls: number };
}

describe("shap(model, data, {row, method}) — choosing the method", () => {
  it("uses 'exact' for a closed-form model with few features, labelled with space and background size", async () => {
    const m = closedForm("m", six, f6);
    const r = await shap(m, data6, { row: 3, background: 20 });
    expect(r.kind).toBe("shap");
    expect(r.params.method).toBe("exact");
    expect(r.params.space).toBe("response");
    expect(r.params.backgroundSize).toBe(20);
    expect(r.evaluations).toBe(64 * 20);
    expect(m.calls).toBe(1);
    expect(r.observation).toBe(3);
    expect(r.values.features).toEqual(six);
    expect(r.values.featureValues).toEqual(six.map((f) => (data6.columns[f] as Float64Array)[3]));
    expect(Math.abs(sum(r.values.values) - (r.values.prediction - r.values.base))).toBeLessThan(1e-9);
  });

  it("falls back to 'permutation' (with standard errors) when 2^p is too many coalitions", async () => {
    const feats = Array.from({ length: 14 }, (_, i) => `x${i}`);
    const m = closedForm("wide", feats, (r) => feats.reduce((s, f, i) => s + (i + 1) * (r[f] as number), 0));
    const r = await shap(m, uniformData(60, feats), { row: 0, background: 10, samples: 4 });
    expect(r.params.method).toBe("permutation");
    expect((r.se as number[]).length).toBe(14);
    expect(m.calls).toBe(1);
  });

  it("uses 'tree-path' for an ensemble whose covers are evidence: values in the margin, one model call to check the trees", async () => {
    const random = rng(5);
    const e = ensemble([0, 1, 2].map(() => randomSpec(3, 4, random)), ["a", "b", "c"], -0.5);
    e.postTransform = "LOGISTIC";
    const m = treeModel("gbm", e, { task: "classification" });
    const data = uniformData(10, ["a", "b", "c"]);
    const r = await shap(m, data, { row: 2 });
    const x = ["a", "b", "c"].map((f) => (data.columns[f] as Float64Array)[2]);
    expect(r.params).toMatchObject({ method: "tree-path", space: "margin", postTransform: "LOGISTIC", backgroundSize: null });
    expect(r.params.background).toBe("path-dependent, training covers carried by the file (nodes_hitrates that add up)");
    expect(m.calls).toBe(1); // the fidelity check over the background; TreeSHAP itself calls nothing
    expect(r.evaluations).toBe(10);
    expect(r.values.values).toEqual(treeShap(e, x).values);
    expect(r.values.base).toBe(treeShap(e, x).base);
  });

  it("uses 'tree-interventional' for an ensemble whose covers are not evidence, says why, and refuses 'tree-path'", async () => {
    const e = ensemble([randomSpec(3, 3, rng(2))], ["a", "b", "c"]);
    e.trees[0].cover.fill(1);
    e.covers = { valid: false, reason: "nodes_hitrates are 1 on every node (as skl2onnx writes them), not covers" };
    e.hasCover = false;
    const m = treeModel("rf", e);
    const data = uniformData(10, ["a", "b", "c"]);
    const r = await shap(m, data, { row: 0 });
    expect(r.params).toMatchObject({ method: "tree-interventional", space: "response", background: "sample", backgroundSize: 10 });
    expect(r.params.note).toMatch(/no path-dependent TreeSHAP: nodes_hitrates are 1 on every node/);
    expect((await shap(m, data, { row: 0, method: "tree" })).params).toMatchObject({ method: "tree-interventional", requested: "tree" });
    await expect(shap(m, data, { row: 0, method: "tree-path" })).rejects.toThrow(/needs node covers.*1 on every node/);
  });

  it("'tree-interventional' equals 'exact' through the model (the same interventional values, no coalition calls)", async () => {
    const random = rng(9);
    const feats = ["a", "b", "c", "d"];
    const e = ensemble([0, 1, 2, 3, 4].map(() => randomSpec(4, 5, random)), feats, 0.25, "AVERAGE");
    const m = treeModel("forest", e);
    const data = uniformData(40, feats, 3);
    for (const row of [0, 5, 17]) {
      const t = await shap(m, data, { row, background: 25, method: "tree-interventional" });
      const x = await shap(m, data, { row, background: 25, method: "exact" });
      t.values.values.forEach((v, j) => expect(Math.abs(v - x.values.values[j])).toBeLessThan(1e-9));
      expect(t.values.base).toBeCloseTo(x.values.base, 12);
      expect(t.evaluations).toBe(25);
    }
  });

  it("with `covers: table`, 'tree-path' counts covers from those rows and says so", async () => {
    const random = rng(4);
    const e = ensemble([0, 1].map(() => randomSpec(3, 4, random)), ["a", "b", "c"]);
    e.covers = { valid: false, reason: "the file carries no nodes_hitrates" };
    const m = treeModel("gbr", e);
    const data = uniformData(30, ["a", "b", "c"]);
    const r = await shap(m, data, { row: 1, covers: data, coversFrom: "train.csv" });
    expect(r.params).toMatchObject({ method: "tree-path", background: "path-dependent, covers from 30 rows of train.csv" });
    expect(r.params.covers).toEqual({ source: "data", rows: 30, from: "train.csv" });
    const x = ["a", "b", "c"].map((f) => (data.columns[f] as Float64Array)[1]);
    expect(r.values.values).toEqual(treeShap(coversFromData(e, data, "train.csv"), x).values);
  });

  it("refuses `covers` where they cannot be used: a model-agnostic method, or a model without trees", async () => {
    const e = ensemble([randomSpec(3, 3, rng(2))], ["a", "b", "c"]);
    const m = treeModel("gbr", e);
    const data = uniformData(10, ["a", "b", "c"]);
    await expect(shap(m, data, { row: 0, covers: data, method: "exact" })).rejects.toThrow(/`covers` are for path-dependent TreeSHAP; method 'exact' does not use them/);
    const plain = closedForm("plain", ["a", "b", "c"], (r) => r.a as number);
    await expect(shap(plain, data, { row: 0, covers: data })).rejects.toThrow(/model `plain` exposes no tree ensemble to count them on/);
    // asked for a model-agnostic method, the trees are not consulted (no extra call to check them)
    const r = await shap(m, data, { row: 0, method: "exact", background: 5 });
    expect(r.evaluations).toBe(8 * 5);
  });

  it("does not explain a model by trees that do not reproduce it: auto falls back with a note, tree methods refuse", async () => {
    const e = ensemble([randomSpec(3, 3, rng(2))], ["a", "b", "c"]);
    const base = closedForm("scaled", ["a", "b", "c"], (r) => 2 * walkMargin(e, [r.a, r.b, r.c] as number[]));
    const m: TreeAware = { ...base, predict: base.predict, treeEnsemble: () => e };
    const data = uniformData(10, ["a", "b", "c"]);
    const r = await shap(m, data, { row: 0 });
    expect(r.params.method).toBe("exact");
    expect(r.params.note).toMatch(/do not reproduce its scores \(background row \d+: the trees give .*, the model .*\): TreeSHAP would explain something else; it was not used/);
    await expect(shap(m, data, { row: 0, method: "tree-interventional" })).rejects.toThrow(/do not reproduce its scores/);
  });

  it("refuses method 'tree' for a model without trees, and 'exact' beyond 12 features, naming alternatives", async () => {
    const m = closedForm("m", six, f6);
    await expect(shap(m, data6, { row: 0, method: "tree" })).rejects.toThrow(/`m` exposes no tree ensemble; use method 'exact', 'permutation' or 'kernel'/);
    const feats = Array.from({ length: 13 }, (_, i) => `x${i}`);
    const w = closedForm("w", feats, () => 1);
    await expect(shap(w, uniformData(5, feats), { row: 0, method: "exact" })).rejects.toThrow(/at most 12.*'permutation' or 'kernel'/);
  });
});

describe("shap — sampled methods agree with the exact values (6 features, interactions)", () => {
  const bg = uniformData(30, six, 2);
  const row = 7;
  const exactOf = async () => {
    const m = closedForm("m", six, f6);
    const rec = Object.fromEntries(six.map((f) => [f, (data6.columns[f] as Float64Array)[row]]));
    return exactShapley(m, observationBatch(rec, six, bg), bg);
  };

  for (const method of ["permutation", "kernel"] as const) {
    it(`${method}: every value within 3 standard errors of exact, and Σφ = f(x) − E[f] to 1e-9`, async () => {
      const exact = await exactOf();
      const m = closedForm("m", six, f6);
      const r = await shap(m, data6, { row, background: bg, method, seed: 4 });
      const se = r.se as number[];
      expect(r.params.method).toBe(method);
      expect(m.calls).toBe(1);
      r.values.values.forEach((v, j) => {
        // an additive feature (c) has the same marginal in every permutation: se 0, and exact
        expect(se[j]).toBeGreaterThanOrEqual(0);
        expect(Math.abs(v - exact.values[j])).toBeLessThanOrEqual(3 * se[j] + 1e-9);
      });
      expect(Math.abs(sum(r.values.values) - (r.values.prediction - r.values.base))).toBeLessThan(1e-9);
      expect(r.values.base).toBeCloseTo(exact.base, 12);
    });
  }

  it("permutation: the standard error shrinks about as 1/√samples", async () => {
    const m = closedForm("m", six, f6);
    const small = await shap(m, data6, { row, background: bg, method: "permutation", samples: 8, seed: 1 });
    const large = await shap(m, data6, { row, background: bg, method: "permutation", samples: 128, seed: 1 });
    const ratio = sum(small.se as number[]) / sum(large.se as number[]);
    expect(ratio).toBeGreaterThan(2);
    expect(ratio).toBeLessThan(8);
  });

  it("is reproducible from its seed, and differs with another seed", async () => {
    const m = closedForm("m", six, f6);
    const a = await shap(m, data6, { row, background: 20, method: "kernel", seed: 3 });
    const b = await shap(m, data6, { row, background: 20, method: "kernel", seed: 3 });
    const c = await shap(m, data6, { row, background: 20, method: "kernel", seed: 4 });
    expect(a.values.values).toEqual(b.values.values);
    expect(a.values.values).not.toEqual(c.values.values);
    expect(a.params.seed).toBe(3);
  });
});

describe("shap — small models", () => {
  it("gives a one-feature model φ = f(x) − E[f] with every method", async () => {
    const data = uniformData(30, ["a"], 4);
    const a = (data.columns.a as Float64Array);
    const expected = a[2] ** 2 - Array.from(a).reduce((s, v) => s + v * v, 0) / 30;
    for (const method of ["exact", "permutation", "kernel"] as const) {
      const r = await shap(closedForm("sq", ["a"], (row) => (row.a as number) ** 2), data, { row: 2, background: data, method });
      expect(r.values.values[0]).toBeCloseTo(expected, 12);
    }
  });

  it("gives a two-feature model its exact values with the sampled methods (the kernel covers every coalition)", async () => {
    const data = uniformData(30, ["a", "b"], 6);
    const f = (row: Row) => (row.a as number) * (row.b as number) + (row.a as number);
    const exact = await shap(closedForm("m", ["a", "b"], f), data, { row: 5, background: data, method: "exact" });
    for (const method of ["permutation", "kernel"] as const) {
      const r = await shap(closedForm("m", ["a", "b"], f), data, { row: 5, background: data, method });
      r.values.values.forEach((v, j) => expect(v).toBeCloseTo(exact.values.values[j], 10));
    }
  });
});

describe("shap — a 20-feature linear model, where every method is exact", () => {
  it("gives φ_j = β_j (x_j − mean of the background's x_j) with permutation and kernel, se ≈ 0", async () => {
    const feats = Array.from({ length: 20 }, (_, i) => `x${i}`);
    const beta = feats.map((_, i) => (i % 2 ? 1 : -1) * (i + 1) / 4);
    const lin = (r: Row) => feats.reduce((s, f, i) => s + beta[i] * (r[f] as number), 0);
    const data = uniformData(50, feats, 8);
    const bgMean = feats.map((f) => Array.from(data.columns[f] as Float64Array).reduce((s, v) => s + v, 0) / 50);
    for (const method of ["permutation", "kernel"] as const) {
      const r = await shap(closedForm("lin", feats, lin), data, { row: 9, background: data, method, samples: method === "kernel" ? 200 : 2 });
      r.values.values.forEach((v, j) => expect(v).toBeCloseTo(beta[j] * ((data.columns[feats[j]] as Float64Array)[9] - bgMean[j]), 9));
      (r.se as number[]).forEach((se) => expect(se).toBeLessThan(1e-9));
    }
  });
});

describe("shap — observations, model sets, abort", () => {
  it("explains an edited observation (what-if record) like the row it was copied from, except where edited", async () => {
    const m = closedForm("m", six, f6);
    const rec = Object.fromEntries(six.map((f) => [f, (data6.columns[f] as Float64Array)[4]]));
    const byRow = await shap(m, data6, { row: 4, background: 15 });
    const byRecord = await shap(m, data6, { observation: rec, background: 15 });
    expect(byRecord.values.values).toEqual(byRow.values.values);
    expect(byRecord.observation).toEqual(rec);
    const edited = await shap(m, data6, { observation: { ...rec, a: rec.a + 1 }, background: 15 });
    expect(edited.values.prediction).toBeCloseTo(f6({ ...rec, a: rec.a + 1 }), 12);
  });

  it("explains a set of models against the same background, one call each", async () => {
    const m1 = closedForm("one", six, f6);
    const m2 = closedForm("two", ["a", "b"], (r) => (r.a as number) - (r.b as number));
    const m3 = closedForm("three", ["a"], (r) => 2 * (r.a as number));
    const rs = await shap([m1, m2, m3], data6, { row: 1, background: 12 });
    expect(rs.map((r) => r.model)).toEqual(["one", "two", "three"]);
    expect(rs[1].values.features).toEqual(["a", "b"]);
    expect([m1.calls, m2.calls, m3.calls]).toEqual([1, 1, 1]);
    // linear models: φ_a = slope · (x_a − mean of the background's a), so equal backgrounds give a 1 : 2 ratio
    expect(rs[2].values.values[0]).toBeCloseTo(2 * rs[1].values.values[0], 12);
    expect(rs[2].values.values[0]).not.toBe(0);
  });

  it("throws an AbortError when its signal is aborted", async () => {
    const m = closedForm("m", six, f6, { chunk: 10 });
    const controller = new AbortController();
    const running = shap(m, data6, { row: 0, background: 50, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(running).rejects.toMatchObject({ name: "AbortError" });
  });

  it("says which argument is wrong: no observation, a row outside the data, a missing feature", async () => {
    const m = closedForm("m", six, f6);
    await expect(shap(m, data6, {} as never)).rejects.toThrow(/`row`.*or `observation`/);
    await expect(shap(m, data6, { row: 200 })).rejects.toThrow(/row 200 is outside the data \(rows 0…199\)/);
    await expect(shap(m, data6, { observation: { a: 1 } })).rejects.toThrow(ExplainError);
    await expect(shap(m, data6, { observation: { a: 1 } })).rejects.toThrow(/no value for `b`/);
  });
});
