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
});
