/**
 * @title How much to trust an explanation
 * @description Checks of one row's SHAP values: stability over seeds, faithfulness (deletion against random orders) and the model-randomisation sanity check, as one line.
 * @mode js
 */
const checkedRow = 0;
const checkedModel = models[0];
const checkedShap = await crossexam.shap(checkedModel, batch, {row: checkedRow, seed: 1});
const explanationChecks = [
  await crossexam.stability((seed) => crossexam.shap(checkedModel, batch, {row: checkedRow, method: "permutation", samples: 16, seed}), {runs: 3}),
  await crossexam.faithfulness(checkedModel, batch, checkedShap, {row: checkedRow}),
  await crossexam.sanityCheck(checkedModel, (m) => crossexam.shap(m, batch, {row: checkedRow, method: "permutation", samples: 16, background: 50}), {feature: checkedShap.values.features[0]}),
];
display(crossexam.trustLine(explanationChecks));
