// Handing a model's trees to exact TreeSHAP: only when the trees read the model input directly
// (no scaler or encoder in between), and with rows encoded exactly as the session sees them
// (category codes, training-time fills for missing values, float32).
import type { InputPlan } from "./input-mapping";
import { encodeInputs } from "./input-mapping";
import type { OnnxModel } from "./onnx-schema";
import { readTreeEnsemble } from "./tree-ensemble";
import type { Batch, TreeEnsemble } from "./types";

const TREE_OPS = new Set(["TreeEnsembleRegressor", "TreeEnsembleClassifier"]);

/** The model's tree ensemble over its input features, or undefined when the trees don't read the input as given. */
export function directTreeEnsemble(model: OnnxModel, plan: InputPlan, classIndex?: number): TreeEnsemble | undefined {
  const node = model.graph?.node.find((n) => TREE_OPS.has(n.op_type ?? ""));
  if (!node || plan.bindings.length !== 1) return undefined;
  const input = plan.bindings[0];
  if (input.rank !== 2 || node.input?.[0] !== input.name) return undefined;
  try {
    return readTreeEnsemble(model, { classIndex, features: input.features });
  } catch {
    return undefined;
  }
}

/** The batch as the trees see it: one numeric column per input feature. */
export function encodeForTrees(plan: InputPlan, batch: Batch): Batch {
  const [encoded] = encodeInputs(plan, batch);
  const features = plan.bindings[0].features;
  const p = features.length;
  const data = encoded.data as ArrayLike<number>;
  const columns: Record<string, Float64Array> = Object.create(null);
  features.forEach((f, j) => {
    const col = new Float64Array(batch.n);
    for (let r = 0; r < batch.n; r++) col[r] = Number(data[r * p + j]);
    columns[f] = col;
  });
  return { n: batch.n, columns };
}
