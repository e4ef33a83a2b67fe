// The one shape every explanation result takes: plain, serialisable data that plots,
// hypotheses and notebook diffs read without knowing how it was computed.

export type ExplanationKind =
  | "performance" | "residuals" | "importance" | "pdp" | "ice" | "ale"
  | "shap" | "breakdown" | "threshold" | "counterfactual" | "check";

export interface Explanation<V = unknown> {
  kind: ExplanationKind;
  /** the Predictor's name */
  model: string;
  feature?: string;
  /** row index, or the observation itself when it was edited (what-if) */
  observation?: number | Record<string, unknown>;
  /** how it was computed: method, grid, repeats, seed, background size … */
  params: Record<string, unknown>;
  values: V;
  /** Monte-Carlo standard errors, shaped like `values` where it applies */
  se?: unknown;
  /** rows sent to the model */
  evaluations: number;
  ms: number;
}
