import { describe, expect, test } from "vitest";
import { loadModel, type Batch } from "../../src/model/index";
import { columnsOf, expected, modelBytes, modelPath } from "./fixtures";

const close = (got: Float64Array, want: number[], digits = 5) => {
  expect(got).toHaveLength(want.length);
  want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, digits));
};

describe("loadModel(source).predict(batch)", () => {
  test("a tree regressor from a file path reproduces the hand-computed values, NaN as missing (allowMissing)", async () => {
    const m = await loadModel(modelPath("tree_regressor"), { allowMissing: true });
    expect(m).toMatchObject({ name: "tree_regressor", task: "regression", features: ["x0", "x1", "x2"] });
    const X = expected.tree_regressor.inputs.float_input as (number | null)[][];
    close(await m.predict({ n: X.length, columns: columnsOf(X, m.features) }), expected.tree_regressor.outputs.variable as number[]);
    await m.dispose();
  });

  test("a ZipMap classifier scores P(positive class); the positive class defaults to the last", async () => {
    const m = await loadModel(modelBytes("rf_classifier_zipmap"), { features: ["a", "b"] });
    expect(m).toMatchObject({ task: "classification", positiveClass: 1, classes: [0, 1], classIndex: 1 });
    const X = expected.rf_classifier.inputs.input as number[][];
    const p = (expected.rf_classifier.outputs.output_probability as number[][]).map((r) => r[1]);
    close(await m.predict({ n: X.length, columns: columnsOf(X, ["a", "b"]) }), p);
    await m.dispose();
  });

  test("`class` chooses another probability column, by label", async () => {
    const m = await loadModel(modelBytes("multiclass_zipmap"), { features: ["x"], class: "versicolor" });
    const X = expected.multiclass_zipmap.inputs.input as number[][];
    const p = (expected.multiclass_zipmap.outputs.output_probability as number[][]).map((r) => r[1]);
    close(await m.predict({ n: X.length, columns: columnsOf(X, ["x"]) }), p);
    await m.dispose();
  });

  test("a multiclass model without `class` says which classes there are", async () => {
    await expect(loadModel(modelBytes("multiclass_zipmap"), { features: ["x"] })).rejects.toThrow("the model has 3 classes (setosa, versicolor, virginica): choose the one to score with `class`");
    await expect(loadModel(modelBytes("multiclass_zipmap"), { features: ["x"], class: "rose" })).rejects.toThrow(/class `rose` is not one of/);
  });

  test("a card names classes, the positive class and the feature order", async () => {
    const card = { name: "rf", classes: ["bad", "good"], positive_class: "bad", features: [{ name: "b", input_index: 1 }, { name: "a", input_index: 0 }] };
    const m = await loadModel(modelBytes("rf_classifier"), { card });
    expect(m).toMatchObject({ name: "rf", positiveClass: "bad", classIndex: 0, features: ["a", "b"] });
    const X = expected.rf_classifier.inputs.input as number[][];
    close(await m.predict({ n: X.length, columns: columnsOf(X, ["a", "b"]) }), (expected.rf_classifier.outputs.output_probability as number[][]).map((r) => r[0]));
    await m.dispose();
  });

  test("output 'label' gives the index of the most probable class", async () => {
    const m = await loadModel(modelBytes("multiclass_zipmap"), { features: ["x"], class: "setosa", output: "label" });
    const X = expected.multiclass_zipmap.inputs.input as number[][];
    const labels = expected.multiclass_zipmap.outputs.label as string[];
    expect(Array.from(await m.predict({ n: X.length, columns: columnsOf(X, ["x"]) }))).toEqual(labels.map((l) => m.classes!.indexOf(l)));
    await m.dispose();
  });

  test("two named inputs, an int64 input and a string input are fed from their columns", async () => {
    for (const name of ["linear_two_inputs", "int64_category", "string_input"]) {
      const e = expected[name];
      const m = await loadModel(modelBytes(name));
      const columns = Object.fromEntries(Object.entries(e.inputs).map(([k, v]) => [k, typeof v[0] === "number" ? Float64Array.from(v as number[]) : v]));
      close(await m.predict({ n: e.inputs[m.features[0]].length, columns } as Batch), e.outputs.variable as number[]);
      await m.dispose();
    }
  });
});

describe("chunks, progress, cancellation and the cache", () => {
  const big = (n: number): Batch => {
    const a = new Float64Array(n), b = new Float64Array(n);
    for (let i = 0; i < n; i++) { a[i] = (i % 7) - 3; b[i] = (i % 5) - 2; }
    return { n, columns: { a, b } };
  };

  test("predicting in chunks gives the same scores as one run, and runs once per chunk", async () => {
    const whole = await loadModel(modelBytes("linear_two_inputs"));
    const chunked = await loadModel(modelBytes("linear_two_inputs"), { chunkSize: 300 });
    const batch = big(1000);
    const want = Float64Array.from({ length: 1000 }, (_, i) => 2 * (batch.columns.a[i] as number) - 3 * (batch.columns.b[i] as number) + 1);
    expect(await whole.predict(batch)).toEqual(want);
    expect(await chunked.predict(batch)).toEqual(want);
    expect(whole.runs).toBe(1);
    expect(chunked.runs).toBe(4);
    await whole.dispose(); await chunked.dispose();
  });

  test("onProgress reports the fraction done after each chunk, ending at 1", async () => {
    const m = await loadModel(modelBytes("linear_two_inputs"), { chunkSize: 250 });
    const seen: number[] = [];
    await m.predict(big(1000), { onProgress: (f) => seen.push(f) });
    expect(seen).toEqual([0.25, 0.5, 0.75, 1]);
    await m.dispose();
  });

  test("an aborted signal stops between chunks with an AbortError, and the failure is not cached", async () => {
    const m = await loadModel(modelBytes("linear_two_inputs"), { chunkSize: 100 });
    const batch = big(1000);
    const ctrl = new AbortController();
    const p = m.predict(batch, { signal: ctrl.signal, onProgress: (f) => { if (f >= 0.3) ctrl.abort(); } });
    await expect(p).rejects.toMatchObject({ name: "AbortError" });
    expect(m.runs).toBe(3);
    await expect(m.predict(batch, { signal: ctrl.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect((await m.predict(batch))[0]).toBe(2 * -3 - 3 * -2 + 1);
    await m.dispose();
  });

  test("a caller sharing a pending prediction is not failed by the other caller's abort", async () => {
    const m = await loadModel(modelBytes("linear_two_inputs"), { chunkSize: 100 });
    const batch = big(1000);
    const ctrl = new AbortController();
    const aborted = m.predict(batch, { signal: ctrl.signal, onProgress: () => ctrl.abort() });
    const patient = m.predict(batch);
    await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
    expect((await patient)[999]).toBe(2 * ((999 % 7) - 3) - 3 * ((999 % 5) - 2) + 1);
    await m.dispose();
  });

  test("a second call on the same batch is served from the cache without running the session", async () => {
    const m = await loadModel(modelBytes("linear_two_inputs"));
    const batch = big(50);
    const first = await m.predict(batch);
    const second = await m.predict(batch);
    expect(second).toEqual(first);
    expect(m.runs).toBe(1);
    second[0] = 1e9; // a caller editing its result must not change what others get
    expect((await m.predict(batch))[0]).toBe(first[0]);
    expect(m.runs).toBe(1);
    await m.dispose();
  });

  test("a new data version or a different batch object runs the model again", async () => {
    const m = await loadModel(modelBytes("linear_two_inputs"));
    const batch = big(50);
    await m.predict(batch, { version: 1 });
    (batch.columns.a as Float64Array)[0] = 100;
    const changed = await m.predict(batch, { version: 2 });
    expect(changed[0]).toBe(2 * 100 - 3 * -2 + 1);
    expect(m.runs).toBe(2);
    await m.predict({ ...batch });
    expect(m.runs).toBe(3);
    await m.dispose();
  });

  test("a missing column fails before any run, naming it", async () => {
    const m = await loadModel(modelBytes("linear_two_inputs"));
    await expect(m.predict({ n: 1, columns: { a: [1] } })).rejects.toThrow(/missing column `b` \(the model reads: a, b; the table has: a\)/);
    expect(m.runs).toBe(0);
    await m.dispose();
  });

  test("a disposed model refuses to predict", async () => {
    const m = await loadModel(modelBytes("linear_two_inputs"), { name: "lin" });
    await m.dispose();
    await expect(m.predict(big(2))).rejects.toThrow("model `lin` was disposed");
  });
});
