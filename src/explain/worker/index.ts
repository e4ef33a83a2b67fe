// What src/explain/worker offers: the explainers run in a worker (Web Worker / worker_threads)
// with progress and cancellation, and the model loading that lets a worker re-create a model.
export {
  explainInWorker, inWorker, configureWorkers, closeWorkers, workerPool, threadDecisions, backgroundCalibrationSettled,
  pageCanCalibrate, onThreadDecisions, type WorkerOptions, type ThreadDecisions,
} from "./client";
export { loadModel, rememberModelSource, modelSourceOf, modelKey, specOf, type WorkerModel } from "./model-source";
export {
  WorkerPool, foregroundJobs, onForegroundChange, type PoolOptions, type WorkerAbortError, type JobRequest, type JobOutcome,
} from "./pool";
export {
  calibrateThreads, chooseThreads, clearThreadChoices, threadChoices, type CalibrateOptions,
} from "./thread-calibrate";
export {
  BackgroundCalibration, type BackgroundEntry, type BackgroundEvent, type BackgroundOptions, type BackgroundState,
} from "./background-calibration";
export { KINDS, FEATURE_KINDS, type WorkerKind, type ModelSpec } from "./protocol";
