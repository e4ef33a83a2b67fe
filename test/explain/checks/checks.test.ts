// Checks of explanations on planted data: exact SHAP is faithful (its deletion curve beats random
// orders), a sampled SHAP shows its spread over seeds, and the sanity check notices a randomised feature.
import { describe, expect, test } from "vitest";
import { faithfulness, sanityCheck, spearman, stability } from "../../../src/explain/checks/index";
import { shap, takeRows, type Explanation } from "../../../src/explain/index";
import type { Predictor } from "../../../src/model/types";
import { closedForm, uniformData } from "../closed-form";

const features = ["x1", "x2", "x3", "x4"];
const planted = closedForm("planted", features, (r) => 3 * (r.x1 as number) + (r.x2 as number) + 0.2 * (r.x3 as number));
const data = uniformData(300, features, 2);
const background = takeRows(data, Array.from({ length: 40 }, (_, i) => i));
const row = 100;

describe("spearman", () => {
  test("equals 1 − 6Σd²/(n(n²−1)) without ties, and is 1 for any increasing map", () => {
    const a = [3, 1, 4, 1.5, 9, 2.6], b = [2, 7, 1, 8, 2.8, 1.8];
    const rank = (xs: number[]) => xs.map((x) => xs.filter((y) => y < x).length + 1);
    const ra = rank(a), rb = rank(b), n = a.length;
    const d2 = ra.reduce((s, r, i) => s + (r - rb[i]) ** 2, 0);
    expect(spearman(a, b)).toBeCloseTo(1 - (6 * d2) / (n * (n * n - 1)), 12);
    expect(spearman(a, a.map((x) => Math.exp(x)))).toBeCloseTo(1, 12);
  });
});

describe("faithfulness (deletion / insertion curves)", () => {
  test("exact SHAP's deletion and insertion curves beat random orders on planted data", async () => {
    const e = await shap(planted, data, { row, method: "exact", background });
    const f = await faithfulness(planted, data, e, { row, background, randomOrders: 30 });
    expect(f.kind).toBe("check");
    expect(f.values.deletion.length).toBe(features.length + 1);
    // k = 0: the prediction itself; k = p: the background mean
    expect(f.values.deletion[0]).toBeCloseTo(e.values.prediction, 9);
    expect(f.values.deletion.at(-1)).toBeCloseTo(e.values.base, 9);
    expect(f.values.deletionBeatsRandom).toBeGreaterThanOrEqual(0.7);
    expect(f.values.insertionBeatsRandom).toBeGreaterThanOrEqual(0.7);
  });
  test("an attribution in the wrong order does worse than exact SHAP", async () => {
    const e = await shap(planted, data, { row, method: "exact", background });
    const wrong: Explanation = { ...e, values: { ...e.values, values: e.values.values.map((v) => -v) } };
    const good = await faithfulness(planted, data, e, { row, background });
    const bad = await faithfulness(planted, data, wrong, { row, background });
    expect(bad.values.deletionArea).toBeGreaterThan(good.values.deletionArea);
    expect(bad.values.deletionBeatsRandom).toBeLessThan(good.values.deletionBeatsRandom);
  });
});

describe("stability over seeds", () => {
  test("a sampled SHAP shows a spread; an exact one over a fixed background shows none", async () => {
    const sampled = await stability((seed) => shap(planted, data, { row, method: "permutation", samples: 4, background: 20, seed }), { runs: 4 });
    expect(sampled.values.runs).toBe(4);
    expect(Math.max(...sampled.values.features.map((f) => f.sd))).toBeGreaterThan(0);
    expect(sampled.values.top.feature).toBe("x1");
    expect(sampled.values.text).toMatch(/^top feature x1 in \d of 4 runs; rank correlation/);
    const exact = await stability((seed) => shap(planted, data, { row, method: "exact", background, seed }), { runs: 3 });
    for (const f of exact.values.features) expect(f.sd).toBeLessThan(1e-12);
    expect(exact.values.rankCorrelation).toBeCloseTo(1, 12);
  });
});

describe("sanity check (model randomisation)", () => {
  const explain = (m: Predictor) => shap(m, data, { row, method: "exact", background });
  test("randomising x1's dependence takes its attribution away: passed", async () => {
    const s = await sanityCheck(planted, explain, { feature: "x1", seed: 3 });
    expect(s.values.passed).toBe(true);
    expect(s.values.ratio!).toBeLessThan(0.5);
    expect(s.values.text).toMatch(/^sanity check passed/);
  });
  test("an explainer that ignores the model fails it", async () => {
    const fixed = await explain(planted);
    const s = await sanityCheck(planted, async () => fixed, { feature: "x1" });
    expect(s.values.passed).toBe(false);
    expect(s.values.text).toMatch(/FAILED/);
  });
  test("swapping in a model that reads other features changes the explanation", async () => {
    const other = closedForm("other", features, (r) => 2 * (r.x4 as number) - (r.x3 as number));
    const s = await sanityCheck(planted, explain, { swap: other });
    expect(s.values.rankCorrelation).toBeLessThan(0.9);
    expect(s.values.passed).toBe(true);
  });
});
