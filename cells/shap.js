/**
 * @title SHAP values of one observation
 * @description How each feature moves one row's prediction away from the average (exact TreeSHAP for tree ensembles, sampled with standard errors otherwise).
 * @mode js
 */
const shapRow = 0;
const attributions = await crossexam.shap(models, batch, {row: shapRow, background: 100, seed: 1, ...crossexam.cancellable(invalidation, progress)});
display(crossexam.shapPlot(attributions));
