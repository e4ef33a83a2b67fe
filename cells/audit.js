/**
 * @title Audit
 * @description Runs the automated checks on the Rashomon set (error and disagreement slices, non-monotone or jagged effects, interactions, a dominant feature, SHAP prototypes) and lists the findings; clicking one makes `auditPanel` the panel that shows it.
 * @mode js
 */
// needs `rashomon` (Rashomon set), `setData` and `target`; the sample sizes keep it to a few seconds
const setAudit = await crossexam.audit(rashomon, setData, {
  target: target, repeats: 2, sampleRows: 200, interactionRows: 20, prototypes: {rows: 20, background: 20}, seed: 1,
  ...crossexam.cancellable(invalidation, progress),
});
const auditPanel = view(crossexam.auditView(setAudit));
