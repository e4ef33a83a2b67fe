// Faithfulness against scikit-learn: the fixtures come from test/oracles/effects_sklearn.py, the
// models run in onnxruntime-web (a real model, not a mock). sklearn 1.2 = Debian 12's.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { effects, importance } from "../../src/explain/index";
import { loadModel, type OnnxPredictor } from "../../src/model/index";
import type { Batch } from "../../src/model/types";

const dir = "test/fixtures/oracles/effects";
const fixture = JSON.parse(readFileSync(`${dir}/effects_sklearn.json`, "utf8"));
const features: string[] = fixture.features;
const data: Batch = {
  n: fixture.data.y.length,
  columns: Object.fromEntries(["x1", "x2", "x3", "x4", "x5", "y", "y_class"].map((c) => [c, Float64Array.from(fixture.data[c])])),
};
const permutations: Int32Array[][] = fixture.permutations.map((per: number[][]) => per.map((p) => Int32Array.from(p)));

/** |a − b| ≤ tol·max(|b|, scale): relative, with a floor for values near 0 (scale = the score's spread). */
function expectClose(a: number, b: number, scale: number, tol = 1e-6) {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(Math.abs(b), scale));
}

const models: Record<string, OnnxPredictor> = {};
beforeAll(async () => {
  for (const name of ["gbm_regressor", "rf_classifier"]) {
    models[name] = await loadModel(readFileSync(`${dir}/${name}.onnx`), { features, name });
  }
});
afterAll(async () => {
  for (const m of Object.values(models)) await m.dispose();
});

describe.each(["gbm_regressor", "rf_classifier"])("%s against scikit-learn", (name) => {
  const oracle = fixture.models[name];
  const scale = 1; // scores are O(1): regression values in about [−4, 4], probabilities in [0, 1]

  test("the ONNX model reproduces sklearn's predictions", async () => {
    const p = await models[name].predict(data);
    p.forEach((v, i) => expectClose(v, oracle.predictions[i], scale));
  });

  test.each(["x1", "x3"])("PD and ICE of %s equal sklearn's partial_dependence(method='brute', kind='both')", async (feature) => {
    const sk = oracle.pd[feature];
    const { pdp, ice } = await effects(models[name], data, feature, { grid: sk.grid, rows: sk.ice_rows });
    expect(pdp.values.grid).toEqual(sk.grid);
    pdp.values.average.forEach((v, k) => expectClose(v, sk.average[k], scale));
    ice.values.curves.forEach((curve, r) => curve.forEach((v, k) => expectClose(v, sk.individual[r][k], scale)));
  });
});

// sklearn scorer → our loss; dropout = base score − permuted score for each
const scorers: Record<string, string[]> = { gbm_regressor: ["r2", "neg_mean_squared_error"], rf_classifier: ["roc_auc", "neg_log_loss", "accuracy"] };

describe.each(Object.entries(scorers))("permutation importance of %s against scikit-learn", (name, names) => {
  const target = name === "gbm_regressor" ? "y" : "y_class";

  test.each(names)("with sklearn's own permutation indices, the %s drop of every repeat equals sklearn's", async (scorer) => {
    const sk = fixture.models[name].importance[scorer];
    const e = await importance(models[name], data, { target, loss: scorer, features, permutations });
    const byName = Object.fromEntries(e.values.features.map((v) => [v.feature, v]));
    features.forEach((f, j) => {
      const ours = byName[f];
      ours.losses.forEach((l, r) => expectClose(l - ours.baseLoss, sk.importances[j][r], Math.abs(sk.base_score)));
      expectClose(ours.dropout, sk.importances_mean[j], Math.abs(sk.base_score));
    });
  });

  test.each(names)("with our own seeded permutations, the mean %s drop agrees with sklearn's within 3 sd", async (scorer) => {
    const sk = fixture.models[name].importance[scorer];
    const e = await importance(models[name], data, { target, loss: scorer, features, repeats: 10, seed: 0 });
    const byName = Object.fromEntries(e.values.features.map((v) => [v.feature, v]));
    features.forEach((f, j) => {
      const ours = byName[f];
      // the two ±3 sd intervals overlap
      const gap = Math.abs(ours.dropout - sk.importances_mean[j]);
      expect(gap).toBeLessThanOrEqual(3 * (ours.sd + sk.importances_std[j]) + 1e-12);
    });
  });
});
