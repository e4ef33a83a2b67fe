// Interventional TreeSHAP speed (a child process of bench/run.ts): the 100-tree depth-3 xgboost fixture
// (bench/fixtures/ames10-xgb.onnx, 10 features), background = the first 100 of the first 1,000 ames rows.
// The references measured here, in the same run: the brute force the tests use as oracle (all 2^10
// coalitions × 100 background rows, each hybrid row walked through the trees in JS), and the same
// interventional values through the model (`shap(..., {method: "exact"})`: 102,400 rows to onnxruntime).
// run.ts sets these next to xgboost's pred_contribs (path-dependent TreeSHAP, bench/reference_explain.py).
// Prints JSON with best milliseconds per task and the largest difference between the methods.
import { loadTable, toBatch } from "../src/data/index";
import { ensembleRows, interventionalTreeShap, marginPrediction, shap, takeRows } from "../src/explain/index";
import { loadModel, type Batch } from "../src/model/index";
import { bestOf } from "./timing";

const ROOT = new URL("../", import.meta.url).pathname;
const ROWS = 1000;
const BACKGROUND = 100;

/** The brute-force definition for one row: v(S) = mean_z f(x_S, z_S̄) over all 2^p coalitions, then Shapley weights. */
function bruteForce(e: Parameters<typeof marginPrediction>[0], x: Float64Array, bg: Float64Array): Float64Array {
  const p = x.length, m = bg.length / p;
  const v = new Float64Array(1 << p);
  const h = new Float64Array(p);
  for (let mask = 0; mask < 1 << p; mask++) {
    let s = 0;
    for (let z = 0; z < m; z++) {
      for (let j = 0; j < p; j++) h[j] = (mask >> j) & 1 ? x[j] : bg[z * p + j];
      s += marginPrediction(e, h);
    }
    v[mask] = s / m;
  }
  const fact = [1];
  for (let k = 1; k <= p; k++) fact.push(fact[k - 1] * k);
  const phi = new Float64Array(p);
  for (let mask = 0; mask < 1 << p; mask++) {
    let size = 0;
    for (let j = 0; j < p; j++) size += (mask >> j) & 1;
    const w = (fact[size] * fact[p - size - 1]) / fact[p];
    for (let j = 0; j < p; j++) if (!((mask >> j) & 1)) phi[j] += w * (v[mask | (1 << j)] - v[mask]);
  }
  return phi;
}

async function main() {
  const xgb = await loadModel(`${ROOT}bench/fixtures/ames10-xgb.onnx`, { name: "ames10-xgb", numThreads: 1 });
  const { table, schema } = await loadTable(`${ROOT}data/ames.csv`);
  const data: Batch = takeRows(toBatch(table, [...xgb.features], schema), Int32Array.from({ length: ROWS }, (_, i) => i));
  const background = takeRows(data, Int32Array.from({ length: BACKGROUND }, (_, i) => i));
  const e = xgb.treeEnsemble()!;
  const rows = ensembleRows(e, xgb.encodeForTrees(data));
  const bg = ensembleRows(e, xgb.encodeForTrees(background));
  const p = e.features.length;
  const one = rows.slice(0, p);
  const slow = { minRuns: 3, budgetMs: 2000 };
  const fast = { minRuns: 20, budgetMs: 500 };

  const ms: Record<string, number> = {};
  ms.interventional_one = await bestOf(() => interventionalTreeShap(e, one, bg), fast);
  ms.interventional_1000 = await bestOf(() => interventionalTreeShap(e, rows, bg), slow);
  ms.brute_one = await bestOf(() => bruteForce(e, one, bg), { minRuns: 2, budgetMs: 1000 });
  ms.exact_model_one = await bestOf(() => shap(xgb, data, { row: 0, background, method: "exact" }), { minRuns: 2, budgetMs: 1000 });

  // the three agree: one definition, three ways of computing it
  const fast1 = interventionalTreeShap(e, one, bg).values;
  const brute = bruteForce(e, one, bg);
  const exact = (await shap(xgb, data, { row: 0, background, method: "exact" })).values.values;
  const diff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, j) => Math.abs(v - b[j])));
  const largest = Math.max(...Array.from(brute, Math.abs));
  await xgb.dispose();
  process.stdout.write(JSON.stringify({
    ms, trees: e.trees.length, features: p, background: BACKGROUND, rows: ROWS,
    check: { vsBrute: diff(fast1, brute), vsExactModel: diff(fast1, exact), largest },
  }) + "\n");
}

await main();
