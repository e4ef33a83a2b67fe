// TreeSHAP against xgboost's own pred_contribs (fixtures made by test/oracles/shap_xgboost.py).
// The ensembles are read from the ONNX exports with `readTreeEnsemble`, as the app reads them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readTreeEnsemble } from "../../src/model/tree-ensemble";
import { treeShap } from "../../src/explain/treeshap";

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
    const ensemble = readTreeEnsemble(new Uint8Array(readFileSync(new URL(`xgb_${name}.onnx`, dir))), { features: oracle.features });
    const p = oracle.features.length;

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
  });
}
