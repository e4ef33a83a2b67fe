// The trained Rashomon family of data/models/synthetic (12 XGBoost regressors differing in seeds and
// hyperparameters, data/models/index.json set "synthetic-y-rashomon"), on the 500 held-out rows of
// data/synthetic.csv: the planted structure must show through the set-level explanations.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { loadTable, toBatch } from "../../../src/data/index";
import { rmse, takeRows } from "../../../src/explain/index";
import { disagreement, modelClassReliance, pairwiseH, rashomonSet, rowErrors, searchSlices, cachedPredict } from "../../../src/explain/rashomon/index";
import { check, monotone } from "../../../src/hypotheses/index";
import { loadModel, type Batch, type OnnxPredictor } from "../../../src/model/index";

const index = JSON.parse(readFileSync("data/models/index.json", "utf8"));
const set = index.sets.find((s: { name: string }) => s.name === "synthetic-y-rashomon");
const heldOut: number[] = JSON.parse(readFileSync("data/splits/synthetic-test-rows.json", "utf8")).rows;
const FEATURES = ["x1", "x2", "x3", "x4", "x5", "group"];

let models: OnnxPredictor[];
let data: Batch;
beforeAll(async () => {
  models = await Promise.all(set.members.map((name: string) => {
    const file = name.replace(/^synthetic-/, "");
    return loadModel(`data/models/synthetic/${file}.onnx`, { card: `data/models/synthetic/${file}.card.json` });
  }));
  const { table, schema } = await loadTable("data/synthetic.csv");
  data = takeRows(toBatch(table, [...FEATURES, "y"], schema), heldOut);
}, 60_000);
afterAll(async () => { await Promise.all(models.map((m) => m.dispose())); });

describe("the trained Rashomon family on held-out rows", () => {
  test("held-out losses match the model cards' test rmse, so the rows are the cards' test split", async () => {
    const y = data.columns.y as Float64Array;
    for (const m of models.slice(0, 3)) {
      const metrics = m.card!.metrics as Record<string, Record<string, number>>;
      expect(rmse(y, await m.predict(data))).toBeCloseTo(metrics.test.rmse, 4);
    }
  });

  test("ε = 0.05 keeps the family the trainer called a Rashomon set; ε = 0 keeps only the best", async () => {
    const wide = await rashomonSet(models, data, { target: "y", epsilon: 0.05 });
    const [lo, hi] = set.test_range as [number, number];
    expect(wide.members).toHaveLength(models.filter((_, k) => wide.scores[k].loss <= lo + 0.05).length);
    expect(hi - lo).toBeLessThan(0.05);
    expect(wide.members).toHaveLength(models.length);
    const tight = await rashomonSet(models, data, { target: "y", epsilon: 0 });
    expect(tight.members).toEqual([tight.best]);
    expect(tight.scores.find((s) => s.model === tight.best.name)!.loss).toBeCloseTo(lo, 6);
  });

  test("x1's effect is increasing in every member within a tolerance of 2% of its range", async () => {
    const r = await check(monotone("x1", "increasing", { tolerance: 0.1 }), models, data);
    expect(r.verdict).toBe("holds");
    for (const v of r.perModel) expect(0.1 / (v.evidence.range as number)).toBeLessThan(0.02);
  });

  test("the null feature x4's model class reliance interval contains 1; x1's lies far above", async () => {
    const mcr = await modelClassReliance(models, data, { target: "y", repeats: 3 });
    const x4 = mcr.features.find((f) => f.feature === "x4")!;
    expect(x4.mcrMinus).toBeLessThan(1);
    expect(x4.mcrPlus).toBeGreaterThan(1);
    expect(x4.mcrPlus - x4.mcrMinus).toBeLessThan(0.05);
    expect(mcr.features[0]).toMatchObject({ feature: "x1" });
    expect(mcr.features[0].mcrMinus).toBeGreaterThan(3);
  });

  test("the planted interaction x2:x3 has the largest H statistic in every member", async () => {
    for (const m of models) {
      const pairs = await pairwiseH(m, data, FEATURES, { rows: 20 });
      expect([pairs[0].a, pairs[0].b]).toEqual(["x2", "x3"]);
      expect(pairs[0].h2).toBeGreaterThan(0.5);
    }
  }, 60_000);

  test("the noisy subgroup group = c is the worst error slice of the best model", async () => {
    const best = (await rashomonSet(models, data, { target: "y", epsilon: 0 })).best;
    const errors = rowErrors("regression", data.columns.y as Float64Array, await cachedPredict(best, data));
    const top = searchSlices(data, errors, { exclude: ["y"], minSupport: 25, top: 3 });
    for (const s of top) expect(s.conditions).toContainEqual({ feature: "group", op: "=", value: "c" });
    expect(searchSlices(data, errors, { exclude: ["y"], depth: 1, top: 1 })[0].text).toBe("group = c");
  });

  test("members disagree more inside the planted region |x2|, |x3| > 0.5 than outside it", async () => {
    const d = await disagreement(models, data);
    const x2 = data.columns.x2 as Float64Array, x3 = data.columns.x3 as Float64Array;
    let inside = 0, nIn = 0, outside = 0, nOut = 0;
    for (let i = 0; i < data.n; i++) {
      if (Math.abs(x2[i]) > 0.5 && Math.abs(x3[i]) > 0.5) { inside += d.spread[i]; nIn++; } else { outside += d.spread[i]; nOut++; }
    }
    expect(inside / nIn).toBeGreaterThan(1.2 * (outside / nOut));
  });
});
