// Permutation importance by the trees (src/explain/importance-trees.ts) must give the losses of the
// model-call version — every repeat of every feature and group — to 1e-9 relative.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadTable, toBatch } from "../../src/data/index";
import { importance, takeRows, type Explanation, type ImportanceValues } from "../../src/explain/index";
import { loadModel, type Batch, type OnnxPredictor, type Predictor } from "../../src/model/index";

const TREES = "test/fixtures/oracles/trees";
const fixture = JSON.parse(readFileSync(`${TREES}/tree_engine.json`, "utf8"));

function called(m: Predictor): Predictor {
  return { name: m.name, features: m.features, task: m.task, positiveClass: m.positiveClass, predict: (b, o) => m.predict(b, o) };
}

/** every repeat's loss of every unit, trees vs model call */
function expectSameLosses(a: Explanation<ImportanceValues>, b: Explanation<ImportanceValues>, tol: number) {
  expect(a.values.features.map((f) => f.feature).sort()).toEqual(b.values.features.map((f) => f.feature).sort());
  const other = new Map(b.values.features.map((f) => [f.feature, f]));
  let worst = Math.abs(a.values.baseLoss - b.values.baseLoss) / Math.abs(b.values.baseLoss);
  for (const f of a.values.features) {
    f.losses.forEach((l, i) => { worst = Math.max(worst, Math.abs(l - other.get(f.feature)!.losses[i]) / Math.abs(other.get(f.feature)!.losses[i])); });
  }
  expect(worst).toBeLessThanOrEqual(tol);
}

const models: Record<string, OnnxPredictor> = {};
let credit: Batch;
beforeAll(async () => {
  models.credit = await loadModel("data/models/credit/xgb.onnx", { card: "data/models/credit/xgb.card.json", name: "credit-xgb" });
  models.softmax = await loadModel(`${TREES}/multiclass_gbm.onnx`, { class: 2, name: "softmax" });
  const { table, schema } = await loadTable("data/credit.csv");
  credit = takeRows(toBatch(table, [...models.credit.features, "Status"], schema), Int32Array.from({ length: 400 }, (_, i) => i * 11));
});
afterAll(async () => { for (const m of Object.values(models)) await m.dispose(); });

describe("importance(model, data, options) by the trees", () => {
  test("a LOGISTIC classifier with categorical and missing values, a group among the units: same losses as onnxruntime", async () => {
    const options = { target: "Status", repeats: 8, seed: 4, loss: "logloss", groups: { money: ["Income", "Assets", "Debt"] } };
    const trees = await importance(models.credit, credit, options);
    expect(trees.params.engine).toBe("trees");
    expect(trees.evaluations).toBe(credit.n * (1 + 8 * (models.credit.features.length - 2)));
    const viaOrt = await importance(called(models.credit), credit, options);
    expect(viaOrt.params.engine).toBe("model");
    // onnxruntime scores in float32: the losses agree to its rounding
    expectSameLosses(trees, viaOrt, 1e-6);
  });

  test("a 3-class SOFTMAX GBM scored on one class: the same losses, to 1e-9 relative, as scoring the permuted rows with the same trees", async () => {
    const data: Batch = {
      n: fixture.rows.length,
      columns: {
        ...Object.fromEntries(fixture.features.map((f: string, j: number) => [f, Float64Array.from(fixture.rows, (r: number[]) => r[j])])),
        y: Float64Array.from(fixture.y as number[]),
      },
    };
    // the brute force: the same engine scoring every permuted batch (the model-call path, with the trees as the model)
    const engine = (await models.softmax.treeEngine()).engine!;
    const brute: Predictor = { name: "softmax", features: models.softmax.features, task: "regression", predict: async (b) => engine.predict(b) };
    const asRegression: Predictor = Object.assign(Object.create(models.softmax), { task: "regression" });
    // 4 repeats re-walk the trees, 10 read the step functions: both ways give the brute-force losses
    for (const repeats of [4, 10]) {
      const options = { target: "y", repeats, seed: 1, loss: "mse" };
      expectSameLosses(await importance(asRegression, data, options), await importance(brute, data, options), 1e-9);
    }
  });

});
