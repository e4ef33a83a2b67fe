/**
 * @title Partial dependence and ICE
 * @description The average prediction as one feature moves (PD), over the individual curves of the rows (ICE), per model.
 * @mode js
 */
const pdFeature = "Income";
const profiles = await crossexam.effects(models, batch, pdFeature, {grid: {size: 20}, rows: d3.range(0, batch.n, 10), ...crossexam.cancellable(invalidation, progress)});
display(crossexam.pdpPlot(profiles, {rug: batch.columns[pdFeature]}));
