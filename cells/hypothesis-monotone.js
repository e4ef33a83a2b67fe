/**
 * @title Hypothesis: an effect is monotone
 * @description Checks in every member of the Rashomon set that the partial dependence of a feature only falls (or only rises), within a tolerance; shows in how many models it holds and each model's curve.
 * @mode js
 */
// needs `rashomon` (Rashomon set) and `setData`; `expected: true` makes `crossexam check` fail when it does not hold in every model
// the first feature the members read: put the one whose direction you expect here
const monotoneFeature = rashomon.members[0].features[0];
const monotoneCheck = await crossexam.check(
  crossexam.hypothesis.monotone(monotoneFeature, "decreasing", {tolerance: 0.05}),
  rashomon, setData, crossexam.cancellable(invalidation));
display(crossexam.hypothesisView(monotoneCheck));
