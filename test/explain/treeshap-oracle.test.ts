// TreeSHAP against xgboost's own pred_contribs (fixtures made by test/oracles/shap_xgboost.py).
// The ensembles are read from the ONNX exports with `readTreeEnsemble`, as the app reads them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readTreeEnsemble } from "../../src/model/tree-ensemble";
import { treeShap } from "../../src/explain/treeshap";
import { createSession, loadOrt } from "../../src/model/onnx-session";
import type { Batch, Predictor } from "../../src/model/types";
import { shap, type TreeAware } from "../../src/explain/shap";

const dir = new URL("../fixtures/oracles/shap/", import.meta.url);

interface Oracle {
  features: string[];
  rows: (number | null)[][];
  margin: number[];
  contribs: number[][];
}

for (const name of ["regressor", "classifier"]) {
  describe(`treeShap on an xgboost ${name} (20 trees, depth 3, 5% missing values)`, () => {
    const oracle: Oracle = JSON.parse(readFileSync(new URL(`xgb_${name}.json`, dir), "utf8"));
    const ensemble = readTreeEnsemble(new Uint8Array(readFileSync(new URL(`xgb_${name}.onnx`, dir))));
    const p = oracle.features.length;

    it("reads the ensemble with its covers and feature names from the ONNX file", () => {
      expect(ensemble.features).toEqual(oracle.features);
      expect(ensemble.hasCover).toBe(true);
      expect(ensemble.trees).toHaveLength(20);
    });

    it("reproduces xgboost's margin for each of the 20 rows (to 1e-5)", () => {
      oracle.rows.forEach((row, i) => {
        const r = treeShap(ensemble, row.map((v) => (v === null ? NaN : v)));
        expect(Math.abs(r.prediction - oracle.margin[i])).toBeLessThan(1e-5);
      });
    });

    it("equals pred_contribs feature by feature, and its bias column as the base (to 1e-5)", () => {
      let worst = 0;
      oracle.rows.forEach((row, i) => {
        const r = treeShap(ensemble, row.map((v) => (v === null ? NaN : v)));
        for (let j = 0; j < p; j++) worst = Math.max(worst, Math.abs(r.values[j] - oracle.contribs[i][j]));
        worst = Math.max(worst, Math.abs(r.base - oracle.contribs[i][p]));
      });
      expect(worst).toBeLessThan(1e-5);
    });

    it("agrees with onnxruntime on the same file: its score is the transformed TreeSHAP prediction", async () => {
      const model = await onnxPredictor(`xgb_${name}.onnx`, oracle.features, name === "classifier");
      const scores = await model.predict(rowsBatch(oracle));
      oracle.rows.forEach((row, i) => {
        const margin = treeShap(ensemble, row.map((v) => (v === null ? NaN : v))).prediction;
        const expected = name === "classifier" ? 1 / (1 + Math.exp(-margin)) : margin;
        expect(Math.abs(scores[i] - expected)).toBeLessThan(1e-5);
      });
    });

    it("shap() picks 'tree-path' for a model that hands over an ensemble with training covers, and 'exact' gives an efficient interventional split", async () => {
      const model = await onnxPredictor(`xgb_${name}.onnx`, oracle.features, name === "classifier");
      const aware: TreeAware = { ...model, predict: model.predict, treeEnsemble: () => ensemble };
      const data = rowsBatch(oracle);
      const tree = await shap(aware, data, { row: 0 });
      expect(tree.params.method).toBe("tree-path");
      expect(tree.params.space).toBe(name === "classifier" ? "margin" : "response");
      tree.values.values.forEach((v, j) => expect(Math.abs(v - oracle.contribs[0][j])).toBeLessThan(1e-5));
      const exact = await shap(model, data, { row: 0, background: data });
      expect(exact.params.method).toBe("exact");
      const total = exact.values.values.reduce((s, v) => s + v, 0);
      expect(Math.abs(total - (exact.values.prediction - exact.values.base))).toBeLessThan(1e-9);
      expect(exact.evaluations).toBe(32 * 20);
    });
  });
}

function rowsBatch(oracle: Oracle): Batch {
  const columns: Record<string, Float64Array> = {};
  oracle.features.forEach((f, j) => { columns[f] = Float64Array.from(oracle.rows, (r) => (r[j] === null ? NaN : r[j]!)); });
  return { n: oracle.rows.length, columns };
}

/** A real onnxruntime-web predictor for the exported file (one float32 [n, p] input). */
async function onnxPredictor(file: string, features: string[], classifier: boolean): Promise<Predictor> {
  const ort = await loadOrt();
  const session = await createSession(new Uint8Array(readFileSync(new URL(file, dir))));
  return {
    name: file, features, task: classifier ? "classification" : "regression",
    async predict(batch: Batch) {
      const p = features.length;
      const input = new Float32Array(batch.n * p);
      features.forEach((f, j) => { const c = batch.columns[f]; for (let i = 0; i < batch.n; i++) input[i * p + j] = c[i] as number; });
      const out = await session.run({ float_input: new ort.Tensor("float32", input, [batch.n, p]) });
      const t = out[classifier ? "probabilities" : "variable"].data as Float32Array;
      return Float64Array.from({ length: batch.n }, (_, i) => (classifier ? t[2 * i + 1] : t[i]));
    },
  };
}
