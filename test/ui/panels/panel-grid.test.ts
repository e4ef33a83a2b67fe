// @vitest-environment happy-dom
// The engine with real ONNX models (the synthetic set) and the real explainers, wrapped to count calls.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import * as aq from "arquero";
import { toBatch } from "../../../src/data/index";
import { loadModel } from "../../../src/model/index";
import type { Batch, Predictor } from "../../../src/model/types";
import { defaultExplainers, type Explainers } from "../../../src/ui/panels/panels";
import { PanelGrid } from "../../../src/ui/panels/panel-grid";
import { rowsLabel } from "../../../src/ui/panels/explorer-view";

const dir = "data/models/synthetic";
let models: Predictor[];
let data: Batch;

beforeAll(async () => {
  models = [];
  for (const name of ["y-linear", "y-gbm"]) {
    models.push(await loadModel(readFileSync(`${dir}/${name}.onnx`), { card: JSON.parse(readFileSync(`${dir}/${name}.card.json`, "utf8")) }));
  }
  const table = aq.fromCSV(readFileSync("data/synthetic.csv", "utf8")).slice(0, 120);
  data = toBatch(table, ["x1", "x2", "x3", "x4", "x5", "group", "y"]);
});

/** The real explainers, each call counted and its options kept. */
function counting() {
  const calls: Record<string, { options: any }[]> = {};
  const wrapped = Object.fromEntries(Object.entries(defaultExplainers).map(([name, fn]) => [name, (...args: any[]) => {
    (calls[name] ??= []).push({ options: args[args.length - 1] });
    return (fn as any)(...args);
  }])) as unknown as Explainers;
  return { calls, explainers: wrapped, count: (name: string) => calls[name]?.length ?? 0 };
}

function grid(explainers: Explainers) {
  const features = models[0].features;
  return new PanelGrid({ models, data, target: "y", features, feature: "x1", row: 0, explainers, width: 300 });
}

function counts(c: ReturnType<typeof counting>) {
  return Object.fromEntries(Object.keys(defaultExplainers).map((k) => [k, c.count(k)]));
}

describe("PanelGrid", () => {
  test("computes every panel once and draws each (panels end done, with an element)", async () => {
    const c = counting();
    const g = grid(c.explainers);
    await g.idle();
    expect(counts(c)).toEqual({ importance: 1, modelPerformance: 1, residuals: 1, effects: 1, ale: 1, shap: 1, breakdown: 1, ice: 1 });
    for (const s of g.states.values()) {
      expect([s.spec.id, s.status, s.error]).toEqual([s.spec.id, "done", undefined]);
      expect(s.element!.querySelectorAll("path, rect, circle, line").length).toBeGreaterThan(0);
    }
  });

  test("a new observation recomputes SHAP, break-down and the observation's ICE only", async () => {
    const c = counting();
    const g = grid(c.explainers);
    await g.idle();
    const before = counts(c);
    g.selectRow(5);
    await g.idle();
    const after = counts(c);
    expect(Object.keys(after).filter((k) => after[k] !== before[k]).sort()).toEqual(["breakdown", "ice", "shap"]);
    expect(c.calls.shap.at(-1)!.options.observation.x1).toBe(data.columns.x1[5]);
  });

  test("a new feature recomputes PD/ICE, ALE and the observation's ICE only, for that feature", async () => {
    const c = counting();
    const g = grid(c.explainers);
    await g.idle();
    const before = counts(c);
    const pdpBefore = g.states.get("pdp")!.element;
    g.selectFeature("x2");
    await g.idle();
    const after = counts(c);
    expect(Object.keys(after).filter((k) => after[k] !== before[k]).sort()).toEqual(["ale", "effects", "ice"]);
    expect(g.states.get("pdp")!.element).not.toBe(pdpBefore);
    expect(g.states.get("pdp")!.element!.querySelector('[data-feature="x2"]')).not.toBeNull();
    expect(g.states.get("distribution")!.runs).toBe(2);
    expect(g.states.get("importance")!.runs).toBe(1);
  });

  test("a what-if edit passes the edited observation to SHAP and changes its prediction", async () => {
    const c = counting();
    const g = grid(c.explainers);
    await g.idle();
    const first = await c.calls.shap[0];
    g.edit("x1", 0.95);
    await g.idle();
    expect(c.count("shap")).toBe(2);
    expect(c.calls.shap[1].options.observation).toMatchObject({ x1: 0.95, x2: data.columns.x2[0] });
    expect(g.observation().x1).toBe(0.95);
    expect(c.count("importance")).toBe(1);
    expect(first).toBeDefined();
  });

  test("a burst of edits computes once, for the last value; superseded work is aborted", async () => {
    const c = counting();
    const g = grid(c.explainers);
    await g.idle();
    for (const v of [0.1, 0.2, 0.3, 0.4, 0.5]) g.edit("x3", v);
    await g.idle();
    expect(c.count("shap")).toBe(2);
    expect(c.calls.shap[1].options.observation.x3).toBe(0.5);
    // an edit while SHAP runs aborts the running call's signal
    g.edit("x3", -0.5);
    await new Promise((r) => setTimeout(r, 5));
    const running = c.calls.shap.at(-1)!.options.signal as AbortSignal;
    g.edit("x3", -0.6);
    expect(running.aborted).toBe(true);
    await g.idle();
    expect(c.calls.shap.at(-1)!.options.observation.x3).toBe(-0.6);
    expect(g.states.get("shap")!.status).toBe("done");
  });

  test("a failing panel shows its error and leaves the others drawn", async () => {
    const c = counting();
    const broken = { ...c.explainers, ale: async () => { throw new Error("ALE needs at least two distinct values of `x1`"); } } as unknown as Explainers;
    const g = grid(broken);
    await g.idle();
    expect(g.states.get("ale")).toMatchObject({ status: "error", error: "ALE needs at least two distinct values of `x1`" });
    expect(g.states.get("pdp")!.status).toBe("done");
  });
});

describe("PanelGrid: the default feature", () => {
  test("is the most important one once importance is known (the first feature is only a placeholder)", async () => {
    const c = counting();
    const g = new PanelGrid({ models, data, target: "y", features: models[0].features, feature: "x4", row: 0, explainers: c.explainers, width: 300, featureFromImportance: true });
    await g.idle();
    // y = 3·x1 + 2·x2·x3 + …: x1 matters most, x4 not at all
    expect(g.selection.feature).toBe("x1");
    expect(c.calls.effects.at(-1)!.options).toBeDefined();
    expect(g.states.get("pdp")!.status).toBe("done");
  });

  test("a feature the caller chose, or clicked before importance finished, is kept", async () => {
    const given = grid(counting().explainers);
    await given.idle();
    expect(given.selection.feature).toBe("x1");
    const clicked = new PanelGrid({ models, data, target: "y", features: models[0].features, feature: "x4", row: 0, explainers: counting().explainers, width: 300, featureFromImportance: true });
    clicked.selectFeature("x5");
    await clicked.idle();
    expect(clicked.selection.feature).toBe("x5");
  });
});

describe("explorer: the observation is any row of the table, not only of the sample", () => {
  test("a table row the sample does not hold is explained from the table itself; row numbers are counted from 1", async () => {
    const { explorer } = await import("../../../src/ui/panels/explorer");
    const table = aq.fromCSV(readFileSync("data/synthetic.csv", "utf8")).slice(0, 300);
    const c = counting();
    const el = explorer({ data: table, models, target: "y", feature: "x1", maxRows: 50, explainers: c.explainers, width: 300 });
    const g = el.grid;
    expect(g.rows).toBe(300);
    // a row outside the 50-row sample (the sample holds the first row asked for, row 0, and 49 others)
    const { positionOf } = (g as unknown as { options: { positionOf(row: number): number } }).options;
    const outside = [...Array(300).keys()].reverse().find((r) => positionOf(r) < 0)!;
    expect(outside).toBeGreaterThan(0);
    g.selectRow(outside);
    await g.idle();
    const want = table.object(outside) as Record<string, number>;
    expect(g.observation().x1).toBe(want.x1);
    expect(c.calls.shap.at(-1)!.options.observation).toMatchObject({ x1: want.x1, x2: want.x2, group: want.group });
    await new Promise((r) => setTimeout(r, 10));
    expect(el.value).toMatchObject({ row: outside, rowNumber: outside + 1 });
    g.dispose();
  });
});

describe("PanelGrid: the class of a multi-class model", () => {
  test("switching class recomputes every panel with the models scoring that class; the class is named on the axes", async () => {
    const { exporterFixtures, fixtureData, onnxPath } = await import("../../explain/exporters");
    const { classSwitch } = await import("../../../src/ui/panels/explorer");
    const f = exporterFixtures().find((x) => x.name === "skl_gb_classifier3")!;
    const { data: d3 } = await fixtureData(f);
    const m = await loadModel(onnxPath(f), { features: f.features, name: f.name, class: f.classes![0] });
    const sw = classSwitch([m])!;
    expect(sw.classes).toEqual(f.classes);
    const c = counting();
    const g = new PanelGrid({
      models: [m], data: d3, target: f.target, positiveClass: m.positiveClass, features: m.features, feature: m.features[0], row: 4,
      classes: sw.classes, modelsFor: sw.modelsFor, explainers: c.explainers, width: 300,
    });
    await g.idle();
    const before = counts(c);
    g.selectClass(f.classes![2]);
    await g.idle();
    const after = counts(c);
    expect(Object.keys(after).filter((k) => after[k] === before[k])).toEqual([]);
    expect(g.models()[0].positiveClass).toBe(f.classes![2]);
    expect(c.calls.modelPerformance.at(-1)!.options.positiveClass).toBe(f.classes![2]);
    expect(g.states.get("whatif")!.element!.textContent).toContain(`P(class = ${f.classes![2]})`);
    expect(g.states.get("pdp")!.element!.textContent).toContain(`mean P(class = ${f.classes![2]})`);
    // and the scale: the local panels only, in log-odds of that class
    const mid = counts(c);
    g.selectScale("log-odds");
    await g.idle();
    const last = counts(c);
    expect(Object.keys(last).filter((k) => last[k] !== mid[k]).sort()).toEqual(["breakdown", "ice", "shap"]);
    expect(g.states.get("shap")!.element!.textContent).toContain(`log-odds of ${f.classes![2]}`);
    expect(g.states.get("breakdown")!.element!.textContent).toContain(`log-odds of ${f.classes![2]}`);
    await m.dispose();
  });
});

describe("PanelGrid on a sample of a larger table", () => {
  test("sampled panels get the population and report their largest standard error; the label states them", async () => {
    const c = counting();
    const features = models[0].features;
    const g = new PanelGrid({ models, data, target: "y", features, feature: "x1", row: 0, explainers: c.explainers, width: 300, population: 1000 });
    await g.idle();
    for (const kind of ["importance", "effects", "ale", "modelPerformance"]) expect(c.calls[kind][0].options.population, kind).toBe(1000);
    expect(c.calls.shap[0].options.population).toBeUndefined();
    expect([...g.samplingErrors.keys()].sort()).toEqual(["ALE", "PD", "RMSE", "importance"]);
    for (const se of g.samplingErrors.values()) expect(se).toBeGreaterThan(0);
    const label = rowsLabel(120, 1000, g.samplingErrors);
    expect(label).toMatch(/^sampled 120 of 1,000 rows: PD ± [0-9.e-]+, ALE ± [0-9.e-]+, importance ± [0-9.e-]+, RMSE ± [0-9.e-]+ \(1 SE\)$/);
    expect(rowsLabel(4454, undefined, new Map())).toBe("4,454 rows");
    // the whole table: no population, no standard errors
    const whole = grid(counting().explainers);
    await whole.idle();
    expect(whole.samplingErrors.size).toBe(0);
  });
});
