/**
 * @title SHAP across rows
 * @description SHAP values of many rows at once: the summary (beeswarm) plot of every feature, and the dependence plot of the most important one, coloured by the feature it interacts with most.
 * @mode js
 */
const shapAll = await crossexam.shapRows(models[0], batch, {rows: 300, seed: 1, ...crossexam.cancellable(invalidation, progress)});
display(crossexam.shapSummaryPlot(shapAll));
display(crossexam.shapDependencePlot(shapAll, {feature: shapAll.values.features[shapAll.values.meanAbs.indexOf(Math.max(...shapAll.values.meanAbs))]}));
