// Structural facts about the rendered plots that hold whatever the snapshots say: bar counts with
// top-k, one legend entry per model, the ICE cap, the linked-panel attributes, readable labels.
import { beforeAll, describe, expect, test } from "vitest";
import * as plots from "../../src/plots/index";
import type { Explanation, PdpValues } from "../../src/explain/index";
import { loadFixtures, wideFeatures, type Fixtures } from "./fixtures";
import { newDocument } from "./snapshot";

let f: Fixtures;
beforeAll(async () => { f = await loadFixtures(); });
const document = () => newDocument();

/** Rects a bar mark drew for features or for an "others" sum. */
function bars(el: Element): Element[] {
  return Array.from(el.querySelectorAll("rect[data-feature], rect[data-others]"));
}
function swatches(el: Element): string[] {
  return Array.from(el.querySelectorAll(".plot-d6a7b5-swatch, [class$='-swatch']")).map((s) => s.textContent?.trim() ?? "");
}

describe("importancePlot(results, options)", () => {
  test("30 features draw top-k bars plus one 'others (n)' bar summing the rest", () => {
    const el = plots.importancePlot(f.importanceWide, { document: document(), topK: 12 });
    const drawn = bars(el);
    expect(drawn).toHaveLength(13);
    const others = el.querySelector("rect[data-others]")!;
    expect(JSON.parse(others.getAttribute("data-others")!)).toHaveLength(30 - 12);
    expect(el.textContent).toContain("others (18)");
    const shown = drawn.filter((r) => r.hasAttribute("data-feature")).map((r) => r.getAttribute("data-feature"));
    const top = f.importanceWide.values.features.slice(0, 12).map((v) => v.feature);
    expect(new Set(shown)).toEqual(new Set(top));
  });

  test("topK changes the number of bars", () => {
    expect(bars(plots.importancePlot(f.importanceWide, { document: document(), topK: 5 }))).toHaveLength(6);
  });

  test("a long feature name is cut with an ellipsis and carried in full in a <title>", () => {
    const el = plots.importancePlot(f.importanceWide, { document: document() });
    const long = wideFeatures[2];
    const label = Array.from(el.querySelectorAll("text[data-feature]")).find((t) => t.getAttribute("data-feature") === long)!;
    expect(label.firstChild!.textContent!.endsWith("…")).toBe(true);
    expect(label.firstChild!.textContent!.length).toBeLessThan(long.length);
    expect(label.querySelector("title")!.textContent).toBe(long);
  });

  test("height grows with the number of bars", () => {
    const height = (el: Element) => Number(el.querySelector("svg[class^=plot-]")!.getAttribute("height"));
    expect(height(plots.importancePlot(f.importanceWide, { document: document(), topK: 20 })))
      .toBeGreaterThan(height(plots.importancePlot(f.importanceWide, { document: document(), topK: 5 })));
  });

  test("two models: one legend entry per model, bars for each model and feature", () => {
    const el = plots.importancePlot(f.importancePair, { document: document() });
    expect(swatches(el)).toEqual(["champion", "challenger"]);
    expect(bars(el)).toHaveLength(f.importancePair.reduce((s, r) => s + r.values.features.length, 0));
  });
});

describe("pdpPlot(effects, options)", () => {
  test("ICE curves are capped at maxIce, each tagged with its row", () => {
    const el = plots.pdpPlot(f.effectsOne, { document: document() });
    const ice = el.querySelectorAll("path[data-row]");
    expect(f.effectsOne.ice.values.curves.length).toBeGreaterThan(100);
    expect(ice).toHaveLength(100);
    const rows = new Set(Array.from(ice, (p) => Number(p.getAttribute("data-row"))));
    expect(rows.size).toBe(100);
    for (const r of rows) expect(f.effectsOne.ice.values.rows).toContain(r);
    expect(plots.pdpPlot(f.effectsOne, { document: document(), maxIce: 7 }).querySelectorAll("path[data-row]")).toHaveLength(7);
  });

  test("the PD line stands for the feature; a rug appears when data values are given", () => {
    const el = plots.pdpPlot(f.effectsOne, { document: document(), rug: f.data.columns.x2 });
    expect(el.querySelectorAll('path[data-feature="x2"]')).toHaveLength(1);
    const rug = el.querySelector('g[aria-label="tick"]')!;
    expect(rug.querySelectorAll("line")).toHaveLength(f.data.n);
    expect(plots.pdpPlot(f.effectsOne, { document: document() }).querySelector('g[aria-label="tick"]')).toBeNull();
  });

  test("PD results without ICE draw only the PD lines, one per model, with a legend entry each", () => {
    const el = plots.pdpPlot(f.effectsPair.map((e) => e.pdp), { document: document() });
    expect(el.querySelectorAll("path[data-row]")).toHaveLength(0);
    expect(Array.from(el.querySelectorAll("path[data-feature]"), (p) => p.getAttribute("data-model"))).toEqual(["champion", "challenger"]);
    expect(swatches(el)).toEqual(["champion", "challenger"]);
  });

  test("a set of ≥ 6 models draws min–max and quartile bands, thin member lines named by model", () => {
    const el = plots.pdpPlot(f.effectsSet, { document: document() });
    expect(el.querySelectorAll('g[aria-label="area"]')).toHaveLength(2);
    const members = el.querySelectorAll("path[data-model]");
    expect(members).toHaveLength(8);
    expect(Array.from(members, (m) => m.querySelector("title")?.textContent)).toEqual(f.effectsSet.map((e) => e.pdp.model));
    expect(swatches(el)).toHaveLength(8);
    // below the threshold: lines only
    const lines = plots.pdpPlot(f.effectsSet, { document: document(), bandFrom: 9 });
    expect(lines.querySelectorAll('g[aria-label="area"]')).toHaveLength(0);
  });

  test("the band spans exactly the models' min and max at each grid point", () => {
    const el = plots.pdpPlot(f.effectsSet, { document: document(), height: 300 });
    // the outer area's path must reach the highest and lowest PD value: compare via y scale extremes
    const values = f.effectsSet.flatMap((e) => e.pdp.values.average);
    const ticks = Array.from(el.querySelectorAll('g[aria-label="y-axis tick label"] text'), (t) => Number(t.textContent!.replace("−", "-")));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(Math.min(...ticks) - 2);
    expect(Math.max(...values)).toBeLessThanOrEqual(Math.max(...ticks) + 2);
  });

  test("results for different features are refused with both names", () => {
    const other: Explanation<PdpValues> = { ...f.effectsPair[1].pdp, feature: "x3" };
    expect(() => plots.pdpPlot([f.effectsPair[0].pdp, other], { document: document() })).toThrow(/`x2`, `x3`/);
  });

  test("a result of another kind is refused, naming the kind", () => {
    expect(() => plots.pdpPlot(f.aleOne as never, { document: document() })).toThrow(/draws pdp results; result 0 is `ale`/);
  });
});

describe("alePlot(results, options)", () => {
  test("a categorical ALE puts levels on the axis in the explainer's order", () => {
    const el = plots.alePlot(f.aleCategorical, { document: document() });
    const levels = Array.from(el.querySelectorAll('g[aria-label="x-axis tick label"] text'), (t) => t.textContent);
    const first = f.aleCategorical[0].values;
    expect(levels).toEqual(first.kind === "categorical" ? first.levels : []);
    expect(el.querySelectorAll("circle[data-feature='region']")).toHaveLength(2 * levels.length);
  });

  test("a set of ≥ 6 models draws a band with one thin line per member", () => {
    const el = plots.alePlot(f.aleSet, { document: document() });
    expect(el.querySelectorAll('g[aria-label="area"]')).toHaveLength(2);
    expect(el.querySelectorAll("path[data-model]")).toHaveLength(f.aleSet.length);
  });
});

describe("shapPlot and breakdownPlot", () => {
  test("a waterfall has one bar per feature, and marks the base and the prediction", () => {
    const el = plots.shapPlot(f.shapExact, { document: document() });
    expect(bars(el).map((b) => b.getAttribute("data-feature")).sort()).toEqual([...f.shapExact.values.features].sort());
    expect(el.textContent).toContain(`base ${fmt3(f.shapExact.values.base)}`);
    expect(el.textContent).toContain(`prediction ${fmt3(f.shapExact.values.prediction)}`);
  });

  test("bars are ordered by |φ|, largest first", () => {
    const el = plots.shapPlot(f.shapExact, { document: document() });
    const order = bars(el).map((b) => b.getAttribute("data-feature"));
    const v = f.shapExact.values;
    const expected = v.features.map((name, j) => ({ name, a: Math.abs(v.values[j]) })).sort((p, q) => q.a - p.a).map((x) => x.name);
    expect(order).toEqual(expected);
  });

  test("sampled SHAP values get one SE whisker per feature", () => {
    const el = plots.shapPlot(f.shapSampled, { document: document() });
    const se = f.shapSampled.se as number[];
    expect(se.filter((s) => s > 0).length).toBeGreaterThan(0);
    const whiskers = el.querySelectorAll('g[aria-label="rule"] line');
    // two rules mark base and prediction; the rest are whiskers
    expect(whiskers.length - 2).toBe(se.filter((s) => s > 0).length);
    expect(plots.shapPlot(f.shapExact, { document: document() }).querySelectorAll('g[aria-label="rule"] line')).toHaveLength(2);
  });

  test("30 features: top-k bars plus 'others (n)', and the bars still end at the prediction", () => {
    const el = plots.shapPlot(f.shapWide, { document: document(), topK: 12 });
    expect(bars(el)).toHaveLength(13);
    expect(el.textContent).toContain("others (18)");
    const v = f.shapWide.values;
    expect(v.base + v.values.reduce((s, x) => s + x, 0)).toBeCloseTo(v.prediction, 6);
  });

  test("two models: grouped bars, one legend entry per model", () => {
    const el = plots.shapPlot(f.shapPair, { document: document() });
    expect(swatches(el)).toEqual(["champion", "challenger"]);
    expect(bars(el)).toHaveLength(8);
  });

  test("a break-down step fixing a pair is labelled 'x2:x3' and tagged with it", () => {
    const el = plots.breakdownPlot(f.breakdownOne, { document: document() });
    expect(f.breakdownOne.values.ordering).toContain("x2:x3");
    expect(el.querySelector('rect[data-feature="x2:x3"]')).not.toBeNull();
    expect(Array.from(el.querySelectorAll('g[aria-label="y-axis tick label"] text'), (t) => t.firstChild!.textContent).some((l) => l!.startsWith("x2:x3 = "))).toBe(true);
  });

  test("a break-down keeps the path's order and folds the later steps into 'others (n)'", () => {
    const el = plots.breakdownPlot(f.breakdownWide, { document: document(), topK: 4 });
    const drawn = bars(el);
    expect(drawn).toHaveLength(5);
    expect(drawn.slice(0, 4).map((b) => b.getAttribute("data-feature"))).toEqual(f.breakdownWide.values.ordering.slice(0, 4));
    expect(JSON.parse(drawn[4].getAttribute("data-others")!)).toEqual(f.breakdownWide.values.ordering.slice(4));
  });
});

describe("performancePlot, residualPlot, distributionPlot", () => {
  test("classification: ROC and PR panels, each with a legend naming every model with its AUC / AP", () => {
    const el = plots.performancePlot(f.performanceClassification, { document: document() });
    const figures = el.querySelectorAll("figure");
    expect(figures).toHaveLength(2);
    const [roc, pr] = Array.from(figures);
    expect(swatches(roc)).toEqual(f.performanceClassification.map((r) => `${r.model} (AUC ${fmt3((r.values as { auc: number }).auc)})`));
    expect(swatches(pr)).toHaveLength(2);
    expect(roc.querySelectorAll("path[data-model]")).toHaveLength(2);
  });

  test("long ROC curves are thinned to maxPoints, keeping both ends", () => {
    const el = plots.performancePlot(f.performanceClassification, { document: document(), curves: "roc", maxPoints: 10 });
    const d = el.querySelector("path[data-model]")!.getAttribute("d")!;
    expect(d.split(/[ML]/).filter(Boolean).length).toBeLessThanOrEqual(2 * 10);
  });

  test("predicted vs actual: one dot per row and model, each tagged with its row", () => {
    const el = plots.performancePlot(f.residualsPair, { document: document() });
    const dots = el.querySelectorAll("circle[data-row]");
    expect(dots).toHaveLength(2 * f.data.n);
    expect(new Set(Array.from(dots, (c) => c.getAttribute("data-row"))).size).toBe(f.data.n);
  });

  test("classification and regression results are not mixed", () => {
    expect(() => plots.performancePlot([...f.performanceClassification, f.performanceRegression[0]], { document: document() })).toThrow(/mix classification and regression/);
  });

  test("residuals against a feature the results lack is refused, listing the ones they have", () => {
    expect(() => plots.residualPlot(f.residualsOne, { document: document(), against: "age" })).toThrow(/no feature `age`.*x1, x2, x3, region/);
  });

  test("residual dots carry data-row and are capped at maxPoints per model", () => {
    const el = plots.residualPlot(f.residualsPair, { document: document(), maxPoints: 50 });
    expect(el.querySelectorAll("circle[data-row]")).toHaveLength(100);
  });

  test("a numeric distribution counts every row once; a categorical one shows each level", () => {
    const el = plots.distributionPlot(f.data, "x1", { document: document() });
    const counts = Array.from(el.querySelectorAll("rect[data-feature='x1'] title"), (t) => t.textContent);
    expect(el.querySelectorAll("rect[data-feature='x1']").length).toBeGreaterThan(5);
    expect(counts.length).toBe(0);
    const cat = plots.distributionPlot(f.data, "region", { document: document() });
    const levels = Array.from(cat.querySelectorAll("rect[data-level]"), (r) => r.getAttribute("data-level"));
    expect(levels.sort()).toEqual(["east", "north", "south", "west"]);
  });

  test("an unknown column is refused, listing the columns there are", () => {
    expect(() => plots.distributionPlot(f.data, "age", { document: document() })).toThrow(/no column `age`; the data has: x1, x2, x3, region, y/);
  });
});

describe("options", () => {
  test("title, axis labels and units are used as given", () => {
    const el = plots.pdpPlot(f.effectsOne, { document: document(), title: "Price by size", xLabel: "size", units: "USD" });
    expect(el.querySelector("h2")!.textContent).toBe("Price by size");
    expect(el.textContent).toContain("mean prediction (USD)");
    expect(el.textContent).toContain("size");
  });

  test("width is honoured and a missing document is a clear error", () => {
    const el = plots.alePlot(f.aleOne, { document: document(), width: 500 });
    expect(el.querySelector("svg[class^=plot-]")!.getAttribute("width")).toBe("500");
    const saved = (globalThis as { document?: Document }).document;
    if (saved === undefined) expect(() => plots.alePlot(f.aleOne)).toThrow(/pass `document`/);
  });
});

function fmt3(n: number): string {
  return Number(n.toPrecision(3)).toString().replace("-", "−");
}

describe("shapPlot and the space of its values", () => {
  test("results in different spaces (tree margin and probability) are drawn apart, one axis per space, and say why", () => {
    const [a, b] = f.shapPair;
    const mixed = [{ ...a, params: { ...a.params, space: "margin" } }, { ...b, params: { ...b.params, space: "probability" } }];
    const el = plots.shapPlot(mixed, { document: document() });
    expect(el.querySelector("p")!.textContent).toMatch(/different spaces \(.*: margin, .*: probability\)/);
    const parts = Array.from(el.children).slice(1).filter((c) => !c.classList.contains("cx-export"));
    expect(parts).toHaveLength(2);
    expect(parts[0].textContent).toContain("margin (log-odds), not probability");
    expect(parts[1].textContent).not.toContain("log-odds");
  });
  test("values in the trees' margin say so on the axis", () => {
    const margin = { ...f.shapExact, params: { ...f.shapExact.params, space: "margin" } };
    expect(plots.shapPlot(margin, { document: document() }).textContent).toContain("margin (log-odds), not probability");
    expect(plots.shapPlot(f.shapExact, { document: document() }).textContent).not.toContain("log-odds");
  });
});
