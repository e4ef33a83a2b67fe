import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { createSession, loadOrt, openSession, readModelBytes } from "../../src/model/index";
import { modelBytes, modelPath } from "./fixtures";

describe("readModelBytes(source) and createSession(bytes)", () => {
  test("reads the same bytes from a path, a file URL, bytes and an ArrayBuffer", async () => {
    const want = modelBytes("tree_regressor");
    expect(await readModelBytes(modelPath("tree_regressor"))).toEqual(want);
    expect(await readModelBytes(pathToFileURL(modelPath("tree_regressor")))).toEqual(want);
    expect(await readModelBytes(want)).toBe(want);
    expect(await readModelBytes(want.slice().buffer)).toEqual(want);
  });

  test("a missing file names the path", async () => {
    await expect(readModelBytes("/nonexistent/m.onnx")).rejects.toThrow(/cannot read model file `\/nonexistent\/m.onnx`/);
  });

  test("a session lists the model's inputs and outputs and can be released", async () => {
    const s = await createSession(modelBytes("linear_two_inputs"));
    expect(s.inputNames).toEqual(["a", "b"]);
    expect(s.outputNames).toEqual(["variable"]);
    await s.release();
  });

  test("onnxruntime-web's own error is passed on for a file it cannot load", async () => {
    await expect(createSession(modelBytes("truncated"))).rejects.toThrow(/onnxruntime-web could not load the model/);
  });

  test("openSession(path) rewrites a ZipMap so that the probabilities can be read", async () => {
    const ort = await loadOrt();
    const s = await openSession(modelPath("rf_classifier_zipmap"));
    const out = await s.run({ input: new ort.Tensor("float32", Float32Array.from([-1, 0]), [1, 2]) });
    expect(out.output_probability.dims).toEqual([1, 2]);
    expect((out.output_probability.data as Float32Array)[1]).toBeCloseTo((0.2 + 0.4) / 2, 6);
    await s.release();
  });
});
