// `crossexam explain` on the bundled synthetic models (f = 3·x1 + 2·x2·x3 + 0.5·x5², x4 and group
// without effect), over the first 300 rows of synthetic.csv written to a temporary file.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { explainCommand } from "../../src/cli/explain";
import { loadTable, toBatch } from "../../src/data/index";
import { pdp, takeRows } from "../../src/explain/index";
import { loadModel, type Batch, type OnnxPredictor } from "../../src/model/index";
import { scratchDir } from "../scratch-dir";

const ROOT = new URL("../../", import.meta.url).pathname;
const MODELS = `${ROOT}data/models/synthetic/`;
const GBM = `${MODELS}y-gbm.onnx`, MLP = `${MODELS}y-mlp.onnx`, LINEAR = `${MODELS}y-linear.onnx`, XGB_CLASS = `${MODELS}y_class-xgb.onnx`;
const FEATURES = ["x1", "x2", "x3", "x4", "x5", "group"];
const N = 300;

const dir = scratchDir("crossexam-explain-");
const lines = readFileSync(`${ROOT}data/synthetic.csv`, "utf8").trim().split("\n");
const DATA = join(dir, "synthetic-300.csv");
writeFileSync(DATA, lines.slice(0, N + 1).join("\n") + "\n");

async function run(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await explainCommand(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out: out.join(""), err: err.join("") };
}

/** Runs with --json and returns the parsed Explanation, failing with stderr when the exit code is not 0. */
async function json(model: string, args: string[]) {
  const r = await run(["--model", model, "--data", DATA, "--json", ...args]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

let gbm: OnnxPredictor, mlp: OnnxPredictor;
let data: Batch;
beforeAll(async () => {
  gbm = await loadModel(GBM, { card: `${MODELS}y-gbm.card.json` });
  mlp = await loadModel(MLP, { card: `${MODELS}y-mlp.card.json` });
  const { table, schema } = await loadTable(DATA);
  data = toBatch(table, [...FEATURES, "y"], schema);
});
afterAll(async () => { await gbm.dispose(); await mlp.dispose(); });

/** The model's score for one data row, asked of the model itself. */
async function scoreOf(model: OnnxPredictor, row: number): Promise<number> {
  return (await model.predict(takeRows(data, [row])))[0];
}

describe("crossexam explain --kind pdp|ice|ale", () => {
  test("PD with an explicit --grid (negative values written --grid=-0.8,…) equals pdp() called directly on the same model and rows", async () => {
    const e = await json(GBM, ["--kind", "pdp", "--feature", "x1", "--grid=-0.8,-0.2,0,0.5,0.9"]);
    const direct = await pdp(gbm, data, "x1", { grid: [-0.8, -0.2, 0, 0.5, 0.9] });
    expect(e.kind).toBe("pdp");
    expect(e.feature).toBe("x1");
    expect(e.values.grid).toEqual([-0.8, -0.2, 0, 0.5, 0.9]);
    e.values.average.forEach((a: number, k: number) => expect(a).toBeCloseTo(direct.values.average[k], 10));
  });

  test("PD of the strongest effect rises with x1, as the formula 3·x1 says", async () => {
    const e = await json(GBM, ["--kind", "pdp", "--feature", "x1", "--grid-size", "7"]);
    expect(e.values.grid).toHaveLength(7);
    const a = e.values.average as number[];
    expect(a[6] - a[0]).toBeGreaterThan(3);
  });

  test("ICE gives one curve per row over the grid, and their mean is the PD", async () => {
    const grid = ["--grid", "a,b,c"];
    const ice = await json(GBM, ["--kind", "ice", "--feature", "group", ...grid]);
    const pd = await json(GBM, ["--kind", "pdp", "--feature", "group", ...grid]);
    expect(ice.values.grid).toEqual(["a", "b", "c"]);
    expect(ice.values.curves).toHaveLength(N);
    for (const c of ice.values.curves) expect(c).toHaveLength(3);
    for (let k = 0; k < 3; k++) {
      const mean = ice.values.curves.reduce((s: number, c: number[]) => s + c[k], 0) / N;
      expect(mean).toBeCloseTo(pd.values.average[k], 9);
    }
  });

  test("--kind ice also returns the PD, from the same batch: the mean of every curve", async () => {
    const ice = await json(GBM, ["--kind", "ice", "--feature", "x1", "--grid-size", "5"]);
    expect(ice.pdp.kind).toBe("pdp");
    expect(ice.pdp.values.grid).toEqual(ice.values.grid);
    ice.pdp.values.average.forEach((a: number, k: number) => {
      expect(a).toBeCloseTo(ice.values.curves.reduce((s: number, c: number[]) => s + c[k], 0) / N, 12);
    });
    const text = await run(["--model", GBM, "--data", DATA, "--kind", "ice", "--feature", "x1", "--grid-size", "5"]);
    expect(text.out).toMatch(/\nPD \(mean\)/);
  });

  test("--rows N explains over a sample of N rows, and the text table stops at 20 curves", async () => {
    const r = await run(["--model", GBM, "--data", DATA, "--kind", "ice", "--feature", "x2", "--grid-size", "4", "--rows", "25"]);
    expect(r.code).toBe(0);
    const body = r.out.trim().split("\n");
    expect(body[0]).toContain("individual conditional expectation of model");
    expect(body.at(-1)).toBe("… 5 more rows (all 25 with --json)");
  });

  test("with --rows, ICE curves name their table rows, and each equals that row's curve over the whole table", async () => {
    const args = ["--kind", "ice", "--feature", "x3", "--grid", "0,0.5"];
    const sampled = await json(GBM, [...args, "--rows", "10", "--seed", "4"]);
    const whole = await json(GBM, args);
    expect(sampled.params.sample).toEqual({ rows: 10, of: N, seed: 4 });
    expect(new Set(sampled.values.rows).size).toBe(10);
    sampled.values.rows.forEach((r: number, i: number) => {
      expect(r).toBeLessThan(N);
      expect(sampled.values.curves[i]).toEqual(whole.values.curves[r]);
    });
  });

  test("ALE of a linear model is a straight line whose slope is the model's own slope in x1", async () => {
    const e = await json(LINEAR, ["--kind", "ale", "--feature", "x1", "--bins", "6"]);
    expect(e.values.kind).toBe("numeric");
    const { edges, ale } = e.values as { edges: number[]; ale: number[] };
    const linear = await loadModel(LINEAR, { card: `${MODELS}y-linear.card.json` });
    const base = takeRows(data, [0]);
    const at = (x: number) => ({ n: 1, columns: { ...base.columns, x1: Float64Array.of(x) } });
    const slope = ((await linear.predict(at(1)))[0] - (await linear.predict(at(0)))[0]);
    await linear.dispose();
    for (let k = 1; k < edges.length; k++) expect((ale[k] - ale[0]) / (edges[k] - edges[0])).toBeCloseTo(slope, 4);
  });
});

describe("crossexam explain --kind shap|breakdown", () => {
  test("a tree model with training covers gets path-dependent TreeSHAP: φ sum to the prediction minus the base, and the text says so", async () => {
    const e = await json(GBM, ["--kind", "shap", "--row", "7"]);
    expect(e.params.method).toBe("tree-path");
    expect(e.observation).toBe(7);
    expect(e.values.features.sort()).toEqual([...FEATURES].sort());
    const sum = e.values.values.reduce((s: number, x: number) => s + x, 0);
    expect(sum).toBeCloseTo(e.values.prediction - e.values.base, 9);
    expect(e.values.prediction).toBeCloseTo(await scoreOf(gbm, 7), 4);
    const text = await run(["--model", GBM, "--data", DATA, "--kind", "shap", "--row", "7"]);
    expect(text.out).toContain("method: tree-path (exact path-dependent TreeSHAP read from the ONNX tree ensemble; " +
      "path-dependent, training covers carried by the file");
  });

  test("a non-tree model gets Shapley values against a background; --method exact adds up to f(x) − E f", async () => {
    const e = await json(MLP, ["--kind", "shap", "--row", "3", "--background", "40", "--method", "exact"]);
    expect(e.params.method).toBe("exact");
    expect(e.params.backgroundSize).toBe(40);
    const sum = e.values.values.reduce((s: number, x: number) => s + x, 0);
    expect(sum).toBeCloseTo(e.values.prediction - e.values.base, 6);
    expect(e.values.prediction).toBeCloseTo(await scoreOf(mlp, 3), 5);
    // x4 has no effect in the formula: its φ is small next to x1's
    const phi = (f: string) => Math.abs(e.values.values[e.values.features.indexOf(f)]);
    expect(phi("x4")).toBeLessThan(phi("x1"));
  });

  test("a sampled method reports a standard error per feature", async () => {
    const e = await json(MLP, ["--kind", "shap", "--row", "3", "--background", "20", "--method", "permutation", "--samples", "8"]);
    expect(e.params.method).toBe("permutation");
    expect(e.se).toHaveLength(6);
    for (const s of e.se) expect(s).toBeGreaterThanOrEqual(0);
  });

  test("a boosted classifier's TreeSHAP is stated to be in the margin space", async () => {
    const r = await run(["--model", XGB_CLASS, "--data", DATA, "--kind", "shap", "--row", "0"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("space: margin (before the LOGISTIC transform)");
  });

  test("break-down steps go from the background mean to the model's prediction", async () => {
    const e = await json(MLP, ["--kind", "breakdown", "--row", "11", "--background", "50"]);
    const steps = e.values.steps as { contribution: number; cumulative: number }[];
    expect(steps).toHaveLength(6);
    const total = steps.reduce((s, x) => s + x.contribution, 0);
    expect(e.values.base + total).toBeCloseTo(e.values.prediction, 9);
    expect(steps.at(-1)!.cumulative).toBeCloseTo(e.values.prediction, 9);
    expect(e.values.prediction).toBeCloseTo(await scoreOf(mlp, 11), 5);
  });

  test("--row indexes the whole table even when --rows samples the background", async () => {
    const e = await json(MLP, ["--kind", "breakdown", "--row", "250", "--rows", "30"]);
    expect(e.observation).toBe(250);
    expect(e.params.backgroundSize).toBe(30);
    expect(e.values.prediction).toBeCloseTo(await scoreOf(mlp, 250), 5);
  });
});

describe("crossexam explain --kind importance|performance", () => {
  test("importance lists every feature, largest dropout first; x1 leads and x4 (no effect) is far behind", async () => {
    const e = await json(GBM, ["--kind", "importance", "--target", "y", "--repeats", "3"]);
    const f = e.values.features as { feature: string; dropout: number }[];
    expect(f.map((x) => x.feature).sort()).toEqual([...FEATURES].sort());
    for (let i = 1; i < f.length; i++) expect(f[i - 1].dropout).toBeGreaterThanOrEqual(f[i].dropout);
    expect(f[0].feature).toBe("x1");
    expect(f.find((x) => x.feature === "x4")!.dropout).toBeLessThan(f[0].dropout / 10);
    expect(e.params.repeats).toBe(3);
  });

  test("importance as text is a table headed feature / dropout / ratio / interval", async () => {
    const r = await run(["--model", GBM, "--data", DATA, "--kind", "importance", "--target", "y", "--repeats", "2"]);
    expect(r.code).toBe(0);
    const rows = r.out.split("\n");
    expect(rows[2].split(/\s+/)).toEqual(["feature", "dropout", "ratio", "2.5%", "97.5%", "sd"]);
    expect(rows[3].split(/\s+/)[0]).toBe("x1");
  });

  test("performance RMSE is the RMSE of the model's own scores against the target", async () => {
    const e = await json(GBM, ["--kind", "performance", "--target", "y"]);
    const p = await gbm.predict(data);
    const y = data.columns.y as Float64Array;
    let s = 0;
    for (let i = 0; i < N; i++) s += (p[i] - y[i]) ** 2;
    expect(e.values.task).toBe("regression");
    expect(e.values.n).toBe(N);
    // (performance scores by the checked tree engine, which sums leaves in float64 where onnxruntime sums in
    // float32: the scores agree to float32 rounding, ~1e-7 relative, and so does the metric)
    expect(Math.abs(e.values.rmse / Math.sqrt(s / N) - 1)).toBeLessThan(1e-6);
  });
});

describe("crossexam explain with a model that has no card", () => {
  const FIXTURES = `${ROOT}test/fixtures/models/`;
  const expected = JSON.parse(readFileSync(`${FIXTURES}expected.json`, "utf8")).rf_classifier;
  const X = expected.inputs.input as number[][];
  const path = join(dir, "rf.csv");
  writeFileSync(path, ["p,label,q", ...X.map(([p, q], i) => `${p},${i % 2},${q}`)].join("\n") + "\n");

  test("the table's columns less --target feed the model in table order", async () => {
    const r = await run(["--model", `${FIXTURES}rf_classifier.onnx`, "--data", path, "--target", "label", "--kind", "shap", "--row", "2", "--method", "exact", "--json"]);
    expect(r.err).toBe("");
    const e = JSON.parse(r.out);
    expect(e.values.features).toEqual(["p", "q"]);
    expect(e.values.prediction).toBeCloseTo(expected.outputs.output_probability[2][1], 6);
  });

  test("without --target the extra column makes the width wrong, and the message says how to fix it", async () => {
    const r = await run(["--model", `${FIXTURES}rf_classifier.onnx`, "--data", path, "--kind", "pdp", "--feature", "p"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("expects 2 features");
    expect(r.err).toContain("--features");
  });
});

describe("crossexam explain errors", () => {
  test("an unknown feature exits 1 and lists the model's features", async () => {
    const r = await run(["--model", GBM, "--data", DATA, "--kind", "pdp", "--feature", "x9"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("unknown feature `x9`");
    expect(r.err).toContain("x1, x2, x3, x4, x5, group");
  });

  test("an unknown kind exits 1 and lists the kinds", async () => {
    const r = await run(["--model", GBM, "--data", DATA, "--kind", "lime"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("unknown kind `lime`");
    expect(r.err).toContain("importance, pdp, ice, ale, shap, breakdown, performance");
  });

  test.each(["pdp", "ice", "ale"])("--kind %s without --feature exits 1 saying --feature is needed", async (kind) => {
    const r = await run(["--model", GBM, "--data", DATA, "--kind", kind]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("needs --feature");
  });

  test("a --row outside the table exits 1 naming the valid range", async () => {
    const r = await run(["--model", GBM, "--data", DATA, "--kind", "shap", "--row", String(N)]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`rows 0…${N - 1}`);
  });

  test("a table without a column the model reads exits 1 naming that column", async () => {
    const path = join(dir, "no-x3.csv");
    writeFileSync(path, lines.slice(0, 20).map((l) => l.split(",").filter((_, j) => j !== 2).join(",")).join("\n") + "\n");
    const r = await run(["--model", GBM, "--data", path, "--kind", "pdp", "--feature", "x1"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("x3");
  });

  test("an unreadable data or model file exits 1 naming the file", async () => {
    const d = await run(["--model", GBM, "--data", join(dir, "missing.csv"), "--kind", "pdp", "--feature", "x1"]);
    expect(d.code).toBe(1);
    expect(d.err).toContain("missing.csv");
    const m = await run(["--model", join(dir, "missing.onnx"), "--data", DATA, "--kind", "pdp", "--feature", "x1"]);
    expect(m.code).toBe(1);
    expect(m.err).toContain("missing.onnx");
  });

  test.each([
    [["--data", "d.csv", "--kind", "pdp"], "--model, --data and --kind are required"],
    [["--model", "m.onnx", "--data", "d.csv", "--kind", "shap", "--row", "abc"], "--row must be a whole number"],
    [["--model", "m.onnx", "--data", "d.csv", "--kind", "pdp", "--frobnicate"], "frobnicate"],
    [["--model", "m.onnx", "--data", "d.csv", "--kind", "pdp", "--grid", "1,2", "--grid-size", "3"], "not both"],
  ])("usage mistake %j exits 2 with the usage text", async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).toContain("usage: crossexam explain");
  });
});

describe("crossexam explain --kind shap on real exporters' files (test/fixtures/exporters)", () => {
  const EX = `${ROOT}test/fixtures/exporters/`;
  const common = ["--data", `${EX}cls5.csv`, "--features", "x1,x2,x3,x4,x5", "--kind", "shap", "--row", "3"];
  const gbc = JSON.parse(readFileSync(`${EX}skl_gb_classifier.json`, "utf8"));

  test("skl2onnx GBM: auto is interventional TreeSHAP against the background, equal to the reference, and says why", async () => {
    // --background N samples rows of --data (the reference's background is its own file): check efficiency here;
    // the values against the reference are tested in test/explain/shap-exporters.test.ts
    const r = await run(["--model", `${EX}skl_gb_classifier.onnx`, ...common, "--background", "20", "--json"]);
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out);
    expect(e.params).toMatchObject({ method: "tree-interventional", space: "margin", backgroundSize: 20 });
    const sum = e.values.values.reduce((s: number, x: number) => s + x, 0);
    expect(sum).toBeCloseTo(e.values.prediction - e.values.base, 9);
    expect(e.values.prediction).toBeCloseTo(gbc.predictions.margin[3][0], 5);
    const text = await run(["--model", `${EX}skl_gb_classifier.onnx`, ...common]);
    expect(text.out).toMatch(/method: tree-interventional \(exact interventional TreeSHAP .* against a background of 30 rows\)/);
    expect(text.out).toMatch(/note: no path-dependent TreeSHAP: nodes_hitrates are 1 on every node/);
  });

  test("--covers-from FILE gives path-dependent TreeSHAP with covers counted from FILE, equal to the reference", async () => {
    const r = await run(["--model", `${EX}skl_gb_classifier.onnx`, ...common, "--covers-from", `${EX}cls5_background.csv`, "--json"]);
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out);
    expect(e.params).toMatchObject({ method: "tree-path", background: `path-dependent, covers from 20 rows of ${EX}cls5_background.csv` });
    const want = gbc.shap.path_dependent_table_covers.values[0][3] as number[];
    e.values.values.forEach((v: number, j: number) => expect(Math.abs(v - want[j])).toBeLessThan(1e-6));
  });

  test("--method tree-path without covers is refused (exit 1) saying the hitrates are not covers", async () => {
    const r = await run(["--model", `${EX}skl_gb_classifier.onnx`, ...common, "--method", "tree-path"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/path-dependent TreeSHAP needs node covers.*--covers-from FILE.*nodes_hitrates are 1 on every node/);
  });

  test("an unknown method, or --covers-from with a method that does not use covers, is a usage error (exit 2)", async () => {
    const bad = await run(["--model", `${EX}skl_gb_classifier.onnx`, ...common, "--method", "treeshap"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--method must be one of auto, tree, tree-path, tree-interventional, exact, permutation, kernel, not `treeshap`/);
    const mixed = await run(["--model", `${EX}skl_gb_classifier.onnx`, ...common, "--method", "exact", "--covers-from", `${EX}cls5.csv`]);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toMatch(/--covers-from gives covers to path-dependent TreeSHAP; it does not go with --method exact/);
  });

  test("--class on a torch softmax file is checked against its classes 0…K−1", async () => {
    const args = ["--model", `${EX}torch_softmax3.onnx`, "--data", `${EX}cls3.csv`, "--features", "x1,x2,x3,x4,x5", "--kind", "shap", "--row", "0"];
    const bad = await run([...args, "--class", "banana"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/class `banana` is not one of the model's classes \(0, 1, 2\); the file names no classes/);
    const ok = await run([...args, "--class", "2", "--json"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).params).toMatchObject({ method: "exact", space: "probability" });
  });
});
