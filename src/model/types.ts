// The contracts every model-agnostic part of crossexam is written against.
// An ONNX model, a closed-form test function and a member of a model set all satisfy `Predictor`.

/** One column of a batch: numbers as typed arrays (NaN = missing); categories as strings (null = missing). */
export type Column = Float64Array | Float32Array | ReadonlyArray<number | string | boolean | null>;

/** A batch of rows held column-wise: `n` rows, one array of length `n` per feature. */
export interface Batch {
  readonly n: number;
  readonly columns: Readonly<Record<string, Column>>;
}

export interface PredictOptions {
  /** abort when the requesting cell is invalidated */
  signal?: AbortSignal;
  /** fraction done in [0, 1], called between chunks */
  onProgress?: (fraction: number) => void;
}

/** A model as the explainers see it: a batch of columns in, one score per row out. */
export interface Predictor {
  /** a short, unique label used in results, legends and hypotheses */
  readonly name: string;
  /** the feature columns the model reads, in its own order */
  readonly features: readonly string[];
  /** what a score is: a regression value or the probability of `positiveClass` */
  readonly task: "regression" | "classification";
  readonly positiveClass?: string | number;
  predict(batch: Batch, options?: PredictOptions): Promise<Float64Array>;
}

/**
 * A tree ensemble read out of an ONNX TreeEnsembleRegressor/Classifier, as plain arrays.
 * Node arrays are indexed by node position within a tree; a leaf has `feature[i] === -1`.
 * A sample goes to `left[i]` when the split test is true (ONNX's "true" branch).
 */
export interface Tree {
  feature: Int32Array;
  threshold: Float64Array;
  /** ONNX node mode of each branch: BRANCH_LEQ, BRANCH_LT, BRANCH_GTE, BRANCH_GT, BRANCH_EQ, BRANCH_NEQ, or LEAF */
  mode: string[];
  left: Int32Array;
  right: Int32Array;
  /** 1 where a missing value follows the true branch */
  missingTrue: Uint8Array;
  /** leaf value for the chosen target/class (0 for branches) */
  value: Float64Array;
  /** cover of each node (nodes_hitrates, or counted from data); NaN when unknown. Trust it only when `TreeEnsemble.covers.valid` */
  cover: Float64Array;
}

/**
 * Whether the node covers can stand for the training distribution (path-dependent TreeSHAP needs them):
 * `valid` only when every branch's cover is positive and equals the sum of its children's; `reason` says why or why not.
 */
export interface CoverEvidence {
  valid: boolean;
  reason: string;
  /** where valid covers came from: the file's nodes_hitrates, or rows of a table routed through the trees */
  source?: "file" | "data";
  /** rows counted, when `source` is "data" */
  rows?: number;
  /** what those rows were (a file name, or "the given table") */
  from?: string;
}

export interface TreeEnsemble {
  trees: Tree[];
  /** the model's input features, by index as used in `Tree.feature` */
  features: string[];
  base: number;
  /** SUM or AVERAGE over trees */
  aggregate: "SUM" | "AVERAGE";
  /** transform applied after aggregation (NONE, LOGISTIC, SOFTMAX, …); explanations are in the raw (margin) space */
  postTransform: string;
  /** what the node covers are worth (see CoverEvidence) */
  covers: CoverEvidence;
  /** the same as `covers.valid` (kept for readers written before `covers`) */
  hasCover: boolean;
}
