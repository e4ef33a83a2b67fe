import { describe, expect, test } from "vitest";
import { describeModel } from "../../src/model/index";
import { readFileSync } from "node:fs";
import { EXPORTERS } from "../explain/exporters";
import { modelBytes } from "./fixtures";

describe("describeModel(bytes)", () => {
  test("a tree regressor is a regressor scored from `variable`", () => {
    const d = describeModel(modelBytes("tree_regressor"));
    expect(d).toMatchObject({ kind: "regressor", scoreOutput: "variable", hasZipMap: false, featureNames: ["x0", "x1", "x2"] });
    expect(d.classes).toBeUndefined();
    expect(d.inputs).toEqual([{ name: "float_input", type: "float32", shape: [null, 3], isTensor: true }]);
    expect(d.producer).toBe("crossexam-fixtures");
  });

  test("a binary classifier with ZipMap: classes from ZipMap, probabilities from its output", () => {
    const d = describeModel(modelBytes("rf_classifier_zipmap"));
    expect(d).toMatchObject({ kind: "binary", classes: [0, 1], hasZipMap: true, scoreOutput: "output_probability", labelOutput: "output_label" });
  });

  test("the same classifier without ZipMap: classes from the tree node, probabilities traced through Identity", () => {
    const d = describeModel(modelBytes("rf_classifier"));
    expect(d).toMatchObject({ kind: "binary", classes: [0, 1], hasZipMap: false, scoreOutput: "output_probability", labelOutput: "output_label" });
  });

  test("a three-class model with string labels is multiclass", () => {
    const d = describeModel(modelBytes("multiclass_zipmap"));
    expect(d).toMatchObject({ kind: "multiclass", classes: ["setosa", "versicolor", "virginica"], labelOutput: "label" });
  });

  test("named inputs of several types are listed in graph order", () => {
    expect(describeModel(modelBytes("linear_two_inputs")).inputs.map((i) => i.name)).toEqual(["a", "b"]);
    expect(describeModel(modelBytes("int64_category")).inputs.map((i) => i.type)).toEqual(["float32", "int64"]);
    expect(describeModel(modelBytes("string_input")).inputs.map((i) => i.type)).toEqual(["float32", "string"]);
    expect(describeModel(modelBytes("string_input")).opsets).toEqual({ "": 15, "ai.onnx.ml": 3 });
  });

  test("a file that names no classes but ends in Softmax [N, K] is a classifier with classes 0…K−1", () => {
    const d = describeModel(readFileSync(`${EXPORTERS}torch_softmax3.onnx`));
    expect(d).toMatchObject({ kind: "multiclass", classes: [0, 1, 2], probabilitiesFrom: "Softmax", scoreOutput: "output", problems: [] });
    expect(d.singleColumn).toBeUndefined();
  });

  test("a [N, 1] Sigmoid output is a binary classifier whose one column is P(class 1)", () => {
    const d = describeModel(readFileSync(`${EXPORTERS}torch_sigmoid.onnx`));
    expect(d).toMatchObject({ kind: "binary", classes: [0, 1], probabilitiesFrom: "Sigmoid", singleColumn: true });
  });

  test("a regressor ending in neither stays a regressor, and a labelled classifier keeps its labels", () => {
    expect(describeModel(modelBytes("tree_regressor"))).toMatchObject({ kind: "regressor", problems: [] });
    expect(describeModel(modelBytes("tree_regressor")).probabilitiesFrom).toBeUndefined();
    expect(describeModel(modelBytes("multiclass_zipmap")).probabilitiesFrom).toBeUndefined();
  });
});
