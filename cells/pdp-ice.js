/**
 * @title Partial dependence and ICE
 * @description The average prediction as one feature moves (PD), over the individual curves of the rows (ICE), per model.
 * @mode js
 */
// the feature: the first the models read; put any of `models[0].features` here
const pdFeature = models[0].features[0];
const profiles = await crossexam.effects(models, batch, pdFeature, {grid: {size: 20}, rows: d3.range(0, batch.n, 10), ...crossexam.cancellable(invalidation, progress)});
display(crossexam.pdpPlot(profiles, {rug: batch.columns[pdFeature]}));
