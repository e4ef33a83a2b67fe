// What an ONNX model is, read from its graph: inputs, outputs, kind of task, class labels,
// and which output holds the scores crossexam uses.
import { classLabels, decodeModel, fileFeatureNames, graphInputs, graphOutputs, metadata, opsets, type ValueDescription } from "./onnx-graph";
import type { OnnxModel, OnnxNode } from "./onnx-schema";

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
  /**
   * how the file says its scores are probabilities when it names no classes: the activation
   * (Softmax, Sigmoid) that produces the score output; classes are then 0…K−1
   */
  probabilitiesFrom?: string;
  /** a binary classifier whose score output has one column: P(class 1) (a [N, 1] Sigmoid head) */
  singleColumn?: boolean;
  /** what is wrong with the file such that onnxruntime would refuse it (crossexam refuses it first, saying why) */
  problems: string[];
}

const CLASSIFIER = /Classifier$/;
/** Steps that keep a tensor's values (only its type or shape changes) between an activation and the output. */
const PASS_THROUGH = new Set(["Identity", "Cast", "Reshape", "Flatten", "Squeeze", "Unsqueeze"]);

/** The activation (Softmax, Sigmoid) that computes graph output `name`, looking back through pass-through steps. */
function activationOf(nodes: OnnxNode[], name: string): string | undefined {
  for (let hop = 0; hop < 6; hop++) {
    const p = nodes.find((n) => n.output.includes(name));
    if (!p) return undefined;
    if (p.op_type === "Softmax" || p.op_type === "Sigmoid") return p.op_type;
    if (!PASS_THROUGH.has(p.op_type ?? "")) return undefined;
    name = p.input[0];
  }
  return undefined;
}

/** Files onnxruntime refuses although onnx's checker accepts them (see FACTS.md: skl2onnx double outputs). */
function fileProblems(model: OnnxModel, outputs: ValueDescription[]): string[] {
  const problems: string[] = [];
  const ml = opsets(model)["ai.onnx.ml"];
  for (const n of model.graph!.node) {
    if (n.op_type !== "TreeEnsembleRegressor") continue;
    // the operator's Y is float32 in every ai.onnx.ml version; a graph output declared double is a lie
    let name = n.output[0];
    for (let hop = 0; hop < 3; hop++) {
      const next = model.graph!.node.find((m) => m.op_type === "Identity" && m.input[0] === name);
      if (!next) break;
      name = next.output[0];
    }
    const out = outputs.find((o) => o.name === name);
    if (out && out.type === "float64") {
      problems.push(
        `output \`${name}\` is declared double (float64), but the TreeEnsembleRegressor computing it ` +
          `(ai.onnx.ml opset ${ml ?? "?"}) produces float32 only, so onnxruntime refuses the file — the file's fault, ` +
          "not the data's: re-export it from float32 rows (skl2onnx: `to_onnx(model, X[:1].astype(numpy.float32))`)",
      );
    }
  }
  return problems;
}


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
  // no labels anywhere: a Softmax/Sigmoid head still makes the scores class probabilities
  let probabilitiesFrom: string | undefined, singleColumn = false;
  if (!classes && scoreOutput) {
    const out = outputs.find((o) => o.name === scoreOutput)!;
    const act = activationOf(nodes, scoreOutput);
    const k = out.shape.length >= 2 ? out.shape[out.shape.length - 1] : out.shape.length === 1 ? 1 : undefined;
    if (act && typeof k === "number" && k >= 2) {
      probabilitiesFrom = act;
      classes = Array.from({ length: k }, (_, i) => i);
    } else if (act === "Sigmoid" && (k === 1 || out.shape.length === 1)) {
      probabilitiesFrom = act;
      classes = [0, 1];
      singleColumn = true;
    }
  }
  if (!scoreOutput) throw new Error("the model has no tensor output crossexam can read as scores");
  if (classes) labelOutput = tensors.find((o) => o.name !== scoreOutput && (o.type === "int64" || o.type === "string"))?.name;

  const kind: ModelKind = !classes ? "regressor" : classes.length <= 2 ? "binary" : "multiclass";
  return {
    inputs, outputs, kind, classes, hasZipMap: !!zipmap, scoreOutput, labelOutput,
    opsets: opsets(model), metadata: meta,
    producer: [model.producer_name, model.producer_version].filter(Boolean).join(" ") || undefined,
    featureNames: fileFeatureNames(meta),
    ...(probabilitiesFrom ? { probabilitiesFrom } : {}),
    ...(singleColumn ? { singleColumn } : {}),
    problems: fileProblems(model, outputs),
  };
}
