import { describe, expect, test } from "vitest";
import { pdp, importance as permutationImportance } from "../../src/explain/index";
import { rashomonSet } from "../../src/explain/rashomon/index";
import {
  check, checkAll, effectSign, hypothesisReport, importance, interaction, isHypothesisResult, monotone, moreImportant, predictionSide, slicePerformance,
} from "../../src/hypotheses/index";
import { closedForm } from "../explain/closed-form";
import { family, FEATURES, poorCandidates, syntheticBatch, truth } from "../explain/rashomon/family";

const data = syntheticBatch(600);
const x = (r: Record<string, number | string>, f: string) => r[f] as number;
const truthModel = closedForm("truth", FEATURES, truth);
const square = closedForm("square", FEATURES, (r) => x(r, "x1") ** 2);
const falling = closedForm("falling", FEATURES, (r) => -3 * x(r, "x1"));
const wiggle = closedForm("wiggle", FEATURES, (r) => 3 * x(r, "x1") + 0.2 * Math.sin(60 * x(r, "x1")));
const byGroup = closedForm("by-group", [...FEATURES, "group"], (r) => ({ a: 0, b: 1, c: 2 } as Record<string, number>)[r.group as string]);

describe("check(monotone(feature, direction, {on, tolerance}), models, data)", () => {
  test("the monotone hypothesis on x1 holds in every member of the Rashomon set", async () => {
    const set = await rashomonSet([...family(), ...poorCandidates()], data, { target: "y", epsilon: 0.05 });
    const r = await check(monotone("x1", "increasing", { expected: true }), set, data);
    expect(r).toMatchObject({ holds: set.members.length, of: set.members.length, verdict: "holds", failing: [] });
    expect(r.hypothesis.text).toBe("effect of x1 is increasing (PD, tolerance 0)");
  });

  test("fails for a U-shaped effect, with the worst step and where it is as evidence", async () => {
    const r = await check(monotone("x1", "increasing", { resolution: 11 }), square, data);
    expect(r.verdict).toBe("fails");
    const e = r.perModel[0].evidence as { worstStep: number; from: number; to: number };
    const curve = await pdp(square, data, "x1", { grid: { size: 11 } });
    const steps = curve.values.average.slice(1).map((v, k) => v - curve.values.average[k]);
    expect(e.worstStep).toBeCloseTo(Math.min(...steps), 12);
    expect(e.to).toBeLessThan(0);
  });

  test("decreasing holds for a falling effect, and on ALE as well as PD", async () => {
    expect((await check(monotone("x1", "decreasing"), falling, data)).verdict).toBe("holds");
    expect((await check(monotone("x1", "decreasing", { on: "ale" }), falling, data)).verdict).toBe("holds");
    expect((await check(monotone("x1", "increasing", { on: "ale" }), falling, data)).verdict).toBe("fails");
  });

  test("the tolerance forgives small steps against the direction and no larger ones", async () => {
    const strict = await check(monotone("x1", "increasing", { resolution: 200 }), wiggle, data);
    expect(strict.verdict).toBe("fails");
    const worst = -(strict.perModel[0].evidence.worstStep as number);
    expect((await check(monotone("x1", "increasing", { resolution: 200, tolerance: worst * 1.01 }), wiggle, data)).verdict).toBe("holds");
    expect((await check(monotone("x1", "increasing", { resolution: 200, tolerance: worst * 0.99 }), wiggle, data)).verdict).toBe("fails");
  });

  test("a mixed set gives k of m, a 'mixed' verdict and the failing models' names", async () => {
    const r = await check(monotone("x1", "increasing"), [truthModel, square, falling], data);
    expect(r).toMatchObject({ holds: 1, of: 3, verdict: "mixed", failing: ["square", "falling"] });
  });

  test("a constant feature, a categorical feature and an unknown feature are refused with a clear message", async () => {
    const flat = { n: data.n, columns: { ...data.columns, x1: new Float64Array(data.n).fill(0.5) } };
    await expect(check(monotone("x1", "increasing"), truthModel, flat)).rejects.toThrow(/`x1` is constant in the data \(always 0.5\)/);
    await expect(check(monotone("group", "increasing"), byGroup, data)).rejects.toThrow(/`group` is categorical/);
    await expect(check(monotone("age", "increasing"), truthModel, data)).rejects.toThrow(/"effect of age is increasing.*unknown feature `age`/);
  });
});

describe("check(effectSign(feature, {from, to}, sign), …)", () => {
  test("PD(to) − PD(from) has the stated sign for numeric features", async () => {
    const pos = await check(effectSign("x1", { from: -0.5, to: 0.5 }, "positive"), truthModel, data);
    expect(pos.verdict).toBe("holds");
    expect(pos.perModel[0].evidence.difference).toBeCloseTo(3, 10);
    expect((await check(effectSign("x1", { from: -0.5, to: 0.5 }, "negative"), truthModel, data)).verdict).toBe("fails");
  });
  test("between two levels of a categorical feature, on PD and on ALE", async () => {
    expect((await check(effectSign("group", { from: "a", to: "c" }, "positive"), byGroup, data)).verdict).toBe("holds");
    const ale = await check(effectSign("group", { from: "a", to: "c" }, "positive", { on: "ale" }), byGroup, data);
    expect(ale.perModel[0].evidence.difference).toBeCloseTo(2, 10);
  });
  test("a level the feature does not have is refused", async () => {
    await expect(check(effectSign("group", { from: "a", to: "z" }, "positive", { on: "ale" }), byGroup, data)).rejects.toThrow(/`z` is not a level/);
  });
});

describe("check(moreImportant(a, b), …) and check(importance(feature, side, threshold), …)", () => {
  test("x1 is more important than the null feature x4, and not the other way round", async () => {
    const r = await check(moreImportant("x1", "x4", { separate: true, repeats: 5 }), truthModel, data, { target: "y" });
    expect(r.verdict).toBe("holds");
    expect(r.perModel[0].evidence.separated).toBe(true);
    expect((await check(moreImportant("x4", "x1", { repeats: 5 }), truthModel, data, { target: "y" })).verdict).toBe("fails");
  });

  test("evidence carries both dropouts as permutation importance computes them", async () => {
    const r = await check(moreImportant("x2", "x3", { repeats: 4, seed: 3 }), truthModel, data, { target: "y" });
    const direct = await permutationImportance(truthModel, data, { target: "y", features: ["x2", "x3"], repeats: 4, seed: 3 });
    const x2 = direct.values.features.find((f) => f.feature === "x2")!;
    expect((r.perModel[0].evidence.x2 as { dropout: number }).dropout).toBeCloseTo(x2.dropout, 12);
  });

  test("the null feature's importance is below a small threshold (dropout) and its reliance is 1 (ratio)", async () => {
    expect((await check(importance("x4", "below", 1e-9), truthModel, data, { target: "y" })).verdict).toBe("holds");
    const ratio = await check(importance("x4", "above", 1.001, { measure: "ratio" }), truthModel, data, { target: "y" });
    expect(ratio.perModel[0].evidence.value).toBeCloseTo(1, 12);
    expect(ratio.verdict).toBe("fails");
    expect((await check(importance("x4", "below", 1.001, { measure: "ratio" }), truthModel, data, { target: "y" })).verdict).toBe("holds");
    expect((await check(importance("x1", "above", 0.5), truthModel, data, { target: "y" })).verdict).toBe("holds");
  });

  test("a constant feature has importance 0, noted in the evidence", async () => {
    const flat = { n: data.n, columns: { ...data.columns, x4: new Float64Array(data.n) } };
    const r = await check(importance("x4", "below", 1e-12), truthModel, flat, { target: "y" });
    expect(r.verdict).toBe("holds");
    expect(r.perModel[0].evidence.note).toMatch(/constant/);
  });

  test("without a target the hypothesis says what to pass", async () => {
    await expect(check(importance("x1", "above", 0), truthModel, data)).rejects.toThrow(/needs the outcome: pass \{ target/);
  });
});

describe("check(interaction(a, b, {above}), …)", () => {
  test("the planted x2:x3 interaction is above 0.5 in every member; x1:x2 is not above 0.01", async () => {
    const members = family();
    expect((await check(interaction("x2", "x3", { above: 0.5, rows: 40 }), members, data)).verdict).toBe("holds");
    expect((await check(interaction("x1", "x2", { above: 0.01, rows: 40 }), members, data)).verdict).toBe("fails");
  });
});

describe("check(slicePerformance(condition, {within, metric}), …)", () => {
  test("the noisy subgroup group = c is not within 0.1 of overall rmse; an unrelated slice is", async () => {
    const noisy = await check(slicePerformance("group = c", { within: 0.1 }), truthModel, data, { target: "y" });
    expect(noisy.verdict).toBe("fails");
    expect(noisy.perModel[0].evidence.slice).toBeGreaterThan(noisy.perModel[0].evidence.overall as number);
    expect((await check(slicePerformance("x4 > 0", { within: 0.1, metric: "rmse" }), truthModel, data, { target: "y" })).verdict).toBe("holds");
  });
  test("a slice no row meets and a malformed condition are refused", async () => {
    await expect(check(slicePerformance("x4 > 5", { within: 0.1 }), truthModel, data, { target: "y" })).rejects.toThrow(/no rows meet x4 > 5/);
    expect(() => slicePerformance("x4 >> 5", { within: 0.1 })).toThrow(/cannot read the condition/);
  });
});

describe("check(predictionSide(observation, side, threshold), …)", () => {
  test("by row index and for an edited observation", async () => {
    const row = 5, p = truth(Object.fromEntries(FEATURES.map((f) => [f, (data.columns[f] as Float64Array)[row]])));
    expect((await check(predictionSide(row, "above", p - 1e-6), truthModel, data)).verdict).toBe("holds");
    expect((await check(predictionSide(row, "below", p - 1e-6), truthModel, data)).verdict).toBe("fails");
    const edited = { x1: 1, x2: 1, x3: 1, x4: 0, x5: 0 };
    const r = await check(predictionSide(edited, "above", 4.9), truthModel, data);
    expect(r.perModel[0].evidence.prediction).toBe(5);
    expect(r.hypothesis.text).toMatch(/^prediction for \{x1: 1, x2: 1, x3: 1, x4: 0, …\} is above 4.9$/);
  });
  test("a row outside the data is refused", async () => {
    await expect(check(predictionSide(10_000, "above", 0), truthModel, data)).rejects.toThrow(/row 10000 is outside the data/);
  });
});

describe("hypothesisReport(results)", () => {
  test("shows k of m, the failing models, and which expected hypotheses are violated", async () => {
    const results = await checkAll([
      monotone("x1", "increasing", { expected: true }),
      monotone("x1", "decreasing"),
    ], [truthModel, square, falling], data);
    const report = hypothesisReport(results);
    expect(report.text).toContain("effect of x1 is increasing (PD, tolerance 0): holds in 1 of 3 models; fails in square, falling  [EXPECTED — VIOLATED]");
    expect(report.rows.map((r) => [r.holds, r.of, r.verdict])).toEqual([[1, 3, "mixed"], [1, 3, "mixed"]]);
    expect(report.violated.map((r) => r.text)).toEqual(["effect of x1 is increasing (PD, tolerance 0)"]);
    expect(results.every(isHypothesisResult)).toBe(true);
    expect(isHypothesisResult({ hypothesis: { kind: "x" }, holds: 1 })).toBe(false);
  });
});
