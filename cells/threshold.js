/**
 * @title Decision threshold
 * @description Where the threshold bites: precision, recall and FPR over thresholds, the cost-weighted optimum, the confusion matrix, and selection rate, TPR and FPR per slice, for every model.
 * @mode js
 */
// needs `decision` (Threshold and costs), `models`, `batch` and `target`
const thresholdAnalysis = await crossexam.thresholds(models.filter((m) => m.task === "classification"), batch, {
  target, threshold: decision.threshold, costs: {fp: decision.fp, fn: decision.fn}, groupBy: decision.groupBy,
  ...crossexam.cancellable(invalidation, progress),
});
display(crossexam.thresholdPlot(thresholdAnalysis));
