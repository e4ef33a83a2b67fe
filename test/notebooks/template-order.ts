// The order in which ready-made cells can be added to a new notebook: each after the templates
// whose names it reads (shared by the headless test of cells/ and the browser test of the menu).
// what each template reads from cells before it (templates not listed need nothing)
const explained = ["load-dataset", "load-models", "explain-rows"];
export const NEEDS: Record<string, string[]> = {
  "explain-rows": ["load-dataset", "load-models"],
  performance: explained, residuals: explained, importance: explained, "pdp-ice": explained, ale: explained,
  shap: explained, breakdown: explained, "what-if-form": explained, "what-if-explain": [...explained, "what-if-form"],
  "panel-grid": explained,
  // the Rashomon set and what is asked of it
  "rashomon-family": explained,
  "rashomon-set": ["rashomon-family", "epsilon-input"],
  mcr: ["rashomon-set"], "set-effects": ["rashomon-set"], disagreement: ["rashomon-set"],
  "hypothesis-monotone": ["rashomon-set"], "hypothesis-importance": ["rashomon-set"], "hypothesis-interaction": ["rashomon-set"],
  audit: ["rashomon-set"],
  // the next questions
  "threshold-inputs": explained, threshold: [...explained, "threshold-inputs"], counterfactual: explained,
  "shap-summary": explained, "explanation-checks": explained,
};
/** Templates in an order where each comes after what it needs, each once. */
export function withNeeds(ids: string[]): string[] {
  const out: string[] = [];
  const visit = (id: string) => {
    for (const need of NEEDS[id] ?? []) visit(need);
    if (!out.includes(id)) out.push(id);
  };
  ids.forEach(visit);
  return out;
}

