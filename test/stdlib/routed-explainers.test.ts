// Which explanations a cell's `crossexam.*` call hands to a worker: only in a browser page, only
// for models whose file is known, only with options that can cross to a worker.
import { describe, expect, test } from "vitest";
import { browserWorkersAvailable, routedExplainers, routingStats, workerCanRun } from "../../src/stdlib/routed-explainers";
import { loadModel } from "../../src/stdlib/crossexam-namespace";
import { loadModel as loadPlainModel } from "../../src/model/index";

const MODEL = "data/models/synthetic/y-linear.onnx";
const CARD = { card: "data/models/synthetic/y-linear.card.json" };

describe("routing explanations to workers", () => {
  test("Node is not a browser page: explanations run in this thread", async () => {
    expect(browserWorkersAvailable()).toBe(false);
    const model = await loadModel(MODEL, CARD);
    const before = routingStats();
    const batch = { n: 3, columns: { x1: Float64Array.of(0, 1, 2), x2: Float64Array.of(0, 0, 0), x3: Float64Array.of(1, 1, 1), x4: Float64Array.of(0, 0, 0), x5: Float64Array.of(0, 0, 0), group: ["a", "b", "c"] } };
    const pd = await routedExplainers.pdp(model, batch, "x1", { grid: { values: [0, 1] } });
    expect(pd.values.grid).toEqual([0, 1]);
    expect(routingStats()).toEqual({ inWorker: before.inWorker, inThread: before.inThread + 1 });
    await model.dispose();
  });

  test("a model loaded through the namespace can go to a worker; one loaded without its file cannot", async () => {
    const known = await loadModel(MODEL, CARD);
    const unknown = await loadPlainModel(MODEL, CARD);
    expect(workerCanRun(known, { grid: { size: 5 } })).toBe(true);
    expect(workerCanRun([known, known], undefined)).toBe(true);
    expect(workerCanRun(unknown, {})).toBe(false);
    expect(workerCanRun([known, unknown], {})).toBe(false);
    expect(workerCanRun({ name: "closed form", features: ["x"], predict: async () => new Float64Array(0) }, {})).toBe(false);
    await Promise.all([known.dispose(), unknown.dispose()]);
  });

  test("signal and onProgress stay on this side; any other function option keeps the job here", async () => {
    const known = await loadModel(MODEL, CARD);
    expect(workerCanRun(known, { signal: new AbortController().signal, onProgress: () => {} })).toBe(true);
    expect(workerCanRun(known, { loss: (y: number, p: number) => (y - p) ** 2 })).toBe(false);
    expect(workerCanRun([], {})).toBe(false);
    await known.dispose();
  });
});
