// What src/hypotheses offers: statements about models as plain objects, `check` to evaluate one on
// one model, a list or a Rashomon set (k of m models), and a report for display and for `crossexam check`.
export type { EffectOn, Hypothesis, HypothesisResult, ModelVerdict, Monotone, EffectSign, MoreImportant, ImportanceBound, Interaction, SlicePerformance, PredictionSide, Stable, Faithful } from "./types";
export { monotone, effectSign, moreImportant, importance, interaction, slicePerformance, predictionSide, stable, faithful } from "./statements";
export { check, checkAll, modelList, type Models } from "./check";
export { evaluate, validate, type CheckOptions, type Verdict } from "./evaluate";
export { hypothesisReport, isHypothesisResult, type HypothesisReport, type HypothesisRow } from "./report";
