/**
 * @title Permutation importance
 * @description How much each model's loss grows when one feature is shuffled (repeated, with whiskers over the repeats).
 * @mode js
 */
const importances = await crossexam.importance(models, batch, {target, repeats: 5, seed: 1, ...crossexam.cancellable(invalidation, progress)});
display(crossexam.importancePlot(importances));
