// Thread calibration for real: the bundled credit MLP timed in this thread (1 thread) and in a
// worker_threads worker started with 2 onnxruntime-web threads. Which is faster depends on the
// machine's load, so only the shape and validity of the decision are asserted, never the winner.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadTable, toBatch } from "../../../src/data/index";
import { calibrateThreads, chooseThreads, closeWorkers, explainInWorker, loadModel, WorkerPool } from "../../../src/explain/worker/index";
import { instanceThreads, type Batch, type OnnxPredictor } from "../../../src/model/index";

let model: OnnxPredictor;
let data: Batch;
const pool = new WorkerPool({ size: 1 });

beforeAll(async () => {
  model = await loadModel("data/models/credit/mlp.onnx", { card: "data/models/credit/mlp.card.json" });
  const { table } = await loadTable(readFileSync("data/credit.csv"), { format: "csv" });
  data = toBatch(table, model.features);
});
afterAll(async () => {
  await pool.close();
  await closeWorkers();
  await model?.dispose();
});

describe("pool slots of a given thread count", () => {
  test("a job asking for 2 threads runs in a worker whose onnxruntime-web really runs 2, with the same scores", async () => {
    const local = await model.predict(data);
    const two = await pool.runJob({ kind: "predict", models: [model], many: false, data, options: {}, threads: 2 });
    const one = await pool.runJob({ kind: "predict", models: [model], many: false, data, options: {} });
    expect(two.threads).toBe(2);
    expect(one.threads).toBe(1);
    expect(pool.workers).toBe(2);
    expect(await instanceThreads()).toBe(1);
    for (const scores of [one.result, two.result] as Float64Array[]) {
      expect(scores.length).toBe(data.n);
      for (let i = 0; i < data.n; i += 97) expect(scores[i]).toBeCloseTo(local[i], 6);
    }
  });
});

describe("calibrateThreads(model, data) and chooseThreads", () => {
  test("times 1 thread here and 2 in a worker and returns a valid, explained choice", async () => {
    const choice = await calibrateThreads(model, data, { pool, threads: 2, rounds: 2 });
    expect(choice.decided).toBe("calibrated");
    expect(choice.rows).toBe(data.n);
    expect(choice.bucket).toBe(1000);
    expect(choice.candidates.map((c) => [c.threads, c.worker])).toEqual([[1, false], [2, true]]);
    for (const c of choice.candidates) expect(c.msPerRow).toBeGreaterThan(0);
    expect([1, 2]).toContain(choice.threads);
    expect(choice.worker).toBe(choice.threads === 2);
    expect(choice.reason).toMatch(/paired rounds/);
  });

  test("a small batch is not timed and stays on 1 thread", async () => {
    const small: Batch = { n: 10, columns: Object.fromEntries(Object.entries(data.columns).map(([k, v]) => [k, v.slice(0, 10)])) };
    const before = pool.workers;
    const choice = await chooseThreads(model, small, { pool });
    expect(choice).toMatchObject({ threads: 1, decided: "default", candidates: [] });
    expect(pool.workers).toBe(before);
  });

  test("workerThreads: 2 sends an explanation to the 2-thread worker, with the in-thread result", async () => {
    const scores = await explainInWorker("predict", model, data, { workerThreads: 2 });
    expect(scores).toBeInstanceOf(Float64Array);
    await expect(explainInWorker("residuals", model, data, { workerThreads: 0 })).rejects.toThrow(/workerThreads must be/);
  });
});
