/**
 * @title Hypothesis: A is more important than B
 * @description Checks in every member of the Rashomon set that permuting one feature costs more loss than permuting another (permutation dropout, with 95% intervals over repeats).
 * @mode js
 */
// needs `rashomon` (Rashomon set), `setData` and `setTarget`; `separate: true` also asks the intervals not to overlap
const importanceCheck = await crossexam.check(
  crossexam.hypothesis.moreImportant("Income", "Expenses", {repeats: 3, seed: 1, expected: true}),
  rashomon, setData, {target: setTarget, ...crossexam.cancellable(invalidation)});
display(crossexam.hypothesisView(importanceCheck));
