// Counterfactuals on planted data: only the features that matter change, the returned point really
// crosses the target (checked by predicting it again), constraints are never violated, and a set of
// models asks for a change every model accepts.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { counterfactuals, type CounterfactualOptions } from "../../../src/explain/counterfactual/index";
import { rng } from "../../../src/explain/random";
import { distance, featureSpace, rowsOf } from "../../../src/explain/counterfactual/space";
import { loadModel, type OnnxPredictor } from "../../../src/model/index";
import type { Batch } from "../../../src/model/types";
import { closedForm, uniformData } from "../closed-form";

const features = ["x1", "x2", "x3", "x4", "x5"];
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
// x1 ∈ [-1, 2], x2 ∈ [0, 3]: the decision depends on x1 + x2 only
const planted = closedForm("planted", features, (r) => sigmoid(3 * ((r.x1 as number) + (r.x2 as number) - 2)), { task: "classification" });
const data = uniformData(400, features, 3);
const lowRow = Array.from({ length: data.n }, (_, i) => i).find((i) => (data.columns.x1[i] as number) + (data.columns.x2[i] as number) < 0.8)!;

async function predictRecord(model: { predict(b: Batch): Promise<Float64Array> }, record: Record<string, unknown>): Promise<number> {
  const columns = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === "number" ? Float64Array.of(v) : [v]]));
  return (await model.predict({ n: 1, columns: columns as Batch["columns"] }))[0];
}

describe("counterfactuals of one model", () => {
  test("change only the planted features and really cross the threshold", async () => {
    const e = await counterfactuals(planted, data, { row: lowRow });
    expect(e.kind).toBe("counterfactual");
    expect(e.values.target).toBe("score ≥ 0.5");
    expect(e.values.counterfactuals.length).toBeGreaterThan(0);
    for (const c of e.values.counterfactuals) {
      for (const ch of c.changes) expect(["x1", "x2"]).toContain(ch.feature);
      expect(await predictRecord(planted, c.record)).toBeGreaterThanOrEqual(0.5);
      expect(c.predictions[0].meets).toBe(true);
      expect(c.distance).toBeGreaterThan(0);
    }
    expect(e.params.method).toMatch(/quantiles/);
    expect(e.evaluations).toBeGreaterThan(0);
  });
  test("are diverse: the first ones change different sets of features", async () => {
    const e = await counterfactuals(planted, data, { row: lowRow, k: 3 });
    const sets = e.values.counterfactuals.map((c) => c.changes.map((ch) => ch.feature).sort().join(","));
    expect(new Set(sets.slice(0, 2)).size).toBe(2);
  });
  test("the nearest rows from the data reach the target and are nearest first", async () => {
    const e = await counterfactuals(planted, data, { row: lowRow, k: 5 });
    const d = e.values.nearest.map((c) => c.distance);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    for (const c of e.values.nearest) {
      expect(c.predictions[0].score).toBeGreaterThanOrEqual(0.5);
      expect(c.row).toBeGreaterThanOrEqual(0);
    }
    // brute force: the distances of every row reaching the target, smallest five
    const scores = await planted.predict(data);
    const space = featureSpace(data, features);
    const rows = rowsOf(data, features);
    const brute = rows.flatMap((p, i) => (scores[i] >= 0.5 ? [distance(space, rows[lowRow], p)] : [])).sort((a, b) => a - b);
    expect(d).toEqual(brute.slice(0, 5));
  });
  test("a regression model needs a target range; a fixed feature that matters leaves the other", async () => {
    const reg = closedForm("reg", features, (r) => (r.x1 as number) * 2);
    await expect(counterfactuals(reg, data, { row: lowRow })).rejects.toThrow(/give a target range/);
    const e = await counterfactuals(reg, data, { row: lowRow, range: [3, 3.5] });
    for (const c of e.values.counterfactuals) {
      const s = await predictRecord(reg, c.record);
      expect(s).toBeGreaterThanOrEqual(3);
      expect(s).toBeLessThanOrEqual(3.5);
    }
    const fixed = await counterfactuals(planted, data, { row: lowRow, fixed: ["x1"] });
    for (const c of fixed.values.counterfactuals) expect(c.changes.map((ch) => ch.feature)).toEqual(["x2"]);
  });
  test("says so when nothing within the constraints reaches the target", async () => {
    const e = await counterfactuals(planted, data, { row: lowRow, fixed: ["x1", "x2"] });
    expect(e.values.counterfactuals).toEqual([]);
    expect(e.values.note).toMatch(/no change of at most 3 features within the constraints brings the model to score ≥ 0.5/);
  });
  test("refuses constraints on unknown features and malformed ranges", async () => {
    await expect(counterfactuals(planted, data, { row: lowRow, fixed: ["age"] })).rejects.toThrow(/unknown feature `age`/);
    await expect(counterfactuals(planted, data, { row: lowRow, ranges: { x1: [2, 1] } })).rejects.toThrow(/min ≤ max/);
  });
});

describe("constraints are never violated (property test over random constraints)", () => {
  const random = rng(5);
  const cases = Array.from({ length: 12 }, (_, t) => {
    const fixed = features.filter(() => random() < 0.25);
    const ranges: Record<string, [number, number]> = {};
    const directions: Record<string, "increase" | "decrease"> = {};
    for (const f of features) {
      if (random() < 0.3) { const a = -1 + 3 * random(); ranges[f] = [a, a + 1 + 2 * random()]; }
      if (random() < 0.3) directions[f] = random() < 0.5 ? "increase" : "decrease";
    }
    return { t, row: Math.floor(random() * data.n), fixed, ranges, directions };
  });
  test.each(cases)("case $t", async ({ row, fixed, ranges, directions }) => {
    const options: CounterfactualOptions = { row, fixed, ranges, directions, range: undefined };
    const e = await counterfactuals(planted, data, options);
    const all = [...e.values.counterfactuals, ...e.values.nearest];
    for (const c of all) {
      for (const ch of c.changes) {
        expect(fixed).not.toContain(ch.feature);
        const [from, to] = [ch.from as number, ch.to as number];
        const r = ranges[ch.feature];
        if (r) { expect(to).toBeGreaterThanOrEqual(r[0]); expect(to).toBeLessThanOrEqual(r[1]); }
        if (directions[ch.feature] === "increase") expect(to).toBeGreaterThan(from);
        if (directions[ch.feature] === "decrease") expect(to).toBeLessThan(from);
      }
      expect(c.plausibility.withinRange).toBe(true);
    }
    for (const c of e.values.counterfactuals) expect(c.predictions[0].meets).toBe(true);
  });
});

describe("robust recourse across a set of models", () => {
  const onX1 = closedForm("on-x1", features, (r) => sigmoid(4 * ((r.x1 as number) - 1)), { task: "classification" });
  const onX2 = closedForm("on-x2", features, (r) => sigmoid(4 * ((r.x2 as number) - 2)), { task: "classification" });
  const row = Array.from({ length: data.n }, (_, i) => i).find((i) => (data.columns.x1[i] as number) < 0 && (data.columns.x2[i] as number) < 1)!;

  test("flipping every model changes what each of them reads", async () => {
    const e = await counterfactuals([onX1, onX2], data, { row });
    expect(e.model).toBe("on-x1, on-x2");
    expect(e.values.required).toBe(2);
    const c = e.values.counterfactuals[0];
    expect(c.changes.map((ch) => ch.feature).sort()).toEqual(["x1", "x2"]);
    expect(c.reached).toBe(2);
    expect(await predictRecord(onX1, c.record)).toBeGreaterThanOrEqual(0.5);
    expect(await predictRecord(onX2, c.record)).toBeGreaterThanOrEqual(0.5);
  });
  test("k of m: one model is enough when one is required, and the result says how many agree", async () => {
    const e = await counterfactuals([onX1, onX2], data, { row, required: 1 });
    const c = e.values.counterfactuals[0];
    expect(c.changes.length).toBe(1);
    expect(c.reached).toBe(1);
    expect(c.predictions.filter((p) => p.meets).length).toBe(1);
    await expect(counterfactuals([onX1, onX2], data, { row, required: 3 })).rejects.toThrow(/from 1 to 2/);
  });
});

describe("on a real tree ensemble (ONNX, onnxruntime-web)", () => {
  const dir = "test/fixtures/oracles/effects";
  const fixture = JSON.parse(readFileSync(`${dir}/effects_sklearn.json`, "utf8"));
  const real: Batch = {
    n: fixture.data.y.length,
    columns: Object.fromEntries(["x1", "x2", "x3", "x4", "x5"].map((c) => [c, Float64Array.from(fixture.data[c])])),
  };
  let model: OnnxPredictor;
  beforeAll(async () => { model = await loadModel(readFileSync(`${dir}/rf_classifier.onnx`), { features, name: "rf" }); });
  afterAll(async () => { await model.dispose(); });

  test("searches the split thresholds and every returned point flips the forest's decision", async () => {
    const scores = await model.predict(real);
    const row = Array.from(scores).findIndex((s) => s < 0.3);
    const e = await counterfactuals(model, real, { row });
    expect(e.params.candidates).toBe("split thresholds");
    expect(e.values.counterfactuals.length).toBeGreaterThan(0);
    for (const c of e.values.counterfactuals) expect(await predictRecord(model, c.record)).toBeGreaterThanOrEqual(0.5);
  });
});
