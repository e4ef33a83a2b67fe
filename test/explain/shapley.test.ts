import { describe, expect, it } from "vitest";
import { exactShapley, observationBatch, shapleyWeights } from "../../src/explain/shapley";
import { ExplainError } from "../../src/explain/errors";
import { closedForm, uniformData } from "./closed-form";

const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);

describe("exactShapley(model, x, background) — all 2^p coalitions", () => {
  it("equals the closed form for f = x1·x2 + x3 (interventional, over the background)", async () => {
    const f = closedForm("f", ["x1", "x2", "x3"], (r) => (r.x1 as number) * (r.x2 as number) + (r.x3 as number));
    const bg = uniformData(40, ["x1", "x2", "x3"], 5);
    const x = { x1: 1.7, x2: -0.4, x3: 2.5 };
    const b1 = bg.columns.x1 as Float64Array, b2 = bg.columns.x2 as Float64Array, b3 = bg.columns.x3 as Float64Array;
    const Eb1 = mean(b1), Eb2 = mean(b2), Eb3 = mean(b3), Eb1b2 = mean(b1.map((v, i) => v * b2[i]));
    // v(∅) = E[b1b2] + E[b3], v({1}) = x1E[b2] + E[b3], v({2}) = E[b1]x2 + E[b3], v({1,2}) = x1x2 + E[b3]
    const phi1 = 0.5 * (x.x1 * Eb2 - Eb1b2) + 0.5 * (x.x1 * x.x2 - Eb1 * x.x2);
    const phi2 = 0.5 * (Eb1 * x.x2 - Eb1b2) + 0.5 * (x.x1 * x.x2 - x.x1 * Eb2);
    const r = await exactShapley(f, observationBatch(x, f.features, bg), bg);
    expect(r.values[0]).toBeCloseTo(phi1, 12);
    expect(r.values[1]).toBeCloseTo(phi2, 12);
    expect(r.values[2]).toBeCloseTo(x.x3 - Eb3, 12);
    expect(r.base).toBeCloseTo(Eb1b2 + Eb3, 12);
    expect(r.prediction).toBeCloseTo(x.x1 * x.x2 + x.x3, 12);
  });

  it("is efficient: Σφ = f(x) − E[f] to 1e-9 on a 7-feature nonlinear function", async () => {
    const feats = ["a", "b", "c", "d", "e", "g", "h"];
    const f = closedForm("f", feats, (r) => {
      const v = feats.map((k) => r[k] as number);
      return Math.sin(v[0] * v[1]) + Math.exp(v[2] / 3) * v[3] + Math.max(v[4], v[5]) - v[6] ** 2;
    });
    const bg = uniformData(30, feats, 9);
    const r = await exactShapley(f, observationBatch({ a: 0.3, b: 2, c: 1, d: -1, e: 4, g: 0.5, h: 1.5 }, feats, bg), bg);
    expect(Math.abs(sum(r.values) - (r.prediction - r.base))).toBeLessThan(1e-9);
  });

  it("sends one batch of 2^p × background rows in one predict call", async () => {
    const f = closedForm("f", ["a", "b", "c", "d"], (r) => (r.a as number) + (r.b as number) * (r.c as number) - (r.d as number));
    const bg = uniformData(25, ["a", "b", "c", "d"]);
    const r = await exactShapley(f, observationBatch({ a: 1, b: 1, c: 1, d: 1 }, f.features, bg), bg);
    expect(f.calls).toBe(1);
    expect(f.evaluated).toBe(16 * 25);
    expect(r.evaluations).toBe(16 * 25);
  });

  it("handles a categorical feature: φ_c = effect · (1[x_c = a] − share of a in the background)", async () => {
    const f = closedForm("f", ["c", "x"], (r) => (r.c === "a" ? 2 : 0) + (r.x as number));
    const bg = { n: 4, columns: { c: ["a", "b", "b", "b"], x: new Float64Array([0, 1, 2, 3]) } };
    const r = await exactShapley(f, observationBatch({ c: "a", x: 5 }, f.features, bg), bg);
    expect(r.values[0]).toBeCloseTo(2 * (1 - 0.25), 12);
    expect(r.values[1]).toBeCloseTo(5 - 1.5, 12);
  });

  it("refuses more than 12 features, suggesting 'permutation' or 'kernel'", async () => {
    const feats = Array.from({ length: 13 }, (_, i) => `x${i}`);
    const f = closedForm("wide", feats, () => 0);
    const bg = uniformData(2, feats);
    const x = Object.fromEntries(feats.map((k) => [k, 0]));
    await expect(exactShapley(f, observationBatch(x, feats, bg), bg)).rejects.toThrow(ExplainError);
    await expect(exactShapley(f, observationBatch(x, feats, bg), bg)).rejects.toThrow(/13 features.*'permutation' or 'kernel'/);
    expect(f.calls).toBe(0);
  });
});

describe("shapleyWeights(p)", () => {
  it("gives weights s!(p−s−1)!/p! that sum to 1 over all coalitions without the feature", () => {
    for (const p of [1, 2, 5, 12]) {
      const w = shapleyWeights(p);
      let total = 0, binom = 1;
      for (let s = 0; s < p; s++) { total += binom * w[s]; binom = (binom * (p - 1 - s)) / (s + 1); }
      expect(total).toBeCloseTo(1, 12);
    }
    expect(shapleyWeights(3)[1]).toBeCloseTo(1 / 6, 15); // 1!·1!/3!
  });
});
