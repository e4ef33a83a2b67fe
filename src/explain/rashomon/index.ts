// What src/explain/rashomon offers: a set of near-optimal models and what the set as a whole says —
// membership, effect bands, model class reliance, SHAP intervals, disagreement and where it lives,
// champion–challenger differences, and Friedman's H interaction statistic.
export { rashomonSet, type RashomonOptions, type RashomonSet, type RashomonScore } from "./set";
export { cachedPredict, predictAll } from "./predictions";
export { closeMemberWorkers, memberChunks, memberWorkers, NODE_SPREAD_EVALUATIONS, spreadCount, spreadMembers, type SpreadOptions } from "./spread";
export { setEffects, type SetEffects, type SetEffectOptions, type BandPoint } from "./bands";
export { modelClassReliance, type ModelClassReliance, type FeatureReliance, type RelianceOptions } from "./reliance";
export { shapIntervals, type ShapIntervals, type ShapInterval } from "./shap-intervals";
export { disagreement, disagreementSlices, type Disagreement, type DisagreementOptions, type DisagreementSliceOptions } from "./disagreement";
export { compareModels, type Comparison, type CompareOptions } from "./compare";
export { friedmanH, pairwiseH, type FriedmanH, type FriedmanOptions } from "./friedman";
export { searchSlices, candidateConditions, type Slice, type SliceSearchOptions } from "./slices";
export { conditionMask, conditionText, parseCondition, sliceRows, sliceText, toCondition, type Condition, type Operator } from "./conditions";
export { lossOf, mean, outcome, rowErrors, sd, summary, type Summary } from "./stats";
