/**
 * @title Rashomon set
 * @description The candidates whose loss is within ε of the best (`rashomon`: members, excluded, threshold), drawn as each candidate's loss against the threshold.
 * @mode js
 */
// needs `candidates`, `setData` (Rashomon candidates), `target` and `epsilon` (Rashomon ε); the loss is 1 − AUC for classifiers, RMSE for regressors
const rashomon = await crossexam.rashomonSet(candidates, setData, {target: target, epsilon, ...crossexam.cancellable(invalidation)});
display(crossexam.rashomonView(rashomon));
