// What an audit returns: findings, each a short title, the numbers behind it, and the panel that
// shows it (so the notebook can open the right explanation next to the finding).
import type { Condition } from "../explain/rashomon/conditions";

export type FindingKind =
  | "error-slice" | "disagreement-slice" | "non-monotone" | "jagged-effect" | "interaction" | "dominant-feature" | "prototypes";

export interface Panel {
  kind: "importance" | "pdp" | "ale" | "residuals" | "performance" | "shap";
  feature?: string;
  /** a second feature (interactions) */
  features?: string[];
  slice?: Condition[];
}

export interface Finding {
  kind: FindingKind;
  /** alert: act on it; warning: look at it; info: worth knowing */
  severity: "alert" | "warning" | "info";
  title: string;
  /** the numbers the finding rests on */
  detail: Record<string, unknown>;
  panel: Panel;
  /** the model the finding is about (absent for set-level findings) */
  model?: string;
}

export interface Audit {
  /** the models audited; single-model checks ran on `focus` (the set's best, or the first given) */
  models: string[];
  focus: string;
  findings: Finding[];
  params: Record<string, unknown>;
  ms: number;
}
