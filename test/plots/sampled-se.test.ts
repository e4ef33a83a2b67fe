// The plots of results computed on a sample show each result's standard error relative to the
// whole table, and say so: ALE a shaded band, importance red ±2 SE bars, performance "± SE".
import { beforeAll, expect, test } from "vitest";
import * as plots from "../../src/plots/index";
import { loadFixtures, type Fixtures } from "./fixtures";
import { newDocument } from "./snapshot";

let f: Fixtures;
beforeAll(async () => { f = await loadFixtures(); });
const sample = { rows: 200, of: 4454 };

test("alePlot(ale with se) shades ±2 SE from the first edge and names the sample; without se no band", () => {
  const a = f.aleOne;
  const sampled = { ...a, se: a.values.ale.map((_, k) => 0.01 * k), params: { ...a.params, sample } };
  const withSe = plots.alePlot(sampled, { document: newDocument() });
  expect(withSe.querySelectorAll("g[aria-label=area] path").length).toBe(1);
  expect(withSe.textContent).toContain("±2 SE from the first edge, sample of 200 of 4,454 rows");
  expect(plots.alePlot(a, { document: newDocument() }).querySelectorAll("g[aria-label=area] path").length).toBe(0);
});

test("importancePlot(importance with se) draws a red ±2 SE bar per feature and says so", () => {
  const r = f.importancePair[0];
  const sampled = { ...r, params: { ...r.params, sample }, values: { ...r.values, features: r.values.features.map((q) => ({ ...q, se: 0.05 })) } };
  const el = plots.importancePlot(sampled, { document: newDocument(), topK: 3 });
  const red = [...el.querySelectorAll("g[aria-label=rule]")].filter((g) => g.getAttribute("stroke") === "#c0392b");
  expect(red.length).toBe(1);
  // one per feature bar (not for "others", a sum of several)
  expect(red[0].querySelectorAll("line").length).toBe(el.querySelectorAll("g[aria-label=bar] [data-feature]").length);
  expect(el.textContent).toContain("red: ±2 SE, sample of 200 of 4,454 rows");
  const plain = plots.importancePlot(r, { document: newDocument(), topK: 3 });
  expect([...plain.querySelectorAll("g[aria-label=rule]")].filter((g) => g.getAttribute("stroke") === "#c0392b").length).toBe(0);
});

test("performancePlot names AUC ± SE in the legend, and whiskers RMSE and MAE by ±2 SE", () => {
  const [good, weak] = f.performanceClassification;
  const el = plots.performancePlot([{ ...good, se: { auc: 0.012 } }, weak], { document: newDocument() });
  expect(el.textContent).toMatch(/AUC [0-9.]+ ± 0\.012 \(1 SE\)/);
  expect(el.textContent!.match(/\(1 SE\)/g)!.length).toBe(1);
  const reg = f.performanceRegression.map((r) => ({ ...r, se: { rmse: 0.1, mae: 0.05 } }));
  const bars = plots.performancePlot(reg, { document: newDocument() });
  expect(bars.textContent).toContain("whiskers: ±2 SE relative to the whole table");
  expect(bars.querySelectorAll("[stroke=\"#222\"] line").length).toBe(4);
});
