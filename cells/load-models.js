/**
 * @title Load several models
 * @description Loads a list of ONNX models (`models`), e.g. a champion and its challengers; every explanation then draws one layer per model.
 * @mode js
 */
const models = await crossexam.loadModels([
  FileAttachment("../data/models/credit/gbm.onnx"),
  FileAttachment("../data/models/credit/xgb.onnx"),
  FileAttachment("../data/models/credit/linear.onnx"),
], {invalidation});
