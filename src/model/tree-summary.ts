// What a file's tree ensemble looks like, for `describe`: trees, depth, leaves, features used, and
// whether its covers are evidence. The same for regressors and classifiers (any class column has
// the same trees); a tree ensemble that cannot be read says why instead of vanishing.
import { decodeModel, OnnxFormatError } from "./onnx-graph";
import type { OnnxModel } from "./onnx-schema";
import { treeDepth } from "./tree-covers";
import { readTreeEnsemble } from "./tree-ensemble";
import type { CoverEvidence } from "./types";

export interface TreeSummary {
  trees: number;
  nodes: number;
  leaves: number;
  maxDepth: number;
  /** names of the features some split reads (indices `f3` when the file does not name them) */
  featuresUsed: string[];
  /** how many features the ensemble reads in all */
  featureCount: number;
  postTransform: string;
  aggregate: "SUM" | "AVERAGE";
  covers: CoverEvidence;
}

const TREE_OPS = new Set(["TreeEnsembleRegressor", "TreeEnsembleClassifier", "TreeEnsemble"]);

/**
 * The summary of the model's tree ensemble; undefined when the graph holds none.
 * Throws (an OnnxFormatError saying why) when it holds one that cannot be read.
 */
export function summarizeTrees(source: Uint8Array | OnnxModel): TreeSummary | undefined {
  const model = source instanceof Uint8Array ? decodeModel(source) : source;
  if (!model.graph?.node.some((n) => TREE_OPS.has(n.op_type ?? ""))) return undefined;
  let e;
  try {
    // column 0 exists for every regressor and classifier; the tree shapes do not depend on it
    e = readTreeEnsemble(model, { classIndex: 0 });
  } catch (err) {
    if (!(err instanceof OnnxFormatError) || !/not a model input/.test(err.message)) throw err;
    // trees behind a scaler or encoder: name the columns by index
    e = readTreeEnsemble(model, { classIndex: 0, features: Array.from({ length: 1e5 }, (_, i) => `f${i}`) });
  }
  const used = new Set<number>();
  let nodes = 0, leaves = 0, maxDepth = 0;
  for (const t of e.trees) {
    nodes += t.feature.length;
    for (let i = 0; i < t.feature.length; i++) if (t.feature[i] < 0) leaves++; else used.add(t.feature[i]);
    maxDepth = Math.max(maxDepth, treeDepth(t));
  }
  const width = Math.max(0, ...used) + 1;
  return {
    trees: e.trees.length, nodes, leaves, maxDepth,
    featuresUsed: [...used].sort((a, b) => a - b).map((j) => e.features[j]),
    featureCount: e.features.length < 1e5 ? e.features.length : width,
    postTransform: e.postTransform, aggregate: e.aggregate, covers: e.covers,
  };
}
