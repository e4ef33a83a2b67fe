// `crossexam explain --kind counterfactual|threshold` on a bundled classifier of the synthetic data
// (y_class), over the first 300 rows written to a temporary file.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { explainCommand } from "../../src/cli/explain";
import { loadTable, toBatch } from "../../src/data/index";
import { loadModel, type Batch, type OnnxPredictor } from "../../src/model/index";
import { scratchDir } from "../scratch-dir";
import { capture } from "./capture";

const ROOT = new URL("../../", import.meta.url).pathname;
const MODEL = `${ROOT}data/models/synthetic/y_class-gbm.onnx`, CARD = `${ROOT}data/models/synthetic/y_class-gbm.card.json`;
const dir = scratchDir("crossexam-questions-");
const DATA = join(dir, "synthetic-300.csv");
writeFileSync(DATA, readFileSync(`${ROOT}data/synthetic.csv`, "utf8").trim().split("\n").slice(0, 301).join("\n") + "\n");

async function run(args: string[]) {
  const { out, io } = capture();
  const code = await explainCommand(["--model", MODEL, "--card", CARD, "--data", DATA, ...args], io);
  return { code, ...out };
}

let model: OnnxPredictor, data: Batch, scores: Float64Array;
beforeAll(async () => {
  model = await loadModel(MODEL, { card: CARD });
  const { table } = await loadTable(DATA);
  data = toBatch(table, [...model.features, "y_class"]);
  scores = await model.predict(data);
});
afterAll(async () => { await model.dispose(); });

function predictRecord(record: Record<string, unknown>): Promise<Float64Array> {
  const columns = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === "number" ? Float64Array.of(v) : [v]]));
  return model.predict({ n: 1, columns: columns as Batch["columns"] });
}

describe("explain --kind counterfactual", () => {
  test("every counterfactual returned really flips the model when predicted again, and --fixed is kept", async () => {
    const row = Array.from(scores).findIndex((s) => s < 0.3);
    const r = await run(["--kind", "counterfactual", "--row", String(row), "--fixed", "x1,group", "--json"]);
    expect(r.stderr).toBe("");
    const e = JSON.parse(r.stdout);
    expect(e.kind).toBe("counterfactual");
    expect(e.values.counterfactuals.length).toBeGreaterThan(0);
    for (const c of [...e.values.counterfactuals, ...e.values.nearest]) {
      expect((await predictRecord(c.record))[0]).toBeGreaterThanOrEqual(0.5);
      for (const ch of c.changes) expect(["x1", "group"]).not.toContain(ch.feature);
    }
    expect(e.params.candidates).toBe("split thresholds");
  });
  test("prints changes as old → new in text, and needs --row", async () => {
    const row = Array.from(scores).findIndex((s) => s < 0.3);
    const r = await run(["--kind", "counterfactual", "--row", String(row)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/smallest changes:/);
    expect(r.stdout).toMatch(/x\d: -?[\d.]+ → -?[\d.]+/);
    const bad = await run(["--kind", "counterfactual"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/needs --row/);
  });
  test("--target-range must be two ordered numbers", async () => {
    const r = await run(["--kind", "counterfactual", "--row", "0", "--target-range", "0.9,0.2"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--target-range must be two numbers a,b with a ≤ b/);
  });
});

describe("explain --kind threshold", () => {
  test("the confusion at the threshold and per group add up to the table, with the least-cost threshold", async () => {
    const r = await run(["--kind", "threshold", "--target", "y_class", "--threshold", "0.4", "--cost-fn", "3", "--group-by", "group", "--json"]);
    expect(r.stderr).toBe("");
    const e = JSON.parse(r.stdout);
    const at = e.values.at;
    expect(at.tp + at.fp + at.tn + at.fn).toBe(300);
    expect(at.tp + at.fp).toBe(Array.from(scores).filter((s) => s >= 0.4).length);
    expect(e.values.groups.rows.reduce((s: number, g: { n: number }) => s + g.n, 0)).toBe(300);
    expect(e.params.costs).toEqual({ fp: 1, fn: 3 });
  });
  test("text shows the chosen and the least-cost rows and the gaps", async () => {
    const r = await run(["--kind", "threshold", "--target", "y_class", "--group-by", "group"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/least cost/);
    expect(r.stdout).toMatch(/gaps \(largest − smallest\)/);
  });
});

describe("explain --kind shap --row all", () => {
  test("gives the SHAP values of a seeded sample of rows in one result, each equal to that row's own --row result", async () => {
    const r = await run(["--kind", "shap", "--row", "all", "--rows", "12", "--json"]);
    expect(r.stderr).toBe("");
    const e = JSON.parse(r.stdout);
    expect(e.values.rows).toHaveLength(12);
    expect(e.values.values).toHaveLength(12);
    expect(e.params.sample).toMatchObject({ rows: 12, of: 300 });
    // the same background (the sample) explains one of those rows alone
    const row = e.values.rows[3];
    const one = JSON.parse((await run(["--kind", "shap", "--row", String(row), "--rows", "12", "--json"])).stdout);
    one.values.values.forEach((v: number, j: number) => expect(e.values.values[3][j]).toBeCloseTo(v, 9));
  });
  test("--row all is for shap only", async () => {
    const r = await run(["--kind", "breakdown", "--row", "all"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--row all applies to --kind shap only/);
  });
});
