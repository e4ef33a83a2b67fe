/**
 * @title Load a model
 * @description Loads one ONNX model as `models`, a list of one (the name every explanation reads); its model card beside the file names the features and the positive class.
 * @mode js
 */
// the session is released when this cell re-runs (invalidation); without a card, pass `features: [...]` in input order
const models = [await crossexam.loadModel(FileAttachment("../data/models/credit/gbm.onnx"), {invalidation})];
