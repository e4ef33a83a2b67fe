// Faithfulness curves by the trees (one chain walk per order and direction, src/explain/breakdown-trees.ts)
// must be the model call's: bit-near the engine's own scores (1e-9), onnxruntime's to float32 rounding.
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadTable, toBatch } from "../../../src/data/index";
import { faithfulness } from "../../../src/explain/checks/faithfulness";
import { shap, takeRows } from "../../../src/explain/index";
import { loadModel, type Batch, type OnnxPredictor, type Predictor } from "../../../src/model/index";

let model: OnnxPredictor;
let credit: Batch;
beforeAll(async () => {
  model = await loadModel("data/models/credit/gbm.onnx", { card: "data/models/credit/gbm.card.json", name: "credit-gbm" });
  const { table, schema } = await loadTable("data/credit.csv");
  credit = takeRows(toBatch(table, [...model.features], schema), Int32Array.from({ length: 200 }, (_, i) => i * 21));
});
afterAll(async () => { await model.dispose(); });

const called = (m: Predictor, predict = m.predict.bind(m)): Predictor =>
  ({ name: m.name, features: m.features, task: m.task, positiveClass: m.positiveClass, predict });

test("faithfulness(model, data, shap) by the trees: the deletion and insertion curves of the model call", async () => {
  const { engine } = await model.treeEngine();
  const attribution = await shap(model, credit, { row: 9, background: 30 });
  const options = { row: 9, background: 30, randomOrders: 5, seed: 1 };
  const trees = await faithfulness(model, credit, attribution, options);
  const brute = await faithfulness(called(model, async (b) => engine!.predict(b)), credit, attribution, options);
  const viaOrt = await faithfulness(called(model), credit, attribution, options);
  const t = trees.values, b = brute.values, o = viaOrt.values;
  expect(t.order).toEqual(o.order);
  const scale = Math.max(...o.deletion.map(Math.abs));
  for (const k of ["deletion", "insertion"] as const) {
    t[k].forEach((v, i) => {
      expect(Math.abs(v - b[k][i]) / scale).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(v - o[k][i]) / scale).toBeLessThanOrEqual(1e-5);
    });
  }
  t.random.deletionAreas.forEach((v, i) => expect(Math.abs(v - b.random.deletionAreas[i]) / scale).toBeLessThanOrEqual(1e-9));
  expect(t.text).toBe(o.text);
  expect(trees.evaluations).toBe(viaOrt.evaluations);
});
