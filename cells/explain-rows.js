/**
 * @title Rows to explain
 * @description A seeded sample of `table` as the columnar batch the explainers read (`batch`), holding every feature the models read and the `target`.
 * @mode js
 */
// needs `table` (Load a dataset) and `models` (Load several models); 500 rows keep every explanation quick
const target = "Status";
const batch = crossexam.toBatch(crossexam.sample(table, 500, {seed: 1}).table, [...new Set(models.flatMap((m) => m.features)), target]);
