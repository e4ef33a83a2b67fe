// The standard errors of sampled explanations, checked against what they claim to estimate: the
// spread of the same explanation over many independent samples of one table. Each reported SE
// (averaged over the samples) must lie within 0.7–1.4 of that empirical standard deviation.
import { describe, expect, test } from "vitest";
import { ale, effects, importance, modelPerformance, takeRows } from "../../src/explain/index";
import { rng, sampleIndices } from "../../src/explain/random";
import { checkPopulation, influence, meanSe, metricSe } from "../../src/explain/sampling-error";
import type { Batch } from "../../src/model/types";
import { closedForm } from "./closed-form";

const N = 4000, n = 250, SAMPLES = 150;

/** The table: x1, x2 uniform, x3 whole numbers 0…9, a noisy numeric target y and a 0/1 target c. */
function population(): Batch {
  const r = rng(7);
  const x1 = new Float64Array(N), x2 = new Float64Array(N), x3 = new Float64Array(N), y = new Float64Array(N), c = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    x1[i] = 3 * r() - 1; x2[i] = 3 * r(); x3[i] = Math.floor(10 * r());
    y[i] = 2 * x1[i] + x2[i] ** 2 + 0.2 * x3[i] + (r() - 0.5) * 2;
    c[i] = r() < 1 / (1 + Math.exp(-(x1[i] - x2[i] + 1))) ? 1 : 0;
  }
  return { n: N, columns: { x1, x2, x3, y, c } };
}

const table = population();
const features = ["x1", "x2", "x3"];
const reg = closedForm("reg", features, (r) => 2 * (r.x1 as number) + (r.x1 as number) * (r.x2 as number) + 0.3 * (r.x3 as number) * (r.x2 as number));
const cls = closedForm("cls", features, (r) => 1 / (1 + Math.exp(-((r.x1 as number) - 0.8 * (r.x2 as number) + 0.1 * (r.x3 as number) * (r.x1 as number)))), { task: "classification" });

function samples(): Batch[] {
  return Array.from({ length: SAMPLES }, (_, s) => takeRows(table, Array.from(sampleIndices(N, n, rng(100 + s)))));
}

function sd(xs: number[]): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** reported SE (mean over samples) ÷ the empirical spread of the estimate */
function ratio(estimates: number[], ses: number[]): number {
  const r = mean(ses) / sd(estimates);
  if (process.env.SE_RATIOS) console.log("ratio", r.toFixed(3));
  return r;
}

describe("standard errors of sampled explanations match the spread over repeated samples", () => {
  const draws = samples();

  test("PD at each grid point: sd of the ICE values / √n · √(1 − n/N)", async () => {
    const grid = { values: [-0.5, 0.5, 1.5] };
    const runs = await Promise.all(draws.map((d) => effects(reg, d, "x2", { grid, rows: [], population: N })));
    grid.values.forEach((_, k) => {
      const r = ratio(runs.map((e) => e.pdp.values.average[k]), runs.map((e) => (e.pdp.se as number[])[k]));
      expect(r, `grid point ${k}`).toBeGreaterThan(0.7);
      expect(r, `grid point ${k}`).toBeLessThan(1.4);
    });
  });

  test("permutation importance: from the per-row loss differences (rmse and 1-auc)", async () => {
    for (const [model, target, loss] of [[reg, "y", "rmse"], [cls, "c", "1-auc"]] as const) {
      const runs = await Promise.all(draws.map((d, s) => importance(model, d, { target, loss, features, repeats: 3, seed: s, population: N })));
      for (const f of ["x1", "x2"]) {
        const of = runs.map((e) => e.values.features.find((q) => q.feature === f)!);
        const r = ratio(of.map((q) => q.dropout), of.map((q) => q.se!));
        expect(r, `${loss} ${f}`).toBeGreaterThan(0.7);
        expect(r, `${loss} ${f}`).toBeLessThan(1.4);
      }
      expect(runs[0].se).toEqual(runs[0].values.features.map((q) => q.se));
      expect(runs[0].params.sample).toEqual({ rows: n, of: N });
    }
  });

  test("performance metrics: by the delta method (AUC by DeLong's placements)", async () => {
    const c = await Promise.all(draws.map((d) => modelPerformance(cls, d, { target: "c", population: N })));
    for (const m of ["auc", "logLoss", "brier", "accuracy"]) {
      const r = ratio(c.map((e) => (e.values as any)[m]), c.map((e) => (e.se as Record<string, number>)[m]));
      expect(r, m).toBeGreaterThan(0.7);
      expect(r, m).toBeLessThan(1.4);
    }
    const g = await Promise.all(draws.map((d) => modelPerformance(reg, d, { target: "y", population: N })));
    for (const m of ["rmse", "mae", "r2"]) {
      const r = ratio(g.map((e) => (e.values as any)[m]), g.map((e) => (e.se as Record<string, number>)[m]));
      expect(r, m).toBeGreaterThan(0.7);
      expect(r, m).toBeLessThan(1.4);
    }
  });

  test("ALE: each accumulated effect (relative to the first edge) from the bins' local differences", async () => {
    const runs = await Promise.all(draws.map((d) => ale(reg, d, "x3", { population: N })));
    const edges = (runs[0].values as { edges: number[] }).edges;
    expect(edges).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const k of [1, 4, 9]) {
      const r = ratio(runs.map((e) => e.values.ale[k] - e.values.ale[0]), runs.map((e) => (e.se as number[])[k]));
      expect(r, `edge ${k}`).toBeGreaterThan(0.7);
      expect(r, `edge ${k}`).toBeLessThan(1.4);
    }
    expect((runs[0].se as number[])[0]).toBe(0);
  });
});

describe("sampling-error formulas", () => {
  test("a sample that is the whole table has no sampling error", () => {
    expect(meanSe([1, 2, 3, 4], 4)).toBe(0);
    expect(meanSe([1, 2, 3, 4], Infinity)).toBeCloseTo(Math.sqrt(5 / 3 / 4), 14);
    expect(() => checkPopulation(10, 20)).toThrow(/population must be a whole number ≥ the 20 rows/);
  });

  test("the AUC influence gives DeLong's variance (pairs counted directly)", () => {
    const r = rng(3), m = 300;
    const y = Float64Array.from({ length: m }, () => (r() < 0.3 ? 1 : 0));
    // rounded scores, so ties occur and count ½
    const p = Float64Array.from(y, (v) => Math.round((v * 0.8 + r()) * 20) / 20);
    const pos = [...y.keys()].filter((i) => y[i] === 1), neg = [...y.keys()].filter((i) => y[i] === 0);
    const psi = (a: number, b: number) => (a > b ? 1 : a === b ? 0.5 : 0);
    const v10 = pos.map((i) => mean(neg.map((j) => psi(p[i], p[j]))));
    const v01 = neg.map((j) => mean(pos.map((i) => psi(p[i], p[j]))));
    const delong = Math.sqrt(sd(v10) ** 2 / pos.length + sd(v01) ** 2 / neg.length);
    expect(metricSe("auc", y, p, Infinity) / delong).toBeGreaterThan(0.99);
    expect(metricSe("auc", y, p, Infinity) / delong).toBeLessThan(1.01);
    // 1 − AUC moves opposite to AUC by the same amount
    const z = influence("auc", y, p), w = influence("1-auc", y, p);
    z.forEach((v, i) => expect(w[i]).toBe(-v));
  });
});
