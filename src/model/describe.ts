// What an ONNX model is, read from its graph: inputs, outputs, kind of task, class labels,
// and which output holds the scores crossexam uses.
import { classLabels, decodeModel, fileFeatureNames, graphInputs, graphOutputs, metadata, opsets, type ValueDescription } from "./onnx-graph";
import type { OnnxModel } from "./onnx-schema";

export type ModelKind = "regressor" | "binary" | "multiclass";

export interface ModelDescription {
  inputs: ValueDescription[];
  outputs: ValueDescription[];
  kind: ModelKind;
  /** class labels in probability-column order (classifiers) */
  classes?: (string | number)[];
  /** true when the file returns probabilities through a ZipMap (crossexam rewrites it on load) */
  hasZipMap: boolean;
  /** the output holding the regression value or the class probabilities [N, classes] */
  scoreOutput: string;
  /** the output holding the predicted label (classifiers) */
  labelOutput?: string;
  opsets: Record<string, number>;
  metadata: Record<string, string>;
  producer?: string;
  /** names listed in metadata `feature_names`, when present */
  featureNames?: string[];
}

const CLASSIFIER = /Classifier$/;


/** Describe a model from its bytes (or its decoded graph). */
export function describeModel(source: Uint8Array | OnnxModel): ModelDescription {
  const model = source instanceof Uint8Array ? decodeModel(source) : source;
  const nodes = model.graph!.node;
  const inputs = graphInputs(model);
  const outputs = graphOutputs(model);
  const meta = metadata(model);
  const zipmap = nodes.find((n) => n.op_type === "ZipMap");
  const classifier = nodes.find((n) => CLASSIFIER.test(n.op_type ?? "") && n.domain === "ai.onnx.ml");
  let classes = (zipmap && classLabels(zipmap)) || (classifier && classLabels(classifier)) || undefined;

  let scoreOutput: string | undefined, labelOutput: string | undefined;
  if (zipmap) scoreOutput = zipmap.output[0];
  const tensors = outputs.filter((o) => o.isTensor);
  const floats = tensors.filter((o) => o.type === "float32" || o.type === "float64");
  if (!scoreOutput && (classifier || classes)) {
    // the classifier's probability output, followed through Identity/Cast/Normalizer to a graph output
    let name = classifier?.output[1];
    const consumers = (x: string) => nodes.filter((n) => n.input.includes(x));
    for (let hop = 0; name && hop < 5 && !outputs.some((o) => o.name === name); hop++) {
      const next = consumers(name).find((n) => ["Identity", "Cast", "Normalizer"].includes(n.op_type ?? ""));
      name = next?.output[0];
    }
    scoreOutput = name && outputs.some((o) => o.name === name) ? name
      : floats.find((o) => /prob/i.test(o.name))?.name ?? floats[0]?.name;
  }
  if (!scoreOutput && !classes) {
    // no classifier node: a float output next to an int64/string label output is still a classifier
    const label = tensors.find((o) => o.type === "int64" || o.type === "string");
    const probs = floats.find((o) => /prob/i.test(o.name)) ?? (label ? floats.find((o) => typeof o.shape[1] === "number" && (o.shape[1] as number) >= 2) : undefined);
    if (label && probs) {
      scoreOutput = probs.name;
      const k = probs.shape[1];
      if (typeof k === "number") classes = Array.from({ length: k }, (_, i) => i);
    } else scoreOutput = (floats.find((o) => o.name === "variable") ?? floats[0] ?? tensors[0])?.name;
  }
  if (!scoreOutput) throw new Error("the model has no tensor output crossexam can read as scores");
  if (classes) labelOutput = tensors.find((o) => o.name !== scoreOutput && (o.type === "int64" || o.type === "string"))?.name;

  const kind: ModelKind = !classes ? "regressor" : classes.length <= 2 ? "binary" : "multiclass";
  return {
    inputs, outputs, kind, classes, hasZipMap: !!zipmap, scoreOutput, labelOutput,
    opsets: opsets(model), metadata: meta,
    producer: [model.producer_name, model.producer_version].filter(Boolean).join(" ") || undefined,
    featureNames: fileFeatureNames(meta),
  };
}
