/**
 * @title Accumulated local effects
 * @description A feature's effect measured from local differences, so correlated features do not push the model outside the data (compare with PD).
 * @mode js
 */
const aleFeature = "Income";
const localEffects = await crossexam.ale(models, batch, aleFeature, {bins: 20, ...crossexam.cancellable(invalidation, progress)});
display(crossexam.alePlot(localEffects));
