// The hypothesis contract: a statement about models is a plain object (made by a function in
// statements.ts) and its result says in how many of the models it holds, with evidence per model.
import type { Condition } from "../explain/rashomon/conditions";

export type EffectOn = "pdp" | "ale";

interface Statement<K extends string> {
  kind: K;
  /** a readable sentence, e.g. "effect of age is increasing (PD, tolerance 0.01)" */
  text: string;
  /** the author expects it to hold in every model; `crossexam check` fails when it does not */
  expected?: boolean;
}

export interface Monotone extends Statement<"monotone"> {
  feature: string; direction: "increasing" | "decreasing"; on: EffectOn; tolerance: number;
  /** PD grid points or ALE bins (default 20) */
  resolution: number;
}
export interface EffectSign extends Statement<"effectSign"> {
  feature: string; from: number | string; to: number | string; sign: "positive" | "negative"; on: EffectOn;
}
export interface MoreImportant extends Statement<"moreImportant"> {
  a: string; b: string; loss?: string; repeats: number; seed: number;
  /** also require a's 95% interval of dropouts to lie above b's */
  separate: boolean;
}
export interface ImportanceBound extends Statement<"importance"> {
  feature: string; side: "above" | "below"; threshold: number; measure: "dropout" | "ratio"; loss?: string; repeats: number; seed: number;
}
export interface Interaction extends Statement<"interaction"> {
  a: string; b: string; above: number; rows: number; seed: number;
}
export interface SlicePerformance extends Statement<"slicePerformance"> {
  conditions: Condition[]; within: number; metric?: string;
}
export interface PredictionSide extends Statement<"predictionSide"> {
  observation: number | Record<string, unknown>; side: "above" | "below"; threshold: number;
}

/** A sampled explanation ranks the features alike under other seeds (mean Spearman ≥ minRankCorrelation). */
export interface Stable extends Statement<"stable"> {
  of: "shap" | "importance";
  /** the observation, for shap */
  row?: number;
  method?: string;
  runs: number;
  minRankCorrelation: number;
}
/** A local attribution's deletion curve beats at least `beats` of random orders. */
export interface Faithful extends Statement<"faithful"> {
  row: number;
  method?: string;
  beats: number;
  randomOrders: number;
}

export type Hypothesis = Monotone | EffectSign | MoreImportant | ImportanceBound | Interaction | SlicePerformance | PredictionSide | Stable | Faithful;

export interface ModelVerdict {
  model: string;
  holds: boolean;
  /** the numbers the verdict rests on */
  evidence: Record<string, unknown>;
}

export interface HypothesisResult {
  hypothesis: Hypothesis;
  /** k: models in which it holds */
  holds: number;
  /** m: models checked */
  of: number;
  verdict: "holds" | "fails" | "mixed";
  perModel: ModelVerdict[];
  /** names of the models in which it does not hold */
  failing: string[];
}
