// @vitest-environment happy-dom
// The SHAP panel computes in the scale the grid shows (probability or log-odds of the chosen class)
// and names it on the axis: tree SHAP of a boosted classifier sums to the margin (log-odds), so in
// probability the panel explains the probability through the model instead, never mixing the two.
import { readFileSync } from "node:fs";
import * as aq from "arquero";
import { describe, expect, test } from "vitest";
import { toBatch } from "../../../src/data/index";
import { loadModel } from "../../../src/model/index";
import type { Batch, Predictor } from "../../../src/model/types";
import { oneRow } from "../../../src/ui/panels/panel-grid";
import { defaultExplainers, PANELS, type PanelContext } from "../../../src/ui/panels/panels";
import { breakdown, shap, type BreakdownValues, type ShapValues } from "../../../src/explain/index";
import type { Explanation } from "../../../src/explain/types";
import { fixtureData, onnxPath, exporterFixtures } from "../../explain/exporters";
import { withTrustLine } from "../../../src/ui/panels/trust-checks";
import { scalesFor, type Scale } from "../../../src/ui/panels/scale";

async function model(dir: string, name: string): Promise<Predictor> {
  return loadModel(readFileSync(`${dir}/${name}.onnx`), { card: JSON.parse(readFileSync(`${dir}/${name}.card.json`, "utf8")) });
}

function context(m: Predictor, data: Batch, target: string, scale: Scale = scalesFor([m])[0]): PanelContext {
  const observation = Object.fromEntries(Object.entries(data.columns).map(([k, col]) => [k, col[0]]));
  return {
    models: [m], data, target, features: m.features, feature: m.features[0], observation, observationBatch: oneRow(data, observation),
    row: 0, explainers: defaultExplainers, signal: new AbortController().signal, onProgress: () => {}, width: 400,
    positiveClass: m.positiveClass, scale,
  };
}

const shapPanel = PANELS.find((p) => p.id === "shap")!;
const breakdownPanel = PANELS.find((p) => p.id === "breakdown")!;

/** Runs the SHAP and break-down panels on the same observation, keeping the explanations they drew. */
async function bothPanels(m: Predictor, data: Batch, target: string, row: number, scale?: Scale) {
  const seen: { shap?: Explanation<ShapValues>; breakdown?: Explanation<BreakdownValues> } = {};
  const explainers = {
    ...defaultExplainers,
    shap: (async (...a: Parameters<typeof shap>) => { const r = await shap(...a); seen.shap = (r as Explanation<ShapValues>[])[0]; return r; }) as typeof shap,
    breakdown: (async (...a: Parameters<typeof breakdown>) => {
      const r = await breakdown(...a); seen.breakdown = (r as Explanation<BreakdownValues>[])[0]; return r;
    }) as typeof breakdown,
  };
  const ctx = { ...context(m, data, target, scale), explainers };
  ctx.observation = Object.fromEntries(Object.entries(data.columns).map(([k, col]) => [k, col[row]]));
  ctx.observationBatch = oneRow(data, ctx.observation);
  const shapElement = await shapPanel.run(ctx);
  await breakdownPanel.run(ctx);
  return { shap: seen.shap!, breakdown: seen.breakdown!, shapElement };
}

describe("the SHAP panel", () => {
  test("a boosted classifier in probability: SHAP of the probability through the model (not TreeSHAP's margin), the class on the axis", async () => {
    const gbm = await model("data/models/credit", "gbm");
    const data = toBatch(aq.fromCSV(readFileSync("data/credit.csv", "utf8")).slice(0, 150), [...gbm.features, "Status"]);
    const element = await shapPanel.run(context(gbm, data, "Status", "probability"));
    expect(element.textContent).toContain(`P(class = ${gbm.positiveClass})`);
    expect(element.textContent).toContain("TreeSHAP is exact only in the trees' margin (a LOGISTIC follows them)");
    expect(element.textContent).not.toContain("log-odds");
    const inLogOdds = await shapPanel.run(context(gbm, data, "Status", "log-odds"));
    expect(inLogOdds.textContent).toContain(`log-odds of ${gbm.positiveClass}`);
    expect(inLogOdds.textContent).not.toContain("P(class");
  });

  test("keeps the plain prediction axis for a regressor, whose SHAP values add up to the prediction itself", async () => {
    const gbm = await model("data/models/synthetic", "y-gbm");
    const data = toBatch(aq.fromCSV(readFileSync("data/synthetic.csv", "utf8")).slice(0, 150), [...gbm.features, "y"]);
    const element = await shapPanel.run(context(gbm, data, "y"));
    expect(element.textContent).not.toContain("log-odds");
    expect(element.textContent).toContain("prediction");
  });

  // skl2onnx writes nodes_hitrates = 1.0: read as covers they gave a base 20× off and bars of the wrong sign
  describe("beside the break-down of the same observation, on skl2onnx tree models", () => {
    const fixture = (name: string) => exporterFixtures().find((f) => f.name === name)!;

    test("a random forest (trees output probabilities): same base, same prediction, and the largest bars agree in sign", async () => {
      const f = fixture("skl_rf_classifier");
      const { data } = await fixtureData(f);
      const m = await loadModel(onnxPath(f), { features: f.features, name: f.name });
      for (const row of [0, 4, 11, 23]) {
        const { shap: s, breakdown: b } = await bothPanels(m, data, f.target, row);
        expect(s.params).toMatchObject({ method: "tree-interventional", space: "probability" });
        expect(b.params.space).toBe("probability");
        expect(Math.abs(s.values.base - b.values.base)).toBeLessThan(1e-6);
        expect(Math.abs(s.values.prediction - b.values.prediction)).toBeLessThan(1e-6);
        const sum = s.values.values.reduce((a, v) => a + v, 0);
        expect(Math.abs(s.values.base + sum - b.values.prediction)).toBeLessThan(1e-6);
        agreeOnLargest(s, b);
      }
      await m.dispose();
    });

    test("a boosted classifier (LOGISTIC), in log-odds: TreeSHAP (its margin, shown as log-odds) equals the break-down's log-odds prediction, signs agree", async () => {
      const f = fixture("skl_gb_classifier");
      const { data } = await fixtureData(f);
      const m = await loadModel(onnxPath(f), { features: f.features, name: f.name });
      for (const row of [0, 4, 11, 23]) {
        const { shap: s, breakdown: b, shapElement } = await bothPanels(m, data, f.target, row, "log-odds");
        expect(s.params).toMatchObject({ method: "tree-interventional", space: "log-odds" });
        expect(shapElement.textContent).toContain(`log-odds of ${m.positiveClass}`);
        expect(Math.abs(s.values.prediction - b.values.prediction)).toBeLessThan(1e-5);
        agreeOnLargest(s, b);
      }
      await m.dispose();
    });

    test("the same classifier in probability: SHAP and break-down both add up to the probability", async () => {
      const f = fixture("skl_gb_classifier");
      const { data } = await fixtureData(f);
      const m = await loadModel(onnxPath(f), { features: f.features, name: f.name });
      const { shap: s, breakdown: b } = await bothPanels(m, data, f.target, 4, "probability");
      expect(s.params).toMatchObject({ method: "exact", space: "probability" });
      expect(Math.abs(s.values.prediction - b.values.prediction)).toBeLessThan(1e-6);
      expect(s.values.prediction).toBeGreaterThan(0);
      expect(s.values.prediction).toBeLessThan(1);
      await m.dispose();
    });

    test("a 3-class boosted model (SOFTMAX), in log-odds of each class: logit(P) through the model, never the softmax margin", async () => {
      const f = fixture("skl_gb_classifier3");
      const { data } = await fixtureData(f);
      const first = await loadModel(onnxPath(f), { features: f.features, name: f.name, class: f.classes![0] });
      for (const cls of f.classes!) {
        const m = first.forClass(cls);
        const { shap: s, breakdown: b, shapElement } = await bothPanels(m, data, f.target, 4, "log-odds");
        const p = f.predictions.probability![4][f.classes!.indexOf(cls)];
        expect(s.params.method).toBe("exact");
        expect(Math.abs(s.values.prediction - Math.log(p / (1 - p)))).toBeLessThan(1e-4);
        expect(Math.abs(b.values.prediction - s.values.prediction)).toBeLessThan(1e-9);
        expect(shapElement.textContent).toContain(`log-odds of ${cls}`);
        expect(shapElement.textContent).toContain("a softmax margin is not a class's log-odds");
      }
      await first.dispose();
    });
  });

  test("carries a line saying how much to trust it: faithfulness of the values, and stability for a sampled method", async () => {
    const tree = await model("data/models/synthetic", "y-gbm");
    const data = toBatch(aq.fromCSV(readFileSync("data/synthetic.csv", "utf8")).slice(0, 150), [...tree.features, "y"]);
    const exact = await shapPanel.run(context(tree, data, "y"));
    const line = exact.querySelector(".cx-trust")!.textContent!;
    expect(line).toMatch(/^How much to trust this: faithfulness: deletion in attribution order beats \d+% of 10 random orders/);
    expect(line).toMatch(/SHAP is exact, the same under every seed/);
    // a sampled method (the panel's auto picks one beyond 2^p × background rows) is re-run under other seeds
    const mlp = await model("data/models/synthetic", "y-mlp");
    const ctx = context(mlp, data, "y");
    const r = await shap(mlp, data, { observation: ctx.observation, method: "permutation", samples: 8, background: 30 });
    const sampled = await withTrustLine(ctx, [r], document.createElement("div"));
    expect(sampled.querySelector(".cx-trust")!.textContent).toMatch(/stability: top feature \S+ in \d of 3 runs/);
  });
});

/** The feature with the largest |φ| moves the prediction the same way in the break-down (its single-feature step). */
function agreeOnLargest(s: Explanation<ShapValues>, b: Explanation<BreakdownValues>): void {
  const v = s.values;
  const top = v.features.map((_, j) => j).sort((i, j) => Math.abs(v.values[j]) - Math.abs(v.values[i]))[0];
  if (Math.abs(v.values[top]) < 1e-9) return;
  const step = b.values.steps.find((st) => st.features.includes(v.features[top]));
  expect(step, `break-down has a step for ${v.features[top]}`).toBeDefined();
  expect(Math.sign(step!.contribution)).toBe(Math.sign(v.values[top]));
}
