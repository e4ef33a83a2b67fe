/**
 * @title Break-down of one prediction
 * @description The prediction of one row built up feature by feature from the average, in the order that explains the most first.
 * @mode js
 */
const breakdownRow = 0;
const steps = await crossexam.breakdown(models, batch, {row: breakdownRow, background: 100, seed: 1, ...crossexam.cancellable(invalidation, progress)});
display(crossexam.breakdownPlot(steps));
