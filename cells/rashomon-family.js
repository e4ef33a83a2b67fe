/**
 * @title Rashomon candidates
 * @description Loads the twelve near-equally good credit models (XGBoost, differing in depth, learning rate and subsampling) as `candidates`, and a seeded 500-row sample of `table` (features and `target`) as `setData`, the batch every set explanation reads.
 * @mode js
 */
// needs `table` (Load a dataset, credit.csv) and `target` (Rows to explain); the family is data/models/index.json's set "credit-Status-rashomon"
const candidates = await crossexam.loadModels([
  FileAttachment("../data/models/credit/rashomon-00.onnx"),
  FileAttachment("../data/models/credit/rashomon-01.onnx"),
  FileAttachment("../data/models/credit/rashomon-02.onnx"),
  FileAttachment("../data/models/credit/rashomon-03.onnx"),
  FileAttachment("../data/models/credit/rashomon-04.onnx"),
  FileAttachment("../data/models/credit/rashomon-05.onnx"),
  FileAttachment("../data/models/credit/rashomon-06.onnx"),
  FileAttachment("../data/models/credit/rashomon-07.onnx"),
  FileAttachment("../data/models/credit/rashomon-08.onnx"),
  FileAttachment("../data/models/credit/rashomon-09.onnx"),
  FileAttachment("../data/models/credit/rashomon-10.onnx"),
  FileAttachment("../data/models/credit/rashomon-11.onnx"),
], {invalidation});
const setData = crossexam.toBatch(crossexam.sample(table.filter(aq.escape((d) => d[target] != null)), 500, {seed: 2}).table, [...candidates[0].features, target]);
