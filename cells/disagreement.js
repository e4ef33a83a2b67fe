/**
 * @title Disagreement in a set
 * @description Where the members of the Rashomon set disagree: per-row spread of their predictions, the share of rows whose predicted class depends on the model, and the slices of data where they disagree most.
 * @mode js
 */
// needs `rashomon` (Rashomon set) and `setData`; slices are one or two conditions with at least 5% of the rows
const setDisagreement = await crossexam.disagreement(rashomon.members, setData, crossexam.cancellable(invalidation));
const disagreeSlices = await crossexam.disagreementSlices(setDisagreement, setData, {minSupport: 0.05, top: 6});
display(crossexam.disagreementView(setDisagreement, {slices: disagreeSlices}));
