// @vitest-environment happy-dom
// The SHAP panel says in which space its values add up: tree SHAP of a boosted classifier sums to
// the margin (log-odds), which a reader must not take for the probabilities of the other panels.
import { readFileSync } from "node:fs";
import * as aq from "arquero";
import { describe, expect, test } from "vitest";
import { toBatch } from "../../../src/data/index";
import { loadModel } from "../../../src/model/index";
import type { Batch, Predictor } from "../../../src/model/types";
import { oneRow } from "../../../src/ui/panels/panel-grid";
import { defaultExplainers, PANELS, type PanelContext } from "../../../src/ui/panels/panels";
import { withTrustLine } from "../../../src/ui/panels/trust-checks";
import { shap } from "../../../src/explain/index";

async function model(dir: string, name: string): Promise<Predictor> {
  return loadModel(readFileSync(`${dir}/${name}.onnx`), { card: JSON.parse(readFileSync(`${dir}/${name}.card.json`, "utf8")) });
}

function context(m: Predictor, data: Batch, target: string): PanelContext {
  const observation = Object.fromEntries(Object.entries(data.columns).map(([k, col]) => [k, col[0]]));
  return {
    models: [m], data, target, features: m.features, feature: m.features[0], observation, observationBatch: oneRow(data, observation),
    row: 0, explainers: defaultExplainers, signal: new AbortController().signal, onProgress: () => {}, width: 400,
  };
}

const shapPanel = PANELS.find((p) => p.id === "shap")!;

describe("the SHAP panel", () => {
  test("labels the axis of a boosted classifier's tree SHAP as margin (log-odds), not probability", async () => {
    const gbm = await model("data/models/credit", "gbm");
    const data = toBatch(aq.fromCSV(readFileSync("data/credit.csv", "utf8")).slice(0, 150), [...gbm.features, "Status"]);
    const element = await shapPanel.run(context(gbm, data, "Status"));
    expect(element.textContent).toContain("margin (log-odds), not probability");
  });

  test("keeps the plain prediction axis for a regressor, whose SHAP values add up to the prediction itself", async () => {
    const gbm = await model("data/models/synthetic", "y-gbm");
    const data = toBatch(aq.fromCSV(readFileSync("data/synthetic.csv", "utf8")).slice(0, 150), [...gbm.features, "y"]);
    const element = await shapPanel.run(context(gbm, data, "y"));
    expect(element.textContent).not.toContain("log-odds");
    expect(element.textContent).toContain("prediction");
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
