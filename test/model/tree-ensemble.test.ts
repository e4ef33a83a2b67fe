import { describe, expect, test } from "vitest";
import { loadModel, readTreeEnsemble } from "../../src/model/index";
import { columnsOf, expected, modelBytes } from "./fixtures";
import { walkMargin } from "./tree-walk";

describe("readTreeEnsemble(bytes)", () => {
  test("reads a 2-tree regressor's structure, leaf values and cover, trees ordered by id whatever the file order", () => {
    const e = readTreeEnsemble(modelBytes("tree_regressor"));
    const want = (expected.tree_regressor.tree as { trees: Record<string, number[] | string[]>[] }).trees;
    expect(e.trees).toHaveLength(2);
    e.trees.forEach((t, k) => {
      expect(Array.from(t.feature)).toEqual(want[k].feature);
      expect(Array.from(t.threshold)).toEqual(want[k].threshold);
      expect(Array.from(t.left)).toEqual(want[k].left);
      expect(Array.from(t.right)).toEqual(want[k].right);
      expect(Array.from(t.value)).toEqual(want[k].value);
      expect(Array.from(t.cover)).toEqual(want[k].cover);
      expect(t.mode).toEqual(want[k].mode);
      expect(Array.from(t.missingTrue)).toEqual(want[k].missingTrue);
    });
    expect(e).toMatchObject({ base: 0.5, aggregate: "SUM", postTransform: "NONE", hasCover: true, features: ["x0", "x1", "x2"] });
  });

  test("walking the read trees reproduces the regressor's outputs, missing values included", () => {
    const e = readTreeEnsemble(modelBytes("tree_regressor"));
    const X = (expected.tree_regressor.inputs.float_input as (number | null)[][]).map((r) => r.map((v) => v ?? NaN));
    expect(X.map((x) => walkMargin(e, x))).toEqual(expected.tree_regressor.outputs.variable);
  });

  test("the ai.onnx.ml v3 form (thresholds, weights, hit rates and base as tensor attributes) reads the same", async () => {
    const v1 = readTreeEnsemble(modelBytes("tree_regressor"));
    const v3 = readTreeEnsemble(modelBytes("tree_regressor_v3"));
    expect(v3).toEqual(v1);
    const m = await loadModel(modelBytes("tree_regressor_v3"), { allowMissing: true }); // its inputs have a missing value
    const X = expected.tree_regressor.inputs.float_input as (number | null)[][];
    expect(Array.from(await m.predict({ n: X.length, columns: columnsOf(X, m.features) }))).toEqual(expected.tree_regressor.outputs.variable);
    await m.dispose();
  });

  test("a random-forest binary classifier with weights for both classes scores the positive (last) class by default", () => {
    const e = readTreeEnsemble(modelBytes("rf_classifier"));
    const want = (expected.rf_classifier.tree as { values: number[][] }).values;
    e.trees.forEach((t, k) => Array.from(t.value).forEach((v, i) => expect(v).toBeCloseTo(want[k][i], 6)));
    expect(e.hasCover).toBe(false);
    expect(Number.isNaN(e.trees[0].cover[0])).toBe(true);
    const X = expected.rf_classifier.inputs.input as number[][];
    const p = (expected.rf_classifier.outputs.output_probability as number[][]).map((r) => r[1]);
    X.forEach((x, i) => expect(walkMargin(e, x)).toBeCloseTo(p[i], 6));
  });

  test("classIndex 0 picks the other weight column", () => {
    const e = readTreeEnsemble(modelBytes("rf_classifier"), { classIndex: 0 });
    const want = (expected.rf_classifier.tree as { values_class0: number[][] }).values_class0;
    e.trees.forEach((t, k) => Array.from(t.value).forEach((v, i) => expect(v).toBeCloseTo(want[k][i], 6)));
  });

  test("a boosted binary classifier with one weight column gives the margin; LOGISTIC of it is the model's probability", async () => {
    const e = readTreeEnsemble(modelBytes("gbm_classifier"));
    expect(e).toMatchObject({ base: -0.5, postTransform: "LOGISTIC", hasCover: true });
    const X = expected.gbm_classifier.inputs.input as number[][];
    expect(X.map((x) => walkMargin(e, x))).toEqual(expected.gbm_classifier.margin);
    // and the real runtime agrees
    const model = await loadModel(modelBytes("gbm_classifier"), { features: ["a", "b"] });
    const scores = await model.predict({ n: X.length, columns: columnsOf(X, ["a", "b"]) });
    X.forEach((x, i) => expect(scores[i]).toBeCloseTo(1 / (1 + Math.exp(-walkMargin(e, x))), 6));
    await model.dispose();
  });

  test("for one weight column, class 0 is the mirror image: its LOGISTIC is 1 − p", () => {
    const e1 = readTreeEnsemble(modelBytes("gbm_classifier"));
    const e0 = readTreeEnsemble(modelBytes("gbm_classifier"), { classIndex: 0 });
    for (const x of expected.gbm_classifier.inputs.input as number[][]) expect(walkMargin(e0, x)).toBeCloseTo(-walkMargin(e1, x), 12);
  });

  test("a multiclass ensemble asks which class, naming them", () => {
    expect(() => readTreeEnsemble(modelBytes("multiclass_zipmap"))).toThrowError(/3 classes \(setosa, versicolor, virginica\).*classIndex/);
    const e = readTreeEnsemble(modelBytes("multiclass_zipmap"), { classIndex: 2 });
    expect(Array.from(e.trees[0].value)).toEqual([0, 0.1, 0.6].map(Math.fround));
  });

  test("features are named from the file's metadata, the input name, or the names given", () => {
    expect(readTreeEnsemble(modelBytes("gbm_classifier")).features).toEqual(["input[0]", "input[1]"]);
    expect(readTreeEnsemble(modelBytes("gbm_classifier"), { features: ["age", "income"] }).features).toEqual(["age", "income"]);
  });

  test("a model without trees is 'not a tree ensemble', naming what it holds", () => {
    expect(() => readTreeEnsemble(modelBytes("linear_two_inputs"))).toThrowError("not a tree ensemble: the graph holds Mul, Sub, Add");
  });

  test("corrupt and truncated files fail as such", () => {
    expect(() => readTreeEnsemble(modelBytes("corrupt"))).toThrowError(/^corrupt ONNX file/);
    expect(() => readTreeEnsemble(modelBytes("truncated"))).toThrowError(/^truncated ONNX file/);
  });
});
