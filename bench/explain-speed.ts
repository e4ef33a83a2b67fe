// Our side of the explanation benchmark, one onnxruntime thread: the standard panel set on the
// 100-tree, 10-feature fixtures (bench/fixtures/, made by make_fixtures.py) over the first 1,000
// rows of ames.csv. A child process of bench/run.ts; prints JSON with best milliseconds per task.
import { loadTable, toBatch } from "../src/data/index";
import { parseArgs } from "node:util";
import { ale, breakdown, effects, importance, pdp, shap, takeRows, treeShapBatch, type ShapValues } from "../src/explain/index";
import { loadModel, type Batch } from "../src/model/index";
import { bestOf } from "./timing";

const ROOT = new URL("../", import.meta.url).pathname;
const ROWS = 1000;
const GRID = 51;
const TARGET = "Sale_Price";

/** A new Batch object over the same columns: the prediction cache is keyed by the object, so no call is answered from it. */
const fresh = (b: Batch): Batch => ({ n: b.n, columns: b.columns });

async function main() {
  // --pd-grid v1,v2,…: also return the PD of the first feature on this grid (the reference's), to compare
  const { values: args } = parseArgs({ options: { "pd-grid": { type: "string" } } });
  const gbm = await loadModel(`${ROOT}bench/fixtures/ames10-gbm.onnx`, { name: "ames10-gbm", numThreads: 1 });
  const xgb = await loadModel(`${ROOT}bench/fixtures/ames10-xgb.onnx`, { name: "ames10-xgb", numThreads: 1 });
  const { table, schema } = await loadTable(`${ROOT}data/ames.csv`);
  const data = takeRows(toBatch(table, [...gbm.features, TARGET], schema), Int32Array.from({ length: ROWS }, (_, i) => i));
  const features = [...gbm.features];
  const slow = { minRuns: 3, budgetMs: 2000 };
  const fast = { minRuns: 20, budgetMs: 500 };

  const ms: Record<string, number> = {};
  const evaluations: Record<string, number> = {};
  ms.predict_1000 = await bestOf(() => gbm.predict(fresh(data)), fast);
  ms.importance = await bestOf(async () => {
    const e = await importance(gbm, fresh(data), { target: TARGET, repeats: 10, loss: "rmse", seed: 0 });
    evaluations.importance = e.evaluations;
  }, slow);
  ms.pd_ice = await bestOf(async () => {
    let n = 0;
    for (const f of features) n += (await effects(gbm, fresh(data), f, { grid: { size: GRID } })).pdp.evaluations;
    evaluations.pd_ice = n;
  }, slow);
  ms.ale = await bestOf(async () => {
    let n = 0;
    for (const f of features) n += (await ale(gbm, fresh(data), f, { bins: GRID - 1 })).evaluations;
    evaluations.ale = n;
  }, slow);
  ms.shap_gbm = await bestOf(() => shap(gbm, fresh(data), { row: 0 }), fast);
  ms.shap_xgb = await bestOf(() => shap(xgb, fresh(data), { row: 0 }), fast);
  const ensemble = xgb.treeEnsemble()!;
  const encoded = xgb.encodeForTrees(data);
  ms.treeshap_1000 = await bestOf(() => treeShapBatch(ensemble, encoded), slow);
  ms.breakdown = await bestOf(async () => {
    const e = await breakdown(gbm, fresh(data), { row: 0, background: 100 });
    evaluations.breakdown = e.evaluations;
  }, slow);

  const s = await shap(xgb, data, { row: 0 });
  const pdGrid = args["pd-grid"]?.split(",").map(Number);
  const pd = pdGrid ? (await pdp(gbm, data, features[0], { grid: pdGrid })).values : undefined;
  const meanScore = (await gbm.predict(fresh(data))).reduce((a, b) => a + b, 0) / ROWS;
  await gbm.dispose();
  await xgb.dispose();
  const v: ShapValues = s.values;
  process.stdout.write(JSON.stringify({ ms, evaluations, method: s.params.method, gbmMeanScore: meanScore, pd, shapRow0: { features: v.features, values: v.values, base: v.base, prediction: v.prediction } }) + "\n");
}

await main();
