/**
 * @title Model performance
 * @description How well each model fits the rows: AUC, log loss, Brier and ROC/PR curves (classification) or RMSE, MAE, R² (regression).
 * @mode js
 */
const fit = await crossexam.modelPerformance(models, batch, {target, ...crossexam.cancellable(invalidation, progress)});
display(crossexam.performancePlot(fit));
