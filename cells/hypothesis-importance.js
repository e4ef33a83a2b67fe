/**
 * @title Hypothesis: A is more important than B
 * @description Checks in every member of the Rashomon set that permuting one feature costs more loss than permuting another (permutation dropout, with 95% intervals over repeats).
 * @mode js
 */
// needs `rashomon` (Rashomon set), `setData` and `target`; `separate: true` also asks the intervals not to overlap
// the first two features the members read: put the two you expect here (and `expected: true` to make `crossexam check` fail when it does not hold)
const [moreImportant, lessImportant] = rashomon.members[0].features;
const importanceCheck = await crossexam.check(
  crossexam.hypothesis.moreImportant(moreImportant, lessImportant, {repeats: 3, seed: 1}),
  rashomon, setData, {target: target, ...crossexam.cancellable(invalidation)});
display(crossexam.hypothesisView(importanceCheck));
