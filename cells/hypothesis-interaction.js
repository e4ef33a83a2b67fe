/**
 * @title Hypothesis: two features interact
 * @description Checks in every member of the Rashomon set that Friedman's H² of a pair of features exceeds a threshold, i.e. their joint effect is not the sum of their separate effects.
 * @mode js
 */
// needs `rashomon` (Rashomon set) and `setData`; each model costs 3·rows² predictions, so keep rows small
// the first two features the members read: put the pair you suspect here
const [interactA, interactB] = rashomon.members[0].features;
const interactionCheck = await crossexam.check(
  crossexam.hypothesis.interaction(interactA, interactB, {above: 0.05, rows: 30, seed: 1}),
  rashomon, setData, crossexam.cancellable(invalidation));
display(crossexam.hypothesisView(interactionCheck));
