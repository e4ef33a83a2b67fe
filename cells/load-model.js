/**
 * @title Load a model
 * @description Loads one ONNX model (`model`); its model card beside the file names the features and the positive class.
 * @mode js
 */
// the session is released when this cell re-runs (invalidation)
const model = await crossexam.loadModel(FileAttachment("../data/models/credit/gbm.onnx"), {invalidation});
