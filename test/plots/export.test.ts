// The download menu on every explanation plot, and what each download holds.
import { beforeAll, describe, expect, test } from "vitest";
import * as plots from "../../src/plots/index";
import { explanationTable, exportText, toCsv } from "../../src/plots/index";
import { loadFixtures, type Fixtures } from "./fixtures";
import { newDocument } from "./snapshot";

let f: Fixtures;
beforeAll(async () => { f = await loadFixtures(); }, 60_000);

const document = () => newDocument();

describe("the download menu", () => {
  const cases: [string, (f: Fixtures) => Element][] = [
    ["importancePlot", (f) => plots.importancePlot(f.importancePair, { document: document() })],
    ["pdpPlot", (f) => plots.pdpPlot(f.effectsPair, { document: document() })],
    ["alePlot", (f) => plots.alePlot(f.alePair, { document: document() })],
    ["shapPlot", (f) => plots.shapPlot(f.shapPair, { document: document() })],
    ["breakdownPlot", (f) => plots.breakdownPlot(f.breakdownPair, { document: document() })],
    ["performancePlot", (f) => plots.performancePlot(f.performanceClassification, { document: document() })],
    ["residualPlot", (f) => plots.residualPlot(f.residualsPair, { document: document() })],
  ];
  test.each(cases)("%s carries a menu offering SVG, PNG, CSV and JSON", (_name, draw) => {
    const el = draw(f);
    const menu = el.querySelector("details.cx-export")!;
    expect(menu.querySelector("summary")!.getAttribute("aria-label")).toBe("Download this plot or its result");
    expect([...menu.querySelectorAll("button")].map((b) => b.dataset.export)).toEqual(["svg", "png", "csv", "json"]);
    expect(el.querySelector("svg")).not.toBeNull();
  });

  test("`exportMenu: false` leaves it off", () => {
    expect(plots.importancePlot(f.importancePair, { document: document(), exportMenu: false }).querySelector(".cx-export")).toBeNull();
  });
});

describe("what the downloads hold", () => {
  test("SVG: the plot's main SVG, standalone, with its marks", () => {
    const el = plots.pdpPlot(f.effectsOne, { document: document() });
    const svg = exportText("svg", el, f.effectsOne);
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg[^>]* xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('aria-label="line"');
    expect(svg).not.toContain("cx-export");
  });

  test("CSV of importance: one row per model and feature, the model first", () => {
    const t = explanationTable(f.importancePair);
    expect(t.header).toEqual(["model", "feature", "dropout", "ratio", "lower", "upper", "sd", "loss"]);
    expect(t.rows).toHaveLength(f.importancePair.reduce((s, e) => s + e.values.features.length, 0));
    expect(t.rows[0].slice(0, 3)).toEqual(["champion", f.importancePair[0].values.features[0].feature, f.importancePair[0].values.features[0].dropout]);
  });

  test("CSV of PD and ICE: the PD curve per model and grid value", () => {
    const t = explanationTable(f.effectsPair);
    expect(t.header).toEqual(["model", "feature", "value", "average"]);
    expect(t.rows).toHaveLength(2 * f.effectsPair[0].pdp.values.grid.length);
    expect(t.rows[0]).toEqual(["champion", "x2", f.effectsPair[0].pdp.values.grid[0], f.effectsPair[0].pdp.values.average[0]]);
  });

  test("CSV of SHAP: feature, its value, φ and the standard error when sampled", () => {
    const t = explanationTable(f.shapSampled);
    expect(t.header).toEqual(["model", "feature", "value", "shap", "se", "base", "prediction"]);
    expect(t.rows.map((r) => r[1])).toEqual(f.shapSampled.values.features);
    expect(t.rows.every((r) => typeof r[4] === "number")).toBe(true);
    const sum = t.rows.reduce((s, r) => s + (r[3] as number), 0);
    expect((t.rows[0][5] as number) + sum).toBeCloseTo(t.rows[0][6] as number, 6);
  });

  test("CSV of break-down: base, each step, prediction", () => {
    const t = explanationTable(f.breakdownOne);
    expect(t.rows[0][1]).toBe("(base)");
    expect(t.rows.at(-1)![1]).toBe("(prediction)");
    expect(t.rows.at(-1)![4]).toBeCloseTo(f.breakdownOne.values.prediction, 12);
  });

  test("CSV quotes fields holding commas, quotes or line breaks, and leaves missing values empty", () => {
    expect(toCsv({ header: ["a", "b"], rows: [['x, "y"', null], [1.5, NaN]] })).toBe('a,b\n"x, ""y""",\n1.5,\n');
  });

  test("JSON: the result itself, typed arrays as lists and non-finite numbers as null", () => {
    const json = JSON.parse(exportText("json", document().createElement("div"), { kind: "x", values: new Float64Array([1, Infinity]) }));
    expect(json).toEqual({ kind: "x", values: [1, null] });
  });
});
