/**
 * @title Slider
 * @description A number input; cells that read `threshold` re-run when it moves.
 * @mode js
 */
const threshold = view(Inputs.range([0, 1], {step: 0.01, value: 0.5, label: "threshold"}));
