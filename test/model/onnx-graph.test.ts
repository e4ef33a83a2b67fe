import { describe, expect, test } from "vitest";
import {
  decodeModel, graphInputs, graphOutputs, loadOrt, metadata, OnnxFormatError, opsets, rewriteZipMap,
} from "../../src/model/index";
import { expected, modelBytes } from "./fixtures";

describe("decodeModel(bytes)", () => {
  test("reads inputs, outputs, opsets and metadata of a model", () => {
    const m = decodeModel(modelBytes("tree_regressor"));
    expect(graphInputs(m)).toEqual([{ name: "float_input", type: "float32", shape: [null, 3], isTensor: true }]);
    expect(graphOutputs(m)).toEqual([{ name: "variable", type: "float32", shape: [null, 1], isTensor: true }]);
    expect(opsets(m)).toEqual({ "": 15, "ai.onnx.ml": 1 });
    expect(metadata(m)).toEqual({ feature_names: "x0,x1,x2", description: "2-tree fixture" });
  });

  test("names a ZipMap output's non-tensor type as skl2onnx declares it", () => {
    const outs = graphOutputs(decodeModel(modelBytes("rf_classifier_zipmap")));
    expect(outs.find((o) => o.name === "output_probability")).toMatchObject({ type: "seq(map(int64,float32))", isTensor: false });
  });

  test("a corrupt file fails with the byte where decoding broke", () => {
    expect(() => decodeModel(modelBytes("corrupt"))).toThrowError(/^corrupt ONNX file \(protobuf decode failed at byte \d+/);
  });

  test("a truncated file says it is truncated and where the file ends", () => {
    const bytes = modelBytes("truncated");
    expect(() => decodeModel(bytes)).toThrowError(new RegExp(`^truncated ONNX file: .*ends at byte ${bytes.length}`));
  });

  test("bytes that decode to no graph are 'not an ONNX model'", () => {
    expect(() => decodeModel(new Uint8Array([0x08, 0x07]))).toThrowError(OnnxFormatError);
    expect(() => decodeModel(new Uint8Array([0x08, 0x07]))).toThrowError(/not an ONNX model/);
  });
});

describe("rewriteZipMap(bytes)", () => {
  test("returns the same bytes when there is no ZipMap", () => {
    const bytes = modelBytes("tree_regressor");
    const r = rewriteZipMap(bytes);
    expect(r.bytes).toBe(bytes);
    expect(r.replaced).toEqual([]);
  });

  test("declares the ZipMap output as an [N, classes] float tensor under the same name", () => {
    const r = rewriteZipMap(modelBytes("multiclass_zipmap"));
    expect(r.replaced).toEqual([{ output: "output_probability", input: "probabilities", classes: ["setosa", "versicolor", "virginica"] }]);
    const outs = graphOutputs(decodeModel(r.bytes));
    expect(outs.find((o) => o.name === "output_probability")).toEqual({ name: "output_probability", type: "float32", shape: ["N", 3], isTensor: true });
    expect(decodeModel(r.bytes).graph!.node.map((n) => n.op_type)).toEqual(["TreeEnsembleClassifier", "Identity"]);
  });

  test("keeps everything else byte for byte: the rewritten file differs only in the replaced parts", () => {
    const original = decodeModel(modelBytes("rf_classifier_zipmap"));
    const rewritten = decodeModel(rewriteZipMap(modelBytes("rf_classifier_zipmap")).bytes);
    expect(opsets(rewritten)).toEqual(opsets(original));
    expect(graphInputs(rewritten)).toEqual(graphInputs(original));
    expect(rewritten.graph!.node[0]).toEqual(original.graph!.node[0]);
  });

  test("the rewritten graph runs in onnxruntime-web and returns the probabilities the ZipMap held", async () => {
    const ort = await loadOrt();
    const session = await ort.InferenceSession.create(rewriteZipMap(modelBytes("rf_classifier_zipmap")).bytes);
    const X = expected.rf_classifier.inputs.input as number[][];
    const out = await session.run({ input: new ort.Tensor("float32", Float32Array.from(X.flat()), [X.length, 2]) });
    const want = (expected.rf_classifier.outputs.output_probability as number[][]).flat();
    Array.from(out.output_probability.data as Float32Array).forEach((p, i) => expect(p).toBeCloseTo(want[i], 6));
    await session.release();
  });

  test("the original ZipMap graph does fail in onnxruntime-web (why the rewrite exists)", async () => {
    const ort = await loadOrt();
    const session = await ort.InferenceSession.create(modelBytes("rf_classifier_zipmap"));
    await expect(session.run({ input: new ort.Tensor("float32", new Float32Array(2), [1, 2]) })).rejects.toThrow(/non-tensor/);
    await session.release();
  });
});
