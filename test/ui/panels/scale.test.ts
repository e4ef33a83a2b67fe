// The one scale of the local explanations: which scales a set of models offers, how each is named on
// an axis, and which predictor each explainer is handed so that its values are in that scale.
import { describe, expect, test } from "vitest";
import { loadModel } from "../../../src/model/index";
import type { Predictor } from "../../../src/model/types";
import {
  clampNote, contributionLabel, logOdds, LOGIT_EPSILON, planFor, scaleLabel, scalesFor, spaceMismatch, withoutTrees,
} from "../../../src/ui/panels/scale";
import { exporterFixtures, onnxPath } from "../../explain/exporters";

const constant = (task: Predictor["task"], values: number[]): Predictor => ({
  name: "m", features: ["x"], task, positiveClass: task === "classification" ? "bad" : undefined,
  predict: async () => Float64Array.from(values),
});
const fixture = (name: string) => exporterFixtures().find((f) => f.name === name)!;

describe("scalesFor / scaleLabel / contributionLabel", () => {
  test("classifiers offer probability then log-odds; regressors, or a set mixing both, only the response", () => {
    expect(scalesFor([constant("classification", [0.5])])).toEqual(["probability", "log-odds"]);
    expect(scalesFor([constant("regression", [1])])).toEqual(["response"]);
    expect(scalesFor([constant("classification", [0.5]), constant("regression", [1])])).toEqual(["response"]);
  });
  test("every label names the positive class and the scale", () => {
    expect(scaleLabel("probability", "bad")).toBe("P(class = bad)");
    expect(scaleLabel("log-odds", 2)).toBe("log-odds of 2");
    expect(scaleLabel("response", undefined)).toBe("prediction");
    expect(contributionLabel("log-odds", "bad", 1)).toBe("log-odds of bad");
    expect(contributionLabel("probability", "bad", 3)).toBe("contribution to P(class = bad)");
  });
});

describe("logOdds(model)", () => {
  test("returns logit(p); 0 and 1 are held LOGIT_EPSILON from the edge, counted, and said", async () => {
    const m = logOdds(constant("classification", [0.5, 0.9, 0, 1]));
    const z = await m.predict({ n: 4, columns: { x: new Float64Array(4) } });
    expect(z[0]).toBe(0);
    expect(z[1]).toBeCloseTo(Math.log(9), 12);
    expect(z[2]).toBeCloseTo(Math.log(LOGIT_EPSILON / (1 - LOGIT_EPSILON)), 9);
    expect(z[3]).toBeCloseTo(-z[2], 9);
    expect(m.clamped).toBe(2);
    expect(clampNote([m])).toBe("2 probabilities were 0 or 1: held at 0.000001 from the edge (log-odds ±13.8)");
    expect(clampNote([constant("classification", [0.5])])).toBeUndefined();
  });
});

describe("planFor(model, scale, trees): the predictor an explainer gets", () => {
  test("a boosted binary classifier (LOGISTIC trees): its trees for log-odds; without them (the probability through the model) for probability", async () => {
    const f = fixture("skl_gb_classifier");
    const m = await loadModel(onnxPath(f), { features: f.features, name: f.name });
    expect((await planFor(m, "log-odds", true)).model).toBe(m);
    const p = await planFor(m, "probability", true);
    expect("treeEnsemble" in p.model).toBe(false);
    expect(p.note).toBe(`${f.name}: TreeSHAP is exact only in the trees' margin (a LOGISTIC follows them); SHAP of the probability is computed through the model instead`);
    // model-agnostic explainers (break-down, ICE) take the model as it is in probability, its logit in log-odds
    expect((await planFor(m, "probability", false)).model).toBe(m);
    expect((await planFor(m, "log-odds", false)).model).toMatchObject({ inner: m });
    await m.dispose();
  });
  test("a random forest (no transform after its trees) keeps them in probability; in log-odds it is logit-wrapped", async () => {
    const f = fixture("skl_rf_classifier");
    const m = await loadModel(onnxPath(f), { features: f.features, name: f.name });
    expect(await planFor(m, "probability", true)).toEqual({ model: m });
    expect((await planFor(m, "log-odds", true)).model).toMatchObject({ inner: m });
    await m.dispose();
  });
  test("a softmax ensemble in log-odds is logit-wrapped, saying why its margin will not do", async () => {
    const f = fixture("skl_gb_classifier3");
    const m = await loadModel(onnxPath(f), { features: f.features, name: f.name, class: f.classes![1] });
    const plan = await planFor(m, "log-odds", true);
    expect(plan.model).toMatchObject({ inner: m });
    expect(plan.note).toContain("a softmax margin is not a class's log-odds");
    await m.dispose();
  });
  test("a regressor is explained as it is, in its response", async () => {
    const m = constant("regression", [1]);
    expect(await planFor(m, "response", true)).toEqual({ model: m });
  });
});

describe("spaceMismatch: a result in another space than the label is refused", () => {
  test("probability wants probability; log-odds wants the trees' margin, or the probability of a logit-wrapped model", () => {
    const m = constant("classification", [0.5]);
    expect(spaceMismatch("probability", m, "probability")).toBeUndefined();
    expect(spaceMismatch("probability", m, "margin")).toBe("m: the values came out in margin space, not probability: not shown, rather than mixed with the other panels");
    expect(spaceMismatch("log-odds", m, "margin")).toBeUndefined();
    expect(spaceMismatch("log-odds", m, "probability")).toMatch(/came out in probability space, not log-odds/);
    expect(spaceMismatch("log-odds", logOdds(m), "probability")).toBeUndefined();
    expect(spaceMismatch("probability", withoutTrees(m), "probability")).toBeUndefined();
  });
});
