/**
 * @title Rashomon ε
 * @description A slider for ε, how much worse than the best candidate a model may be and still count as "near-equally good"; the Rashomon set and everything computed from it re-run when it moves.
 * @mode js
 */
const epsilon = view(Inputs.range([0, 0.04], {step: 0.001, value: 0.01, label: "ε (loss above the best)"}));
