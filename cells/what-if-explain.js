/**
 * @title Explain the edited row
 * @description Each model's prediction and SHAP values for the what-if row `whatIf`; they follow every edit of the form.
 * @mode js
 */
const whatIfShap = await crossexam.shap(models, batch, {observation: whatIf, background: 100, seed: 1, ...crossexam.cancellable(invalidation, progress)});
display(Inputs.table(whatIfShap.map((s) => ({model: s.model, prediction: s.values.prediction, average: s.values.base}))));
display(crossexam.shapPlot(whatIfShap));
