// The tree engine (src/model/tree-engine*.ts): flat arrays and a typed-array walk that must score
// exactly as the trees say (the spec walk in tree-walk.ts) and as onnxruntime does (float32), and
// that steps aside — with a reason — wherever it cannot be trusted.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
import { loadTable, toBatch } from "../../src/data/index";
import { loadModel, type Batch, type OnnxPredictor, type TreeEnsemble } from "../../src/model/index";
import { loadOrt, runExclusive } from "../../src/model/onnx-session";
import { buildTreeEngine } from "../../src/model/tree-engine-check";
import { layoutTrees, margins, nextFloat32Up, type TreeLayout } from "../../src/model/tree-engine";
import { walkMargin } from "./tree-walk";

const DATA = "data/models";
const TREES = "test/fixtures/oracles/trees";
const fixture = JSON.parse(readFileSync(`${TREES}/tree_engine.json`, "utf8"));
const opened: OnnxPredictor[] = [];
afterAll(async () => { for (const m of opened) await m.dispose(); });

async function open(path: string, options: Parameters<typeof loadModel>[1] = {}): Promise<OnnxPredictor> {
  const m = await loadModel(path, options);
  opened.push(m);
  return m;
}

async function tableRows(dataset: string, model: OnnxPredictor, n: number): Promise<Batch> {
  const { table, schema } = await loadTable(`data/${dataset}.csv`);
  const all = toBatch(table, [...model.features], schema);
  const columns = Object.fromEntries(Object.entries(all.columns).map(([k, c]) => [k, c instanceof Float64Array ? c.slice(0, n) : c.slice(0, n)]));
  return { n, columns };
}

/** |a − b| within float32 rounding of a score of size `scale` */
function expectFloat32Close(a: ArrayLike<number>, b: ArrayLike<number>, scale = 1) {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i]), `row ${i}`).toBeLessThanOrEqual(2e-6 * Math.max(scale, Math.abs(b[i])));
}

describe("nextFloat32Up(t)", () => {
  test("is the next float32: x ≤ t ⇔ x < t⁺ for float32 x", () => {
    for (const t of [0, -0, 1, -1, 0.1, 1e-40, -3.5e38, 12345.678]) {
      const t32 = Math.fround(t), up = nextFloat32Up(t32);
      expect(up).toBeGreaterThan(t32);
      expect(Math.fround(up)).toBe(up);
      // nothing float32 lies strictly between
      expect(Math.fround((t32 + up) / 2) === t32 || Math.fround((t32 + up) / 2) === up).toBe(true);
    }
  });
});

describe("layoutTrees + margins: the flat walk equals the operator's spec walk", () => {
  test.each([["ames/gbm", "ames"], ["credit/xgb", "credit"], ["mortality/rf", "mortality"]])(
    "%s on 300 table rows: margins bit-for-bit equal to tree-walk.ts", async (name, dataset) => {
      const m = await open(`${DATA}/${name}.onnx`, { card: `${DATA}/${name}.card.json` });
      const e = m.treeEnsemble()!;
      const L = layoutTrees([e], 0) as TreeLayout;
      const batch = await tableRows(dataset, m, 300);
      const x = (await m.treeEngine()).engine!.encode(batch);
      const p = e.features.length;
      const ours = margins(L, x, batch.n, p);
      for (let r = 0; r < batch.n; r++) expect(ours[r]).toBe(walkMargin(e, Array.from(x.subarray(r * p, (r + 1) * p))));
    });
});

describe("model.treeEngine(): checked against onnxruntime at load", () => {
  test.each([["ames/gbm", "ames", 1e5], ["ames/rf", "ames", 1e5], ["credit/gbm", "credit", 1], ["credit/rf", "credit", 1], ["synthetic/y_class-xgb", "synthetic", 1]])(
    "%s: engine scores equal model.predict (onnxruntime) on table rows, categories and missing values included", async (name, dataset, scale) => {
      const m = await open(`${DATA}/${name}.onnx`, { card: `${DATA}/${name}.card.json` });
      const status = await m.treeEngine();
      expect(status.reason).toBeUndefined();
      const batch = await tableRows(dataset, m, 500);
      expectFloat32Close(status.engine!.predict(batch), await m.predict(batch), scale as number);
      expect(status.engine!.check.rows).toBeGreaterThan(0);
    });

  test.each([0, 1, 2])("a 3-class GBM (SOFTMAX over per-class margins), class %i: engine = onnxruntime = sklearn predict_proba", async (c) => {
    const m = await open(`${TREES}/multiclass_gbm.onnx`, { class: c, name: `gbm${c}` });
    const { engine } = await m.treeEngine();
    expect(engine!.layout.transform).toBe("SOFTMAX");
    expect(engine!.layout.K).toBe(3);
    const batch: Batch = { n: fixture.rows.length, columns: Object.fromEntries(fixture.features.map((f: string, j: number) => [f, Float64Array.from(fixture.rows, (r: number[]) => r[j])])) };
    const ours = engine!.predict(batch);
    expectFloat32Close(ours, await m.predict(batch));
    expectFloat32Close(ours, fixture.models.multiclass_gbm.predictions.map((p: number[]) => p[c]));
  });

  test("a 3-class random forest (averaged class frequencies, no transform): engine = sklearn predict_proba", async () => {
    const m = await open(`${TREES}/multiclass_rf.onnx`, { class: 2, name: "rf2" });
    const { engine } = await m.treeEngine();
    const batch: Batch = { n: fixture.rows.length, columns: Object.fromEntries(fixture.features.map((f: string, j: number) => [f, Float64Array.from(fixture.rows, (r: number[]) => r[j])])) };
    expectFloat32Close(engine!.predict(batch), fixture.models.multiclass_rf.predictions.map((p: number[]) => p[2]));
  });

  test("a pipeline with a scaler in front of the trees has no engine, and says why", async () => {
    const m = await open(`${TREES}/scaled_gbm.onnx`);
    expect((await m.treeEngine()).reason).toMatch(/preprocessing in front/);
  });

  test("a model that is not a tree ensemble has no engine, and says so", async () => {
    const m = await open(`${DATA}/credit/mlp.onnx`, { card: `${DATA}/credit/mlp.card.json` });
    expect((await m.treeEngine()).reason).toBe("the model is not a tree ensemble");
  });

  test("a model returning class labels has no engine", async () => {
    const m = await open(`${DATA}/credit/gbm.onnx`, { card: `${DATA}/credit/gbm.card.json`, output: "label", name: "labels" });
    expect((await m.treeEngine()).reason).toMatch(/class labels/);
  });
});

describe("buildTreeEngine(source): a misread tree is caught by the check", () => {
  /** the real model's engine source, with its trees changed by `edit` before layout */
  async function misread(edit: (e: TreeEnsemble) => void) {
    const m = await open(`${DATA}/credit/xgb.onnx`, { card: `${DATA}/credit/xgb.card.json`, name: `misread${opened.length}` });
    const good = (await m.treeEngine()).engine!;
    return buildTreeEngine({
      plan: m.plan, hasTrees: true, output: "score", column: 1, columns: 2,
      ensembleOf: () => { const e = structuredClone(m.treeEnsemble()!); edit(e); return e; },
      // onnxruntime itself, on the check rows as they are (no fills: missing values reach the trees)
      runTensor: (x, n) => runExclusive(async () => {
        const ort = await loadOrt();
        const input = m.plan.bindings[0];
        const out = await m.session.run({ [input.name]: new ort.Tensor("float32", x, [n, good.layout.features.length]) });
        const probs = out[m.describe().scoreOutput].data as Float32Array;
        return Float64Array.from({ length: n }, (_, r) => probs[r * 2 + 1]);
      }),
    });
  }

  test("reading ≤ splits as < (x exactly at a threshold goes the other way) is a disagreement", async () => {
    const status = await misread((e) => e.trees.forEach((t) => t.mode.forEach((m, i) => { if (m !== "LEAF") t.mode[i] = m === "BRANCH_LT" ? "BRANCH_LEQ" : "BRANCH_LT"; })));
    expect(status.reason).toMatch(/disagrees with onnxruntime/);
  });

  test("sending missing values down the wrong branch is a disagreement", async () => {
    const status = await misread((e) => e.trees.forEach((t) => t.missingTrue.forEach((v, i) => { t.missingTrue[i] = v ? 0 : 1; })));
    expect(status.reason).toMatch(/disagrees with onnxruntime/);
  });

  test("the unchanged trees pass", async () => {
    expect((await misread(() => {})).engine).toBeDefined();
  });
});
