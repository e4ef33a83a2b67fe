// Views of the next questions: what a person must be able to read off each of them.
import { describe, expect, test } from "vitest";
import { counterfactuals, shapRows, strongestInteraction, thresholds } from "../../src/explain/index";
import { stability } from "../../src/explain/checks/index";
import { counterfactualView, shapDependencePlot, shapSummaryPlot, thresholdPlot, trustLine } from "../../src/plots/index";
import { closedForm, uniformData } from "../explain/closed-form";
import { newDocument } from "./snapshot";

const document = newDocument();
const features = ["x1", "x2", "x3"];
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const data = uniformData(240, features, 9);
const group = Array.from({ length: data.n }, (_, i) => (i % 3 === 0 ? "a" : "b"));
const y = Float64Array.from({ length: data.n }, (_, i) => ((data.columns.x1[i] as number) > 0.5 ? 1 : 0));
const withY = { n: data.n, columns: { ...data.columns, g: group, y } };
const m1 = closedForm("m1", features, (r) => sigmoid(2 * ((r.x1 as number) - 0.5)), { task: "classification" });
const m2 = closedForm("m2", features, (r) => sigmoid((r.x1 as number) + (r.x2 as number) - 2), { task: "classification" });

describe("thresholdPlot", () => {
  test("one confusion matrix per model with its four counts, and group bars per model", async () => {
    const t = await thresholds([m1, m2], withY, { target: "y", groupBy: "g" });
    const el = thresholdPlot(t, { document });
    const text = el.textContent!;
    for (const r of t) expect(text).toContain(`TP ${r.values.at.tp}`);
    expect(text).toContain("Confusion at 0.5: m1");
    expect(text).toContain("By g, at threshold 0.5");
    expect(text).toMatch(/least [\d.]+ at [\d.]+/);
    // bars: 2 groups × 3 metrics × 2 models (none NaN here)
    const bars = el.querySelectorAll("figure:last-child g[aria-label='bar'] rect");
    expect(bars.length).toBe(12);
  });
});

describe("counterfactualView", () => {
  test("lists every change as old → new, every model's score with ✓/✗, and the target", async () => {
    const cf = await counterfactuals([m1, m2], withY, { row: 0, required: 1 });
    const el = counterfactualView(cf, { document });
    const rows = el.querySelectorAll("table.cx-counterfactuals")[0].querySelectorAll("tr");
    expect(rows.length).toBe(cf.values.counterfactuals.length + 1);
    expect(el.textContent).toContain("→");
    expect(el.textContent).toMatch(/target: score (≥|<) 0\.5 in 1 of 2 models/);
    expect(el.querySelectorAll("td").length).toBeGreaterThan(0);
  });
  test("says why when nothing is found", async () => {
    const cf = await counterfactuals(m1, withY, { row: 0, fixed: ["x1"] });
    expect(counterfactualView(cf, { document }).textContent).toContain("no change of at most 3 features");
  });
});

describe("SHAP across rows", () => {
  const inter = closedForm("inter", features, (r) => (r.x1 as number) * (r.x2 as number) + 0.3 * (r.x3 as number));
  test("the summary plot draws one dot per row and feature, features by mean |SHAP|, tagged with the row", async () => {
    const r = await shapRows(inter, data, { rows: 60, method: "exact", background: 30 });
    expect(r.values.rows.length).toBe(60);
    const el = shapSummaryPlot(r, { document });
    expect(el.querySelectorAll("circle[data-row]").length).toBe(60 * 3);
    const ticks = Array.from(el.querySelectorAll("g[aria-label='y-axis tick label'] text")).map((t) => t.textContent);
    const byMean = features.map((f, j) => [f, r.values.meanAbs[j]] as const).sort((a, b) => b[1] - a[1]).map(([f]) => f);
    expect(ticks).toEqual(byMean);
  });
  test("the dependence plot is coloured by the feature interacting most (x2 for x1 in x1·x2)", async () => {
    const r = await shapRows(inter, data, { rows: 120, method: "exact", background: 30 });
    expect(strongestInteraction(r.values, "x1")).toBe("x2");
    const el = shapDependencePlot(r, { document, feature: "x1" });
    expect(el.textContent).toContain("colour: x2 (strongest interaction)");
    expect(el.querySelectorAll("circle[data-row]").length).toBe(120);
  });
});

describe("trustLine", () => {
  test("one line naming each check and its finding", async () => {
    const { shap } = await import("../../src/explain/index");
    const s = await stability((seed) => shap(m1, data, { row: 1, method: "permutation", samples: 4, seed }), { runs: 2 });
    expect(trustLine(s, { document }).textContent).toMatch(/^How much to trust this: stability: top feature x\d in \d of 2 runs/);
  });
});
