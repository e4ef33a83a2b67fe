import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { optimalThreshold, scoreThresholds, thresholdMetrics, thresholds } from "../../src/explain/threshold";
import { closedForm } from "./closed-form";

// made by test/oracles/threshold_sklearn.py: seeded labels, scores with ties, three groups, and
// scikit-learn's confusion_matrix / precision / recall at three thresholds, overall and per group
const ref = JSON.parse(readFileSync("test/fixtures/oracles/threshold/reference.json", "utf8"));
const costs = { fp: 1, fn: 1 };

describe("thresholdMetrics equals scikit-learn's confusion_matrix", () => {
  for (const c of ref.cases) {
    test(`over all rows at threshold ${c.threshold}`, () => {
      const m = thresholdMetrics(ref.y, ref.p, c.threshold, costs);
      expect({ tn: m.tn, fp: m.fp, fn: m.fn, tp: m.tp }).toEqual({ tn: c.all.tn, fp: c.all.fp, fn: c.all.fn, tp: c.all.tp });
      expect(m.precision).toBeCloseTo(c.all.precision, 12);
      expect(m.recall).toBeCloseTo(c.all.recall, 12);
    });
    test(`per group at threshold ${c.threshold}, with gaps of selection rate, TPR and FPR`, () => {
      const v = scoreThresholds(ref.y, ref.p, { threshold: c.threshold, groupBy: "group", group: ref.group });
      expect(v.groups!.rows.map((r) => r.group)).toEqual(["a", "b", "c"]);
      for (const r of v.groups!.rows) {
        const g = c.groups[r.group];
        expect({ tn: r.tn, fp: r.fp, fn: r.fn, tp: r.tp }).toEqual({ tn: g.tn, fp: g.fp, fn: g.fn, tp: g.tp });
        expect(r.selectionRate).toBeCloseTo(g.selectionRate, 12);
        expect(r.recall).toBeCloseTo(g.recall, 12);
        expect(r.fpr).toBeCloseTo(g.fpr, 12);
      }
      const sel = Object.values(c.groups).map((g: any) => g.selectionRate);
      expect(v.groups!.gaps.selectionRate).toBeCloseTo(Math.max(...sel) - Math.min(...sel), 12);
    });
  }
});

describe("optimalThreshold", () => {
  test("finds the least-cost threshold that brute force over every score finds", () => {
    const o = optimalThreshold(ref.y, ref.p, ref.optimum.costs);
    expect(o.threshold).toBe(ref.optimum.threshold);
    expect(o.cost).toBeCloseTo(ref.optimum.cost, 12);
  });
  test("moves down when false negatives cost more, up when false positives do", () => {
    const cheapFn = optimalThreshold(ref.y, ref.p, { fp: 4, fn: 1 }).threshold;
    const dearFn = optimalThreshold(ref.y, ref.p, { fp: 1, fn: 4 }).threshold;
    expect(dearFn).toBeLessThan(cheapFn);
  });
  test("makes nothing positive when false positives are all that costs", () => {
    expect(optimalThreshold(ref.y, ref.p, { fp: 1, fn: 0 }).threshold).toBe(Infinity);
  });
});

describe("thresholds(model, data)", () => {
  const n = ref.y.length;
  const data = { n, columns: { s: Float64Array.from(ref.p), group: ref.group, y: Float64Array.from(ref.y) } };
  const model = closedForm("score", ["s"], (r) => r.s as number, { task: "classification" });

  test("predicts once and gives the confusion, the sweep and the optimum, labelled", async () => {
    const e = await thresholds(model, data, { target: "y", threshold: 0.5, costs: { fp: 1, fn: 4 }, groupBy: "group" });
    expect(e.kind).toBe("threshold");
    expect(e.evaluations).toBe(n);
    expect(e.values.at.tp).toBe(ref.cases[1].all.tp);
    expect(e.values.sweep.length).toBe(101);
    expect(e.values.optimum.threshold).toBe(ref.optimum.threshold);
    expect(e.params).toMatchObject({ threshold: 0.5, costs: { fp: 1, fn: 4 }, groupBy: "group" });
  });
  test("refuses a regression model, an unknown attribute and negative costs, saying why", async () => {
    const reg = closedForm("reg", ["s"], (r) => r.s as number);
    await expect(thresholds(reg, data, { target: "y" })).rejects.toThrow(/regression model; decision thresholds apply to classifiers/);
    await expect(thresholds(model, data, { target: "y", groupBy: "sex" })).rejects.toThrow(/unknown attribute `sex`/);
    await expect(thresholds(model, data, { target: "y", costs: { fp: -1 } })).rejects.toThrow(/false positive must be a number ≥ 0/);
  });
  test("slices a numeric attribute with many values into quartile bins", () => {
    const v = scoreThresholds(ref.y, ref.p, { groupBy: "p", group: Float64Array.from(ref.p) });
    expect(v.groups!.rows.length).toBe(4);
    expect(v.groups!.rows.reduce((s, r) => s + r.n, 0)).toBe(n);
  });
});
