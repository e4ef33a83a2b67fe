/**
 * @title Rows to explain
 * @description A seeded sample of `table` as the columnar batch the explainers read (`batch`), holding every feature the models read and the `target` (from the models' card, or the one column they do not read).
 * @mode js
 */
// needs `table` (Load a dataset) and `models` (Load a model, Load several models); 500 rows keep every explanation quick
// the target: the models' card names it, else it is the one column of `table` no model reads
const target = crossexam.targetOf(models, table);
const labelled = table.filter(aq.escape((d) => d[target] != null));
const batch = crossexam.toBatch(crossexam.sample(labelled, 500, {seed: 1}).table, [...new Set(models.flatMap((m) => m.features)), target]);
