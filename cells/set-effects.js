/**
 * @title Effect band of a set
 * @description The partial dependence of one feature in every member of the Rashomon set, and the band they span: where the band is wide, the good models disagree about the effect.
 * @mode js
 */
// needs `rashomon` (Rashomon set), `candidates` and `setData`; `on: "ale"` draws accumulated local effects instead
// the feature: the first the candidates read; put any of `candidates[0].features` here
const bandFeature = candidates[0].features[0];
const band = await crossexam.setEffects(rashomon.members, setData, bandFeature, {grid: {size: 20}, ...crossexam.cancellable(invalidation)});
display(crossexam.setEffectsPlot(band, {rug: setData.columns[bandFeature]}));
