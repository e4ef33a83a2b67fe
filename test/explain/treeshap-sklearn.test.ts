// TreeSHAP on real sklearn ensembles (fixtures made by test/oracles/shap_sklearn.py): deep forest
// trees that split on one feature several times along a path, and a boosted classifier's margin.
// sklearn has no SHAP of its own, so the values are checked against brute-force enumeration.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readTreeEnsemble } from "../../src/model/tree-ensemble";
import { treeShap } from "../../src/explain/treeshap";
import { bruteTreeShap } from "./treeshap-brute";

const dir = new URL("../fixtures/oracles/shap/", import.meta.url);

for (const name of ["forest", "boosting"]) {
  describe(`treeShap on a sklearn ${name === "forest" ? "random forest (15 trees, depth 7)" : "gradient-boosted classifier (margin)"}`, () => {
    const oracle: { rows: number[][]; margin: number[] } = JSON.parse(readFileSync(new URL(`sk_${name}.json`, dir), "utf8"));
    const ensemble = readTreeEnsemble(new Uint8Array(readFileSync(new URL(`sk_${name}.onnx`, dir))));

    it("predicts sklearn's margin for the 20 rows (float32 leaf weights: to 1e-4)", () => {
      oracle.rows.forEach((row, i) => expect(Math.abs(treeShap(ensemble, row).prediction - oracle.margin[i])).toBeLessThan(1e-4));
    });

    it("equals the brute-force Shapley values of E_cover[f | x_S] for the 20 rows, and is efficient", () => {
      let worst = 0;
      for (const row of oracle.rows) {
        const r = treeShap(ensemble, row);
        const brute = bruteTreeShap(ensemble, row);
        r.values.forEach((v, j) => { worst = Math.max(worst, Math.abs(v - brute[j])); });
        expect(Math.abs(r.values.reduce((s, v) => s + v, 0) - (r.prediction - r.base))).toBeLessThan(1e-9);
      }
      expect(worst).toBeLessThan(1e-9);
    });
  });
}
