/**
 * @title Counterfactuals: what would flip the decision?
 * @description The smallest changes of one row that flip the decision of every model (or k of m), within constraints you state, and the nearest rows of the data with the other outcome.
 * @mode js
 */
const recourseRow = 0;
const recourse = await crossexam.counterfactuals(models, batch, {
  row: recourseRow,
  // what may not change, allowed ranges and directions (e.g. {Income: "increase"}), how many models must agree
  fixed: [], directions: {}, required: models.length,
  ...crossexam.cancellable(invalidation, progress),
});
display(crossexam.counterfactualView(recourse));
