// ALE by the trees' step functions (src/explain/effects-trees.ts scoresAt) must equal ALE from the
// model call through onnxruntime, numeric and categorical, classifiers included.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadTable, toBatch } from "../../src/data/index";
import { ale, takeRows, type AleValues } from "../../src/explain/index";
import { loadModel, type Batch, type OnnxPredictor, type Predictor } from "../../src/model/index";

function called(m: Predictor): Predictor {
  return { name: m.name, features: m.features, task: m.task, positiveClass: m.positiveClass, predict: (b, o) => m.predict(b, o) };
}

let model: OnnxPredictor;
let credit: Batch;
beforeAll(async () => {
  model = await loadModel("data/models/credit/gbm.onnx", { card: "data/models/credit/gbm.card.json", name: "credit-gbm" });
  const { table, schema } = await loadTable("data/credit.csv");
  credit = takeRows(toBatch(table, [...model.features], schema), Int32Array.from({ length: 300 }, (_, i) => i * 13));
});
afterAll(async () => { await model.dispose(); });

describe("ale(model, data, feature) by the trees", () => {
  test.each(["Income", "Age", "Home", "Job"])("%s: the same ALE as calling onnxruntime, to float32 rounding", async (feature) => {
    const trees = await ale(model, credit, feature, { bins: 10 });
    const viaOrt = await ale(called(model), credit, feature, { bins: 10 });
    expect(trees.params.engine).toBe("trees");
    expect(viaOrt.params.engine).toBe("model");
    const a = trees.values as AleValues, b = viaOrt.values as AleValues;
    expect(a.counts).toEqual(b.counts);
    a.ale.forEach((v, k) => expect(Math.abs(v - b.ale[k])).toBeLessThanOrEqual(1e-6));
    expect(trees.evaluations).toBe(viaOrt.evaluations);
  });
});
