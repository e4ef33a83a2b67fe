// A file that names no classes and has no Softmax/Sigmoid node, but whose [N, K] output rows sum to 1 (a
// softmax written out as Exp / ReduceSum / Div), is a classifier with classes 0…K−1; without the Div it is not.
import { describe, expect, test } from "vitest";
import { loadModel } from "../../src/model/index";
import { ModelProto } from "../../src/model/onnx-schema";

const tensor = (name: string, dims: (number | string)[]) => ({
  name,
  type: { tensor_type: { elem_type: 1, shape: { dim: dims.map((d) => (typeof d === "number" ? { dim_value: d } : { dim_param: d })) } } },
});

/** x [N, 3] → exp(x) (then / Σ exp(x) over each row when `normalise`) → `probs` [N, 3]; opset 11. */
function handWrittenSoftmax(normalise: boolean): Uint8Array {
  const node = normalise
    ? [
      { op_type: "Exp", input: ["x"], output: ["e"] },
      { op_type: "ReduceSum", input: ["e"], output: ["s"], attribute: [{ name: "axes", type: 7, ints: [1] }, { name: "keepdims", type: 2, i: 1 }] },
      { op_type: "Div", input: ["e", "s"], output: ["probs"] },
    ]
    : [{ op_type: "Exp", input: ["x"], output: ["probs"] }];
  const model = {
    ir_version: 7, opset_import: [{ domain: "", version: 11 }], producer_name: "crossexam-test",
    graph: { name: "g", node, input: [tensor("x", ["N", 3])], output: [tensor("probs", ["N", 3])] },
  };
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

describe("loadModel: classes from rows that sum to 1", () => {
  test("a hand-written softmax [N, 3] is a classifier with classes 0, 1, 2, and `class` is checked against them", async () => {
    const features = ["a", "b", "c"];
    const m = await loadModel(handWrittenSoftmax(true), { features, class: 1 });
    expect(m).toMatchObject({ task: "classification", classes: [0, 1, 2], classIndex: 1 });
    expect(m.describe()).toMatchObject({ kind: "multiclass", probabilitiesFrom: "rows summing to 1" });
    const [p] = await m.predict({ n: 1, columns: { a: Float64Array.of(0), b: Float64Array.of(Math.log(2)), c: Float64Array.of(0) } });
    expect(p).toBeCloseTo(0.5, 6);
    await m.dispose();
    await expect(loadModel(handWrittenSoftmax(true), { features, class: 5 })).rejects.toThrow(
      "class `5` is not one of the model's classes (0, 1, 2); the file names no classes, so they are the columns of its output `probs`, whose rows sum to 1, 0…2",
    );
  });

  test("the same graph without the division (rows that do not sum to 1) stays a regressor scoring column 0", async () => {
    const m = await loadModel(handWrittenSoftmax(false), { features: ["a", "b", "c"] });
    expect(m.task).toBe("regression");
    expect(m.describe().classes).toBeUndefined();
    await m.dispose();
  });
});
