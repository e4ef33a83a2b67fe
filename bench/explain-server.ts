// Our side of the explanation benchmark, one onnxruntime thread, driven call by call by bench/run.ts
// so that ours and the reference (reference_explain.py --serve) alternate on a loaded machine.
// Prints one JSON line when ready (checks against the reference, the tree engines' status), then
// reads one task name per line on stdin and answers {"task", "ms", "evaluations"?} for one call
// (a task's first request is preceded by an untimed warm-up: up to 50 calls or 200 ms, the first one's time
// reported as `firstMs`).
// The standard set: the 100-tree, 10-feature fixtures (bench/fixtures/, made by make_fixtures.py)
// over the first 1,000 rows of ames.csv.
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { loadTable, toBatch } from "../src/data/index";
import { ale, breakdown, effects, importance, pdp, shap, takeRows, treeShapBatch, type ShapValues } from "../src/explain/index";
import { loadModel, type Batch, type Predictor } from "../src/model/index";

const ROOT = new URL("../", import.meta.url).pathname;
const ROWS = 1000;
const GRID = 51;
const TARGET = "Sale_Price";

/** A new Batch object over the same columns: the prediction cache is keyed by the object, so no call is answered from it. */
const fresh = (b: Batch): Batch => ({ n: b.n, columns: b.columns });

/** The same model seen only through predict: explainers call onnxruntime, as before the tree engine. */
function called(m: Predictor): Predictor {
  return { name: m.name, features: m.features, task: m.task, predict: (b, o) => m.predict(b, o) };
}

/** The first `n` rows of `data`, repeated as often as needed. */
function tiled(data: Batch, n: number): Batch {
  return takeRows(data, Int32Array.from({ length: n }, (_, i) => i % data.n));
}

async function main() {
  // --pd-grid v1,v2,…: also return the PD of the first feature on this grid (the reference's), to compare
  const { values: args } = parseArgs({ options: { "pd-grid": { type: "string" } } });
  const gbm = await loadModel(`${ROOT}bench/fixtures/ames10-gbm.onnx`, { name: "ames10-gbm", numThreads: 1 });
  const xgb = await loadModel(`${ROOT}bench/fixtures/ames10-xgb.onnx`, { name: "ames10-xgb", numThreads: 1 });
  const { table, schema } = await loadTable(`${ROOT}data/ames.csv`);
  const whole = toBatch(table, [...gbm.features, TARGET], schema);
  const data = tiled(whole, ROWS);
  const features = [...gbm.features];
  const ortGbm = called(gbm);
  const engine = (await gbm.treeEngine()).engine;
  const ensemble = xgb.treeEnsemble()!;
  const encoded = xgb.encodeForTrees(data);
  const scaling = new Map<number, Batch>();
  const big = (n: number) => { if (!scaling.has(n)) scaling.set(n, tiled(whole, n)); return scaling.get(n)!; };

  const evaluations: Record<string, number> = {};
  const pdIce = async (model: Predictor, d: Batch) => {
    let n = 0;
    for (const f of features) n += (await effects(model, fresh(d), f, { grid: { size: GRID } })).pdp.evaluations;
    return n;
  };
  const tasks: Record<string, () => Promise<number | void> | unknown> = {
    predict_1000: () => gbm.predict(fresh(data)),
    engine_predict_1000: () => engine!.predict(data),
    predict_100000: () => gbm.predict(fresh(big(100_000))),
    engine_predict_100000: () => engine!.predict(big(100_000)),
    importance: async () => (await importance(gbm, fresh(data), { target: TARGET, repeats: 10, loss: "rmse", seed: 0 })).evaluations,
    importance_onnxruntime: async () => (await importance(ortGbm, fresh(data), { target: TARGET, repeats: 10, loss: "rmse", seed: 0 })).evaluations,
    pd_ice: () => pdIce(gbm, data),
    pd_ice_onnxruntime: () => pdIce(ortGbm, data),
    ale: async () => {
      let n = 0;
      for (const f of features) n += (await ale(gbm, fresh(data), f, { bins: GRID - 1 })).evaluations;
      return n;
    },
    shap_gbm: () => shap(gbm, fresh(data), { row: 0 }),
    shap_xgb: () => shap(xgb, fresh(data), { row: 0 }),
    treeshap_one: () => treeShapBatch(ensemble, { n: 1, columns: Object.fromEntries(Object.entries(encoded.columns).map(([k, c]) => [k, c.slice(0, 1)])) }),
    treeshap_1000: () => treeShapBatch(ensemble, encoded),
    breakdown: async () => (await breakdown(gbm, fresh(data), { row: 0, background: 100 })).evaluations,
    breakdown_onnxruntime: async () => (await breakdown(ortGbm, fresh(data), { row: 0, background: 100 })).evaluations,
    // SHAP through the model (the panel grid's probability scale): permutation sampling, 32 antithetic pairs
    shap_permutation: async () => (await shap(gbm, fresh(data), { row: 0, background: 100, method: "permutation" })).evaluations,
    shap_permutation_onnxruntime: async () => (await shap(ortGbm, fresh(data), { row: 0, background: 100, method: "permutation" })).evaluations,
  };
  // PD+ICE of one feature on the 51-point grid over 1k … 100k rows: how the cost grows with rows × grid
  for (const n of [1000, 10_000, 100_000]) tasks[`pd_rows_${n}`] = async () => (await effects(gbm, fresh(big(n)), features[0], { grid: { size: GRID }, rows: [] })).pdp.evaluations;

  const s = await shap(xgb, data, { row: 0 });
  const pdGrid = args["pd-grid"]?.split(",").map(Number);
  const pd = pdGrid ? (await pdp(gbm, data, features[0], { grid: pdGrid })).values : undefined;
  const meanScore = (await gbm.predict(fresh(data))).reduce((a, b) => a + b, 0) / ROWS;
  const v: ShapValues = s.values;
  const status = async (m: typeof gbm) => { const st = await m.treeEngine(); return st.engine ? { engine: "trees", check: st.engine.check } : { engine: "onnxruntime", reason: st.reason }; };
  process.stdout.write(JSON.stringify({
    ready: true, method: s.params.method, gbmMeanScore: meanScore, pd,
    shapRow0: { features: v.features, values: v.values, base: v.base, prediction: v.prediction },
    engines: { gbm: await status(gbm), xgb: await status(xgb) },
  }) + "\n");

  const warm = new Set<string>();
  for await (const line of createInterface({ input: process.stdin })) {
    const name = line.trim();
    if (!name) continue;
    const task = tasks[name];
    if (!task) { process.stdout.write(JSON.stringify({ task: name, error: `unknown task ${name}` }) + "\n"); continue; }
    let firstMs: number | undefined;
    if (!warm.has(name)) {
      // warm-up, untimed (as in reference_explain.py): calls until 200 ms are spent or 50 calls made, so that a
      // sub-millisecond task is timed once the JIT has optimised it, as a long one is after its first call; the
      // first call (compiling, cold) is reported beside
      const w0 = performance.now();
      await task();
      firstMs = performance.now() - w0;
      for (let k = 1; k < 50 && performance.now() - w0 < 200; k++) await task();
      warm.add(name);
    }
    const t0 = performance.now();
    const n = await task();
    const ms = performance.now() - t0;
    if (typeof n === "number") evaluations[name] = n;
    process.stdout.write(JSON.stringify({ task: name, ms, evaluations: evaluations[name], firstMs }) + "\n");
  }
  await gbm.dispose();
  await xgb.dispose();
}

await main();
