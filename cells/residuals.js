/**
 * @title Residuals
 * @description Observed minus predicted for every row and model, against the prediction (or a feature: set `against`), with the binned mean residual.
 * @mode js
 */
const errors = await crossexam.residuals(models, batch, {target, ...crossexam.cancellable(invalidation, progress)});
display(crossexam.residualPlot(errors, {against: "prediction"}));
