import { describe, expect, test } from "vitest";
import { accuracy, auc, confusion, curves, logLoss, mae, modelPerformance, mse, r2, rmse } from "../../src/explain/index";
import type { ClassificationPerformance, RegressionPerformance } from "../../src/explain/index";
import { rng } from "../../src/explain/random";
import { closedForm } from "./closed-form";

/** AUC by brute force: the share of (positive, negative) pairs ranked right, ties ½. */
function pairwiseAuc(y: number[], p: number[]): number {
  let good = 0, pairs = 0;
  for (let i = 0; i < y.length; i++) for (let j = 0; j < y.length; j++) {
    if (y[i] === 1 && y[j] === 0) { pairs++; good += p[i] > p[j] ? 1 : p[i] === p[j] ? 0.5 : 0; }
  }
  return good / pairs;
}

describe("classification metrics", () => {
  const random = rng(11);
  const y = Array.from({ length: 300 }, () => (random() < 0.4 ? 1 : 0));
  // scores rounded to one decimal so many ties occur, and informative about y
  const p = y.map((v) => Math.round(Math.min(1, Math.max(0, 0.3 * v + random() * 0.7)) * 10) / 10);

  test("auc equals the brute-force pairwise count, ties counted one half", () => {
    expect(auc(y, p)).toBeCloseTo(pairwiseAuc(y, p), 12);
  });
  test("auc equals the trapezoid area under the ROC curve", () => {
    const { roc } = curves(y, p);
    let area = 0;
    for (let i = 1; i < roc.fpr.length; i++) area += ((roc.fpr[i] - roc.fpr[i - 1]) * (roc.tpr[i] + roc.tpr[i - 1])) / 2;
    expect(area).toBeCloseTo(auc(y, p), 12);
  });
  test("the ROC curve runs from (0, 0) to (1, 1), non-decreasing", () => {
    const { roc, pr } = curves(y, p);
    expect([roc.fpr[0], roc.tpr[0]]).toEqual([0, 0]);
    expect([roc.fpr.at(-1), roc.tpr.at(-1)]).toEqual([1, 1]);
    for (let i = 1; i < roc.fpr.length; i++) {
      expect(roc.fpr[i]).toBeGreaterThanOrEqual(roc.fpr[i - 1]);
      expect(roc.tpr[i]).toBeGreaterThanOrEqual(roc.tpr[i - 1]);
    }
    expect(pr.recall.at(-1)).toBe(1);
    expect(pr.precision.at(-1)).toBeCloseTo(y.filter((v) => v === 1).length / y.length, 12);
  });
  test("logLoss is the mean negative log-likelihood, probabilities clipped at 1e-15", () => {
    expect(logLoss([1, 0, 1], [0.8, 0.3, 0.6])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7) + Math.log(0.6)) / 3, 14);
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 10);
    expect(Number.isFinite(logLoss([0], [1]))).toBe(true);
  });
  test("confusion counts score ≥ threshold as positive and sums to n", () => {
    const c = confusion([1, 1, 0, 0, 1], [0.9, 0.5, 0.5, 0.1, 0.2], 0.5);
    expect(c).toEqual({ threshold: 0.5, tp: 2, fp: 1, tn: 1, fn: 1 });
    expect(accuracy([1, 1, 0, 0, 1], [0.9, 0.5, 0.5, 0.1, 0.2])).toBeCloseTo(3 / 5, 15);
  });
});

describe("regression metrics", () => {
  const y = [1, 2, 3, 4], p = [1.5, 2, 2.5, 5];
  test("mse, rmse, mae and r2 follow the textbook formulas", () => {
    // errors −0.5, 0, 0.5, −1; SS_res = 1.5; mean y = 2.5, SS_tot = 5
    expect(mse(y, p)).toBeCloseTo(0.375, 15);
    expect(rmse(y, p)).toBeCloseTo(Math.sqrt(0.375), 15);
    expect(mae(y, p)).toBeCloseTo(0.5, 15);
    expect(r2(y, p)).toBeCloseTo(1 - 1.5 / 5, 15);
  });
});

describe("modelPerformance(models, data, options)", () => {
  const data = { n: 4, columns: { x: Float64Array.of(1, 2, 3, 4), y: Float64Array.of(1, 2, 3, 4), label: ["yes", "no", "yes", "no"] } };
  test("scores a regression model with RMSE, MAE and R²", async () => {
    const m = closedForm("shifted", ["x"], (r) => (r.x as number) + 0.5);
    const e = await modelPerformance(m, data, { target: "y" });
    const v = e.values as RegressionPerformance;
    expect(e.kind).toBe("performance");
    expect(v.rmse).toBeCloseTo(0.5, 15);
    expect(v.mae).toBeCloseTo(0.5, 15);
    expect(v.r2).toBeCloseTo(1 - 1 / 5, 15);
    expect(e.evaluations).toBe(4);
  });
  test("reads a string target through positiveClass and gives one result per model", async () => {
    const good = closedForm("good", ["x"], (r) => ((r.x as number) % 2 === 1 ? 0.9 : 0.2), { task: "classification", positiveClass: "yes" });
    const bad = closedForm("bad", ["x"], (r) => ((r.x as number) % 2 === 1 ? 0.2 : 0.9), { task: "classification", positiveClass: "yes" });
    const [a, b] = await modelPerformance([good, bad], data, { target: "label" });
    expect(a.model).toBe("good");
    expect((a.values as ClassificationPerformance).auc).toBe(1);
    expect((b.values as ClassificationPerformance).auc).toBe(0);
    expect((a.values as ClassificationPerformance).accuracy).toBe(1);
  });
  test("a string target without positiveClass is an error naming the column", async () => {
    const m = closedForm("m", ["x"], () => 0.5, { task: "classification" });
    await expect(modelPerformance(m, data, { target: "label" })).rejects.toThrow(/target `label` must hold 0\/1/);
  });
});
