// Friedman's H with the single-feature PDs walked through the trees equals H from model calls.
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadTable, toBatch } from "../../../src/data/index";
import { friedmanH } from "../../../src/explain/rashomon/index";
import { loadModel, type Batch, type OnnxPredictor, type Predictor } from "../../../src/model/index";

let model: OnnxPredictor;
let data: Batch;
beforeAll(async () => {
  model = await loadModel("data/models/synthetic/y-gbm.onnx", { card: "data/models/synthetic/y-gbm.card.json", name: "y-gbm" });
  const { table, schema } = await loadTable("data/synthetic.csv");
  data = toBatch(table, [...model.features], schema);
});
afterAll(async () => { await model.dispose(); });

test("friedmanH(model, data, a, b) by the trees: the same H² as calling onnxruntime for every PD", async () => {
  const called: Predictor = { name: "called", features: model.features, task: model.task, predict: (b, o) => model.predict(b, o) };
  const [a, b] = model.features;
  const trees = await friedmanH(model, data, a, b, { rows: 40, seed: 3 });
  const viaOrt = await friedmanH(called, data, a, b, { rows: 40, seed: 3 });
  expect(trees.engine).toMatch(/^trees/);
  expect(viaOrt.engine).toBe("model");
  expect(Math.abs(trees.h2 - viaOrt.h2)).toBeLessThanOrEqual(1e-5 * Math.max(1e-3, viaOrt.h2));
});
