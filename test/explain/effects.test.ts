// effectMatrix (src/explain/effects.ts): PD and ICE by walking the trees must equal scoring the
// rows × grid batch with the same trees (brute force, to 1e-12 of the score's size), and the model-call path
// through onnxruntime (to float32 rounding); models without a checked engine use onnxruntime.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadTable, toBatch } from "../../src/data/index";
import { effects, featureGrid, takeRows, tile, withColumns } from "../../src/explain/index";
import { allCurves, effectMatrix as matrixOf } from "../../src/explain/effects";
import { loadModel, type Batch, type OnnxPredictor, type Predictor } from "../../src/model/index";

const TREES = "test/fixtures/oracles/trees";
const fixture = JSON.parse(readFileSync(`${TREES}/tree_engine.json`, "utf8"));
const synthetic: Batch = { n: fixture.rows.length, columns: Object.fromEntries(fixture.features.map((f: string, j: number) => [f, Float64Array.from(fixture.rows, (r: number[]) => r[j])])) };

/** The same ONNX model seen only through predict: every explainer must call onnxruntime. */
function called(m: Predictor): Predictor {
  return { name: `${m.name} (called)`, features: m.features, task: m.task, positiveClass: m.positiveClass, predict: (b, o) => m.predict(b, o) };
}

const models: Record<string, OnnxPredictor> = {};
let credit: Batch;
beforeAll(async () => {
  models.creditGbm = await loadModel("data/models/credit/gbm.onnx", { card: "data/models/credit/gbm.card.json", name: "credit-gbm" });
  models.creditRf = await loadModel("data/models/credit/rf.onnx", { card: "data/models/credit/rf.card.json", name: "credit-rf" });
  models.softmax = await loadModel(`${TREES}/multiclass_gbm.onnx`, { class: 1, name: "softmax" });
  models.forest3 = await loadModel(`${TREES}/multiclass_rf.onnx`, { class: 0, name: "forest3" });
  models.scaled = await loadModel(`${TREES}/scaled_gbm.onnx`, { name: "scaled" });
  const { table, schema } = await loadTable("data/credit.csv");
  const all = toBatch(table, [...models.creditGbm.features], schema);
  credit = takeRows(all, Int32Array.from({ length: 150 }, (_, i) => i * 29));
});
afterAll(async () => { for (const m of Object.values(models)) await m.dispose(); });

function relClose(a: number, b: number, tol: number, scale = 1) {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(scale, Math.abs(b)));
}

/** largest |a − b| / max(scale, |b|) over curves (one expect, not thousands) */
function worst(curves: number[][], want: (r: number, k: number) => number, scale = 1): number {
  let w = 0;
  curves.forEach((c, r) => c.forEach((v, k) => { const b = want(r, k); w = Math.max(w, Math.abs(v - b) / Math.max(scale, Math.abs(b))); }));
  return w;
}

const cases: [string, string, string][] = [
  ["creditGbm", "Income", "a LOGISTIC classifier, numeric feature with missing values"],
  ["creditGbm", "Home", "a LOGISTIC classifier, categorical feature fed as category codes"],
  ["creditRf", "Seniority", "a random forest classifier (averaged probabilities)"],
  ["softmax", "x1", "a 3-class SOFTMAX GBM, class 1"],
  ["forest3", "x3", "a 3-class random forest, class 0"],
];

/** the matrix with its curves as plain arrays */
async function effectMatrix(...args: Parameters<typeof matrixOf>) {
  const m = await matrixOf(...args);
  return { ...m, curves: allCurves(m) };
}

describe("effectMatrix(model, data, feature, grid, rows) by the trees", () => {
  test.each(cases)("%s / %s (%s): equals the same trees scoring the rows × grid batch, and onnxruntime", async (name, feature) => {
    const m = models[name];
    const data = name.startsWith("credit") ? credit : synthetic;
    const grid = featureGrid(feature, data.columns[feature], { size: 15 });
    const rows = Array.from({ length: data.n }, (_, i) => i);
    const e = await effectMatrix(m, data, feature, grid, rows, {});
    expect(e.engine).toBe("trees");
    expect(e.evaluations).toBe(data.n * grid.values.length);
    // brute force over the same trees: every row at every grid value, scored by the engine's plain walk
    const engine = (await m.treeEngine()).engine!;
    const G = grid.values.length;
    const like = data.columns[feature];
    const column = Array.isArray(like) ? grid.values.flatMap((v) => Array(data.n).fill(v)) : Float64Array.from(grid.values.flatMap((v) => Array(data.n).fill(v)));
    const brute = engine.predict(withColumns(tile(data, G), { [feature]: column }));
    // to 1e-12 of the score's size (the walk adds leaf values in another order than a plain walk)
    const size = brute.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(worst(e.curves, (r, k) => brute[k * data.n + r], size)).toBeLessThanOrEqual(1e-12);
    // the model call (onnxruntime, float32)
    const viaOrt = await effectMatrix(called(m), data, feature, grid, rows, {});
    expect(viaOrt.engine).toBe("model");
    expect(worst(e.curves, (r, k) => viaOrt.curves[r][k])).toBeLessThanOrEqual(2e-6);
  });

  test("an explicit grid in any order, with repeats, keeps its order", async () => {
    const grid = featureGrid("x2", synthetic.columns.x2, { values: [1.5, -2, 0.25, -2, 3] });
    const e = await effectMatrix(models.softmax, synthetic, "x2", grid, [5, 0, 7], {});
    const viaOrt = await effectMatrix(called(models.softmax), synthetic, "x2", grid, [5, 0, 7], {});
    e.curves.forEach((c, r) => c.forEach((v, k) => relClose(v, viaOrt.curves[r][k], 2e-6)));
    expect(e.curves[0][1]).toBe(e.curves[0][3]);
  });

  test("a model with preprocessing in front of its trees is explained through onnxruntime", async () => {
    const grid = featureGrid("x1", synthetic.columns.x1, { size: 5 });
    const e = await effectMatrix(models.scaled, synthetic, "x1", grid, [0, 1, 2], {});
    expect(e.engine).toBe("onnxruntime");
  });

  test("effects(): PD is the mean of the tree-walked curves, and both say how they were computed", async () => {
    const { pdp, ice } = await effects(models.creditGbm, credit, "Age", { grid: { size: 9 }, rows: [3, 4] });
    expect(pdp.params.engine).toBe("trees");
    expect(ice.params.engine).toBe("trees");
    const { ice: all } = await effects(models.creditGbm, credit, "Age", { grid: { size: 9 } });
    pdp.values.average.forEach((a, k) => relClose(a, all.values.curves.reduce((s, c) => s + c[k], 0) / credit.n, 1e-12));
    expect(ice.values.curves).toEqual([all.values.curves[3], all.values.curves[4]]);
  });

  test("a PD of a sample carries its standard error relative to the whole table, and the whole table's PD lies within it", async () => {
    const { table, schema } = await loadTable("data/credit.csv");
    const whole = toBatch(table, [...models.creditGbm.features], schema);
    const sample = takeRows(whole, Int32Array.from({ length: 500 }, (_, i) => (i * 7919) % whole.n));
    const grid = { values: [50, 100, 150, 200, 300] };
    const { pdp } = await effects(models.creditGbm, sample, "Income", { grid, population: whole.n });
    const { pdp: full } = await effects(models.creditGbm, whole, "Income", { grid });
    expect(pdp.params.sample).toEqual({ rows: 500, of: whole.n });
    expect(full.se).toBeUndefined();
    const se = pdp.se as number[];
    // the standard error of a mean of 500 of 4,454 rows drawn without replacement
    const { ice } = await effects(models.creditGbm, sample, "Income", { grid });
    se.forEach((s, k) => {
      const ys = ice.values.curves.map((c) => c[k]), m = ys.reduce((a, b) => a + b, 0) / ys.length;
      const v = ys.reduce((a, y) => a + (y - m) ** 2, 0) / (ys.length - 1);
      relClose(s, Math.sqrt((1 - 500 / whole.n) * v / 500), 1e-12, 0);
      expect(Math.abs(pdp.values.average[k] - full.values.average[k])).toBeLessThanOrEqual(4 * s);
    });
    await expect(effects(models.creditGbm, sample, "Income", { grid, population: 10 })).rejects.toThrow(/population must be/);
  });

  test("an aborted signal stops the walk with an AbortError", async () => {
    const controller = new AbortController();
    controller.abort();
    const grid = featureGrid("Age", credit.columns.Age, { size: 9 });
    await expect(effectMatrix(models.creditGbm, credit, "Age", grid, [0, 1], { signal: controller.signal })).rejects.toThrow(/abort/);
  });
});
