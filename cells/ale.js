/**
 * @title Accumulated local effects
 * @description A feature's effect measured from local differences, so correlated features do not push the model outside the data (compare with PD).
 * @mode js
 */
// the feature: the first the models read; put any of `models[0].features` here
const aleFeature = models[0].features[0];
const localEffects = await crossexam.ale(models, batch, aleFeature, {bins: 20, ...crossexam.cancellable(invalidation, progress)});
display(crossexam.alePlot(localEffects));
