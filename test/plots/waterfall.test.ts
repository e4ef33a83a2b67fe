// Attribution plots (SHAP, break-down): which steps are shown, and how their axis labels read.
import { beforeAll, describe, expect, test } from "vitest";
import * as plots from "../../src/plots/index";
import { loadFixtures, type Fixtures } from "./fixtures";
import { newDocument } from "./snapshot";

let f: Fixtures;
beforeAll(async () => { f = await loadFixtures(); }, 60_000);

const shownLabels = (el: Element) => [...el.querySelectorAll("rect[data-feature]")].map((r) => r.getAttribute("data-feature")!);

describe("attribution plots", () => {
  test("break-down keeps its order but \"others\" never hides a step larger than the smallest shown", () => {
    const e = f.breakdownWide;
    const el = plots.breakdownPlot(e, { document: newDocument(), topK: 5 });
    const shown = [...new Set(shownLabels(el))];
    expect(shown).toHaveLength(5);
    const size = new Map(e.values.steps.map((s) => [s.label, Math.abs(s.contribution)]));
    const smallest = Math.min(...shown.map((l) => size.get(l)!));
    const hidden = e.values.steps.filter((s) => !shown.includes(s.label));
    expect(hidden.every((s) => Math.abs(s.contribution) <= smallest)).toBe(true);
    const order = e.values.steps.map((s) => s.label);
    expect(shown).toEqual([...shown].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  });

  test("several models explaining the same row keep the feature values in their labels", () => {
    const text = plots.shapPlot(f.shapPair, { document: newDocument() }).textContent!;
    expect(text).toMatch(/x2 = \S+/);
    expect(text).toMatch(/region = \S+/);
  });
});
