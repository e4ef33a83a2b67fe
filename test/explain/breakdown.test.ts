import { describe, expect, it } from "vitest";
import { breakdown } from "../../src/explain/breakdown";
import { ExplainError } from "../../src/explain/errors";
import { closedForm, uniformData } from "./closed-form";

const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
const feats = ["x1", "x2", "x3"];
const bg = uniformData(40, feats, 3);
const col = (f: string) => bg.columns[f] as Float64Array;

describe("breakdown(model, data, {row | observation}) — additive models", () => {
  // f = 2·x1 + x2² − 3·x3: each feature's own effect is g_j(x_j) − mean of g_j over the background
  const g: Record<string, (v: number) => number> = { x1: (v) => 2 * v, x2: (v) => v * v, x3: (v) => -3 * v };
  const f = () => closedForm("add", feats, (r) => feats.reduce((s, k) => s + g[k](r[k] as number), 0));
  const x = { x1: 1.9, x2: 0.2, x3: 2.5 };
  const own = Object.fromEntries(feats.map((k) => [k, g[k](x[k as keyof typeof x]) - mean(col(k).map(g[k]))]));

  it("gives each feature its own effect, whatever the order (greedy and two fixed orders)", async () => {
    for (const order of [undefined, ["x3", "x1", "x2"], ["x2", "x3", "x1"]]) {
      const r = await breakdown(f(), bg, { observation: x, background: bg, order });
      for (const step of r.values.steps) expect(step.contribution).toBeCloseTo(own[step.label], 12);
      if (order) expect(r.values.ordering).toEqual(order);
    }
  });

  it("orders steps greedily by the size of each feature's effect alone", async () => {
    const r = await breakdown(f(), bg, { observation: x, background: bg });
    const expected = [...feats].sort((a, b) => Math.abs(own[b]) - Math.abs(own[a]));
    expect(r.values.ordering).toEqual(expected);
    expect(r.params.ordering).toBe("greedy by |single effect|");
  });

  it("walks from the background mean to the prediction: cumulative sums of contributions", async () => {
    const m = f();
    const r = await breakdown(m, bg, { observation: x, background: bg });
    const preds = await m.predict(bg);
    expect(r.values.base).toBeCloseTo(mean(preds), 12);
    expect(r.values.prediction).toBeCloseTo(feats.reduce((s, k) => s + g[k](x[k as keyof typeof x]), 0), 12);
    let c = r.values.base;
    for (const step of r.values.steps) { c += step.contribution; expect(step.cumulative).toBeCloseTo(c, 12); }
    expect(c).toBeCloseTo(r.values.prediction, 12);
    expect(r.values.steps.map((s) => s.value)).toEqual(r.values.ordering.map((k) => [x[k as keyof typeof x]]));
  });

  it("makes one predict call per stage: two greedy, one with a fixed order", async () => {
    const m1 = f(), m2 = f();
    const a = await breakdown(m1, bg, { observation: x, background: bg });
    const b = await breakdown(m2, bg, { observation: x, background: bg, order: feats });
    expect(m1.calls).toBe(2);
    expect(m2.calls).toBe(1);
    expect(a.evaluations).toBe((1 + 3) * 40 + (1 + 3) * 40);
    expect(b.evaluations).toBe(4 * 40);
  });

  it("reports no pair for an additive model even when interactions are considered", async () => {
    const r = await breakdown(f(), bg, { observation: x, background: bg, interactions: true });
    expect(r.values.steps.every((s) => s.features.length === 1)).toBe(true);
  });
});

describe("breakdown — the interaction-aware variant (iBreakDown)", () => {
  // f = x1 + x2·x3, a planted interaction; x2 and x3 sit far from their background means
  const m = () => closedForm("inter", feats, (r) => (r.x1 as number) + (r.x2 as number) * (r.x3 as number));
  const x = { x1: 0.5, x2: 2.9, x3: 3.9 };

  it("makes x2:x3 one step whose contribution is their joint effect given the earlier steps", async () => {
    const r = await breakdown(m(), bg, { observation: x, background: bg, interactions: true });
    const pair = r.values.steps.find((s) => s.label === "x2:x3");
    expect(pair).toBeDefined();
    expect(pair!.features).toEqual(["x2", "x3"]);
    expect(pair!.value).toEqual([2.9, 3.9]);
    expect(r.values.steps).toHaveLength(2);
    // x1 is additive, so the pair's contribution is x2·x3 − E[b2·b3] whatever its position
    expect(pair!.contribution).toBeCloseTo(x.x2 * x.x3 - mean(col("x2").map((v, i) => v * col("x3")[i])), 12);
    expect(r.params.method).toBe("break-down with interactions");
    expect(typeof r.params.tolerance).toBe("number");
  });

  it("the additive variant does not report the pair; its order-dependent split of x2·x3 still sums up", async () => {
    const r = await breakdown(m(), bg, { observation: x, background: bg });
    expect(r.values.steps.map((s) => s.label).sort()).toEqual(feats);
    const total = r.values.steps.reduce((s, st) => s + st.contribution, 0);
    expect(total).toBeCloseTo(r.values.prediction - r.values.base, 12);
  });

  it("keeps singles when the tolerance exceeds the interaction", async () => {
    const r = await breakdown(m(), bg, { observation: x, background: bg, interactions: true, tolerance: 1e6 });
    expect(r.values.steps.every((s) => s.features.length === 1)).toBe(true);
  });

  it("accepts a pair in a fixed order", async () => {
    const r = await breakdown(m(), bg, { observation: x, background: bg, order: ["x2:x3", "x1"] });
    expect(r.values.ordering).toEqual(["x2:x3", "x1"]);
    expect(r.values.steps[1].contribution).toBeCloseTo(x.x1 - mean(col("x1")), 12);
  });
});

describe("breakdown — inputs", () => {
  const m = closedForm("m", feats, (r) => (r.x1 as number) - (r.x2 as number) + (r.x3 as number));

  it("rejects a fixed order that misses or misspells a feature, saying which", async () => {
    await expect(breakdown(m, bg, { row: 0, order: ["x1", "x2"] })).rejects.toThrow(/leaves out `x3`/);
    await expect(breakdown(m, bg, { row: 0, order: ["x1", "x2", "x4"] })).rejects.toThrow(ExplainError);
    await expect(breakdown(m, bg, { row: 0, order: ["x1", "x2", "x4"] })).rejects.toThrow(/`x4`, which model `m` does not read/);
    await expect(breakdown(m, bg, { row: 0, order: ["x1", "x2", "x3", "x1"] })).rejects.toThrow(/`x1` twice/);
  });

  it("reports rising progress up to 1, and throws an AbortError when its signal is aborted", async () => {
    const seen: number[] = [];
    await breakdown(closedForm("p", feats, (r) => r.x1 as number, { chunk: 20 }), bg, { row: 0, background: bg, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
    expect(seen[seen.length - 1]).toBe(1);
    const controller = new AbortController();
    const slow = closedForm("slow", feats, (r) => r.x1 as number, { chunk: 10 });
    const running = breakdown(slow, bg, { row: 0, background: bg, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(running).rejects.toMatchObject({ name: "AbortError" });
    expect(slow.evaluated).toBeLessThan(4 * 40);
  });

  it("handles a categorical feature: its contribution is effect · (1[x = level] − share of the level)", async () => {
    const cat = closedForm("cat", ["c", "x1"], (r) => (r.c === "a" ? 2 : 0) + (r.x1 as number));
    const data = { n: 4, columns: { c: ["a", "b", "b", "b"], x1: new Float64Array([0, 1, 2, 3]) } };
    const r = await breakdown(cat, data, { observation: { c: "a", x1: 0 }, background: data });
    const step = r.values.steps.find((s) => s.label === "c")!;
    expect(step.contribution).toBeCloseTo(2 * (1 - 0.25), 12);
    expect(step.value).toEqual(["a"]);
  });

  it("explains a row of the data, labelled with its index, and a set of models", async () => {
    const m2 = closedForm("m2", ["x1"], (r) => 3 * (r.x1 as number));
    const rs = await breakdown([m, m2], bg, { row: 5, background: 10 });
    expect(rs.map((r) => [r.model, r.observation])).toEqual([["m", 5], ["m2", 5]]);
    // both linear in x1 against the same background: contributions 1 : 3
    const c = rs[0].values.steps.find((s) => s.label === "x1")!.contribution;
    expect(c).not.toBe(0);
    expect(rs[1].values.steps[0].contribution).toBeCloseTo(3 * c, 12);
  });
});
