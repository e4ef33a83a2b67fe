// What src/plots/sets offers: views of what a set of models says as a whole — the Rashomon set's
// membership, model class reliance, effect bands, disagreement, hypothesis results and audit
// findings. Pure render functions: a result in, an element out; nothing is computed here.
export { rashomonView, type RashomonViewOptions } from "./rashomon-view";
export { mcrPlot, type McrPlotOptions } from "./mcr-plot";
export { setEffectsPlot, type SetEffectsPlotOptions } from "./set-effects-plot";
export { disagreementView, type DisagreementViewOptions } from "./disagreement-view";
export { hypothesisView, type HypothesisViewOptions } from "./hypothesis-view";
export { auditView, panelLabel, type AuditViewOptions, type ChosenPanel } from "./audit-view";
