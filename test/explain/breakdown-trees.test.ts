// Break-down by walking the trees (src/explain/breakdown-trees.ts) must give the model-call version's
// results: bit for bit the engine's own scores of the perturbed batch (brute force, 1e-9 relative
// asserted), and onnxruntime's to float32 rounding — on the bundled credit GBM (a classifier with
// categoricals) and on every real exporter's tree file, a class of a three-class model included.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadTable, toBatch } from "../../src/data/index";
import { breakdown, shap, takeRows, type BreakdownValues, type Explanation, type ShapValues } from "../../src/explain/index";
import { treeChainScores, treeCoalitionScores } from "../../src/explain/breakdown-trees";
import { coalitionBatch, observationBatch } from "../../src/explain/shapley";
import { loadModel, type Batch, type OnnxPredictor, type Predictor } from "../../src/model/index";
import { classesOf, exporterFixtures, featuresOption, fixtureData, onnxPath } from "./exporters";

/** The same model without its engine: break-down calls onnxruntime. */
function called(m: Predictor): Predictor {
  return { name: m.name, features: m.features, task: m.task, positiveClass: m.positiveClass, predict: (b, o) => m.predict(b, o) };
}

/** Brute force: the model call answered by the engine's own walk of every perturbed row. */
async function bruteForce(m: OnnxPredictor): Promise<Predictor> {
  const { engine } = await m.treeEngine();
  if (!engine) throw new Error(`${m.name} has no engine`);
  return { ...called(m), predict: async (b) => engine.predict(b) };
}

const rel = (a: number, b: number, scale: number) => Math.abs(a - b) / Math.max(Math.abs(b), scale, 1e-12);

/** Same order, and every base, step and prediction within `tol` relative (to the prediction's scale). */
function expectSame(a: Explanation<BreakdownValues>, b: Explanation<BreakdownValues>, tol: number): void {
  const A = a.values, B = b.values;
  expect(A.ordering).toEqual(B.ordering);
  const scale = Math.max(Math.abs(B.base), Math.abs(B.prediction));
  expect(rel(A.base, B.base, scale)).toBeLessThanOrEqual(tol);
  expect(rel(A.prediction, B.prediction, scale)).toBeLessThanOrEqual(tol);
  A.steps.forEach((s, k) => {
    expect(rel(s.contribution, B.steps[k].contribution, scale)).toBeLessThanOrEqual(tol);
    expect(rel(s.cumulative, B.steps[k].cumulative, scale)).toBeLessThanOrEqual(tol);
  });
  expect(a.evaluations).toBe(b.evaluations);
}

describe("breakdown(credit GBM, data, {row}) by the trees", () => {
  let model: OnnxPredictor;
  let credit: Batch;
  beforeAll(async () => {
    model = await loadModel("data/models/credit/gbm.onnx", { card: "data/models/credit/gbm.card.json", name: "credit-gbm" });
    const { table, schema } = await loadTable("data/credit.csv");
    credit = takeRows(toBatch(table, [...model.features], schema), Int32Array.from({ length: 400 }, (_, i) => i * 11));
  });
  afterAll(async () => { await model.dispose(); });

  test.each([
    ["greedy", {}],
    ["with interactions", { interactions: true }],
    ["in a fixed order", { order: ["Home", "Age", "Income", "Job"] }],
  ] as const)("%s: equals brute force (1e-9 relative) and onnxruntime (float32), and says the trees computed it", async (_n, extra) => {
    for (const row of [0, 7, 123]) {
      const options = { row, background: 80, ...extra };
      const fixed: readonly string[] | undefined = "order" in extra ? extra.order : undefined;
      const order = fixed ? [...fixed, ...model.features.filter((f) => !fixed.includes(f))] : undefined;
      const o = order ? { ...options, order } : options;
      const trees = await breakdown(model, credit, o);
      expect(trees.params.engine).toBe("trees");
      expect(trees.params.engineReason).toBeUndefined();
      expectSame(trees, await breakdown(await bruteForce(model), credit, o), 1e-9);
      const viaOrt = await breakdown(called(model), credit, o);
      expect(viaOrt.params.engine).toBe("model");
      expectSame(trees, viaOrt, 1e-5);
    }
  });

  test("an edited what-if observation (a category, a missing value) goes the same way as the model call", async () => {
    const record: Record<string, unknown> = {};
    for (const f of model.features) record[f] = credit.columns[f][5];
    record.Home = "rent";
    record.Income = NaN;
    const trees = await breakdown(model, credit, { observation: record, background: 60 });
    expect(trees.params.engine).toBe("trees");
    expectSame(trees, await breakdown(await bruteForce(model), credit, { observation: record, background: 60 }), 1e-9);
  });
});

describe("treeCoalitionScores / treeChainScores (credit GBM)", () => {
  let model: OnnxPredictor;
  let credit: Batch;
  beforeAll(async () => {
    model = await loadModel("data/models/credit/gbm.onnx", { card: "data/models/credit/gbm.card.json", name: "credit-gbm" });
    const { table, schema } = await loadTable("data/credit.csv");
    credit = takeRows(toBatch(table, [...model.features], schema), Int32Array.from({ length: 50 }, (_, i) => i * 37));
  });
  afterAll(async () => { await model.dispose(); });

  test("score every coalition as the engine scores the perturbed batch (random coalitions and permutation prefixes)", async () => {
    const { engine } = await model.treeEngine();
    const features = model.features, p = features.length;
    const record: Record<string, unknown> = {};
    for (const f of features) record[f] = credit.columns[f][3];
    const x = observationBatch(record, features, credit);
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
    const k = 40, z = new Uint8Array(k * p).map(() => (random() < 0.5 ? 1 : 0));
    const want = engine!.predict(coalitionBatch(x, credit, features, z, k));
    expect(Array.from(await treeCoalitionScores(engine!, features, x, credit, z, k, {}))).toEqual(Array.from(want));
    // two permutations as chains: point s fixes the first s features of each
    const perms = [Int32Array.from({ length: p }, (_, j) => j), Int32Array.from({ length: p }, (_, j) => p - 1 - j)];
    const at = perms.map((pi) => { const a = new Int32Array(p); pi.forEach((j, t) => { a[j] = t + 1; }); return a; });
    const prefixes = new Uint8Array(2 * (p + 1) * p);
    perms.forEach((pi, c) => { for (let s = 0; s <= p; s++) for (let t = 0; t < s; t++) prefixes[(c * (p + 1) + s) * p + pi[t]] = 1; });
    const brute = engine!.predict(coalitionBatch(x, credit, features, prefixes, 2 * (p + 1)));
    const got = await treeChainScores(engine!, features, x, credit, at, p, {});
    got.forEach((v, i) => expect(rel(v, brute[i], 1)).toBeLessThanOrEqual(1e-12));
  });

  test("permutation SHAP of the probability scores its prefixes by the trees: the model call's values", async () => {
    // the probability of a LOGISTIC ensemble: the panel grid's SHAP without TreeSHAP, through the model
    const options = { row: 4, background: 40, method: "permutation" as const, samples: 8, seed: 3 };
    const trees = await shap(model, credit, options);
    const brute = await shap(await bruteForce(model), credit, options);
    const viaOrt = await shap(called(model), credit, options);
    expect(trees.params.engine).toBe("trees");
    expect(viaOrt.params.engine).toBe("model");
    const a = trees.values as ShapValues, b = brute.values as ShapValues, c = viaOrt.values as ShapValues;
    const scale = Math.abs(b.prediction);
    a.values.forEach((v, j) => {
      expect(rel(v, b.values[j], scale)).toBeLessThanOrEqual(1e-9);
      expect(rel(v, c.values[j], scale)).toBeLessThanOrEqual(1e-5);
    });
    expect(rel(a.base, c.base, scale)).toBeLessThanOrEqual(1e-5);
    expect(trees.evaluations).toBe(viaOrt.evaluations);
  });
});

const fixtures = exporterFixtures();

describe.each(fixtures.map((f) => [f.name, f] as const))("breakdown on the exporter's %s", (_n, f) => {
  test("by the trees where the file has a checked engine, else onnxruntime with the reason; the same values", async () => {
    const cls = classesOf(f).at(-1);
    const model = await loadModel(onnxPath(f), { features: featuresOption(f), class: cls });
    try {
      const { data, background } = await fixtureData(f);
      const { engine } = await model.treeEngine();
      for (const row of [0, 29]) {
        const options = { row, background, interactions: true };
        const r = await breakdown(model, data, options);
        const viaOrt = await breakdown(called(model), data, options);
        expectSame(r, viaOrt, 1e-5);
        if (engine) {
          expect(r.params.engine).toBe("trees");
          expectSame(r, await breakdown(await bruteForce(model), data, options), 1e-9);
        } else {
          expect(r.params.engine).toBe("onnxruntime");
          expect(typeof r.params.engineReason).toBe("string");
        }
      }
    } finally {
      await model.dispose();
    }
  });
});

test("the exporters' fixtures include tree files with an engine: classifiers with a class, regressors", () => {
  const names = fixtures.map((f) => f.name);
  expect(names).toEqual(expect.arrayContaining(["skl_gb_classifier3", "xgb_classifier3", "skl_rf_classifier", "xgb_regressor"]));
});
