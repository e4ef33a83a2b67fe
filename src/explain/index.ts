// What src/explain offers: model-agnostic explanations over a Predictor and a Batch,
// each returning plain `Explanation` data (one per model when given a set).
export type { Explanation, ExplanationKind } from "./types";
export { ExplainError } from "./errors";
export { perModel, type RunOptions } from "./models";
export { takeRows, tile, withColumns, concat, isNumeric } from "./batch";
export { rng, permutation, sampleIndices } from "./random";

// model fit
export {
  modelPerformance, scorePerformance, auc, logLoss, brier, accuracy, confusion, curves, mse, rmse, mae, r2,
  binaryLabels, numericTarget,
  type PerformanceValues, type RegressionPerformance, type ClassificationPerformance, type PerformanceOptions, type Confusion, type Curves,
} from "./performance";
export { residuals, type ResidualValues, type ResidualOptions } from "./residuals";

// global importance
export { importance, oneHotGroups, drawPermutations, resolveLoss, type ImportanceValues, type FeatureImportance, type ImportanceOptions, type LossName } from "./importance";

// feature effects
export { featureGrid, quantile, levelsByFrequency, type Grid, type GridOptions } from "./grid";
export { ice, type IceValues, type EffectOptions, type IceStreamOptions } from "./ice";
export { pdp, effects, type PdpValues, type Effects } from "./pdp";
export { ale, ksDistance, levelDistances, mdsOrder, type AleValues, type NumericAleValues, type CategoricalAleValues, type AleOptions } from "./ale";

// local explanations (SHAP, break-down; written by the other explain engineer)
export { shap, chooseMethod, SHAP_METHODS, type ShapValues, type ShapOptions, type ShapMethod, type ShapRequest, type TreeAware } from "./shap";
export { exactShapley, MAX_EXACT_FEATURES, type ShapleyResult } from "./shapley";
export { treeShap, treeShapBatch, expectedValue, marginPrediction, ensembleRows, type TreeShapValues, type TreeShapBatch } from "./treeshap";
export { interventionalTreeShap, type InterventionalShap, type InterventionalOptions } from "./treeshap-interventional";
export { coversFromData, coversLabel } from "./tree-covers";
export { treeFidelity, treeSpace, type TreeFidelity } from "./tree-fidelity";
export { resolveObservation, resolveBackground, DEFAULT_BACKGROUND, type ObservationOptions } from "./shap-inputs";
export { breakdown, type BreakdownValues, type BreakdownStep, type BreakdownOptions } from "./breakdown";
export { permutationShapley, type SampledShapley } from "./shap-permutation";
export { kernelShapley } from "./shap-kernel";

// the next questions: thresholds, counterfactuals, SHAP over rows, checks of explanations
export { thresholds, scoreThresholds, thresholdMetrics, optimalThreshold, type ThresholdValues, type ThresholdOptions, type ThresholdMetrics } from "./threshold";
export { counterfactuals, type CounterfactualValues, type CounterfactualOptions, type Counterfactual } from "./counterfactual/index";
export { shapRows, strongestInteraction, type ShapRowsValues, type ShapRowsOptions } from "./shap-rows";
export { stability, faithfulness, sanityCheck, randomiseDependence, type StabilityValues, type FaithfulnessValues, type SanityValues } from "./checks/index";
