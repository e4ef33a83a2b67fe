// The `crossexam` namespace handed to cells (and importable as `import {…} from "crossexam"`):
// data loading, models and explanations, re-exported from their folders, plus the few adapters
// that let a cell pass a FileAttachment or its `invalidation` promise directly.
import { loadTable as loadTableFrom, toBatch, type LoadOptions as TableOptions } from "../data/index";
import { loadModel as loadModelFrom, type LoadOptions as ModelOptions, type OnnxPredictor } from "../model/index";
import { isFileAttachment, type FileAttachmentHandle } from "./file-attachment";

export const version = "0.1.0";

// the explainers: in a browser page they run in a Web Worker when they can (routed-explainers.ts)
export { featureGrid, treeShap, exactShapley, perModel, ExplainError } from "../explain/index";
import { routedExplainers } from "./routed-explainers";
export { useWorkers } from "./routed-explainers";
import { routingStats } from "./routed-explainers";
export const { modelPerformance, residuals, importance, ice, pdp, effects, ale, shap, breakdown } = routedExplainers;
export { toBatch, sample, inferSchema, DataError } from "../data/index";
export { describeModel, readTreeEnsemble } from "../model/index";
export { targetOf } from "../scaffold/index";

/** An AbortSignal that aborts when a cell's `invalidation` promise resolves. */
export function signalOf(invalidation: Promise<unknown>): AbortSignal {
  const controller = new AbortController();
  invalidation.then(() => controller.abort(new DOMException("superseded by a newer run of the cell", "AbortError")));
  return controller.signal;
}

/** Options for long work in a cell: stop when the cell is invalidated, report progress under it. */
export function cancellable(invalidation: Promise<unknown>, progress?: (fraction: number) => void) {
  return { signal: signalOf(invalidation), onProgress: progress };
}

/** Load a table: `await crossexam.loadTable(FileAttachment("../data/credit.csv"))`, or any source `loadTable` takes. */
export async function loadTable(source: FileAttachmentHandle | Parameters<typeof loadTableFrom>[0], options: TableOptions = {}) {
  if (!isFileAttachment(source)) return loadTableFrom(source, options);
  const format = options.format ?? source.name.split(".").pop();
  return loadTableFrom(await source.bytes(), { ...options, format });
}

export interface CellModelOptions extends ModelOptions {
  /** the cell's `invalidation`: the model's session is released when the cell re-runs or is deleted */
  invalidation?: Promise<unknown>;
}

/**
 * Load an ONNX model: `await crossexam.loadModel(FileAttachment("../data/models/credit/gbm.onnx"), {invalidation})`.
 * A model card beside the file (`NAME.card.json`) is used when present.
 */
export async function loadModel(source: FileAttachmentHandle | Parameters<typeof loadModelFrom>[0], options: CellModelOptions = {}): Promise<OnnxPredictor> {
  const { invalidation, ...rest } = options;
  const model = await loadModelUnowned(source, rest);
  invalidation?.then(() => model.dispose());
  return model;
}

async function loadModelUnowned(source: FileAttachmentHandle | Parameters<typeof loadModelFrom>[0], options: ModelOptions): Promise<OnnxPredictor> {
  // (the worker layer's loader is the model layer's, remembering the bytes for workers)
  if (!isFileAttachment(source)) return loadWorkerModel(source, options);
  const file = source.name.split("/").pop()!;
  const stem = file.replace(/\.onnx$/i, "");
  let card = options.card;
  if (card === undefined) {
    // the card is optional: ask the listing first, so that a model without one requests nothing
    const beside = source.sibling(`${stem}.card.json`);
    if ((await beside.exists()) !== false) card = await beside.json().catch(() => undefined) as ModelOptions["card"];
  }
  const cardName = card && typeof card === "object" ? (card as { name?: string }).name : undefined;
  const bytes = await source.bytes();
  const model = await loadModelFrom(bytes, { ...options, card, name: options.name ?? cardName ?? stem });
  // kept so that explanations can re-create the model in a worker (see routed-explainers.ts)
  rememberModelSource(model, { name: model.name, bytes, card: model.card, class: options.class, features: options.features, output: options.output, chunkSize: options.chunkSize });
  return model;
}

/** Load several models at once (in parallel), e.g. a champion and a challenger. */
export function loadModels(sources: FileAttachmentHandle[], options: CellModelOptions = {}): Promise<OnnxPredictor[]> {
  return Promise.all(sources.map((s) => loadModel(s, options)));
}

/** The columns a set of models reads, as a Batch (the explainers' input). */
export function batchFor(table: Parameters<typeof toBatch>[0], models: { features: readonly string[] } | { features: readonly string[] }[]) {
  const list = Array.isArray(models) ? models : [models];
  const features = [...new Set(list.flatMap((m) => m.features))];
  return toBatch(table, features);
}

// ---- explanations in a worker (src/explain/worker; added by the worker engineer) ----
// `crossexam.worker.loadModel(...)` loads a model that can also be sent to a worker;
// `crossexam.worker.pdp(model, data, "age", crossexam.cancellable(invalidation, progress))`, …
// run the explainers off the main thread with the in-thread signatures.
import {
  chooseThreads, closeWorkers, configureWorkers, explainInWorker, inWorker, loadModel as loadWorkerModel, rememberModelSource,
  threadDecisions,
} from "../explain/worker/index";

export { explainInWorker, rememberModelSource };

// every model `loadModel` returns can go to a worker, so `worker.loadModel` is the same function
// `worker.calibrate(model, batch)`: the thread choice for this model and batch size (timed once per session;
// pass `{workerThreads: "auto"}` to an explanation to use it); in a page that can run threads, explanations
// without `workerThreads` are calibrated in the background when idle (`worker.configure({calibrate: false})`
// switches it off) and `worker.decisions()` lists what was decided
export const worker = {
  ...inWorker, loadModel, configure: configureWorkers, close: closeWorkers, stats: routingStats, calibrate: chooseThreads,
  decisions: threadDecisions,
};
// ---- end of explanations in a worker ----

// ── Plots and the linked panel grid (owned by the panels/notebooks engineer) ─────────────────
export {
  importancePlot, pdpPlot, alePlot, shapPlot, breakdownPlot, performancePlot, residualPlot, distributionPlot, modelColors,
} from "../plots/index";
export { explorer } from "../ui/panels/index";
// ── end of plots and panel grid ──────────────────────────────────────────────────────────────

// ── champion–challenger (notebooks engineer) ──
// `await crossexam.compareModels(champion, challenger, batch, {target})`: per-row difference, the rows
// and slices where two models differ most, importance and PD side by side; `searchSlices(batch,
// perRowQuantity)` finds slices of any per-row quantity (errors, |residuals|), `sliceText` prints one.
export { compareModels, searchSlices, sliceText } from "../explain/rashomon/index";
// ── end of champion–challenger ──

// ── Rashomon sets, hypotheses, audit (owned by the Rashomon/hypotheses engineer) ─────────────
// Set math: `crossexam.rashomonSet(candidates, batch, {target, epsilon})`, then setEffects,
// modelClassReliance, disagreement / disagreementSlices, shapIntervals, friedmanH / pairwiseH.
// Hypothesis statements live under `crossexam.hypothesis.*` (monotone, effectSign, moreImportant,
// importance, interaction, slicePerformance, predictionSide): `importance` is already the
// explainer at the top level, so all statements share one namespace rather than only the clashing
// one being renamed. `check` / `checkAll` evaluate them on a model, a list or a set (k of m).
// Views draw results only: hypothesisView, rashomonView, mcrPlot, setEffectsPlot,
// disagreementView, auditView (an input: `view(crossexam.auditView(a))` is the chosen panel).
import {
  monotone as monotoneStatement, effectSign as effectSignStatement, moreImportant as moreImportantStatement,
  importance as importanceStatement, interaction as interactionStatement, slicePerformance as slicePerformanceStatement,
  predictionSide as predictionSideStatement, stable as stableStatement, faithful as faithfulStatement,
} from "../hypotheses/index";

export {
  rashomonSet, setEffects, modelClassReliance, shapIntervals, disagreement, disagreementSlices,
  friedmanH, pairwiseH, sliceRows, conditionText, parseCondition,
} from "../explain/rashomon/index";
// (compareModels, searchSlices and sliceText come from the champion–challenger block above)
export { takeRows } from "../explain/index";
export { check, checkAll, hypothesisReport } from "../hypotheses/index";
export const hypothesis = {
  monotone: monotoneStatement, effectSign: effectSignStatement, moreImportant: moreImportantStatement,
  importance: importanceStatement, interaction: interactionStatement, slicePerformance: slicePerformanceStatement,
  predictionSide: predictionSideStatement, stable: stableStatement, faithful: faithfulStatement,
};
export { audit } from "../audit/index";
export { hypothesisView, rashomonView, mcrPlot, setEffectsPlot, disagreementView, auditView, panelLabel } from "../plots/sets/index";
// ── end of Rashomon sets, hypotheses, audit ───────────────────────────────────────────────────

// ── The next questions: decision thresholds, counterfactuals, SHAP over rows, checks of explanations ──
// `crossexam.thresholds(models, batch, {target, threshold, costs: {fp, fn}, groupBy})` → thresholdPlot;
// `crossexam.counterfactuals(models, batch, {row, fixed, ranges, directions, required})` → counterfactualView;
// `crossexam.shapRows(model, batch, {rows: 500})` → shapSummaryPlot / shapDependencePlot(r, {feature});
// `crossexam.stability(seed => crossexam.shap(…, {seed}))`, `faithfulness(model, batch, shapResult, {row})`,
// `sanityCheck(model, m => crossexam.shap(m, …), {feature})` → trustLine([...checks]).
export { thresholds, counterfactuals, shapRows, stability, faithfulness, sanityCheck } from "../explain/index";
export { thresholdPlot, counterfactualView, shapSummaryPlot, shapDependencePlot, trustLine } from "../plots/index";
// ── end of the next questions ──
