// explainInWorker in Node: a real worker_threads worker running a bundled ONNX model, compared
// with the same explanation computed in this thread.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadTable, toBatch } from "../../../src/data/index";
import { effects, importance, pdp, shap, type Explanation } from "../../../src/explain/index";
import {
  closeWorkers, configureWorkers, explainInWorker, inWorker, loadModel, rememberModelSource, workerPool, WorkerPool,
  type WorkerAbortError,
} from "../../../src/explain/worker/index";
import { loadModel as loadOnnxModel, type Batch, type OnnxPredictor } from "../../../src/model/index";

const MODEL = "data/models/synthetic/y-gbm.onnx";
const CARD = "data/models/synthetic/y-gbm.card.json";
const FEATURES = ["x1", "x2", "x3", "x4", "x5", "group"];

/** An explanation without its wall-clock time, the one field that may differ between threads. */
function timeless(e: unknown): unknown {
  if (Array.isArray(e)) return e.map(timeless);
  if (e && typeof e === "object" && "ms" in e) {
    const { ms: _ms, ...rest } = e as Explanation;
    return rest;
  }
  if (e && typeof e === "object") return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, timeless(v)]));
  return e;
}

let model: OnnxPredictor;
let data: Batch;
let withTarget: Batch;

beforeAll(async () => {
  await configureWorkers({ size: 1 });
  model = await loadModel(MODEL, { card: CARD });
  const { table } = await loadTable(readFileSync("data/synthetic.csv"), { format: "csv" });
  data = toBatch(table, FEATURES);
  withTarget = toBatch(table, [...FEATURES, "y"]);
});
afterAll(async () => {
  await closeWorkers();
  await model?.dispose();
});

describe("explainInWorker (Node, worker_threads)", () => {
  test("a partial dependence computed in the worker equals the in-thread one exactly", async () => {
    const [inThread, inWorkerResult] = await Promise.all([
      pdp(model, data, "x1", { grid: { size: 11 } }),
      explainInWorker("pdp", model, data, "x1", { grid: { size: 11 } }),
    ]);
    expect(inWorkerResult.values.average.length).toBe(11);
    expect(timeless(inWorkerResult)).toEqual(timeless(inThread));
  });

  test("seeded permutation importance and sampled SHAP equal the in-thread results for the same seed", async () => {
    const importanceOptions = { target: "y", repeats: 3, seed: 7 };
    const shapOptions = { row: 5, method: "permutation" as const, samples: 8, seed: 3 };
    const local = [await importance(model, withTarget, importanceOptions), await shap(model, data, shapOptions)];
    const remote = [await inWorker.importance(model, withTarget, importanceOptions), await inWorker.shap(model, data, shapOptions)];
    expect(timeless(remote)).toEqual(timeless(local));
  });

  test("a set of models gives one result per model, as in-thread", async () => {
    const linear = await loadModel("data/models/synthetic/y-linear.onnx", { card: "data/models/synthetic/y-linear.card.json" });
    try {
      const remote = await inWorker.effects([model, linear], data, "group", {});
      const local = await effects([model, linear], data, "group", {});
      expect(remote.map((e) => e.pdp.model)).toEqual([model.name, linear.name]);
      expect(timeless(remote)).toEqual(timeless(local));
    } finally {
      await linear.dispose();
    }
  });

  test("progress messages arrive, rise, and reach 1", async () => {
    const seen: number[] = [];
    await inWorker.effects(model, data, "x2", { grid: { size: 21 }, onProgress: (f: number) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
  });

  test("an abort mid-way rejects with AbortError once the worker stopped early, and the worker is reusable", async () => {
    // 2,000 rows × 51 grid points = 102,000 rows, scored in chunks of 10,000: many places to stop
    const full = data.n * 51;
    const controller = new AbortController();
    let abortedAt = 0;
    // an MLP: the model is called chunk by chunk (a tree ensemble's ICE is one tree walk, too quick to stop)
    const mlp = await loadModel("data/models/synthetic/y-mlp.onnx", { card: "data/models/synthetic/y-mlp.card.json" });
    const error = (await explainInWorker("ice", mlp, data, "x1", {
      grid: { size: 51 },
      signal: controller.signal,
      onProgress: (p: number) => { if (p > 0.2 && !controller.signal.aborted) { abortedAt = performance.now(); controller.abort(); } },
    }).catch((e) => e)) as WorkerAbortError;
    const stoppedAfter = performance.now() - abortedAt;
    expect(error.name).toBe("AbortError");
    expect(error.acknowledged).toBe(true);
    expect(error.evaluated).toBeGreaterThan(0);
    expect(error.evaluated).toBeLessThan(full);
    expect(error.progress).toBeLessThan(1);
    expect(stoppedAfter).toBeLessThan(1_000);
    console.log(`abort: stopped after ${error.evaluated} of ${full} rows, acknowledged ${stoppedAfter.toFixed(0)} ms after abort()`);
    // the same worker answers the next job (with the model still cached there)
    const after = await explainInWorker("pdp", model, data, "x3", { grid: { size: 5 } });
    expect(timeless(after)).toEqual(timeless(await pdp(model, data, "x3", { grid: { size: 5 } })));
    expect(workerPool().workers).toBe(1);
  });

  test("an already-aborted signal rejects without starting work", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(explainInWorker("pdp", model, data, "x1", { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
  });

  test("errors raised in the worker come back with their class name and message", async () => {
    await expect(explainInWorker("pdp", model, data, "nope", {})).rejects.toMatchObject({ name: "ExplainError", message: expect.stringContaining("unknown feature `nope`") });
  });

  test("a predictor whose file was not kept is refused with a message saying how to load it", async () => {
    const plain = await loadOnnxModel(MODEL, { card: CARD, name: "plain" });
    try {
      await expect(explainInWorker("pdp", plain, data, "x1", {})).rejects.toThrow(/crossexam\.worker\.loadModel/);
      rememberModelSource(plain, { bytes: new Uint8Array(readFileSync(MODEL)), card: plain.card });
      const remote = await explainInWorker("pdp", plain, data, "x1", { grid: { size: 3 } });
      expect(remote.model).toBe("plain");
    } finally {
      await plain.dispose();
    }
  });

  test("options holding functions are refused before anything is sent", async () => {
    await expect(explainInWorker("pdp", model, data, "x1", { grid: () => 1 })).rejects.toThrow(/option `grid` is a function/);
  });
});

describe("WorkerPool", () => {
  test("a worker that does not acknowledge an abort in time is replaced, and the next job runs on a new one", async () => {
    const pool = new WorkerPool({ size: 1, abortTimeout: 1 });
    // an MLP, called chunk by chunk: the abort arrives while the worker is inside a model call, which takes
    // longer than 1 ms (a tree ensemble's ICE is one quick walk, and could acknowledge in time)
    const mlp = await loadModel("data/models/synthetic/y-mlp.onnx", { card: "data/models/synthetic/y-mlp.card.json" });
    try {
      const controller = new AbortController();
      const job = pool.run({
        kind: "ice", models: [mlp], many: false, data, feature: "x1",
        options: { signal: controller.signal, onProgress: () => controller.abort() },
      });
      const error = (await job.catch((e) => e)) as WorkerAbortError;
      expect(error).toMatchObject({ name: "AbortError", acknowledged: false });
      expect(pool.workers).toBe(0);
      const next = await pool.run({ kind: "pdp", models: [model], many: false, data, feature: "x2", options: { grid: { size: 3 } } });
      expect(next).toMatchObject({ kind: "pdp", feature: "x2" });
      expect(pool.workers).toBe(1);
    } finally {
      await pool.close();
      await mlp.dispose();
    }
  });
});
