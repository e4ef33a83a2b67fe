import { describe, expect, test } from "vitest";
import { loadTable, toBatch } from "../../src/data";
import { shap, takeRows } from "../../src/explain";
import { loadModel } from "../../src/model";

// exact TreeSHAP on bundled models: the trees must see rows exactly as the session does
describe("OnnxPredictor.treeEnsemble() and encodeForTrees()", () => {
  test("a regression GBM hands over its trees; TreeSHAP's prediction is the model's own", async () => {
    const model = await loadModel("data/models/ames/gbm.onnx", { card: "data/models/ames/gbm.card.json" });
    const { table } = await loadTable("data/ames.csv");
    const data = toBatch(table, [...model.features]);
    expect(model.treeEnsemble()?.features).toEqual([...model.features]);
    const rows = [0, 7, 123];
    const predicted = await model.predict(takeRows(data, rows));
    for (const [i, row] of rows.entries()) {
      const result = await shap(model, data, { row });
      expect(result.params.method).toBe("tree-path");
      const sum = result.values.values.reduce((a, b) => a + b, result.values.base);
      expect(sum).toBeCloseTo(result.values.prediction, 6);
      expect(Math.abs(result.values.prediction - predicted[i]) / Math.abs(predicted[i])).toBeLessThan(1e-5);
    }
  });

  test("missing values and categories are encoded as in training (mortality: creatinine missing, sex coded)", async () => {
    const model = await loadModel("data/models/mortality/gbm.onnx", { card: "data/models/mortality/gbm.card.json" });
    const { table } = await loadTable("data/mortality.csv");
    const data = toBatch(table, [...model.features]);
    const creatinine = data.columns.creatinine as Float64Array;
    const row = creatinine.findIndex((v) => Number.isNaN(v));
    expect(row).toBeGreaterThanOrEqual(0);
    const result = await shap(model, data, { row });
    expect(result.params).toMatchObject({ method: "tree-path", space: "margin" });
    const [p] = await model.predict(takeRows(data, [row]));
    const margin = result.values.prediction;
    expect(1 / (1 + Math.exp(-margin))).toBeCloseTo(p, 5);
  });

  test("a model with preprocessing before its trees offers none (linear and MLP models have no trees)", async () => {
    const model = await loadModel("data/models/ames/mlp.onnx", { card: "data/models/ames/mlp.card.json" });
    expect(model.treeEnsemble()).toBeUndefined();
  });
});
