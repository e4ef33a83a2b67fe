/**
 * @title Threshold and costs
 * @description Inputs for the decision-threshold panel (`decision`): the threshold, the costs of a false positive and a false negative, and the attribute to slice by.
 * @mode js
 */
const decision = view(Inputs.form({
  threshold: Inputs.range([0, 1], {label: "threshold", step: 0.01, value: 0.5}),
  fp: Inputs.number([0, 100], {label: "cost of a false positive", value: 1}),
  fn: Inputs.number([0, 100], {label: "cost of a false negative", value: 5}),
  groupBy: Inputs.select(Object.keys(batch.columns).filter((c) => !(batch.columns[c] instanceof Float64Array)), {label: "slice by"}),
}));
