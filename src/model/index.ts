// src/model: running ONNX models as Predictors, reading what a model file holds.
export type { Batch, Column, PredictOptions, Predictor, Tree, TreeEnsemble } from "./types";
// loading and predicting
export { loadModel, type LoadOptions, type ModelPredictOptions, type OnnxPredictor } from "./predictor";
export { PredictionCache } from "./prediction-cache";
// sessions (Node and browser)
export {
  createSession, disposeSession, instanceThreads, loadOrt, openSession, readModelBytes, type ModelSource, type SessionOptions,
} from "./onnx-session";
export {
  batchBucket, decideThreads, defaultChoice, MIN_CALIBRATED_ROWS, ThreadChoices, type KeptChoice, type ThreadCandidate, type ThreadChoice, type ThreadDecisionOptions, type ThreadTimings,
} from "./thread-calibration";
// what a model is
export { describeModel, type ModelDescription, type ModelKind } from "./describe";
export { cardFeatureOrder, parseCard, type CardFeature, type ModelCard } from "./card";
// the ONNX file itself
export {
  attributes, decodeModel, fileFeatureNames, graphInputs, graphOutputs, metadata, OnnxFormatError, opsets, rewriteZipMap,
  type ValueDescription, type ZipMapRewrite,
} from "./onnx-graph";
export { readTreeEnsemble, type ReadTreeOptions } from "./tree-ensemble";
// columns → input tensors
export {
  checkColumns, encodeInputs, InputMappingError, planInputs,
  type EncodedInput, type InputBinding, type InputPlan, type PlanOptions,
} from "./input-mapping";
